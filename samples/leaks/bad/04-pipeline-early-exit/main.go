// Sample: a pipeline whose consumer stops after the first value; both stages block.
//
// want CH1001 at 18:4
// want CH1001 at 29:4
// runtime: LEAK
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

func generate(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

// firstSquareOver returns the first square above limit.
func firstSquareOver(limit int, nums ...int) int {
	for sq := range square(generate(nums...)) {
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
