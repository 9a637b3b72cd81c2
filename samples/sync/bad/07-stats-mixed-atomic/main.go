// Sample: request counters incremented atomically but reported and reset
// with plain accesses: the increments made while the report runs are lost.
//
// want SY1007 at 26:2
// want SY1007 at 27:2
// runtime: DEFECT
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type Stats struct {
	requests int64
}

func (s *Stats) Inc() {
	atomic.AddInt64(&s.requests, 1)
}

// Flush reports the count since the last flush and starts over.
func (s *Stats) Flush(report func(requests int64)) {
	report(s.requests)
	s.requests = 0
}

func main() {
	var s Stats
	const perWorker = 3_000_000
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				s.Inc()
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	var total int64
	var lines []string
	report := func(n int64) {
		total += n
		lines = append(lines, fmt.Sprintf("requests=%d", n))
		time.Sleep(time.Millisecond) // send to the metrics server
	}
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		s.Flush(report)
	}
	fmt.Printf("%d reports counted %d of %d requests\n", len(lines), total, 2*perWorker)
	if total != 2*perWorker {
		fmt.Printf("DEFECT: %d increments lost\n", 2*perWorker-total)
	}
}
