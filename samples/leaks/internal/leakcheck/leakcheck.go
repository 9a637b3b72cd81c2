// Package leakcheck lets a sample show the goroutines it left behind.
package leakcheck

import (
	"fmt"
	"runtime"
	"time"
)

// Baseline is the number of goroutines running now.
func Baseline() int {
	return runtime.NumGoroutine()
}

// Report waits a moment for the goroutines started since baseline to end,
// and prints a LEAK line when some are still there: blocked forever, or
// running forever.
func Report(baseline int) {
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		if runtime.NumGoroutine() <= baseline {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine() - baseline; n > 0 {
		fmt.Printf("LEAK: %d goroutines still blocked or running\n", n)
	}
}
