// Sample: a map passed as an argument to a goroutine that fills it, while the caller ranges over it.
//
// want MR1002 at 16:3
// race lines: 16 24
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

func fill(m map[int]int, n int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		m[i] = i * i
	}
}

func main() {
	squares := make(map[int]int)
	var wg sync.WaitGroup
	wg.Add(1)
	go fill(squares, 100, &wg)
	sum := 0
	for _, v := range squares {
		sum += v
	}
	wg.Wait()
	fmt.Println(sum >= 0)
}
