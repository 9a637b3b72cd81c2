// Sample (look-alike): an event-loop binding attaches a Go context to
// the C loop as a runtime/cgo.Handle: C keeps a number, the Go side keeps
// the context reachable until Detach deletes the handle, and the loop
// finds the same context whatever the garbage collector does meanwhile.
//
// want nothing
// runtime: ok
package main

/*
#include <stdint.h>

static struct { uintptr_t current; int depth; } registry;

static void attach(uintptr_t h) { registry.current = h; registry.depth++; }

static uintptr_t detach(void) {
	uintptr_t h = registry.current;
	registry.current = 0;
	registry.depth--;
	return h;
}

static uintptr_t current_handle(void) { return registry.current; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"runtime/cgo"
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
	C.attach(C.uintptr_t(cgo.NewHandle(c)))
}

// Detach removes the current context from the loop.
func Detach() {
	cgo.Handle(C.detach()).Delete()
}

// currentFD is what the loop's callback does on each wakeup.
func currentFD() int {
	return int(cgo.Handle(C.current_handle()).Value().(*Context).FD)
}

func main() {
	Attach(42)
	fmt.Printf("loop's current fd after Attach: %d\n", currentFD())
	// The program goes on allocating; the garbage collector runs.
	for round := 0; round < 4; round++ {
		runtime.GC()
		sink = nil
		for i := 0; i < 20000; i++ {
			sink = append(sink, []Context{{FD: 7, Events: 7}})
		}
	}
	fd := currentFD()
	fmt.Printf("loop's current fd after the program allocated more: %d\n", fd)
	if fd != 42 {
		fmt.Printf("DEFECT: the C loop's context now reads fd %d\n", fd)
	}
	Detach()
}
