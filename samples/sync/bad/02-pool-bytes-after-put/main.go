// Sample: a formatter returns the bytes of a pooled buffer that its
// deferred Put has already handed back; the next call overwrites them.
//
// want SY1002 at 20:2
// runtime: DEFECT
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// greeting renders the greeting for name.
func greeting(name string) []byte {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	fmt.Fprintf(buf, "hello, %s", name)
	return buf.Bytes()
}

func main() {
	first := greeting("alice")
	second := greeting("bob")
	fmt.Printf("%s / %s\n", first, second)
	if string(first) != "hello, alice" {
		fmt.Printf("DEFECT: the first greeting was overwritten: %q\n", first)
	}
}
