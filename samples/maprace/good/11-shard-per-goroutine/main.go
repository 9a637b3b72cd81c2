// Sample: each goroutine is handed its own shard, so no map is shared.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

type shard struct {
	m map[int]int
}

func main() {
	shards := []*shard{{m: map[int]int{}}, {m: map[int]int{}}, {m: map[int]int{}}}
	var wg sync.WaitGroup
	for i, s := range shards {
		wg.Add(1)
		go func(s *shard, i int) {
			defer wg.Done()
			for k := 0; k < 10; k++ {
				s.m[k] = i
			}
		}(s, i)
	}
	wg.Wait()
	fmt.Println(len(shards[0].m))
}
