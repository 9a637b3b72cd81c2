// Look-alike: Add runs before each goroutine starts, so Wait waits for all of them.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

// notifyAll notifies every user and waits for the notifications.
func notifyAll(users []string, sent *int64) {
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			time.Sleep(10 * time.Millisecond)
			atomic.AddInt64(sent, 1)
		}(u)
	}
	wg.Wait()
}

func main() {
	base := leakcheck.Baseline()
	var sent int64
	users := []string{"ada", "grace", "linus"}
	notifyAll(users, &sent)
	if n := atomic.LoadInt64(&sent); n < int64(len(users)) {
		fmt.Printf("DEFECT: Wait returned with %d of %d notifications sent\n", n, len(users))
	}
	leakcheck.Report(base)
}
