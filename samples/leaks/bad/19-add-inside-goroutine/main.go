// Sample: Add runs inside the goroutine, so Wait returns before the work is counted.
//
// want WG1003 at 20:4
// runtime: DEFECT: Wait returned
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// notifyAll notifies every user and waits for the notifications.
func notifyAll(users []string, sent *int64) {
	var wg sync.WaitGroup
	for _, u := range users {
		go func(u string) {
			time.Sleep(10 * time.Millisecond)
			wg.Add(1)
			defer wg.Done()
			atomic.AddInt64(sent, 1)
		}(u)
	}
	wg.Wait()
}

func main() {
	var sent int64
	users := []string{"ada", "grace", "linus"}
	notifyAll(users, &sent)
	if n := atomic.LoadInt64(&sent); n < int64(len(users)) {
		fmt.Printf("DEFECT: Wait returned with %d of %d notifications sent\n", n, len(users))
	}
	time.Sleep(50 * time.Millisecond)
}
