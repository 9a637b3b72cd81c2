// Sample: a monitor used by value sends alerts on a channel that was never made.
//
// want CH1008 at 20:4
// runtime: LEAK
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

type monitor struct {
	alerts chan string
}

func (m *monitor) watch(hosts []string, up func(string) bool) {
	for _, h := range hosts {
		if !up(h) {
			m.alerts <- h
		}
	}
}

// check pings every host in the background.
func check(hosts []string, up func(string) bool) {
	var m monitor
	go m.watch(hosts, up)
}

func main() {
	base := leakcheck.Baseline()
	check([]string{"db", "cache"}, func(h string) bool { return h != "db" })
	fmt.Println("checks started")
	leakcheck.Report(base)
}
