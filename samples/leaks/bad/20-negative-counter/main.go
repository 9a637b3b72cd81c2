// Sample: a deferred Done plus an explicit one takes the counter below zero (whichever runs last).
//
// want WG1004 at 25:4
// want WG1004 at 29:4
// runtime: negative WaitGroup counter
package main

import (
	"fmt"
	"sync"
	"time"
)

func write(r string) error {
	fmt.Println("write", r)
	return nil
}

// save writes every record concurrently.
func save(records []string) {
	var wg sync.WaitGroup
	for _, r := range records {
		wg.Add(1)
		go func(r string) {
			defer wg.Done()
			if err := write(r); err != nil {
				return
			}
			wg.Done()
		}(r)
	}
	wg.Wait()
}

func main() {
	save([]string{"a", "b"})
	time.Sleep(100 * time.Millisecond)
}
