// Sample: the results map is handed to a worker struct, and the caller keeps writing it while the worker runs.
//
// want MR1001 at 31:2
// race lines: 21 31
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

type worker struct {
	out map[string]int
	wg  *sync.WaitGroup
}

func (w *worker) run(keys []string) {
	defer w.wg.Done()
	for _, k := range keys {
		w.out[k]++
	}
}

func main() {
	results := map[string]int{}
	var wg sync.WaitGroup
	w := &worker{out: results, wg: &wg}
	wg.Add(1)
	go w.run([]string{"a", "b"})
	results["c"] = 1
	wg.Wait()
	fmt.Println(len(results))
}
