// Sample (look-alike): a resolver looks hosts up concurrently with a
// fixed pool of workers, so at most that many threads block in C.
//
// want nothing
// runtime: ok
package main

/*
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

// lookup_host resolves host like a resolver whose name server answers
// after 20ms (the numeric host keeps the sample off the network).
static int lookup_host(const char *host) {
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_NUMERICHOST;
	hints.ai_socktype = SOCK_STREAM;
	usleep(20 * 1000);
	int rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc == 0) freeaddrinfo(res);
	return rc;
}
*/
import "C"

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unsafe"
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

func resolve(host string) bool {
	ch := C.CString(host)
	defer C.free(unsafe.Pointer(ch))
	return C.lookup_host(ch) == 0
}

type result struct {
	host string
	ok   bool
}

const workers = 8

// ResolveAll looks every host up with a fixed pool of workers.
func ResolveAll(hosts []string) map[string]bool {
	jobs := make(chan string)
	results := make(chan result, len(hosts))
	for i := 0; i < workers; i++ {
		go func() {
			for h := range jobs {
				results <- result{h, resolve(h)}
			}
		}()
	}
	go func() {
		for _, h := range hosts {
			jobs <- h
		}
		close(jobs)
	}()
	out := make(map[string]bool, len(hosts))
	for range hosts {
		r := <-results
		out[r.host] = r.ok
	}
	return out
}

func main() {
	var hosts []string
	for i := 1; i <= 64; i++ {
		hosts = append(hosts, fmt.Sprintf("10.0.0.%d", i))
	}
	before := threads()
	peak := before
	done := make(chan map[string]bool)
	go func() { done <- ResolveAll(hosts) }()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	var resolved map[string]bool
	for resolved == nil {
		select {
		case resolved = <-done:
		case <-tick.C:
			if n := threads(); n > peak {
				peak = n
			}
		}
	}
	fmt.Printf("%d hosts resolved; threads before %d, at the peak %d\n", len(resolved), before, peak)
	if peak-before >= 32 {
		fmt.Printf("DEFECT: %d concurrent lookups took %d more OS threads\n", len(hosts), peak-before)
	}
}
