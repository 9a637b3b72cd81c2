// Sample: a device handle locks its goroutine to the thread for the
// driver's per-thread state and then sleeps in C between polls; with a
// goroutine per device every device being waited for holds an OS thread.
//
// want CG1010 at 72:3
// want CG1021 at 58:3
// runtime: DEFECT
package main

/*
#include <time.h>
#include <unistd.h>

// The device becomes ready 300ms after it was opened.
static struct timespec opened;

static void dev_open_all(void) { clock_gettime(CLOCK_MONOTONIC, &opened); }

static int dev_status(int fd) {
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - opened.tv_sec) * 1000 + (now.tv_nsec - opened.tv_nsec) / 1000000;
	return fd > 0 && ms >= 300;
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// threads is the number of OS threads of the process.
func threads() int {
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "Threads:") {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Threads:")))
			return n
		}
	}
	return 0
}

// Device is an open device.
type Device struct{ fd int }

// WaitReady polls the device until it reports ready.
func (d *Device) WaitReady() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for C.dev_status(C.int(d.fd)) == 0 {
		C.usleep(5000)
	}
}

func main() {
	before := threads()
	C.dev_open_all()
	var devices []*Device
	for fd := 3; fd < 3+48; fd++ {
		devices = append(devices, &Device{fd: fd})
	}
	var wg sync.WaitGroup
	for _, d := range devices {
		wg.Add(1)
		go func(d *Device) {
			defer wg.Done()
			d.WaitReady()
		}(d)
	}
	time.Sleep(150 * time.Millisecond)
	during := threads()
	wg.Wait()
	fmt.Printf("48 devices waited for; threads before %d, during the wait %d\n", before, during)
	if during-before >= 32 {
		fmt.Printf("DEFECT: the locked waits held %d more OS threads\n", during-before)
	}
}
