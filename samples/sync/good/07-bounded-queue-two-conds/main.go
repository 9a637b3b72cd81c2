// Look-alike: a bounded queue with one Cond per condition, each waited on
// in a loop: a Signal always reaches a goroutine waiting for that
// condition.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

type Bounded struct {
	mu       sync.Mutex
	notFull  *sync.Cond
	notEmpty *sync.Cond
	items    []int
	limit    int
}

func NewBounded(limit int) *Bounded {
	b := &Bounded{limit: limit}
	b.notFull = sync.NewCond(&b.mu)
	b.notEmpty = sync.NewCond(&b.mu)
	return b
}

func (b *Bounded) Put(v int) {
	b.mu.Lock()
	for len(b.items) == b.limit {
		b.notFull.Wait()
	}
	b.items = append(b.items, v)
	b.notEmpty.Signal()
	b.mu.Unlock()
}

func (b *Bounded) Take() int {
	b.mu.Lock()
	for len(b.items) == 0 {
		b.notEmpty.Wait()
	}
	v := b.items[0]
	b.items = b.items[1:]
	b.notFull.Signal()
	b.mu.Unlock()
	return v
}

func main() {
	runtime.GOMAXPROCS(1)
	q := NewBounded(1)
	taken := make(chan int)
	for c := 0; c < 2; c++ {
		go func() {
			for {
				taken <- q.Take()
			}
		}()
	}
	time.Sleep(20 * time.Millisecond) // both consumers wait for an item
	go func() {
		for v := 1; v <= 4; v++ {
			q.Put(v)
		}
	}()
	sum := 0
	for i := 0; i < 4; i++ {
		sum += <-taken
	}
	fmt.Println("all items delivered, sum", sum)
}
