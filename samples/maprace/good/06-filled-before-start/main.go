// Sample: the map is filled before the goroutines start and only read by them.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

func main() {
	names := map[int]string{}
	for i := 0; i < 4; i++ {
		names[i] = fmt.Sprint("worker-", i)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_ = names[i]
		}(i)
	}
	wg.Wait()
}
