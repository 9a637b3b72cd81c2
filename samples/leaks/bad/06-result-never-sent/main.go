// Sample: the worker returns on a read error without sending; the caller waits forever.
//
// want CH1002 at 23:9
// runtime: all goroutines are asleep
package main

import (
	"fmt"
	"hash/crc32"
	"os"
)

// checksum computes a file's CRC-32 on a helper goroutine.
func checksum(path string) uint32 {
	sum := make(chan uint32)
	go func() {
		data, err := os.ReadFile(path)
		if err != nil {
			return
		}
		sum <- crc32.ChecksumIEEE(data)
	}()
	return <-sum
}

func main() {
	fmt.Println(checksum("/nonexistent/file"))
}
