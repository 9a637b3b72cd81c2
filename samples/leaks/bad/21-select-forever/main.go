// Sample: each service start parks one more goroutine in select {} forever.
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
	for _, service := range []string{"api", "auth", "billing"} {
		startHeartbeat(service)
	}
	leakcheck.Report(base)
}
