// Sample: a cache whose Get locks but whose Set forgets to.
//
// want MR1002 at 29:2
// race lines: 23 29
// runtime: DATA RACE
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

// Set stores a value; the lock was forgotten.
func (c *Cache) Set(key, value string) {
	c.items[key] = value
}

func main() {
	c := &Cache{items: map[string]string{}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.Set("a", "1")
	}()
	v, _ := c.Get("a")
	wg.Wait()
	fmt.Println(v != "x")
}
