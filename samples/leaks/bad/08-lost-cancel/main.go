// Sample: a watcher waits on ctx.Done() of a context whose cancel function was dropped.
//
// want CH1002 at 18:3
// runtime: LEAK
package main

import (
	"context"
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

// watch starts a background watcher tied to a fresh context.
func watch(poll func(context.Context) int) int {
	ctx, _ := context.WithCancel(context.Background())
	go func() {
		<-ctx.Done()
		fmt.Println("watcher stopped")
	}()
	return poll(ctx)
}

func main() {
	base := leakcheck.Baseline()
	fmt.Println("polled", watch(func(context.Context) int { return 7 }))
	leakcheck.Report(base)
}
