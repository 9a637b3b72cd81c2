// Sample: a generic cache filled by several loader goroutines with no lock.
//
// want MR1001 at 25:2
// race lines: 25
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

// Cache is a typed key-value store.
type Cache[K comparable, V any] struct {
	data map[K]V
}

// NewCache returns an empty cache.
func NewCache[K comparable, V any]() *Cache[K, V] {
	return &Cache[K, V]{data: make(map[K]V)}
}

// Put stores v under k.
func (c *Cache[K, V]) Put(k K, v V) {
	c.data[k] = v
}

func main() {
	c := NewCache[int, string]()
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Put(i, fmt.Sprint(i))
		}(i)
	}
	wg.Wait()
	fmt.Println(len(c.data))
}
