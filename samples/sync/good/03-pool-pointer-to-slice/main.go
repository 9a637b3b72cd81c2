// Look-alike: the scratch pool stores *[]byte, truncated after Get:
// no allocation per call, no stale bytes.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"testing"
)

var scratch = sync.Pool{New: func() any {
	b := make([]byte, 0, 4096)
	return &b
}}

func checksum(data []byte) uint32 {
	bp := scratch.Get().(*[]byte)
	buf := (*bp)[:0]
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
	*bp = buf
	scratch.Put(bp)
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
