// Sample: a refresh loop without an exit, started once per client.
//
// want GR1001 at 24:3
// runtime: LEAK
package main

import (
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

type client struct {
	refreshes int
}

func (c *client) refresh() {
	c.refreshes++
}

// startRefresh refreshes the client's token at every interval, forever.
func (c *client) startRefresh(every time.Duration) {
	go func() {
		for {
			time.Sleep(every)
			c.refresh()
		}
	}()
}

func main() {
	base := leakcheck.Baseline()
	for i := 0; i < 2; i++ {
		c := &client{}
		c.startRefresh(time.Millisecond)
	}
	leakcheck.Report(base)
}
