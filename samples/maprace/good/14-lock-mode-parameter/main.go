// Sample: a method locks only when its bool parameter asks it to; callers that already hold the lock pass false.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"strings"
	"sync"
)

// Index maps subjects to their subscriber counts, with a cache of lookups.
type Index struct {
	sync.RWMutex
	subs  map[string]int
	cache map[string]int
}

// lookup reads through the cache. With doLock false the caller holds the
// write lock already.
func (x *Index) lookup(subject string, doLock bool) int {
	if doLock {
		x.RLock()
	}
	n, ok := x.cache[subject]
	if doLock {
		x.RUnlock()
	}
	if ok {
		return n
	}
	if doLock {
		x.Lock()
	}
	n = x.subs[strings.ToLower(subject)]
	x.cache[subject] = n
	if doLock {
		x.Unlock()
	}
	return n
}

// Lookup is the public, locking entry.
func (x *Index) Lookup(subject string) int { return x.lookup(subject, true) }

// Subscribe holds the lock, so it asks lookup not to take it again.
func (x *Index) Subscribe(subject string) int {
	x.Lock()
	defer x.Unlock()
	x.subs[strings.ToLower(subject)]++
	delete(x.cache, subject)
	return x.lookup(subject, false)
}

// forget removes a subject; locked says whether the caller holds the lock.
func (x *Index) forget(subject string, locked bool) {
	if !locked {
		x.Lock()
		defer x.Unlock()
	}
	delete(x.subs, strings.ToLower(subject))
	delete(x.cache, subject)
}

func main() {
	x := &Index{subs: map[string]int{}, cache: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			subject := fmt.Sprintf("orders.%d", i%2)
			x.Subscribe(subject)
			x.Lookup(subject)
			x.forget(subject, false)
		}(i)
	}
	wg.Wait()
	x.Lock()
	x.forget("orders.0", true)
	x.Unlock()
	fmt.Println(len(x.subs), len(x.cache))
}
