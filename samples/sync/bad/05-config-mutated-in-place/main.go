// Sample: feature flags published through an atomic.Value, but enable
// writes into the map every reader shares: the runtime catches the race.
//
// want SY1005 at 22:2
// runtime: concurrent map
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Flags struct {
	On map[string]bool
}

var flags atomic.Value // *Flags

func enable(name string) {
	f := flags.Load().(*Flags)
	f.On[name] = true
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
			for i := 0; i < 20_000_000; i++ {
				enabled("beta")
			}
		}()
	}
	for i := 0; i < 20_000_000; i++ {
		enable(fmt.Sprint("flag-", i%64))
	}
	wg.Wait()
	fmt.Println("no race observed")
}
