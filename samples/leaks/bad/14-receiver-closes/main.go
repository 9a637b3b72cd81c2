// Sample: the receiver closes the channel after the first answer; the slower sender panics.
//
// want CH1007 at 18:2
// runtime: panic: send on closed channel
package main

import (
	"fmt"
	"time"
)

// faster runs a and b and returns the first result.
func faster(a, b func() string) string {
	out := make(chan string)
	go func() { out <- a() }()
	go func() { out <- b() }()
	v := <-out
	close(out)
	return v
}

func main() {
	quick := func() string { return "quick" }
	slow := func() string { time.Sleep(20 * time.Millisecond); return "slow" }
	fmt.Println(faster(quick, slow))
	time.Sleep(100 * time.Millisecond)
}
