// Sample: one goroutine fills the map; the caller reads it only after wg.Wait.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

func main() {
	squares := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 10; i++ {
			squares[i] = i * i
		}
	}()
	wg.Wait()
	fmt.Println(len(squares), squares[3])
}
