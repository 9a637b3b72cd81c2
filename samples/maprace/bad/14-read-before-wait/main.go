// Sample: the totals are read before wg.Wait, while the goroutines may still write them.
//
// want MR1002 at 26:14
// race lines: 22 24 26
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

func main() {
	totals := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b"} {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			mu.Lock()
			totals[name] += len(name)
			mu.Unlock()
		}(name)
	}
	fmt.Println(len(totals))
	wg.Wait()
}
