// Look-alike: every error is received before the first one is returned.
//
// want nothing
// runtime: ok
package main

import (
	"errors"
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

type task struct {
	id   int
	fail bool
}

func (t task) run() error {
	if t.fail {
		return fmt.Errorf("task %d: %w", t.id, errors.New("broken"))
	}
	return nil
}

// runAll runs the tasks concurrently and returns the first error.
func runAll(tasks []task) error {
	errc := make(chan error)
	for _, t := range tasks {
		go func(t task) {
			errc <- t.run()
		}(t)
	}
	var first error
	for range tasks {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println("runAll:", runAll([]task{{id: 1, fail: true}, {id: 2}, {id: 3}}))
	leakcheck.Report(base)
}
