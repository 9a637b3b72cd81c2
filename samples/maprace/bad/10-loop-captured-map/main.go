// Sample: goroutines started in a loop mark URLs as seen in a map they all capture.
//
// want MR1001 at 20:4
// race lines: 20
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

func crawl(urls []string) map[string]bool {
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			seen[u] = true
		}(u)
	}
	wg.Wait()
	return seen
}

func main() {
	fmt.Println(len(crawl([]string{"a", "b", "c", "d"})))
}
