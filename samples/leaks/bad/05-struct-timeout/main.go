// Sample: a loader method times out; its helper goroutine's late reply is never read.
//
// want CH1001 at 27:2
// runtime: LEAK
package main

import (
	"errors"
	"fmt"
	"time"

	"conclint.example/leaks/internal/leakcheck"
)

var errTimeout = errors.New("loader: timed out")

type loader struct {
	timeout time.Duration
	backend func(key string) []byte
}

type reply struct {
	value []byte
}

func (l *loader) fetch(key string, done chan<- reply) {
	done <- reply{value: l.backend(key)}
}

// load waits at most l.timeout for the backend.
func (l *loader) load(key string) ([]byte, error) {
	done := make(chan reply)
	go l.fetch(key, done)
	select {
	case r := <-done:
		return r.value, nil
	case <-time.After(l.timeout):
		return nil, errTimeout
	}
}

func main() {
	base := leakcheck.Baseline()
	l := &loader{timeout: 5 * time.Millisecond, backend: func(key string) []byte {
		time.Sleep(50 * time.Millisecond)
		return []byte(key)
	}}
	_, err := l.load("config")
	fmt.Println("load:", err)
	leakcheck.Report(base)
}
