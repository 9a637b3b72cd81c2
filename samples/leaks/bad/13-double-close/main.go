// Sample: every failing task closes the shared failed channel.
//
// want CH1006 at 19:5
// runtime: panic: close of closed channel
package main

import (
	"errors"
	"fmt"
	"time"
)

// anyFails reports whether some task fails within the timeout.
func anyFails(tasks []func() error, timeout time.Duration) bool {
	failed := make(chan struct{})
	for _, t := range tasks {
		go func(t func() error) {
			if t() != nil {
				close(failed)
			}
		}(t)
	}
	select {
	case <-failed:
		return true
	case <-time.After(timeout):
		return false
	}
}

func main() {
	bad := func() error { return errors.New("boom") }
	fmt.Println(anyFails([]func() error{bad, bad}, time.Second))
	time.Sleep(100 * time.Millisecond)
}
