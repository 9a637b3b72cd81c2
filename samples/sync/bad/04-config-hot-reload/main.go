// Sample: configuration hot-reload through an atomic.Value, where each
// update loads the config, copies it with one change and stores it back;
// concurrent updates overwrite each other.
//
// want SY1004 at 32:2
// runtime: DEFECT
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Config is replaced as a whole; readers Load it without locks.
type Config struct {
	Limits map[string]int
}

var current atomic.Value // *Config

// setLimit publishes a config with one limit changed.
func setLimit(key string, n int) {
	old := current.Load().(*Config)
	next := &Config{Limits: make(map[string]int, len(old.Limits)+1)}
	for k, v := range old.Limits {
		next.Limits[k] = v
	}
	next.Limits[key] = n
	time.Sleep(time.Millisecond) // validate the new limits
	current.Store(next)
}

func limit(key string) int {
	return current.Load().(*Config).Limits[key]
}

func main() {
	current.Store(&Config{Limits: map[string]int{}})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			setLimit(fmt.Sprintf("tenant-%d", i), 100+i)
		}(i)
	}
	wg.Wait()
	kept := len(current.Load().(*Config).Limits)
	fmt.Printf("20 updates, %d limits kept (tenant-0: %d)\n", kept, limit("tenant-0"))
	if kept != 20 {
		fmt.Printf("DEFECT: lost updates: %d of 20 limits were overwritten\n", 20-kept)
	}
}
