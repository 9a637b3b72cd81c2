// Look-alike: the poller's select has no default, and a non-blocking
// check elsewhere exits the loop instead of spinning.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"time"

	"conclint.example/sync/internal/measure"
)

type Poller struct {
	jobs    chan string
	quit    chan struct{}
	handled int
}

func (p *Poller) handle(job string) {
	p.handled++
}

func (p *Poller) Run() {
	for {
		select {
		case job := <-p.jobs:
			p.handle(job)
		case <-p.quit:
			return
		}
	}
}

// TryHandle handles one job if one is ready, without waiting.
func (p *Poller) TryHandle() bool {
	select {
	case job := <-p.jobs:
		p.handle(job)
		return true
	default:
		return false
	}
}

func main() {
	p := &Poller{jobs: make(chan string), quit: make(chan struct{})}
	fmt.Println("nothing ready:", !p.TryHandle())
	done := make(chan struct{})
	go func() {
		p.Run()
		close(done)
	}()
	p.jobs <- "warm-up"
	start := measure.CPUTime()
	time.Sleep(300 * time.Millisecond)
	used := measure.CPUTime() - start
	close(p.quit)
	<-done
	fmt.Printf("idle for 300ms, used %v of CPU\n", used)
	if used > 10*time.Millisecond {
		fmt.Println("DEFECT: the idle poller burns a core")
	}
}
