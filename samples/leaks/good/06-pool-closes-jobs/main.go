// Look-alike: a worker pool whose feeder closes the jobs channel.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"strings"
	"sync"

	"conclint.example/leaks/internal/leakcheck"
)

// upperAll converts words with a pool of workers.
func upperAll(words []string, workers int) []string {
	jobs := make(chan string)
	out := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range jobs {
				out <- strings.ToUpper(w)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, w := range words {
			jobs <- w
		}
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	var res []string
	for w := range out {
		res = append(res, w)
	}
	return res
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println(len(upperAll([]string{"a", "b", "c", "d"}, 3)))
	leakcheck.Report(base)
}
