// Sample: a worker pool whose workers all write their results into one map.
//
// want MR1001 at 28:5
// race lines: 28
// runtime: DATA RACE
package main

import (
	"fmt"
	"strings"
	"sync"
)

func work(job string) int {
	return len(strings.ToUpper(job))
}

// process runs the jobs on n workers and collects the results by job.
func process(jobs []string, n int) map[string]int {
	results := make(map[string]int)
	queue := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range queue {
				results[job] = work(job)
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	wg.Wait()
	return results
}

func main() {
	fmt.Println(len(process([]string{"a", "bb", "ccc", "dddd", "eeeee", "f", "g", "h"}, 4)))
}
