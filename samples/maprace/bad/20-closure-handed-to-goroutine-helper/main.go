// Sample: a server starts its background work through a helper that recovers panics; the closure it hands over writes the peer table the server writes too.
//
// want MR1001 at 43:2
// race lines: 39 43
// runtime: DATA RACE
package main

import (
	"fmt"
	"log"
	"sync"
	"time"
)

// Server tracks when each peer was last heard from.
type Server struct {
	grWG  sync.WaitGroup
	peers map[string]time.Time
}

// startGoRoutine runs f on its own goroutine and logs a panic instead of
// crashing.
func (s *Server) startGoRoutine(f func()) {
	s.grWG.Add(1)
	go func() {
		defer s.grWG.Done()
		defer func() {
			if r := recover(); r != nil {
				log.Print(r)
			}
		}()
		f()
	}()
}

// Start greets the seed peer in the background and records itself.
func (s *Server) Start() {
	s.startGoRoutine(func() {
		s.peers["seed"] = time.Now()
	})
	// Give the greeting a moment to start, as real start-up work would.
	time.Sleep(time.Millisecond)
	s.peers["self"] = time.Now()
}

func main() {
	s := &Server{peers: map[string]time.Time{}}
	s.Start()
	s.grWG.Wait()
	fmt.Println(len(s.peers))
}
