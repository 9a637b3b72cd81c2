// Sample: readers share the read lock, the writer takes the write lock.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

// Config holds settings read by many goroutines and reloaded by one.
type Config struct {
	mu       sync.RWMutex
	settings map[string]string
}

// Get reads one setting.
func (c *Config) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.settings[k]
}

// Reload replaces every setting.
func (c *Config) Reload(next map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.settings {
		delete(c.settings, k)
	}
	for k, v := range next {
		c.settings[k] = v
	}
}

func main() {
	c := &Config{settings: map[string]string{"mode": "a"}}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.Get("mode")
		}()
	}
	c.Reload(map[string]string{"mode": "b"})
	wg.Wait()
	fmt.Println(c.Get("mode"))
}
