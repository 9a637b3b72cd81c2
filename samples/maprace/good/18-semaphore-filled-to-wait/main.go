// Sample: four workers at a time record sizes under a mutex, each giving its semaphore slot back when done; filling every slot afterwards waits for them all before the map is written again without the lock.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

// Sizes records the length of every name, four at a time.
func Sizes(names []string) map[string]int {
	var mu sync.Mutex
	sizes := map[string]int{}
	sem := make(chan struct{}, 4)
	for _, n := range names {
		sem <- struct{}{}
		go func(n string) {
			defer func() { <-sem }()
			mu.Lock()
			sizes[n] = len(n)
			mu.Unlock()
		}(n)
	}
	// Fill the semaphore to wait for the workers to finish.
	for i := 0; i < cap(sem); i++ {
		sem <- struct{}{}
	}
	sizes["total"] = len(names)
	return sizes
}

func main() {
	fmt.Println(len(Sizes([]string{"a", "bb", "ccc", "dddd", "eeeee", "ffffff"})))
}
