// Look-alike: enable copies the shared flag map, changes the copy and
// publishes it; readers never see a map being written.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Flags struct {
	On map[string]bool
}

var (
	flags   atomic.Value // *Flags
	flagsMu sync.Mutex
)

func enable(name string) {
	flagsMu.Lock()
	defer flagsMu.Unlock()
	old := flags.Load().(*Flags)
	next := &Flags{On: make(map[string]bool, len(old.On)+1)}
	for k, v := range old.On {
		next.On[k] = v
	}
	next.On[name] = true
	flags.Store(next)
}

func enabled(name string) bool {
	return flags.Load().(*Flags).On[name]
}

func main() {
	flags.Store(&Flags{On: map[string]bool{}})
	var wg sync.WaitGroup
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2_000_000; i++ {
				enabled("beta")
			}
		}()
	}
	for i := 0; i < 20_000; i++ {
		enable(fmt.Sprint("flag-", i%64))
	}
	wg.Wait()
	fmt.Println(len(flags.Load().(*Flags).On), "flags")
}
