// Sample: a worker that waits for its queue by polling len() in a loop.
//
// want CH1102 at 22:6
// runtime: DEFECT
package main

import (
	"fmt"
	"runtime"
	"time"

	"conclint.example/sync/internal/measure"
)

type Worker struct {
	queue chan func()
	done  chan struct{}
}

// waitForWork returns once something is queued.
func (w *Worker) waitForWork() {
	for len(w.queue) == 0 {
		runtime.Gosched()
	}
}

func (w *Worker) Run() {
	w.waitForWork()
	(<-w.queue)()
	close(w.done)
}

func main() {
	w := &Worker{queue: make(chan func(), 8), done: make(chan struct{})}
	go w.Run()
	start := measure.CPUTime()
	time.Sleep(300 * time.Millisecond) // nothing queued yet
	used := measure.CPUTime() - start
	w.queue <- func() {}
	<-w.done
	fmt.Printf("waited 300ms, used %v of CPU\n", used)
	if used > 10*time.Millisecond {
		fmt.Println("DEFECT: the waiting worker burns a core")
	}
}
