// Sample: a worker pool whose jobs channel is never closed.
//
// want CH1003 at 20:4
// runtime: LEAK
package main

import (
	"fmt"
	"strings"

	"conclint.example/leaks/internal/leakcheck"
)

// upperAll converts words with a pool of workers.
func upperAll(words []string, workers int) []string {
	jobs := make(chan string)
	out := make(chan string)
	for i := 0; i < workers; i++ {
		go func() {
			for w := range jobs {
				out <- strings.ToUpper(w)
			}
		}()
	}
	go func() {
		for _, w := range words {
			jobs <- w
		}
	}()
	res := make([]string, 0, len(words))
	for range words {
		res = append(res, <-out)
	}
	return res
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println(len(upperAll([]string{"a", "b", "c", "d"}, 3)))
	leakcheck.Report(base)
}
