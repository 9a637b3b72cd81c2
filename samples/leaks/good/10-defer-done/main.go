// Look-alike: defer wg.Done() covers the error path.
//
// want nothing
// runtime: ok
package main

import (
	"errors"
	"fmt"
	"sync"

	"conclint.example/leaks/internal/leakcheck"
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
			defer wg.Done()
			if err := process(it); err != nil {
				fmt.Println(err)
			}
		}(it)
	}
	wg.Wait()
}

func main() {
	base := leakcheck.Baseline()
	all([]string{"a", "", "c"})
	leakcheck.Report(base)
}
