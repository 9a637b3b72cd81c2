// Sample: a session expires through time.AfterFunc, whose callback deletes from the map on its own goroutine.
//
// want MR1001 at 24:3
// want MR1001 at 24:3
// want MR1002 at 24:3
// race lines: 22 24
// runtime: DATA RACE
package main

import (
	"fmt"
	"time"
)

// Store holds sessions that expire.
type Store struct {
	sessions map[string]string
}

// Add stores a session and schedules its expiry.
func (s *Store) Add(id, user string) {
	s.sessions[id] = user
	time.AfterFunc(10*time.Millisecond, func() {
		delete(s.sessions, id)
	})
}

func main() {
	s := &Store{sessions: map[string]string{}}
	s.Add("a", "ann")
	time.Sleep(30 * time.Millisecond)
	s.Add("b", "bob")
	time.Sleep(30 * time.Millisecond)
	fmt.Println(len(s.sessions))
}
