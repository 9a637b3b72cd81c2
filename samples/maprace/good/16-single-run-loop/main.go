// Sample: senders start the event loop on demand, one at a time: the loop
// holds the only token of a one-slot channel while it runs and gives it
// back when it returns, and a sender starts a loop only once it has taken
// the token. Two loops never run at once, so the map the loop owns is
// never touched by two goroutines together.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

// Manager hands events to its loop, starting the loop when none runs.
type Manager struct {
	once    sync.Once
	stopped chan struct{} // the token: in the channel when no loop runs
	events  chan int
	seen    map[int]int // owned by the loop
}

func (m *Manager) init() {
	m.once.Do(func() {
		m.stopped = make(chan struct{}, 1)
		m.stopped <- struct{}{}
		m.events = make(chan int)
		m.seen = make(map[int]int)
	})
}

// loop counts events until none is waiting, then gives the token back.
func (m *Manager) loop() {
	defer func() { m.stopped <- struct{}{} }()
	for {
		select {
		case e := <-m.events:
			m.seen[e]++
		default:
			return
		}
	}
}

// Send hands e to the loop, starting one if none runs.
func (m *Manager) Send(e int) {
	m.init()
	for {
		select {
		case m.events <- e:
			return
		case <-m.stopped:
			go m.loop()
		}
	}
}

func main() {
	m := &Manager{}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				m.Send(i)
			}
		}(i)
	}
	wg.Wait()
	<-m.stopped // the last loop has returned
	total := 0
	for _, n := range m.seen {
		total += n
	}
	fmt.Println(total)
}
