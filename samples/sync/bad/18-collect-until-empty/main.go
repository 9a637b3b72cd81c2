// Sample: results are collected until the channel looks empty; the
// workers are slower than the collector, so most results are dropped.
//
// want CH1103 at 29:6
// runtime: DEFECT
package main

import (
	"fmt"
	"time"
)

func square(n int) int {
	time.Sleep(time.Duration(n) * 10 * time.Millisecond)
	return n * n
}

// collect starts one worker per input and gathers their results.
func collect(inputs []int) []int {
	results := make(chan int, len(inputs))
	for _, n := range inputs {
		go func(n int) {
			results <- square(n)
		}(n)
	}
	time.Sleep(5 * time.Millisecond) // give the workers a head start
	var out []int
	for {
		if len(results) == 0 {
			break
		}
		out = append(out, <-results)
	}
	return out
}

func main() {
	inputs := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	got := collect(inputs)
	fmt.Printf("collected %d of %d results\n", len(got), len(inputs))
	if len(got) != len(inputs) {
		fmt.Println("DEFECT: results dropped")
	}
}
