// Look-alike: a buffer of one lets the late worker finish after the caller gave up.
//
// want nothing
// runtime: ok
package main

import (
	"context"
	"fmt"
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

func slowLookup(key string) string {
	time.Sleep(50 * time.Millisecond)
	return "value of " + key
}

// lookup returns the value, or an error when ctx ends first.
func lookup(ctx context.Context, key string) (string, error) {
	ch := make(chan string, 1)
	go func() {
		ch <- slowLookup(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func main() {
	base := leakcheck.Baseline()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	_, err := lookup(ctx, "user:42")
	fmt.Println("lookup:", err)
	leakcheck.Report(base)
}
