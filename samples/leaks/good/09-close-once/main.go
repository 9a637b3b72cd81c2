// Look-alike: sync.Once guards the close of the failed channel.
//
// want nothing
// runtime: ok
package main

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

// anyFails reports whether some task fails within the timeout.
func anyFails(tasks []func() error, timeout time.Duration) bool {
	failed := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func(t func() error) {
			defer wg.Done()
			if t() != nil {
				once.Do(func() { close(failed) })
			}
		}(t)
	}
	defer wg.Wait()
	select {
	case <-failed:
		return true
	case <-time.After(timeout):
		return false
	}
}

func main() {
	base := leakcheck.Baseline()
	bad := func() error { return errors.New("boom") }
	fmt.Println(anyFails([]func() error{bad, bad}, time.Second))
	leakcheck.Report(base)
}
