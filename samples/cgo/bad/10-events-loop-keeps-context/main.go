// Sample: an event-loop binding attaches a Go context struct to the C
// loop, which keeps the pointer for later callbacks: the Go garbage
// collector does not see C's copy, frees the struct and hands its memory
// to the next allocation, and the loop reads someone else's data.
//
// want CG1031 at 41:11
// runtime: DEFECT
package main

/*
struct ctx { int fd; int events; char name[56]; };

static struct { struct ctx *current; int depth; } registry;

static void attach(struct ctx *c) { registry.current = c; registry.depth++; }

// dispatch is what the loop does on each wakeup: it reads the context.
static int current_fd(void) { return registry.current ? registry.current->fd : -1; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Context is the loop's view of one watched descriptor.
type Context struct {
	FD     int32
	Events int32
	Name   [56]byte
}

var sink [][]Context

// Attach makes a context for fd the loop's current one.
func Attach(fd int) {
	c := &Context{FD: int32(fd), Events: 1}
	copy(c.Name[:], "listener")
	C.attach((*C.struct_ctx)(unsafe.Pointer(c)))
}

func main() {
	Attach(42)
	fmt.Printf("loop's current fd after Attach: %d\n", int(C.current_fd()))
	// The program goes on allocating; the garbage collector runs.
	for round := 0; round < 4; round++ {
		runtime.GC()
		sink = nil
		for i := 0; i < 20000; i++ {
			sink = append(sink, []Context{{FD: 7, Events: 7}})
		}
	}
	fd := int(C.current_fd())
	fmt.Printf("loop's current fd after the program allocated more: %d\n", fd)
	if fd != 42 {
		fmt.Printf("DEFECT: the C loop's context now reads fd %d: the Go memory it kept was freed and reused\n", fd)
	}
}
