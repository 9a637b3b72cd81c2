// Sample (look-alike): a device handle that locks the goroutine to its
// thread for the driver's per-thread state and unlocks with a defer, so
// the error path unlocks too and the threads are reused.
//
// want nothing
// runtime: ok
package main

/*
// The driver keeps the unit a thread opened in thread-local state.
static __thread int current_unit = -1;

static int dev_open(int unit) {
	if (unit < 0) return -1;
	current_unit = unit;
	return 3;
}

static int dev_configure(int fd, int mode) {
	return fd > 0 && current_unit >= 0 && mode >= 0 ? 0 : -1;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"syscall"
)

var errOpen = errors.New("device: cannot open")

// Configure opens a unit and sets its mode; the driver keeps per-thread state.
func Configure(unit, mode int) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	fd := C.dev_open(C.int(unit))
	if fd < 0 {
		return errOpen
	}
	C.dev_configure(fd, C.int(mode))
	return nil
}

func main() {
	// One request goroutine after another configures a unit; some units are missing.
	tids := map[int]bool{}
	var mu sync.Mutex
	for i := 0; i < 40; i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		go func(unit int) {
			defer wg.Done()
			Configure(unit, 1)
			mu.Lock()
			tids[syscall.Gettid()] = true
			mu.Unlock()
		}(i%2*2 - 1) // -1, 1, -1, 1 ...
		wg.Wait()
	}
	fmt.Printf("40 request goroutines, one at a time, ran on %d OS threads\n", len(tids))
	if len(tids) >= 15 {
		fmt.Printf("DEFECT: the goroutines stayed locked after Configure failed: each took its thread down when it ended (%d threads used)\n", len(tids))
	}
}
