// Sample: a start gate whose Wait checks the flag and waits on the Cond
// without holding its lock: sync.Cond.Wait unlocks a mutex nobody locked.
//
// want SY1012 at 35:3
// runtime: unlock of unlocked mutex
package main

import (
	"fmt"
	"sync"
	"time"
)

type Gate struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

func NewGate() *Gate {
	g := &Gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Broadcast()
}

func (g *Gate) Wait() {
	for !g.open {
		g.cond.Wait()
	}
}

func main() {
	g := NewGate()
	go func() {
		time.Sleep(20 * time.Millisecond)
		g.Open()
	}()
	g.Wait()
	fmt.Println("gate opened")
}
