// Sample: a method skips its lock when told the caller holds it, and one caller says so without holding it.
//
// want MR1001 at 26:2
// race lines: 26
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

// Replies counts the responses each reply subject may still receive.
type Replies struct {
	mu   sync.Mutex
	left map[string]int
}

// consume takes one response off subject's budget; hasLock says whether
// the caller holds r.mu.
func (r *Replies) consume(subject string, hasLock bool) {
	if !hasLock {
		r.mu.Lock()
		defer r.mu.Unlock()
	}
	r.left[subject]--
}

// Consume is the locking entry.
func (r *Replies) Consume(subject string) { r.consume(subject, false) }

// ConsumeFast was meant to be called with r.mu held; it is not.
func (r *Replies) ConsumeFast(subject string) { r.consume(subject, true) }

func main() {
	r := &Replies{left: map[string]int{"a": 100}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				r.Consume("a")
				r.ConsumeFast("a")
			}
		}()
	}
	wg.Wait()
	fmt.Println(r.left["a"])
}
