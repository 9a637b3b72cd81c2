// Look-alike: merging sets drained inputs to nil and stops when both are.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

func send(vals []int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, v := range vals {
			ch <- v
		}
	}()
	return ch
}

// merge interleaves a and b until both are closed.
func merge(a, b <-chan int) []int {
	var out []int
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out = append(out, v)
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out = append(out, v)
		}
	}
	return out
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println(len(merge(send([]int{1, 2}), send([]int{3}))))
	leakcheck.Report(base)
}
