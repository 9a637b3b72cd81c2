// Sample: each goroutine counts into its own map and sends the result back.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"strings"
)

func count(text string, out chan<- map[string]int) {
	counts := map[string]int{}
	for _, w := range strings.Fields(text) {
		counts[w]++
	}
	out <- counts
}

func main() {
	texts := []string{"a b a", "b c", "c c a"}
	out := make(chan map[string]int)
	for _, t := range texts {
		go count(t, out)
	}
	total := map[string]int{}
	for range texts {
		for w, n := range <-out {
			total[w] += n
		}
	}
	fmt.Println(total["a"], total["c"])
}
