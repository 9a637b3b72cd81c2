// Sample: workers wait for a start signal that nobody sends.
//
// want CH1002 at 18:4
// runtime: LEAK
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

// prepare starts n workers that wait for a common start signal.
func prepare(n int, work func(int)) {
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		go func(i int) {
			<-start
			work(i)
		}(i)
	}
}

func main() {
	base := leakcheck.Baseline()
	prepare(3, func(i int) { fmt.Println("worker", i) })
	leakcheck.Report(base)
}
