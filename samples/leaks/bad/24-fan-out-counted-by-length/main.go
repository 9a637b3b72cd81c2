// Sample: a fan-out counts its workers with wg.Add(len(urls)) before the
// loop that starts them, and returns at the first error: the workers
// still sending a size or an error block for ever on the unbuffered
// channels, and so does the goroutine waiting to close sizes.
//
// want CH1001 at 39:5
// want CH1001 at 42:4
// want WG1001 at 46:3
// runtime: LEAK
package main

import (
	"fmt"
	"strings"
	"sync"

	"conclint.example/leaks/internal/leakcheck"
)

// size stands for an HTTP HEAD request: an error for an empty URL.
func size(url string) (int, error) {
	if url == "" {
		return 0, fmt.Errorf("empty url")
	}
	return len(url), nil
}

// sizes fetches every URL at once and returns their sizes.
func sizes(urls []string) ([]int, error) {
	var wg sync.WaitGroup
	results := make(chan int)
	errs := make(chan error)
	wg.Add(len(urls))
	for _, u := range urls {
		go func(u string) {
			defer wg.Done()
			n, err := size(u)
			if err != nil {
				errs <- err
				return
			}
			results <- n
		}(u)
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var out []int
	for {
		select {
		case n, ok := <-results:
			if !ok {
				return out, nil
			}
			out = append(out, n)
		case err := <-errs:
			return nil, err
		}
	}
}

func main() {
	base := leakcheck.Baseline()
	_, err := sizes(strings.Split("a.example,,b.example,,c.example", ","))
	fmt.Println(err)
	leakcheck.Report(base)
}
