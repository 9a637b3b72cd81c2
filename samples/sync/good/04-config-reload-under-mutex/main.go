// Look-alike: updates copy the config under a mutex, so they are
// serialised; readers still Load without locking.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type Config struct {
	Limits map[string]int
}

var (
	current  atomic.Value // *Config
	updateMu sync.Mutex
)

func setLimit(key string, n int) {
	updateMu.Lock()
	defer updateMu.Unlock()
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
