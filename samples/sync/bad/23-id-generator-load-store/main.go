// Sample: an ID generator that loads the counter and stores it plus one:
// two goroutines get the same ID.
//
// want SY1004 at 27:2
// runtime: DEFECT
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

var lastID atomic.Int64

// persist records the highest ID handed out, so that a restart does not
// reuse IDs.
func persist(id int64) {
	time.Sleep(10 * time.Microsecond) // write to disk
}

// nextID returns a new unique ID.
func nextID() int64 {
	id := lastID.Load() + 1
	persist(id)
	lastID.Store(id)
	return id
}

func main() {
	ids := make([][]int64, 8)
	var wg sync.WaitGroup
	for g := range ids {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				ids[g] = append(ids[g], nextID())
			}
		}(g)
	}
	wg.Wait()
	const total = 8 * 200
	seen := make([]bool, total+1)
	distinct := 0
	for _, list := range ids {
		for _, id := range list {
			if id >= 0 && id <= total && !seen[id] {
				seen[id] = true
				distinct++
			}
		}
	}
	fmt.Printf("%d IDs handed out, %d distinct\n", total, distinct)
	if distinct != total {
		fmt.Printf("DEFECT: %d duplicate IDs\n", total-distinct)
	}
}
