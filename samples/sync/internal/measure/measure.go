// Package measure lets a sample show what its defect costs: CPU time
// burnt while idle, file descriptors held open, heap kept alive.
package measure

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// CPUTime is the CPU time the process has used so far (user + system).
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// OpenFiles is the number of file descriptors the process holds (Linux).
func OpenFiles() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// HeapInUse is the heap memory in use after a garbage collection.
func HeapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
