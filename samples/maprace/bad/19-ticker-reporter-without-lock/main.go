// Sample: a cache's reporter wakes on a ticker and counts live entries without taking the cache's lock.
//
// want MR1002 at 36:4
// race lines: 36 52
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type entry struct {
	value   string
	expires time.Time
}

// Cache holds entries until they expire and reports how many are live.
type Cache struct {
	mu    sync.Mutex
	items map[string]entry
	live  atomic.Int64
	stop  chan struct{}
}

func (c *Cache) report(every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case now := <-tick.C:
			// BUG: reads the map without c.mu.
			n := 0
			for _, e := range c.items {
				if now.Before(e.expires) {
					n++
				}
			}
			c.live.Store(int64(n))
		case <-c.stop:
			return
		}
	}
}

// Set stores value under key for ttl.
func (c *Cache) Set(key, value string, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = entry{value, time.Now().Add(ttl)}
}

// NewCache starts the reporter.
func NewCache(every time.Duration) *Cache {
	c := &Cache{items: map[string]entry{}, stop: make(chan struct{})}
	go c.report(every)
	return c
}

func main() {
	c := NewCache(time.Millisecond)
	for i := 0; i < 50; i++ {
		c.Set(fmt.Sprint(i), "v", time.Second)
		time.Sleep(200 * time.Microsecond)
	}
	close(c.stop)
	fmt.Println(c.live.Load() >= 0)
}
