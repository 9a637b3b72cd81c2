// Sample: a codec binding passes its whole request struct to C, and the
// struct holds a string: a Go pointer to Go memory that holds a Go
// pointer, which the cgo pointer check refuses at run time.
//
// want CG1030 at 34:22
// runtime: cgo argument has Go pointer to Go pointer
package main

/*
#include <stddef.h>

struct request { int level; const char *name; size_t name_len; };

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

// Request is what the encoder needs.
type Request struct {
	Level int32
	Name  string
}

// Encode hands the request to the C encoder.
func Encode(r *Request) int {
	return int(C.encode(unsafe.Pointer(r), C.size_t(unsafe.Sizeof(*r))))
}

func main() {
	for i, name := range []string{"", "frame"} {
		r := &Request{Level: int32(i + 1), Name: fmt.Sprint(name, i)}
		fmt.Printf("Encode(%q) = %d\n", r.Name, Encode(r))
	}
}
