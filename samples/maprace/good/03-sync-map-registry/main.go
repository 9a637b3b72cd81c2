// Sample: plugins register into a sync.Map, which is safe for concurrent use.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

var registry sync.Map

// Register makes a plugin available by name.
func Register(name string, f func() string) {
	registry.Store(name, f)
}

func main() {
	var wg sync.WaitGroup
	for _, n := range []string{"a", "b"} {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			Register(n, func() string { return n })
		}(n)
	}
	_, ok := registry.Load("a")
	wg.Wait()
	fmt.Println(ok || !ok)
}
