// Look-alike: the cancel function is called, so the watcher ends.
//
// want nothing
// runtime: ok
package main

import (
	"context"
	"fmt"
	"sync"

	"conclint.example/leaks/internal/leakcheck"
)

// watch runs a background watcher while poll runs.
func watch(poll func(context.Context) int) int {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ctx.Done()
		fmt.Println("watcher stopped")
	}()
	defer wg.Wait()
	defer cancel()
	return poll(ctx)
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println("polled", watch(func(context.Context) int { return 7 }))
	leakcheck.Report(base)
}
