// Look-alike: the counter is read and reset in one atomic Swap, so no
// increment made while the report runs is lost.
//
// want nothing
// runtime: ok
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

func (s *Stats) Flush(report func(requests int64)) {
	report(atomic.SwapInt64(&s.requests, 0))
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
