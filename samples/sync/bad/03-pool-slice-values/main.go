// Sample: a scratch-buffer pool that stores []byte values: every Put
// copies the slice header to the heap, so the pool allocates per call.
//
// want SY1003 at 15:30
// want SY1003 at 30:2
// runtime: DEFECT
package main

import (
	"fmt"
	"sync"
	"testing"
)

var scratch = sync.Pool{New: func() any { return make([]byte, 0, 4096) }}

// checksum hashes data after normalising it in a scratch buffer.
func checksum(data []byte) uint32 {
	buf := scratch.Get().([]byte)[:0]
	for _, b := range data {
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf = append(buf, b)
	}
	var sum uint32
	for _, b := range buf {
		sum = sum*31 + uint32(b)
	}
	scratch.Put(buf)
	return sum
}

func main() {
	data := []byte("Hello, Pooled World")
	allocs := testing.AllocsPerRun(1000, func() { checksum(data) })
	fmt.Printf("checksum %d, %.0f allocations per call\n", checksum(data), allocs)
	if allocs >= 1 {
		fmt.Println("DEFECT: the pool allocates on every call")
	}
}
