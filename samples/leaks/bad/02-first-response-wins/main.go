// Sample: the first replica's answer wins; the slower replicas block forever.
//
// want CH1001 at 29:4
// runtime: LEAK
package main

import (
	"fmt"
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

type replica struct {
	name    string
	latency time.Duration
}

func (r replica) query(q string) string {
	time.Sleep(r.latency)
	return r.name + " answers " + q
}

// fastest asks every replica and returns the first answer.
func fastest(replicas []replica, q string) string {
	answers := make(chan string)
	for _, r := range replicas {
		go func(r replica) {
			answers <- r.query(q)
		}(r)
	}
	return <-answers
}

func main() {
	base := leakcheck.Baseline()
	replicas := []replica{{"eu", 5 * time.Millisecond}, {"us", 10 * time.Millisecond}, {"ap", 15 * time.Millisecond}}
	fmt.Println(fastest(replicas, "SELECT 1"))
	leakcheck.Report(base)
}
