// Sample: shutting down a pool whose quit channel was never made.
//
// want CH1008 at 28:2
// runtime: panic: close of nil channel
package main

import (
	"fmt"
	"sync"
)

type pool struct {
	quit chan struct{}
}

// run starts n workers and shuts the pool down.
func run(n int, work func(int)) {
	var p pool
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			work(i)
		}(i)
	}
	wg.Wait()
	close(p.quit)
}

func main() {
	run(2, func(i int) { fmt.Println("work", i) })
}
