// Sample: the outer map is read under the lock, but the inner map is written after the unlock.
//
// want MR1001 at 24:2
// race lines: 24
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

// Index maps a tenant to its key-value settings.
type Index struct {
	mu      sync.Mutex
	tenants map[string]map[string]string
}

// Set stores one setting of a tenant.
func (x *Index) Set(tenant, key, value string) {
	x.mu.Lock()
	settings := x.tenants[tenant]
	x.mu.Unlock()
	settings[key] = value
}

func main() {
	x := &Index{tenants: map[string]map[string]string{"t": {}}}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			x.Set("t", fmt.Sprint(i), "v")
		}(i)
	}
	wg.Wait()
	fmt.Println(len(x.tenants["t"]))
}
