// Sample (look-alike): a resolver cache that checks and stores under its
// mutex but makes the blocking C lookup with the mutex released, so a
// reader of a cached host does not wait for another host's lookup.
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
// after 300ms (the numeric host keeps the sample off the network).
static int lookup_host(const char *host) {
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_NUMERICHOST;
	hints.ai_socktype = SOCK_STREAM;
	usleep(300 * 1000);
	int rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc == 0) freeaddrinfo(res);
	return rc;
}
*/
import "C"

import (
	"fmt"
	"sync"
	"time"
	"unsafe"
)

// Cache remembers which hosts resolve.
type Cache struct {
	mu    sync.Mutex
	known map[string]bool
}

// Resolves reports whether host resolves, looking it up once.
func (c *Cache) Resolves(host string) bool {
	c.mu.Lock()
	ok, found := c.known[host]
	c.mu.Unlock()
	if found {
		return ok
	}
	ch := C.CString(host)
	defer C.free(unsafe.Pointer(ch))
	ok = C.lookup_host(ch) == 0
	c.mu.Lock()
	c.known[host] = ok
	c.mu.Unlock()
	return ok
}

func main() {
	c := &Cache{known: map[string]bool{"127.0.0.1": true}}
	started := make(chan struct{})
	go func() {
		close(started)
		c.Resolves("10.1.2.3") // not cached: a slow lookup
	}()
	<-started
	time.Sleep(50 * time.Millisecond)
	t := time.Now()
	ok := c.Resolves("127.0.0.1") // cached
	waited := time.Since(t)
	fmt.Printf("cached host resolves=%v after %v\n", ok, waited.Round(time.Millisecond))
	if waited >= 150*time.Millisecond {
		fmt.Printf("DEFECT: reading a cached host waited %v for another host's lookup\n", waited.Round(time.Millisecond))
	}
}
