// Sample: a metrics registry incremented by request goroutines through a helper, two calls deep.
//
// want MR1001 at 19:2
// race lines: 19
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

// Metrics counts named events.
type Metrics struct {
	counters map[string]int64
}

func (m *Metrics) add(name string, n int64) {
	m.counters[name] += n
}

// Inc counts one event.
func (m *Metrics) Inc(name string) {
	m.add(name, 1)
}

func serve(m *Metrics, id int) {
	if id%2 == 0 {
		m.Inc("even")
	}
	m.Inc("requests")
}

func main() {
	m := &Metrics{counters: map[string]int64{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			serve(m, id)
		}(i)
	}
	wg.Wait()
	fmt.Println(len(m.counters))
}
