// Sample: a worker pool whose workers all write their results into one map.
//
// want MR1001 at 31:5
// race lines: 31
// runtime: DATA RACE
package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// work stands for a job that waits on I/O for a moment.
func work(job string) int {
	time.Sleep(200 * time.Microsecond)
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
	// While one worker waits in work, the next job goes to another, so two
	// workers write the map with nothing ordering them, whatever the
	// machine's load (with instant jobs, one worker could take them all).
	var jobs []string
	for i := 0; i < 64; i++ {
		jobs = append(jobs, strings.Repeat("j", i%16+1))
	}
	fmt.Println(len(process(jobs, 4)))
}
