// Sample: a bounded queue with one Cond for "not full" and "not empty"
// and Signal: a consumer's wake-up meant for the producer wakes the other
// consumer instead, and everyone ends up waiting.
//
// want SY1013 at 36:2
// want SY1013 at 47:2
// runtime: all goroutines are asleep
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

type Bounded struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
	limit int
}

func NewBounded(limit int) *Bounded {
	b := &Bounded{limit: limit}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *Bounded) Put(v int) {
	b.mu.Lock()
	for len(b.items) == b.limit {
		b.cond.Wait()
	}
	b.items = append(b.items, v)
	b.cond.Signal()
	b.mu.Unlock()
}

func (b *Bounded) Take() int {
	b.mu.Lock()
	for len(b.items) == 0 {
		b.cond.Wait()
	}
	v := b.items[0]
	b.items = b.items[1:]
	b.cond.Signal()
	b.mu.Unlock()
	return v
}

func main() {
	runtime.GOMAXPROCS(1)
	q := NewBounded(1)
	for c := 0; c < 2; c++ {
		go func(c int) {
			for {
				fmt.Printf("consumer %d took %d\n", c, q.Take())
			}
		}(c)
	}
	time.Sleep(20 * time.Millisecond) // both consumers wait for an item
	for v := 1; v <= 4; v++ {
		q.Put(v)
	}
	fmt.Println("all items delivered")
}
