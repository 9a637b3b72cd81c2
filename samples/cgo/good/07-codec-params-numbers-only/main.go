// Sample (look-alike): a codec binding passes its parameters struct to
// C whole, and the struct holds numbers only: no Go pointer inside, so
// the cgo pointer check lets it through.
//
// want nothing
// runtime: ok
package main

/*
#include <stddef.h>

struct request { int level; unsigned flags; long window; };

static int encode(void *req, size_t n) {
	struct request *r = req;
	return n == sizeof *r ? r->level : -1;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Request is what the encoder needs: numbers only.
type Request struct {
	Level  int32
	Flags  uint32
	Window int64
}

// Encode hands the request to the C encoder.
func Encode(r *Request) int {
	return int(C.encode(unsafe.Pointer(r), C.size_t(unsafe.Sizeof(*r))))
}

func main() {
	for i, window := range []int64{1 << 10, 1 << 15} {
		r := &Request{Level: int32(i + 1), Window: window}
		fmt.Printf("Encode(window %d) = %d\n", r.Window, Encode(r))
	}
}
