// Look-alike: the pipeline's stages stop when the consumer closes done.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

func generate(done <-chan struct{}, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func square(done <-chan struct{}, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- n * n:
			case <-done:
				return
			}
		}
	}()
	return out
}

// firstSquareOver returns the first square above limit.
func firstSquareOver(limit int, nums ...int) int {
	done := make(chan struct{})
	defer close(done)
	for sq := range square(done, generate(done, nums...)) {
		if sq > limit {
			return sq
		}
	}
	return -1
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println(firstSquareOver(3, 1, 2, 3, 4, 5))
	leakcheck.Report(base)
}
