// Sample: a constructor starts a sweeper goroutine that deletes expired entries; callers use the returned tracker.
//
// want MR1001 at 39:2
// want MR1002 at 39:2
// race lines: 29 39
// runtime: DATA RACE
package main

import (
	"fmt"
	"time"
)

// Tracker remembers when each key was last seen.
type Tracker struct {
	seen map[string]time.Time
}

// NewTracker returns a tracker whose entries expire after ttl.
func NewTracker(ttl time.Duration) *Tracker {
	t := &Tracker{seen: map[string]time.Time{}}
	go t.sweep(ttl)
	return t
}

func (t *Tracker) sweep(ttl time.Duration) {
	for i := 0; i < 3; i++ {
		time.Sleep(ttl)
		for k, at := range t.seen {
			if time.Since(at) > ttl {
				delete(t.seen, k)
			}
		}
	}
}

// Touch records k as seen now.
func (t *Tracker) Touch(k string) {
	t.seen[k] = time.Now()
}

func main() {
	tr := NewTracker(10 * time.Millisecond)
	for i := 0; i < 5; i++ {
		tr.Touch(fmt.Sprint(i))
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(30 * time.Millisecond)
}
