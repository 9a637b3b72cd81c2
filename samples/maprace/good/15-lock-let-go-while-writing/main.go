// Sample: a helper called with the lock held lets it go while it writes out, and takes it back before it returns.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"io"
	"sync"
)

// Conn buffers outgoing lines and tracks its subscriptions.
type Conn struct {
	mu      sync.Mutex
	out     io.Writer
	busy    bool
	pending []string
	subs    map[string]int
}

// flush writes what is pending. The lock is held on entry and on return;
// it is let go while writing, so that subscribers are not blocked on I/O.
func (c *Conn) flush() {
	if c.busy || len(c.pending) == 0 {
		return
	}
	c.busy = true
	lines := c.pending
	c.pending = nil
	c.mu.Unlock()
	for _, l := range lines {
		fmt.Fprintln(c.out, l)
	}
	c.mu.Lock()
	c.busy = false
}

// Subscribe records a subscription and flushes its acknowledgement.
func (c *Conn) Subscribe(subject string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.subs[subject]++
	c.pending = append(c.pending, "+OK "+subject)
	c.flush()
	if c.subs[subject] > 1 {
		c.pending = append(c.pending, "+DUP "+subject)
	}
}

// Close flushes from a deferred closure and drops every subscription.
func (c *Conn) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	func() { c.flush() }()
	for s := range c.subs {
		delete(c.subs, s)
	}
}

func main() {
	c := &Conn{out: io.Discard, subs: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Subscribe(fmt.Sprintf("orders.%d", i%2))
			c.Close()
		}(i)
	}
	wg.Wait()
	fmt.Println(len(c.subs))
}
