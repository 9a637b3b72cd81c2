// Look-alike: the ID is taken with one atomic Add; persisting the high
// water mark afterwards cannot hand out an ID twice.
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

var lastID atomic.Int64

func persist(id int64) {
	time.Sleep(10 * time.Microsecond) // write to disk
}

func nextID() int64 {
	id := lastID.Add(1)
	persist(id)
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
