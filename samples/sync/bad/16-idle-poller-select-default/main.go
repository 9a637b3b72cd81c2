// Sample: a job poller whose select has an empty default: while no job
// arrives it spins and burns a core.
//
// want CH1101 at 28:3
// runtime: DEFECT
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

// Run handles jobs until quit is closed.
func (p *Poller) Run() {
	for {
		select {
		case job := <-p.jobs:
			p.handle(job)
		case <-p.quit:
			return
		default:
		}
	}
}

func main() {
	p := &Poller{jobs: make(chan string), quit: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		p.Run()
		close(done)
	}()
	p.jobs <- "warm-up"
	start := measure.CPUTime()
	time.Sleep(300 * time.Millisecond) // idle: no jobs
	used := measure.CPUTime() - start
	close(p.quit)
	<-done
	fmt.Printf("idle for 300ms, used %v of CPU\n", used)
	if used > 10*time.Millisecond {
		fmt.Println("DEFECT: the idle poller burns a core")
	}
}
