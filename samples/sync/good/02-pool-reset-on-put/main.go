// Look-alike: buffers are reset when they go back to the pool, so the
// ones handed out are always empty; the returned string is a copy.
//
// want nothing
// runtime: ok
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer {
	return bufPool.Get().(*bytes.Buffer)
}

func putBuffer(b *bytes.Buffer) {
	b.Reset()
	bufPool.Put(b)
}

// greeting renders the greeting for name.
func greeting(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	fmt.Fprintf(buf, "hello, %s", name)
	return buf.String()
}

func main() {
	first := greeting("alice")
	second := greeting("bob")
	b := getBuffer()
	fmt.Printf("%s / %s / %d bytes left over\n", first, second, b.Len())
	putBuffer(b)
	if first != "hello, alice" || second != "hello, bob" {
		fmt.Println("DEFECT: a greeting was overwritten")
	}
}
