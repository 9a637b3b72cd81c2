// Sample: every access to the cache holds its mutex, through defer and helpers.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

// Cache maps keys to values for concurrent callers.
type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

// Get returns the cached value of key.
func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

// setLocked stores a value; the caller holds c.mu.
func (c *Cache) setLocked(key, value string) {
	c.items[key] = value
}

// Set stores a value.
func (c *Cache) Set(key, value string) {
	c.mu.Lock()
	c.setLocked(key, value)
	c.mu.Unlock()
}

func main() {
	c := &Cache{items: map[string]string{}}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Set(fmt.Sprint(i), "v")
		}(i)
	}
	v, _ := c.Get("1")
	wg.Wait()
	fmt.Println(v != "x")
}
