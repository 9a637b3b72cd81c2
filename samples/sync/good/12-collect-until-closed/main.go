// Look-alike: the senders' channel is closed once they are all done, and
// the collector ranges over it; len is only used to size the result.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"time"
)

func square(n int) int {
	time.Sleep(time.Duration(n) * time.Millisecond)
	return n * n
}

func collect(inputs []int) []int {
	results := make(chan int, len(inputs))
	var wg sync.WaitGroup
	for _, n := range inputs {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			results <- square(n)
		}(n)
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	out := make([]int, 0, cap(results))
	for r := range results {
		out = append(out, r)
	}
	return out
}

func main() {
	inputs := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	got := collect(inputs)
	fmt.Printf("collected %d of %d results\n", len(got), len(inputs))
	if len(got) != len(inputs) {
		fmt.Println("DEFECT: results dropped")
	}
}
