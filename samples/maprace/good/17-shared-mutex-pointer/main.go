// Sample: a token keeper expires tokens on a ticker under its owner's mutex, which it holds by pointer.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"time"
)

// keeper expires tokens in the background, under the mutex mu points to.
type keeper struct {
	tokens map[string]time.Time
	mu     *sync.Mutex
	stop   chan struct{}
}

func (k *keeper) run(every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case now := <-tick.C:
			k.mu.Lock()
			for t, end := range k.tokens {
				if now.After(end) {
					delete(k.tokens, t)
				}
			}
			k.mu.Unlock()
		case <-k.stop:
			return
		}
	}
}

// Store hands out tokens that expire; its keeper shares tokensMu.
type Store struct {
	tokensMu sync.Mutex
	keeper   *keeper
}

// Enable starts expiring tokens.
func (s *Store) Enable(every time.Duration) {
	s.tokensMu.Lock()
	defer s.tokensMu.Unlock()
	s.keeper = &keeper{tokens: map[string]time.Time{}, mu: &s.tokensMu, stop: make(chan struct{})}
	go s.keeper.run(every)
}

// Assign records a token valid for ttl.
func (s *Store) Assign(token string, ttl time.Duration) {
	s.tokensMu.Lock()
	defer s.tokensMu.Unlock()
	s.keeper.tokens[token] = time.Now().Add(ttl)
}

func main() {
	s := &Store{}
	s.Enable(time.Millisecond)
	for i := 0; i < 50; i++ {
		s.Assign(fmt.Sprint(i), time.Microsecond)
		time.Sleep(200 * time.Microsecond)
	}
	close(s.keeper.stop)
	fmt.Println("ok")
}
