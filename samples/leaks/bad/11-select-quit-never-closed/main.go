// Sample: a worker loop selects on jobs and quit; its owner returns without closing quit.
//
// want CH1004 at 21:4
// runtime: LEAK
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

type job func() string

// process hands every job to a background worker.
func process(jobs []job) {
	in := make(chan job)
	quit := make(chan struct{})
	go func() {
		for {
			select {
			case j := <-in:
				fmt.Println(j())
			case <-quit:
				return
			}
		}
	}()
	for _, j := range jobs {
		in <- j
	}
}

func main() {
	base := leakcheck.Baseline()
	process([]job{func() string { return "one" }, func() string { return "two" }})
	leakcheck.Report(base)
}
