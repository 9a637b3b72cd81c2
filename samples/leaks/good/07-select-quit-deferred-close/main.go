// Look-alike: the owner closes quit when it returns.
//
// want nothing
// runtime: ok
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
	defer close(quit)
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
