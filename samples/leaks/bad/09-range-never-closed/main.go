// Sample: the producer never closes its channel; the saver goroutine ranges forever.
//
// want CH1003 at 19:2
// runtime: LEAK
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

type record struct {
	id   int
	name string
}

func saveAll(ch <-chan record, save func(record)) {
	for r := range ch {
		save(r)
	}
}

// publish hands every record to a background saver.
func publish(records []record, save func(record)) {
	ch := make(chan record)
	go saveAll(ch, save)
	for _, r := range records {
		ch <- r
	}
}

func main() {
	base := leakcheck.Baseline()
	publish([]record{{1, "ada"}, {2, "grace"}}, func(r record) { fmt.Println("saved", r.id) })
	leakcheck.Report(base)
}
