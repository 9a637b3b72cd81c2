// Sample: a server reads its configuration into a large buffer and defers
// a log line that mentions the buffer's size: the closure keeps the 32 MiB
// buffer alive for as long as the server runs.
//
// want GR1051 at 29:2
// runtime: DEFECT
package main

import (
	"fmt"
	"log"
	"os"

	"conclint.example/sync/internal/measure"
)

func readConfig(buf []byte) int {
	for i := range buf {
		buf[i] = byte(i)
	}
	return len(buf) / 2
}

// serve answers requests until the channel is closed.
func serve(requests <-chan string, replies chan<- int) {
	buf := make([]byte, 32<<20)
	n := readConfig(buf)
	logger := log.New(os.Stderr, "server: ", 0)
	defer func() {
		logger.Printf("stopped; config used %d of %d bytes", n, len(buf))
	}()
	for req := range requests {
		replies <- len(req)
	}
}

func main() {
	requests := make(chan string)
	replies := make(chan int)
	go serve(requests, replies)
	requests <- "ping"
	<-replies
	inUse := measure.HeapInUse()
	fmt.Printf("serving; heap in use %d MiB\n", inUse>>20)
	if inUse > 24<<20 {
		fmt.Println("DEFECT: the config buffer is still alive while the server runs")
	}
	close(requests)
}
