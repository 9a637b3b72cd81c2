// Sample: a resolver binding frees the canonical name C returned and
// converts it to a Go string afterwards: it reads the allocator's data.
//
// want CG1003 at 43:9
// runtime: DEFECT
package main

/*
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

// canonical_name resolves a numeric host and returns its canonical name
// with a trailing dot, in memory the caller frees.
static char *canonical_name(const char *host) {
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_NUMERICHOST | AI_CANONNAME;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &res) != 0) return NULL;
	const char *name = res->ai_canonname ? res->ai_canonname : host;
	char *r = malloc(strlen(name) + 2);
	strcpy(r, name);
	strcat(r, ".");
	freeaddrinfo(res);
	return r;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Canonical returns the canonical name of host with a trailing dot.
func Canonical(host string) string {
	ch := C.CString(host)
	defer C.free(unsafe.Pointer(ch))
	r := C.canonical_name(ch)
	C.free(unsafe.Pointer(r))
	return C.GoString(r)
}

func main() {
	for _, host := range []string{"127.0.0.1", "10.20.30.40", "192.168.100.200"} {
		got := Canonical(host)
		fmt.Printf("Canonical(%q) = %q\n", host, got)
		if got != host+"." {
			fmt.Printf("DEFECT: Canonical(%q) returned %q, not %q: the name was read after free\n", host, got, host+".")
		}
	}
}
