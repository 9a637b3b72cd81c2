// Look-alike: the results channel is closed only after every fetcher is done.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

func fetch(url string, delay time.Duration) string {
	time.Sleep(delay)
	return "body of " + url
}

// gather collects what every fetcher returns.
func gather(urls []string) []string {
	results := make(chan string, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func(u string, delay time.Duration) {
			defer wg.Done()
			results <- fetch(u, delay)
		}(u, time.Duration(i)*10*time.Millisecond)
	}
	wg.Wait()
	close(results)
	var out []string
	for r := range results {
		out = append(out, r)
	}
	return out
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println(len(gather([]string{"a", "b"})))
	leakcheck.Report(base)
}
