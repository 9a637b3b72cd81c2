// Sample: errgroup-like fan-out returns at the first error and strands the other workers.
//
// want CH1001 at 35:4
// runtime: LEAK
package main

import (
	"errors"
	"fmt"
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

type task struct {
	id   int
	fail bool
}

func (t task) run() error {
	time.Sleep(time.Duration(t.id) * 100 * time.Millisecond)
	if t.fail {
		return fmt.Errorf("task %d: %w", t.id, errBroken)
	}
	return nil
}

var errBroken = errors.New("broken")

// runAll runs the tasks concurrently and returns the first error.
func runAll(tasks []task) error {
	errc := make(chan error)
	for _, t := range tasks {
		go func(t task) {
			errc <- t.run()
		}(t)
	}
	for range tasks {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func main() {
	base := leakcheck.Baseline()
	err := runAll([]task{{id: 1, fail: true}, {id: 2}, {id: 3}})
	fmt.Println("runAll:", err)
	leakcheck.Report(base)
}
