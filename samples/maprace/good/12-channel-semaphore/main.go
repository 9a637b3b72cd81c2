// Sample: a channel with a buffer of one serves as the lock around the map.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

// Registry guards its map with a one-slot channel.
type Registry struct {
	sem   chan struct{}
	names map[string]int
}

// Add counts one more use of name.
func (r *Registry) Add(name string) {
	r.sem <- struct{}{}
	r.names[name]++
	<-r.sem
}

func main() {
	r := &Registry{sem: make(chan struct{}, 1), names: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Add("a")
		}()
	}
	wg.Wait()
	fmt.Println(r.names["a"])
}
