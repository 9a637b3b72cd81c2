// Sample: a library function starts a goroutine that parks in select {} forever.
//
// want GR1001 at 17:3
// runtime: LEAK
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

// startHeartbeat announces the service and then keeps a goroutine parked.
func startHeartbeat(name string) {
	go func() {
		fmt.Println("heartbeat for", name)
		select {}
	}()
}

func main() {
	base := leakcheck.Baseline()
	startHeartbeat("api")
	leakcheck.Report(base)
}
