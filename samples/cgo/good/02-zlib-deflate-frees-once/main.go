// Sample (look-alike): a compression binding whose error path leaves
// the output buffer to the deferred free, which frees it once.
// valgrind: clean
// want nothing
// runtime: ok
package main

/*
#include <stdlib.h>
#include <string.h>

// deflate_into "compresses" n bytes of in into out (run-length of equal
// bytes), or returns -1 when out is too small.
static int deflate_into(const unsigned char *in, size_t n, unsigned char *out, size_t cap) {
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && j - i < 255 && in[j] == in[i]) j++;
		if (o + 2 > cap) return -1;
		out[o++] = (unsigned char)(j - i);
		out[o++] = in[i];
		i = j;
	}
	return (int)o;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"unsafe"
)

var errTooBig = errors.New("zlib: output buffer too small")

// Deflate compresses src into a buffer of capacity cap.
func Deflate(src []byte, cap int) ([]byte, error) {
	if len(src) == 0 {
		return nil, nil
	}
	out := C.malloc(C.size_t(cap))
	defer C.free(out)
	n := C.deflate_into((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src)), (*C.uchar)(out), C.size_t(cap))
	if n < 0 {
		return nil, errTooBig
	}
	return C.GoBytes(out, n), nil
}

func main() {
	// glibc reports heap corruption on stderr rather than on the terminal.
	os.Setenv("LIBC_FATAL_STDERR_", "1")
	packed, err := Deflate([]byte("aaaaaaaabbbbbbbbcccc"), 64)
	fmt.Printf("small input: %d bytes, err=%v\n", len(packed), err)
	packed, err = Deflate([]byte("abcdefghijklmnopqrstuvwxyz"), 16)
	fmt.Printf("large input: %d bytes, err=%v\n", len(packed), err)
}
