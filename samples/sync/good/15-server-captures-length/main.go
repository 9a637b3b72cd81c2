// Look-alike: the deferred log line captures only the buffer's length,
// so the 32 MiB buffer is garbage once the configuration is read.
//
// want nothing
// runtime: ok
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

func serve(requests <-chan string, replies chan<- int) {
	buf := make([]byte, 32<<20)
	n := readConfig(buf)
	size := len(buf)
	buf = nil
	logger := log.New(os.Stderr, "server: ", 0)
	defer func() {
		logger.Printf("stopped; config used %d of %d bytes", n, size)
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
