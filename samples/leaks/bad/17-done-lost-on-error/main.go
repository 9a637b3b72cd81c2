// Sample: a worker returns on error without Done; Wait never returns.
//
// want WG1001 at 33:2
// runtime: all goroutines are asleep
package main

import (
	"errors"
	"fmt"
	"sync"
)

func process(item string) error {
	if item == "" {
		return errors.New("empty item")
	}
	return nil
}

// all processes every item concurrently and waits for them.
func all(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it string) {
			if err := process(it); err != nil {
				fmt.Println(err)
				return
			}
			wg.Done()
		}(it)
	}
	wg.Wait()
}

func main() {
	all([]string{"a", "", "c"})
}
