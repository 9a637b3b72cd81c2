// Sample: two methods guard the same map with two different mutexes.
//
// want MR1001 at 30:2
// race lines: 23 30
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

// Sessions tracks active sessions.
type Sessions struct {
	openMu  sync.Mutex
	closeMu sync.Mutex
	active  map[string]bool
}

// Open marks a session active.
func (s *Sessions) Open(id string) {
	s.openMu.Lock()
	s.active[id] = true
	s.openMu.Unlock()
}

// Close forgets a session.
func (s *Sessions) Close(id string) {
	s.closeMu.Lock()
	delete(s.active, id)
	s.closeMu.Unlock()
}

func main() {
	s := &Sessions{active: map[string]bool{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.Open("a")
	}()
	go func() {
		defer wg.Done()
		s.Close("b")
	}()
	wg.Wait()
	fmt.Println(len(s.active))
}
