// Look-alike: the producer closes the channel and waits for the saver.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"

	"conclint.example/leaks/internal/leakcheck"
)

type record struct {
	id   int
	name string
}

// publish hands every record to a background saver and waits for it.
func publish(records []record, save func(record)) {
	ch := make(chan record)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for r := range ch {
			save(r)
		}
	}()
	for _, r := range records {
		ch <- r
	}
	close(ch)
	<-done
}

func main() {
	base := leakcheck.Baseline()
	publish([]record{{1, "ada"}, {2, "grace"}}, func(r record) { fmt.Println("saved", r.id) })
	leakcheck.Report(base)
}
