// Sample: a SQLite-like Open copies the path to C and returns early on
// bad flags without freeing the copy: every failed Open leaks it.
// valgrind: leak
// want CG1001 at 54:11
// runtime: DEFECT
package main

/*
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

typedef struct db { int flags; char path[64]; } db;

static db *db_open(const char *path, int flags) {
	db *d = calloc(1, sizeof(db));
	d->flags = flags;
	strncpy(d->path, path, sizeof(d->path) - 1);
	return d;
}

static void db_close(db *d) { free(d); }

static size_t heap_in_use(void) { return mallinfo2().uordblks; }
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"
)

// DB is an open database.
type DB struct{ h *C.db }

var errFlags = errors.New("sqlite: bad flags")

// Close closes the database.
func (d *DB) Close() error {
	C.db_close(d.h)
	return nil
}

const (
	OpenReadOnly  = 1
	OpenReadWrite = 2
	OpenCreate    = 4
)

// Open opens the database at path.
func Open(path string, flags int) (*DB, error) {
	cpath := C.CString(path)
	if flags&(OpenReadOnly|OpenReadWrite) == 0 {
		return nil, errFlags
	}
	defer C.free(unsafe.Pointer(cpath))
	return &DB{h: C.db_open(cpath, C.int(flags))}, nil
}

func main() {
	path := "/var/lib/app/" + strings.Repeat("x", 1000) + ".db"
	before := C.heap_in_use()
	failed := 0
	for i := 0; i < 2000; i++ {
		flags := OpenReadWrite | OpenCreate
		if i%2 == 1 {
			flags = OpenCreate // a caller forgets the access mode
		}
		db, err := Open(path, flags)
		if err != nil {
			failed++
			continue
		}
		db.Close()
	}
	after := C.heap_in_use()
	grown := int64(after) - int64(before)
	fmt.Printf("%d failed opens, C heap in use grew by %d bytes\n", failed, grown)
	if grown > 512*1024 {
		fmt.Printf("DEFECT: the C heap grew by %d bytes, about %d per failed Open\n", grown, grown/int64(failed))
	}
}
