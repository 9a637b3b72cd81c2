// Sample: a work queue whose Get waits with `if` instead of `for`:
// Broadcast wakes both consumers, the second finds the queue empty again.
//
// want SY1011 at 37:3
// runtime: index out of range
package main

import (
	"fmt"
	"sync"
	"time"
)

type Queue struct {
	mu       sync.Mutex
	nonEmpty *sync.Cond
	items    []string
}

func NewQueue() *Queue {
	q := &Queue{}
	q.nonEmpty = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(item string) {
	q.mu.Lock()
	q.items = append(q.items, item)
	q.mu.Unlock()
	q.nonEmpty.Broadcast()
}

func (q *Queue) Get() string {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		q.nonEmpty.Wait()
	}
	item := q.items[0]
	q.items = q.items[1:]
	return item
}

func main() {
	q := NewQueue()
	got := make(chan string)
	for c := 0; c < 2; c++ {
		go func() { got <- q.Get() }()
	}
	time.Sleep(50 * time.Millisecond) // both consumers are waiting
	q.Put("job-1")
	fmt.Println("got", <-got)
	time.Sleep(50 * time.Millisecond)
	fmt.Println("no consumer woke without an item")
}
