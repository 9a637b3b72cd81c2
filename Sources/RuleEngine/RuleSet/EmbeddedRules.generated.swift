// Generated from rules/ by EmbeddedRulesRenderer; do not edit.
// Regenerate: CONCLINT_UPDATE_GENERATED=1 swift test --filter GeneratedFilesAreCurrent

/// The built-in rule files, as they were in rules/ at build time.
enum EmbeddedRules {
    static let files: [RuleFileText] = [
        RuleFileText(relativePath: "cgo/CG1001-c-memory-not-freed.yaml", text: #"""
# C memory allocated from Go (C.CString, C.CBytes, C.malloc ...) and not
# freed on some path. The format of this file is described in rules/README.md.
id: CG1001
name: c-memory-not-freed
category: cgo
level: warning
summary: C memory allocated from Go is not freed with C.free on some path out of the function that allocated it.
description: |
  `C.CString`, `C.CBytes`, `C.malloc` and `C.calloc` allocate on the C
  heap, which the Go garbage collector never sees: the memory lives until
  `C.free` is called on it. A path that returns (or starts the next loop
  iteration) without freeing it leaks the allocation for the rest of the
  process; in a wrapper called per query, per file or per request the C
  heap grows without bound while Go's own memory profile stays flat.

  The rule follows every path from the allocating call to each return of
  the function and reports the call when some path neither frees the
  memory nor hands it to an owner: returning it, storing it in a struct
  field or a global (CG1004 checks that the struct frees it), passing it
  to a function that frees it (a Go helper, or a C function of the
  preamble whose body calls `free` on that parameter), or capturing it in
  a goroutine or closure that frees it. C functions the rule lists below
  return memory the caller must free (`strdup`), and so do C functions of
  the preamble whose body returns what one of them allocated: their
  results are tracked like `C.malloc`'s.

  Fix: `defer C.free(unsafe.Pointer(p))` right after the allocation, or
  free it on every path; when a handle type keeps the memory, free it in
  the handle's `Close`.

  Known false positives: the memory is handed to C code that takes
  ownership and frees it later (a `sqlite3_bind_text` with a destructor,
  a queue owned by the library); a path that cannot run in practice.
tags: [cgo, memory, resource-leak, lifecycle]
precision: high
since: "0.1.0"
lifecycle:
  resource: C memory
  acquire:
    - call: C.CString
    - call: C.CBytes
    - call: C.malloc
    - call: C.calloc
    - call: C.realloc
    - call: C.strdup
    - call: C.strndup
  release:
    - call: C.free
      argument: 0
  transfer: [return, field, global, argument-if-released, goroutine-if-released, closure-if-released, channel]
  messages:
    leak: "{resource} from {call} is not freed on the path through line {line}"
  options:
    defer-release-ok: true
    loop-scoped: true
    panic-paths: false
examples:
  bad:
    # A SQLite-like Open: the early return on a bad flag skips the free.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      typedef struct db { int flags; } db;
      static db *db_open(const char *path, int flags) {
      	db *d = malloc(sizeof(db));
      	d->flags = flags;
      	return d;
      }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      // DB is an open database.
      type DB struct{ h *C.db }

      var errFlags = errors.New("sqlite: bad flags")

      // Open opens the database at path.
      func Open(path string, flags int) (*DB, error) {
      	cpath := ↓C.CString(path)
      	if flags < 0 {
      		return nil, errFlags // cpath is never freed
      	}
      	h := C.db_open(cpath, C.int(flags))
      	C.free(unsafe.Pointer(cpath))
      	return &DB{h: h}, nil
      }
    # A compression binding: the input copy leaks when the output buffer cannot be allocated.
    - |
      package zlib

      /*
      #include <stdlib.h>
      #include <string.h>
      static size_t pack(const void *in, size_t n, void *out, size_t cap) {
      	size_t m = n < cap ? n : cap;
      	memcpy(out, in, m);
      	return m;
      }
      */
      import "C"

      import "errors"

      var errLimit = errors.New("zlib: limit must be positive")

      // Compress packs src into at most limit bytes.
      func Compress(src []byte, limit int) ([]byte, error) {
      	in := ↓C.CBytes(src)
      	if limit <= 0 {
      		return nil, errLimit // in leaks
      	}
      	out := C.malloc(C.size_t(limit))
      	defer C.free(out)
      	n := C.pack(in, C.size_t(len(src)), out, C.size_t(limit))
      	C.free(in)
      	return C.GoBytes(out, C.int(n)), nil
      }
    # A loop: `continue` skips the free, one leak per rejected name.
    - |
      package users

      /*
      #include <stdlib.h>
      #include <string.h>
      static int valid_name(const char *s) { return strlen(s) > 0 && s[0] != '-'; }
      */
      import "C"

      import "unsafe"

      // ValidNames returns the names the C library accepts.
      func ValidNames(names []string) []string {
      	var ok []string
      	for _, name := range names {
      		cs := ↓C.CString(name)
      		if C.valid_name(cs) == 0 {
      			continue
      		}
      		C.free(unsafe.Pointer(cs))
      		ok = append(ok, name)
      	}
      	return ok
      }
    # A preamble function whose body returns strdup's result: the caller owns it.
    - |
      package names

      /*
      #include <stdlib.h>
      #include <string.h>
      #include <ctype.h>
      static char *upper(const char *s) {
      	char *r = strdup(s);
      	for (char *p = r; *p; p++) *p = toupper((unsigned char)*p);
      	return r;
      }
      */
      import "C"

      import "unsafe"

      // Upper returns s in capitals, as the C locale sees them.
      func Upper(s string) string {
      	cs := C.CString(s)
      	defer C.free(unsafe.Pointer(cs))
      	r := ↓C.upper(cs)
      	return C.GoString(r) // r is never freed
      }
    # A preamble function that returns NULL on an error before it allocates: the malloc result it returns later is the caller's.
    - |
      package resolv

      /*
      #include <stdlib.h>
      #include <string.h>
      static char *canonical(const char *host) {
      	if (host[0] == 0) return NULL;
      	char *r = malloc(strlen(host) + 2);
      	strcpy(r, host);
      	strcat(r, ".");
      	return r;
      }
      */
      import "C"

      import "unsafe"

      // Canonical returns host with a trailing dot.
      func Canonical(host string) string {
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	r := ↓C.canonical(ch)
      	return C.GoString(r) // r is never freed
      }
    # Generics: a generic helper that copies values into C memory and returns on a bad size.
    - |
      package cbuf

      /*
      #include <stdlib.h>
      #include <string.h>
      static void consume(void *p, size_t n) { (void)p; (void)n; }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      var errEmpty = errors.New("cbuf: nothing to send")

      // Send copies values into a C buffer and hands them to the C side.
      func Send[T int32 | int64 | float64](values []T) error {
      	size := C.size_t(len(values)) * C.size_t(unsafe.Sizeof(values[0]))
      	buf := ↓C.malloc(size)
      	if len(values) == 0 {
      		return errEmpty
      	}
      	C.memcpy(buf, unsafe.Pointer(&values[0]), size)
      	C.consume(buf, size)
      	C.free(buf)
      	return nil
      }
  good:
    # A typed C buffer, converted from C.malloc's pointer, freed by a defer whatever the loop does.
    - |
      package format

      /*
      #include <stdio.h>
      #include <stdlib.h>
      static void render(char *buf, double x) { snprintf(buf, 64, "%g", x); }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      // Render formats each value with the C library's printf.
      func Render(values []float64) ([]string, error) {
      	buf := (*C.char)(C.malloc(64))
      	defer C.free(unsafe.Pointer(buf))
      	out := make([]string, 0, len(values))
      	for _, v := range values {
      		C.render(buf, C.double(v))
      		s := C.GoString(buf)
      		if s == "" {
      			return nil, errors.New("empty rendering")
      		}
      		out = append(out, s)
      	}
      	return out, nil
      }
    # Freed by a defer on every path.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      typedef struct db { int flags; } db;
      static db *db_open(const char *path, int flags) {
      	db *d = malloc(sizeof(db));
      	d->flags = flags;
      	return d;
      }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      // DB is an open database.
      type DB struct{ h *C.db }

      var errFlags = errors.New("sqlite: bad flags")

      // Open opens the database at path.
      func Open(path string, flags int) (*DB, error) {
      	cpath := C.CString(path)
      	defer C.free(unsafe.Pointer(cpath))
      	if flags < 0 {
      		return nil, errFlags
      	}
      	return &DB{h: C.db_open(cpath, C.int(flags))}, nil
      }
    # Freed by a preamble function whose body frees its parameter.
    - |
      package names

      /*
      #include <stdlib.h>
      #include <string.h>
      static int name_len(const char *s) { return (int)strlen(s); }
      static void name_release(char *s) { if (s != NULL) free(s); }
      */
      import "C"

      // Len returns the length of s as the C library counts it.
      func Len(s string) int {
      	cs := C.CString(s)
      	n := C.name_len(cs)
      	C.name_release(cs)
      	return int(n)
      }
    # Kept by a handle that frees it in Close.
    - |
      package stmt

      /*
      #include <stdlib.h>
      */
      import "C"

      import "unsafe"

      // Stmt is a prepared statement; its SQL text lives in C memory.
      type Stmt struct{ sql *C.char }

      // Prepare keeps the SQL text for the life of the statement.
      func Prepare(query string) *Stmt {
      	s := &Stmt{}
      	s.sql = C.CString(query)
      	return s
      }

      // Close frees the SQL text.
      func (s *Stmt) Close() {
      	C.free(unsafe.Pointer(s.sql))
      	s.sql = nil
      }
    # Returned to the caller, who frees it.
    - |
      package cstr

      /*
      #include <stdlib.h>
      #include <string.h>
      */
      import "C"

      import "unsafe"

      // cstring converts s; the caller frees the result with C.free.
      func cstring(s string) *C.char {
      	cs := C.CString(s)
      	return cs
      }

      // Length returns the length of s as C's strlen counts it.
      func Length(s string) int {
      	cs := cstring(s)
      	defer C.free(unsafe.Pointer(cs))
      	return int(C.strlen(cs))
      }
    # Freed on each path of a loop before continue.
    - |
      package users

      /*
      #include <stdlib.h>
      #include <string.h>
      static int valid_name(const char *s) { return strlen(s) > 0 && s[0] != '-'; }
      */
      import "C"

      import "unsafe"

      // ValidNames returns the names the C library accepts.
      func ValidNames(names []string) []string {
      	var ok []string
      	for _, name := range names {
      		cs := C.CString(name)
      		valid := C.valid_name(cs) != 0
      		C.free(unsafe.Pointer(cs))
      		if !valid {
      			continue
      		}
      		ok = append(ok, name)
      	}
      	return ok
      }
    # A preamble function returns NULL on an error and malloc's result otherwise; the caller frees it.
    - |
      package resolv

      /*
      #include <stdlib.h>
      #include <string.h>
      static char *canonical(const char *host) {
      	if (host[0] == 0) return NULL;
      	char *r = malloc(strlen(host) + 2);
      	strcpy(r, host);
      	strcat(r, ".");
      	return r;
      }
      */
      import "C"

      import "unsafe"

      // Canonical returns host with a trailing dot.
      func Canonical(host string) string {
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	r := C.canonical(ch)
      	defer C.free(unsafe.Pointer(r))
      	return C.GoString(r)
      }

"""#),
        RuleFileText(relativePath: "cgo/CG1002-c-memory-freed-twice.yaml", text: #"""
# C memory freed twice on one path of a function. The format of this file
# is described in rules/README.md.
id: CG1002
name: c-memory-freed-twice
category: cgo
level: error
summary: C memory is freed twice on some path of a function.
description: |
  Freeing the same C pointer twice corrupts the C heap. glibc aborts the
  process with "free(): double free detected" when it notices; when it
  does not, a later `malloc` hands the same memory out twice and two
  owners overwrite each other's data, far from the bug.

  The rule follows each `C.free(p)` (and each call of a function that
  frees its parameter: a Go helper, or a C function of the preamble whose
  body calls `free` on it) along every path of the same function, through
  copies of `p`, and reports a second free of the same memory: two
  explicit frees, an explicit free and a `defer C.free(p)` registered
  before or after it (the deferred one runs again at the return), or a
  free inside a loop that does not get a new pointer at each iteration.
  Assigning a new value (`p = nil`, `p = C.CString(s)`) ends the search.
  The finding is the second free, with the path from the first.

  Fix: free in one place (usually a `defer` right after the allocation);
  when an early free is needed, set the variable to nil after it and make
  the deferred free skip nil (C's `free(NULL)` does nothing).

  Known false positives: two frees on paths that cannot both run (the
  conditions exclude each other in a way the IR does not model); a helper
  that frees only in some cases it cannot see from its body (the helper
  must free on every path to count).
tags: [cgo, memory, correctness]
precision: high
since: "0.1.0"
analysis: cgo
examples:
  bad:
    # A compression binding: the error path frees, then the deferred free runs again.
    - |
      package zlib

      /*
      #include <stdlib.h>
      #include <string.h>
      static int deflate_into(const void *in, size_t n, void *out, size_t cap) {
      	if (n > cap) return -1;
      	memcpy(out, in, n);
      	return (int)n;
      }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      var errTooBig = errors.New("zlib: output buffer too small")

      // Deflate compresses src into a buffer of capacity cap.
      func Deflate(src []byte, cap int) ([]byte, error) {
      	out := C.malloc(C.size_t(cap))
      	defer C.free(out)
      	n := C.deflate_into(unsafe.Pointer(&src[0]), C.size_t(len(src)), out, C.size_t(cap))
      	if n < 0 {
      		↓C.free(out) // freed here and again by the defer
      		return nil, errTooBig
      	}
      	return C.GoBytes(out, n), nil
      }
    # A wrapper's release function frees its parameter; the caller frees again.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      #include <string.h>
      static char *errmsg_copy(const char *m) { return strdup(m); }
      static void errmsg_free(char *m) { free(m); }
      */
      import "C"

      import "unsafe"

      // lastError returns the message of the last error as a Go string.
      func lastError(msg string) string {
      	cmsg := C.CString(msg)
      	copied := C.errmsg_copy(cmsg)
      	C.free(unsafe.Pointer(cmsg))
      	s := C.GoString(copied)
      	C.errmsg_free(copied)
      	↓C.free(unsafe.Pointer(copied))
      	return s
      }
    # A copy of the pointer freed after the original.
    - |
      package names

      /*
      #include <stdlib.h>
      #include <string.h>
      */
      import "C"

      import "unsafe"

      // Compare compares a and b as C's strcmp does.
      func Compare(a, b string) int {
      	ca := C.CString(a)
      	cb := C.CString(b)
      	first := ca
      	r := int(C.strcmp(ca, cb))
      	C.free(unsafe.Pointer(ca))
      	C.free(unsafe.Pointer(cb))
      	↓C.free(unsafe.Pointer(first))
      	return r
      }
    # A Go helper that frees its argument, called on memory already freed.
    - |
      package device

      /*
      #include <stdlib.h>
      */
      import "C"

      import "unsafe"

      // release returns a block to the C heap.
      func release(p unsafe.Pointer) {
      	C.free(p)
      }

      // Configure sends a configuration block and releases it.
      func Configure(size int, send func(unsafe.Pointer) bool) bool {
      	block := C.calloc(1, C.size_t(size))
      	if !send(block) {
      		C.free(block)
      	}
      	↓release(block)
      	return true
      }
    # A free inside a loop on a pointer allocated once, before the loop.
    - |
      package batch

      /*
      #include <stdlib.h>
      static int submit(void *buf, int i) { (void)buf; return i; }
      */
      import "C"

      // SubmitAll submits n jobs through one scratch buffer.
      func SubmitAll(n int) int {
      	buf := C.malloc(64)
      	done := 0
      	for i := 0; i < n; i++ {
      		done += int(C.submit(buf, C.int(i)))
      		↓C.free(buf) // the second iteration frees it again
      	}
      	return done
      }
  good:
    # Freed once, by the defer.
    - |
      package zlib

      /*
      #include <stdlib.h>
      #include <string.h>
      static int deflate_into(const void *in, size_t n, void *out, size_t cap) {
      	if (n > cap) return -1;
      	memcpy(out, in, n);
      	return (int)n;
      }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      var errTooBig = errors.New("zlib: output buffer too small")

      // Deflate compresses src into a buffer of capacity cap.
      func Deflate(src []byte, cap int) ([]byte, error) {
      	out := C.malloc(C.size_t(cap))
      	defer C.free(out)
      	n := C.deflate_into(unsafe.Pointer(&src[0]), C.size_t(len(src)), out, C.size_t(cap))
      	if n < 0 {
      		return nil, errTooBig
      	}
      	return C.GoBytes(out, n), nil
      }
    # Set to nil after the early free; free(NULL) does nothing.
    - |
      package names

      /*
      #include <stdlib.h>
      #include <string.h>
      */
      import "C"

      import "unsafe"

      // Prefix returns whether s starts with p, as C compares them.
      func Prefix(s, p string) bool {
      	cs := C.CString(s)
      	cp := C.CString(p)
      	defer C.free(unsafe.Pointer(cs))
      	n := C.strlen(cp)
      	r := C.strncmp(cs, cp, n) == 0
      	C.free(unsafe.Pointer(cp))
      	cp = nil
      	C.free(unsafe.Pointer(cp))
      	return r
      }
    # A new allocation at each iteration, freed once each.
    - |
      package batch

      /*
      #include <stdlib.h>
      static int submit(void *buf, int i) { (void)buf; return i; }
      */
      import "C"

      // SubmitAll submits n jobs, each with its own buffer.
      func SubmitAll(n int) int {
      	done := 0
      	for i := 0; i < n; i++ {
      		buf := C.malloc(64)
      		done += int(C.submit(buf, C.int(i)))
      		C.free(buf)
      	}
      	return done
      }
    # The release function frees; the caller does not.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      #include <string.h>
      static char *errmsg_copy(const char *m) { return strdup(m); }
      static void errmsg_free(char *m) { free(m); }
      */
      import "C"

      import "unsafe"

      // lastError returns the message of the last error as a Go string.
      func lastError(msg string) string {
      	cmsg := C.CString(msg)
      	defer C.free(unsafe.Pointer(cmsg))
      	copied := C.errmsg_copy(cmsg)
      	defer C.errmsg_free(copied)
      	return C.GoString(copied)
      }
    # Frees on exclusive paths: each path frees once.
    - |
      package device

      /*
      #include <stdlib.h>
      */
      import "C"

      import "unsafe"

      // Configure sends a configuration block; the receiver keeps it on success.
      func Configure(size int, send func(unsafe.Pointer) bool, keep func(unsafe.Pointer)) {
      	block := C.calloc(1, C.size_t(size))
      	if !send(block) {
      		C.free(block)
      		return
      	}
      	keep(block)
      }

"""#),
        RuleFileText(relativePath: "cgo/CG1003-c-memory-used-after-free.yaml", text: #"""
# C memory used after C.free on some path of a function. The format of this
# file is described in rules/README.md.
id: CG1003
name: c-memory-used-after-free
category: cgo
level: error
summary: C memory is read or passed on after it was freed.
description: |
  After `C.free(p)` the memory belongs to the C allocator again: the next
  `malloc` may hand it out, and glibc keeps its own bookkeeping in the
  first bytes. Reading through `p` (`C.GoString(p)`, `C.GoBytes(p, n)`) or
  passing it to C then returns garbage, crashes, or corrupts whatever now
  lives there; the Go race detector and the garbage collector see none of
  it.

  The rule follows each `C.free(p)` (and each call of a function that
  frees its parameter: a Go helper, or a C function of the preamble whose
  body calls `free` on it) along every path of the same function, through
  copies of `p`, and reports the first later use of `p` or of memory
  inside it: an argument of a call, a field read through it. A copy
  (`q := p`) is followed, not reported; assigning a new value to every
  copy ends the search. A deferred free runs last, so nothing after it
  counts. The finding is at the call or read that uses the memory, with
  the path from the free.

  Fix: copy what you need out of the C memory (`C.GoString`, `C.GoBytes`)
  before freeing it, or free it with `defer` so that it outlives every use.

  Known false positives: a path that cannot run in practice; a pointer
  passed to a function that only compares it (against nil, say).
tags: [cgo, memory, correctness]
precision: high
since: "0.1.0"
analysis: cgo
examples:
  bad:
    # A DNS-like wrapper converts the C result after freeing it.
    - |
      package resolv

      /*
      #include <stdlib.h>
      #include <string.h>
      static char *canonical(const char *host) {
      	char *r = malloc(strlen(host) + 2);
      	strcpy(r, host);
      	strcat(r, ".");
      	return r;
      }
      */
      import "C"

      import "unsafe"

      // Canonical returns host with a trailing dot.
      func Canonical(host string) string {
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	r := C.canonical(ch)
      	C.free(unsafe.Pointer(r))
      	return ↓C.GoString(r)
      }
    # An error path frees the buffer and then reports its contents.
    - |
      package device

      /*
      #include <stdlib.h>
      #include <string.h>
      static int read_config(char *buf, int n) { strncpy(buf, "mode=1", n); return -1; }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      // ReadConfig reads the device configuration.
      func ReadConfig() (string, error) {
      	buf := (*C.char)(C.malloc(256))
      	if C.read_config(buf, 256) < 0 {
      		C.free(unsafe.Pointer(buf))
      		return "", errors.New("device: bad config: " + ↓C.GoString(buf))
      	}
      	s := C.GoString(buf)
      	C.free(unsafe.Pointer(buf))
      	return s, nil
      }
    # A preamble release function frees the handle, then Go reads through it.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      typedef struct stmt { int rows; } stmt;
      static stmt *stmt_new(void) { stmt *s = calloc(1, sizeof(stmt)); s->rows = 3; return s; }
      static void stmt_finalize(stmt *s) { free(s); }
      static int stmt_rows(stmt *s) { return s->rows; }
      */
      import "C"

      // Rows runs a statement and reports how many rows it produced.
      func Rows() int {
      	s := C.stmt_new()
      	C.stmt_finalize(s)
      	return int(↓C.stmt_rows(s))
      }
    # A copy of the pointer, made before the free, used after it.
    - |
      package zlib

      /*
      #include <stdlib.h>
      #include <string.h>
      static unsigned sum_bytes(const void *p, size_t n) {
      	const unsigned char *b = p;
      	unsigned s = 0;
      	while (n--) s += *b++;
      	return s;
      }
      */
      import "C"

      // Checksum sums the bytes of data through a C copy, then wipes the copy.
      func Checksum(data []byte) int {
      	c := C.CBytes(data)
      	scratch := c
      	sum := int(C.sum_bytes(c, C.size_t(len(data))))
      	C.free(c)
      	↓C.memset(scratch, 0, C.size_t(len(data)))
      	return sum
      }
  good:
    # Converted before the free.
    - |
      package resolv

      /*
      #include <stdlib.h>
      #include <string.h>
      static char *canonical(const char *host) {
      	char *r = malloc(strlen(host) + 2);
      	strcpy(r, host);
      	strcat(r, ".");
      	return r;
      }
      */
      import "C"

      import "unsafe"

      // Canonical returns host with a trailing dot.
      func Canonical(host string) string {
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	r := C.canonical(ch)
      	s := C.GoString(r)
      	C.free(unsafe.Pointer(r))
      	return s
      }
    # The message is copied out before the error path frees the buffer.
    - |
      package device

      /*
      #include <stdlib.h>
      #include <string.h>
      static int read_config(char *buf, int n) { strncpy(buf, "mode=1", n); return -1; }
      */
      import "C"

      import (
      	"errors"
      	"unsafe"
      )

      // ReadConfig reads the device configuration.
      func ReadConfig() (string, error) {
      	buf := (*C.char)(C.malloc(256))
      	defer C.free(unsafe.Pointer(buf))
      	if C.read_config(buf, 256) < 0 {
      		return "", errors.New("device: bad config: " + C.GoString(buf))
      	}
      	return C.GoString(buf), nil
      }
    # The handle is read before it is finalized.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      typedef struct stmt { int rows; } stmt;
      static stmt *stmt_new(void) { stmt *s = calloc(1, sizeof(stmt)); s->rows = 3; return s; }
      static void stmt_finalize(stmt *s) { free(s); }
      static int stmt_rows(stmt *s) { return s->rows; }
      */
      import "C"

      // Rows runs a statement and reports how many rows it produced.
      func Rows() int {
      	s := C.stmt_new()
      	defer C.stmt_finalize(s)
      	return int(C.stmt_rows(s))
      }
    # A new allocation replaces the freed one before the next use.
    - |
      package cstr

      /*
      #include <stdlib.h>
      #include <string.h>
      */
      import "C"

      import "unsafe"

      // Lengths returns the C length of each string.
      func Lengths(ss []string) []int {
      	var out []int
      	cs := C.CString("")
      	for _, s := range ss {
      		C.free(unsafe.Pointer(cs))
      		cs = C.CString(s)
      		out = append(out, int(C.strlen(cs)))
      	}
      	C.free(unsafe.Pointer(cs))
      	return out
      }

"""#),
        RuleFileText(relativePath: "cgo/CG1004-c-memory-in-struct-not-freed.yaml", text: #"""
# C memory kept in a Go struct field that no method or finalizer frees.
# The format of this file is described in rules/README.md.
id: CG1004
name: c-memory-in-struct-not-freed
category: cgo
level: warning
summary: C memory is stored in a field of a Go struct, and no method or finalizer of that struct frees it.
description: |
  A cgo wrapper keeps C memory for as long as its Go handle lives by
  storing the pointer in a field: a statement's SQL text, a codec's
  dictionary, a device's buffer. The garbage collector frees the Go struct
  when the handle becomes unreachable, but never the C memory the field
  points to: unless a `Close` (or `Free`, `Release` ...) method frees the
  field, or a finalizer set with `runtime.SetFinalizer` does, every handle
  leaks its C memory.

  The rule finds C memory (from `C.CString`, `C.CBytes`, `C.malloc` and
  the other allocators listed below, or from a function that returns what
  one of them allocated) stored into a field of a struct type of the
  analysed code, and reports the store when no function of the analysed
  code frees that field of that type: `C.free(x.f)`, a copy of `x.f`
  freed, or `x.f` passed to a function that frees its parameter (a Go
  helper or a preamble C function whose body calls `free` on it). The
  finalizer's function counts like any other. CG1001 counts the store as
  handing the memory over; this rule checks that the new owner frees it.

  Fix: free the field in the type's `Close` method (and make callers call
  it, `defer h.Close()`), or set a finalizer that frees it.

  Known false positives: the field is freed by C code (a destructor the C
  library calls), or by a function outside the analysed packages; the
  memory is handed on from the field to another owner.
tags: [cgo, memory, resource-leak]
precision: high
since: "0.1.0"
analysis: cgo
calls:
  - C.CString
  - C.CBytes
  - C.malloc
  - C.calloc
  - C.realloc
  - C.strdup
  - C.strndup
examples:
  bad:
    # A SQLite-like statement keeps its SQL text; Close finalizes the statement only.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      typedef struct stmt { const char *sql; } stmt;
      static stmt *stmt_prepare(const char *sql) { stmt *s = malloc(sizeof(stmt)); s->sql = sql; return s; }
      static void stmt_finalize(stmt *s) { free(s); }
      */
      import "C"

      // Stmt is a prepared statement.
      type Stmt struct {
      	sql *C.char
      	h   *C.stmt
      }

      // Prepare compiles query.
      func Prepare(query string) *Stmt {
      	s := &Stmt{}
      	↓s.sql = C.CString(query)
      	s.h = C.stmt_prepare(s.sql)
      	return s
      }

      // Close finalizes the statement (but forgets the SQL text).
      func (s *Stmt) Close() {
      	C.stmt_finalize(s.h)
      }
    # A compression dictionary copied to C memory in a composite literal, never released.
    - |
      package zstd

      /*
      #include <stdlib.h>
      */
      import "C"

      import "unsafe"

      // Dict is a compression dictionary shared by encoders.
      type Dict struct {
      	data unsafe.Pointer
      	size int
      }

      // NewDict copies raw into C memory for the C encoder.
      func NewDict(raw []byte) *Dict {
      	return &Dict{↓data: C.CBytes(raw), size: len(raw)}
      }

      // Size returns the dictionary's size in bytes.
      func (d *Dict) Size() int { return d.size }
    # A device handle's buffer from a C helper that returns malloc'd memory.
    - |
      package device

      /*
      #include <stdlib.h>
      static void *dev_buffer(int size) { void *b = malloc(size); return b; }
      */
      import "C"

      import "unsafe"

      // Device is an open device with a DMA buffer.
      type Device struct {
      	fd  int
      	buf unsafe.Pointer
      }

      // Open opens the device with a buffer of size bytes.
      func Open(fd, size int) *Device {
      	d := &Device{fd: fd}
      	buf := C.dev_buffer(C.int(size))
      	↓d.buf = buf
      	return d
      }

      // Close forgets the descriptor.
      func (d *Device) Close() { d.fd = -1 }
    # A generic cache entry holding a C key.
    - |
      package ccache

      /*
      #include <stdlib.h>
      */
      import "C"

      // Entry pairs a value with its key in C form for a C index.
      type Entry[V any] struct {
      	key   *C.char
      	value V
      }

      // NewEntry builds an entry for key.
      func NewEntry[V any](key string, value V) *Entry[V] {
      	e := &Entry[V]{value: value}
      	↓e.key = C.CString(key)
      	return e
      }
  good:
    # Close frees the SQL text too.
    - |
      package sqlite

      /*
      #include <stdlib.h>
      typedef struct stmt { const char *sql; } stmt;
      static stmt *stmt_prepare(const char *sql) { stmt *s = malloc(sizeof(stmt)); s->sql = sql; return s; }
      static void stmt_finalize(stmt *s) { free(s); }
      */
      import "C"

      import "unsafe"

      // Stmt is a prepared statement.
      type Stmt struct {
      	sql *C.char
      	h   *C.stmt
      }

      // Prepare compiles query.
      func Prepare(query string) *Stmt {
      	s := &Stmt{}
      	s.sql = C.CString(query)
      	s.h = C.stmt_prepare(s.sql)
      	return s
      }

      // Close finalizes the statement and frees its SQL text.
      func (s *Stmt) Close() {
      	C.stmt_finalize(s.h)
      	C.free(unsafe.Pointer(s.sql))
      }
    # A finalizer frees the dictionary.
    - |
      package zstd

      /*
      #include <stdlib.h>
      */
      import "C"

      import (
      	"runtime"
      	"unsafe"
      )

      // Dict is a compression dictionary shared by encoders.
      type Dict struct {
      	data unsafe.Pointer
      	size int
      }

      // NewDict copies raw into C memory for the C encoder.
      func NewDict(raw []byte) *Dict {
      	d := &Dict{data: C.CBytes(raw), size: len(raw)}
      	runtime.SetFinalizer(d, func(d *Dict) { C.free(d.data) })
      	return d
      }
    # Close hands the buffer to a C function that frees it.
    - |
      package device

      /*
      #include <stdlib.h>
      static void *dev_buffer(int size) { void *b = malloc(size); return b; }
      static void dev_release(void *b) { free(b); }
      */
      import "C"

      import "unsafe"

      // Device is an open device with a DMA buffer.
      type Device struct {
      	fd  int
      	buf unsafe.Pointer
      }

      // Open opens the device with a buffer of size bytes.
      func Open(fd, size int) *Device {
      	d := &Device{fd: fd}
      	d.buf = C.dev_buffer(C.int(size))
      	return d
      }

      // Close releases the buffer.
      func (d *Device) Close() {
      	buf := d.buf
      	d.buf = nil
      	C.dev_release(buf)
      }
    # A short-lived request struct whose field is freed before it goes.
    - |
      package resolv

      /*
      #include <stdlib.h>
      #include <string.h>
      */
      import "C"

      import "unsafe"

      type request struct {
      	host *C.char
      	port int
      }

      // HostLength returns the length of host as C sees it.
      func HostLength(host string) int {
      	r := request{port: 53}
      	r.host = C.CString(host)
      	defer C.free(unsafe.Pointer(r.host))
      	return int(C.strlen(r.host))
      }

"""#),
        RuleFileText(relativePath: "cgo/CG1010-blocking-c-call-per-goroutine.yaml", text: #"""
# Blocking C calls made by goroutines started without bound (per item in a
# loop, per connection, per HTTP request). The format of this file is
# described in rules/README.md.
id: CG1010
name: blocking-c-call-per-goroutine
category: cgo
level: warning
summary: Goroutines started per item or per request make a blocking C call, and each one pins an OS thread.
description: |
  A goroutine blocked in C keeps its OS thread for the whole call: Go's
  scheduler cannot park it as it parks a goroutine blocked on a channel or
  in the network poller, so it starts another thread for the rest of the
  program. Goroutines started in a loop over items or connections, or per
  HTTP request (net/http serves each request on its own goroutine), that
  call a blocking C function (`getaddrinfo`, `read`, `flock`, `usleep`,
  `pthread_cond_wait` ...) grow the process by a thread each: a thousand
  concurrent lookups are a thousand threads, and at 10000 the runtime
  kills the process ("thread exhaustion"). This is why the net package
  caps its cgo resolver with a semaphore.

  The rule reports a `go` statement in a loop (other than a counted loop
  such as `for i := 0; i < workers; i++`, a worker pool) or in an HTTP
  handler, when the goroutine it starts may block in one of the C
  functions listed below: directly, through Go functions, or through C
  functions of the preamble whose bodies call one (transitively). It
  also reports the blocking call itself when an HTTP handler makes it.
  Teams add their own blocking C functions to the list. Not reported:
  goroutines throttled by a semaphore, a send on a shared channel (or a
  call of a function that makes one, or `semaphore.Weighted.Acquire`)
  before the `go` in the loop, or before the blocking call. Not reported
  either: a dial, listen or resolve of net (`Dial`, `DialTimeout`,
  `Dialer.Dial`/`DialContext`, `Listen`, `ListenPacket`, `ListenConfig`'s,
  `ResolveTCPAddr` ...) with a numeric address, which Go's resolver
  answers without `getaddrinfo`: a string constant whose host is an IP
  literal or empty and whose port is a number (`"127.0.0.1:0"`,
  `":8080"`, `"[::1]:80"`), any address of a unix network, or
  `a.String()` of a `net.Addr` (or `*net.TCPAddr`, `*UDPAddr`, `*IPAddr`,
  `*UnixAddr`) dialled on a constant network or on `a.Network()`, as in
  `Dial(ln.Addr().Network(), ln.Addr().String())`. A host name or a named
  port (`"db:postgresql"`), or an address held in a variable or built at
  run time, is still followed into the resolver.

  Fix: bound the concurrency: a fixed pool of workers reading from a
  channel, or a semaphore (`sem <- struct{}{}` ... `<-sem`) around the
  blocking call.

  Only calls with a known target are followed: static calls, and calls
  through an interface or a function value with exactly one possible
  target in the program. A call that may go to several implementations
  (`w.Write` on an `io.Writer`, the `Error` and `String` methods `fmt`
  calls) is not followed, so a blocking call behind such an interface
  is not reported (a known false negative).

  Known false positives: loops with few iterations in practice; a
  throttle the rule does not recognise (a pool from a library, a rate
  limiter).
tags: [cgo, threads, blocking]
precision: medium
since: "0.1.0"
analysis: cgo
calls:
  - C.sleep
  - C.usleep
  - C.nanosleep
  - C.clock_nanosleep
  - C.pause
  - C.read
  - C.pread
  - C.readv
  - C.recv
  - C.recvfrom
  - C.recvmsg
  - C.accept
  - C.accept4
  - C.connect
  - C.poll
  - C.ppoll
  - C.select
  - C.pselect
  - C.epoll_wait
  - C.waitpid
  - C.wait
  - C.pthread_join
  - C.pthread_cond_wait
  - C.pthread_cond_timedwait
  - C.sem_wait
  - C.sem_timedwait
  - C.flock
  - C.lockf
  - C.fsync
  - C.fdatasync
  - C.getaddrinfo
  - C.getnameinfo
  - C.gethostbyname
  - C.gethostbyname_r
  - C.res_query
  - C.res_search
  - C.msgrcv
  - C.mq_receive
  - C.sigwait
  - C.sigwaitinfo
examples:
  bad:
    # A DNS resolver: a goroutine per host, each blocked in getaddrinfo.
    - |
      package resolver

      /*
      #include <netdb.h>
      #include <stdlib.h>
      static int lookup_host(const char *host) {
      	struct addrinfo *res = NULL;
      	int rc = getaddrinfo(host, NULL, NULL, &res);
      	if (rc == 0) freeaddrinfo(res);
      	return rc;
      }
      */
      import "C"

      import "unsafe"

      func resolve(host string) bool {
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	return C.lookup_host(ch) == 0
      }

      // ResolveAll looks every host up concurrently.
      func ResolveAll(hosts []string) map[string]bool {
      	results := make(chan [2]interface{}, len(hosts))
      	for _, h := range hosts {
      		↓go func(h string) {
      			results <- [2]interface{}{h, resolve(h)}
      		}(h)
      	}
      	out := make(map[string]bool, len(hosts))
      	for range hosts {
      		r := <-results
      		out[r[0].(string)] = r[1].(bool)
      	}
      	return out
      }
    # An HTTP handler that calls the blocking C lookup for each request.
    - |
      package api

      /*
      #include <netdb.h>
      #include <stdlib.h>
      static int lookup_host(const char *host) {
      	struct addrinfo *res = NULL;
      	int rc = getaddrinfo(host, NULL, NULL, &res);
      	if (rc == 0) freeaddrinfo(res);
      	return rc;
      }
      */
      import "C"

      import (
      	"fmt"
      	"net/http"
      	"unsafe"
      )

      // Check reports whether the host in the query resolves.
      func Check(w http.ResponseWriter, r *http.Request) {
      	ch := C.CString(r.URL.Query().Get("host"))
      	defer C.free(unsafe.Pointer(ch))
      	rc := ↓C.lookup_host(ch)
      	fmt.Fprintf(w, "rc=%d\n", int(rc))
      }
    # An accept loop: each connection's goroutine takes a file lock in C.
    - |
      package store

      /*
      #include <sys/file.h>
      static int append_record(int fd, int n) {
      	if (flock(fd, LOCK_EX) != 0) return -1;
      	flock(fd, LOCK_UN);
      	return n;
      }
      */
      import "C"

      import "net"

      func handle(conn net.Conn, fd int) {
      	defer conn.Close()
      	buf := make([]byte, 512)
      	n, _ := conn.Read(buf)
      	C.append_record(C.int(fd), C.int(n))
      }

      // Serve appends what each client sends to the log at fd.
      func Serve(ln net.Listener, fd int) error {
      	for {
      		conn, err := ln.Accept()
      		if err != nil {
      			return err
      		}
      		↓go handle(conn, fd)
      	}
      }
    # A goroutine per job, each sleeping in C between retries.
    - |
      package jobs

      /*
      #include <unistd.h>
      static int try_submit(int id) { return id % 3; }
      */
      import "C"

      import "sync"

      // SubmitAll submits every job, retrying each every 100ms until it is accepted.
      func SubmitAll(ids []int) {
      	var wg sync.WaitGroup
      	for _, id := range ids {
      		wg.Add(1)
      		↓go func(id int) {
      			defer wg.Done()
      			for C.try_submit(C.int(id)) != 0 {
      				C.usleep(100000)
      			}
      		}(id)
      	}
      	wg.Wait()
      }
    # A goroutine per shard, each dialing the shard's host by name (net
    # modelled in the IR): each name waits in getaddrinfo on a thread.
    - lang: cir
      code: |
        package example.com/cg1010/bad

        type net.Conn interface{ Close() error }
        type net.Addr interface{ Network() string; String() string }

        // net, reduced to the chain a name takes: the port (and the host)
        // of the address go to the cgo resolver.
        func net.cgoLookupServicePort(network string, service string) (int, error) {
        b0:
            cgo.call C.getaddrinfo(service)
            return 0, nil
        }

        func net.Dial(network string, address string) (net.Conn, error) {
        b0:
            call net.cgoLookupServicePort(network, address)
            return nil, nil
        }

        func example.com/cg1010/bad.Warm(shards []string) {
        b0:
            jump b1
        b1: loop len(shards)
            if ? then b2 else b3
        b2:
            ↓go example.com/cg1010/bad.Warm.func1()
            jump b1
        b3:
            return
        }

        func example.com/cg1010/bad.Warm.func1() {
            parent example.com/cg1010/bad.Warm
            var c net.Conn
            var err error
        b0:
            c, err = call net.Dial("tcp", "cache.internal:11211")
            return
        }
  good:
    # A fixed pool of workers: the number of blocked threads is bounded.
    - |
      package resolver

      /*
      #include <netdb.h>
      #include <stdlib.h>
      static int lookup_host(const char *host) {
      	struct addrinfo *res = NULL;
      	int rc = getaddrinfo(host, NULL, NULL, &res);
      	if (rc == 0) freeaddrinfo(res);
      	return rc;
      }
      */
      import "C"

      import (
      	"sync"
      	"unsafe"
      )

      func resolve(host string) bool {
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	return C.lookup_host(ch) == 0
      }

      // ResolveAll looks the hosts up with at most workers lookups at once.
      func ResolveAll(hosts []string, workers int) map[string]bool {
      	jobs := make(chan string)
      	var mu sync.Mutex
      	var wg sync.WaitGroup
      	out := make(map[string]bool, len(hosts))
      	for i := 0; i < workers; i++ {
      		wg.Add(1)
      		go func() {
      			defer wg.Done()
      			for h := range jobs {
      				ok := resolve(h)
      				mu.Lock()
      				out[h] = ok
      				mu.Unlock()
      			}
      		}()
      	}
      	for _, h := range hosts {
      		jobs <- h
      	}
      	close(jobs)
      	wg.Wait()
      	return out
      }
    # A semaphore taken before each goroutine starts.
    - |
      package jobs

      /*
      #include <unistd.h>
      static int try_submit(int id) { return id % 3; }
      */
      import "C"

      import "sync"

      // SubmitAll submits every job, at most 8 at a time.
      func SubmitAll(ids []int) {
      	sem := make(chan struct{}, 8)
      	var wg sync.WaitGroup
      	for _, id := range ids {
      		sem <- struct{}{}
      		wg.Add(1)
      		go func(id int) {
      			defer func() { <-sem; wg.Done() }()
      			for C.try_submit(C.int(id)) != 0 {
      				C.usleep(100000)
      			}
      		}(id)
      	}
      	wg.Wait()
      }
    # Goroutines per item that only compute in C: nothing blocks.
    - |
      package checksum

      /*
      #include <stddef.h>
      static unsigned sum(const unsigned char *p, size_t n) {
      	unsigned s = 0;
      	while (n--) s += *p++;
      	return s;
      }
      */
      import "C"

      import "unsafe"

      // SumAll sums each block concurrently.
      func SumAll(blocks [][]byte) []uint32 {
      	out := make([]uint32, len(blocks))
      	done := make(chan struct{})
      	for i, b := range blocks {
      		go func(i int, b []byte) {
      			if len(b) > 0 {
      				out[i] = uint32(C.sum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
      			}
      			done <- struct{}{}
      		}(i, b)
      	}
      	for range blocks {
      		<-done
      	}
      	return out
      }
    # The handler takes the server's lookup semaphore before the C call.
    - |
      package api

      /*
      #include <netdb.h>
      #include <stdlib.h>
      static int lookup_host(const char *host) {
      	struct addrinfo *res = NULL;
      	int rc = getaddrinfo(host, NULL, NULL, &res);
      	if (rc == 0) freeaddrinfo(res);
      	return rc;
      }
      */
      import "C"

      import (
      	"fmt"
      	"net/http"
      	"unsafe"
      )

      var lookups = make(chan struct{}, 16)

      // Check reports whether the host in the query resolves, 16 lookups at a time.
      func Check(w http.ResponseWriter, r *http.Request) {
      	lookups <- struct{}{}
      	defer func() { <-lookups }()
      	ch := C.CString(r.URL.Query().Get("host"))
      	defer C.free(unsafe.Pointer(ch))
      	fmt.Fprintf(w, "rc=%d\n", int(C.lookup_host(ch)))
      }
    # Goroutines per message that write to a Sink (or an io.Writer): one
    # Write method of the program takes a file lock in C, but a call
    # through an interface with several implementations is not known to
    # reach it.
    - |
      package fanout

      /*
      #include <sys/file.h>
      #include <unistd.h>
      static int append_locked(int fd, int n) {
      	if (flock(fd, LOCK_EX) != 0) return -1;
      	flock(fd, LOCK_UN);
      	return n;
      }
      */
      import "C"

      import (
      	"fmt"
      	"io"
      	"sync"
      )

      // Sink is where messages go.
      type Sink interface {
      	Write(p []byte) (int, error)
      }

      // LockedFile appends under an exclusive flock.
      type LockedFile struct{ fd int }

      func (f *LockedFile) Write(p []byte) (int, error) {
      	return int(C.append_locked(C.int(f.fd), C.int(len(p)))), nil
      }

      // Open returns the sink of a file, or of memory when there is none.
      func Open(fd int) Sink {
      	if fd < 0 {
      		return &Memory{}
      	}
      	return &LockedFile{fd: fd}
      }

      // Memory keeps what is written in memory.
      type Memory struct {
      	mu  sync.Mutex
      	buf []byte
      }

      func (m *Memory) Write(p []byte) (int, error) {
      	m.mu.Lock()
      	defer m.mu.Unlock()
      	m.buf = append(m.buf, p...)
      	return len(p), nil
      }

      func emit(s Sink, w io.Writer, msg string) {
      	s.Write([]byte(msg))
      	fmt.Fprintf(w, "%s\n", msg)
      }

      // Broadcast writes every message on a goroutine of its own.
      func Broadcast(s Sink, w io.Writer, msgs []string) {
      	var wg sync.WaitGroup
      	for _, m := range msgs {
      		wg.Add(1)
      		go func(m string) {
      			defer wg.Done()
      			emit(s, w, m)
      		}(m)
      	}
      	wg.Wait()
      }
    # A goroutine per test case dialing a listener's own address or a
    # numeric one (net modelled in the IR): net's resolver is never asked.
    - lang: cir
      code: |
        package example.com/cg1010/good

        type net.Conn interface{ Close() error }
        type net.Addr interface{ Network() string; String() string }

        // net, reduced to the chain a name takes: the port (and the host)
        // of the address go to the cgo resolver.
        func net.cgoLookupServicePort(network string, service string) (int, error) {
        b0:
            cgo.call C.getaddrinfo(service)
            return 0, nil
        }

        func net.Dial(network string, address string) (net.Conn, error) {
        b0:
            call net.cgoLookupServicePort(network, address)
            return nil, nil
        }

        func example.com/cg1010/good.DialAll(ln net.Addr, cases []string) {
        b0:
            jump b1
        b1: loop len(cases)
            if ? then b2 else b3
        b2:
            go example.com/cg1010/good.DialAll.func1()
            go example.com/cg1010/good.DialAll.func2()
            jump b1
        b3:
            return
        }

        func example.com/cg1010/good.DialAll.func1() {
            parent example.com/cg1010/good.DialAll
            capture ln net.Addr
            var c net.Conn
            var err error
        b0:
            %1 = call (net.Addr).Network(ln) targets []
            %2 = call (net.Addr).String(ln) targets []
            c, err = call net.Dial(%1, %2)
            return
        }

        func example.com/cg1010/good.DialAll.func2() {
            parent example.com/cg1010/good.DialAll
            var c net.Conn
            var err error
        b0:
            c, err = call net.Dial("tcp", "127.0.0.1:0")
            return
        }

"""#),
        RuleFileText(relativePath: "cgo/CG1011-blocking-c-call-under-lock.yaml", text: #"""
# A blocking C call made while a Go mutex is held. The format of this file
# is described in rules/README.md.
id: CG1011
name: blocking-c-call-under-lock
category: cgo
level: warning
summary: A blocking C call is made while a Go mutex is held.
description: |
  A C call that blocks (`getaddrinfo`, `flock`, `read`, `usleep`,
  `pthread_cond_wait` ...) while a `sync.Mutex` or `sync.RWMutex` is held
  makes every goroutine that needs the mutex wait for the C call as well:
  a short critical section becomes as slow as the slowest lookup, disk or
  peer, and the waiting goroutines pile up behind it (each blocked
  goroutine of the C call also pins its OS thread). When the C side can
  wait for something the Go side does under the same mutex, it is a
  deadlock no Go tool sees.

  The rule reports a call, held on every path under a mutex (a
  must-analysis of `Lock`/`RLock` and their unlocks, deferred unlocks
  included), that may block in one of the C functions listed below:
  directly, through Go functions, or through C functions of the preamble
  whose bodies call one (transitively). Teams add their own blocking C
  functions to the list.

  Not reported: a dial, listen or resolve of net (`Dial`, `DialTimeout`,
  `Dialer.Dial`/`DialContext`, `Listen`, `ListenPacket`, `ListenConfig`'s,
  `ResolveTCPAddr` ...) with a numeric address, which Go's resolver
  answers without `getaddrinfo`: a string constant whose host is an IP
  literal or empty and whose port is a number (`"127.0.0.1:0"`,
  `":8080"`, `"[::1]:80"`), any address of a unix network, or
  `a.String()` of a `net.Addr` (or `*net.TCPAddr`, `*UDPAddr`, `*IPAddr`,
  `*UnixAddr`) dialled on a constant network or on `a.Network()`, as in
  `Dial(ln.Addr().Network(), ln.Addr().String())`. A host name or a named
  port (`"db:postgresql"`), or an address held in a variable or built at
  run time, is still followed into the resolver.

  Fix: copy what the C call needs out of the protected state, unlock, make
  the call, and lock again to store the result; or serialise the C calls
  with a lock of their own that nothing fast waits on.

  Only calls with a known target are followed: static calls, and calls
  through an interface or a function value with exactly one possible
  target in the program. A call that may go to several implementations
  (`w.Write` on an `io.Writer`, the `Error` and `String` methods `fmt`
  calls) is not followed, so a blocking call behind such an interface
  is not reported (a known false negative).

  Known false positives: a mutex whose only purpose is to serialise the
  C calls (the C library is not thread-safe); a listed call that cannot
  block in practice (a non-blocking descriptor, a zero timeout): the rule
  does not read the arguments, so `flock(fd, LOCK_UN)` counts as
  blocking too.
tags: [cgo, blocking, mutex]
precision: medium
since: "0.1.0"
analysis: cgo
calls:
  - C.sleep
  - C.usleep
  - C.nanosleep
  - C.clock_nanosleep
  - C.pause
  - C.read
  - C.pread
  - C.readv
  - C.recv
  - C.recvfrom
  - C.recvmsg
  - C.accept
  - C.accept4
  - C.connect
  - C.poll
  - C.ppoll
  - C.select
  - C.pselect
  - C.epoll_wait
  - C.waitpid
  - C.wait
  - C.pthread_join
  - C.pthread_cond_wait
  - C.pthread_cond_timedwait
  - C.sem_wait
  - C.sem_timedwait
  - C.flock
  - C.lockf
  - C.fsync
  - C.fdatasync
  - C.getaddrinfo
  - C.getnameinfo
  - C.gethostbyname
  - C.gethostbyname_r
  - C.res_query
  - C.res_search
  - C.msgrcv
  - C.mq_receive
  - C.sigwait
  - C.sigwaitinfo
examples:
  bad:
    # A resolver cache that resolves misses while holding the cache lock.
    - |
      package resolver

      /*
      #include <netdb.h>
      #include <stdlib.h>
      static int lookup_host(const char *host) {
      	struct addrinfo *res = NULL;
      	int rc = getaddrinfo(host, NULL, NULL, &res);
      	if (rc == 0) freeaddrinfo(res);
      	return rc;
      }
      */
      import "C"

      import (
      	"sync"
      	"unsafe"
      )

      // Cache remembers which hosts resolve.
      type Cache struct {
      	mu sync.Mutex
      	ok map[string]bool
      }

      // Resolves reports whether host resolves, asking C on a miss.
      func (c *Cache) Resolves(host string) bool {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	if v, hit := c.ok[host]; hit {
      		return v
      	}
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	v := ↓C.lookup_host(ch) == 0
      	c.ok[host] = v
      	return v
      }
    # A SQLite-like handle whose step retries with usleep under the handle's mutex.
    - |
      package sqlite

      /*
      #include <unistd.h>
      typedef struct db { int busy; } db;
      static int db_step(db *d) {
      	while (d->busy > 0) { usleep(1000); d->busy--; }
      	return 0;
      }
      */
      import "C"

      import "sync"

      // Conn is a connection; mu serialises its use.
      type Conn struct {
      	mu sync.Mutex
      	h  *C.db
      }

      // Step runs the current statement one step.
      func (c *Conn) Step() int {
      	c.mu.Lock()
      	rc := ↓C.db_step(c.h)
      	c.mu.Unlock()
      	return int(rc)
      }
    # A journal that fsyncs its file while the writers' mutex is held.
    - |
      package journal

      /*
      #include <unistd.h>
      */
      import "C"

      import "sync"

      // Journal appends records to a file; mu guards pending.
      type Journal struct {
      	mu      sync.Mutex
      	fd      int
      	pending [][]byte
      }

      // Flush writes the pending records and waits until they are on disk.
      func (j *Journal) Flush(write func(int, []byte)) {
      	j.mu.Lock()
      	defer j.mu.Unlock()
      	for _, r := range j.pending {
      		write(j.fd, r)
      	}
      	↓C.fsync(C.int(j.fd))
      	j.pending = nil
      }
    # A read lock held across a blocking read from a device, through a Go helper.
    - |
      package sensor

      /*
      #include <unistd.h>
      */
      import "C"

      import (
      	"sync"
      	"unsafe"
      )

      // Sensor reads samples from a character device.
      type Sensor struct {
      	mu sync.RWMutex
      	fd int
      }

      func readSample(fd int, buf []byte) int {
      	return int(C.read(C.int(fd), unsafe.Pointer(&buf[0]), C.size_t(len(buf))))
      }

      // Sample reads the next sample.
      func (s *Sensor) Sample() []byte {
      	buf := make([]byte, 64)
      	s.mu.RLock()
      	defer s.mu.RUnlock()
      	n := ↓readSample(s.fd, buf)
      	return buf[:n]
      }
    # A pool that dials a named host and service under its lock (net
    # modelled in the IR): the name goes to getaddrinfo.
    - lang: cir
      code: |
        package example.com/cg1011/bad

        type net.Conn interface{ Close() error }
        type net.Addr interface{ Network() string; String() string }

        // net, reduced to the chain a name takes: the port (and the host)
        // of the address go to the cgo resolver.
        func net.cgoLookupServicePort(network string, service string) (int, error) {
        b0:
            cgo.call C.getaddrinfo(service)
            return 0, nil
        }

        func net.Dial(network string, address string) (net.Conn, error) {
        b0:
            call net.cgoLookupServicePort(network, address)
            return nil, nil
        }

        type example.com/cg1011/bad.Pool struct{ mu sync.Mutex; conns []net.Conn }

        func (p *example.com/cg1011/bad.Pool) Add() {
            var c net.Conn
            var err error
        b0:
            mutex.lock p.mu
            defer mutex.unlock p.mu
            ↓c, err = call net.Dial("tcp", "db.internal:postgresql")
            return
        }
  good:
    # The lookup runs unlocked; the lock covers only the map.
    - |
      package resolver

      /*
      #include <netdb.h>
      #include <stdlib.h>
      static int lookup_host(const char *host) {
      	struct addrinfo *res = NULL;
      	int rc = getaddrinfo(host, NULL, NULL, &res);
      	if (rc == 0) freeaddrinfo(res);
      	return rc;
      }
      */
      import "C"

      import (
      	"sync"
      	"unsafe"
      )

      // Cache remembers which hosts resolve.
      type Cache struct {
      	mu sync.Mutex
      	ok map[string]bool
      }

      // Resolves reports whether host resolves, asking C on a miss.
      func (c *Cache) Resolves(host string) bool {
      	c.mu.Lock()
      	v, hit := c.ok[host]
      	c.mu.Unlock()
      	if hit {
      		return v
      	}
      	ch := C.CString(host)
      	defer C.free(unsafe.Pointer(ch))
      	v = C.lookup_host(ch) == 0
      	c.mu.Lock()
      	c.ok[host] = v
      	c.mu.Unlock()
      	return v
      }
    # The handle is copied out under the lock and stepped after unlocking.
    - |
      package sqlite

      /*
      #include <unistd.h>
      typedef struct db { int busy; } db;
      static int db_step(db *d) {
      	while (d->busy > 0) { usleep(1000); d->busy--; }
      	return 0;
      }
      */
      import "C"

      import "sync"

      // Conn is a connection; mu guards h.
      type Conn struct {
      	mu sync.Mutex
      	h  *C.db
      }

      // Step runs the current statement one step.
      func (c *Conn) Step() int {
      	c.mu.Lock()
      	h := c.h
      	c.mu.Unlock()
      	return int(C.db_step(h))
      }
    # Only a C call that does not block runs under the lock.
    - |
      package names

      /*
      #include <string.h>
      #include <stdlib.h>
      */
      import "C"

      import (
      	"sync"
      	"unsafe"
      )

      // Lengths counts C string lengths of the names seen so far.
      type Lengths struct {
      	mu    sync.Mutex
      	total int
      }

      // Add adds the C length of name.
      func (l *Lengths) Add(name string) {
      	cs := C.CString(name)
      	defer C.free(unsafe.Pointer(cs))
      	l.mu.Lock()
      	l.total += int(C.strlen(cs))
      	l.mu.Unlock()
      }
    # The records are taken under the mutex; writing and fsync run unlocked.
    - |
      package journal

      /*
      #include <unistd.h>
      */
      import "C"

      import "sync"

      // Journal appends records to a file; mu guards pending.
      type Journal struct {
      	mu      sync.Mutex
      	fd      int
      	pending [][]byte
      }

      // Flush writes the pending records and waits until they are on disk.
      func (j *Journal) Flush(write func(int, []byte)) {
      	j.mu.Lock()
      	records := j.pending
      	j.pending = nil
      	j.mu.Unlock()
      	for _, r := range records {
      		write(j.fd, r)
      	}
      	C.fsync(C.int(j.fd))
      }
    # A write to a Sink (or an io.Writer) under a lock: one Write method of
    # the program takes a file lock in C, but a call through an interface
    # with several implementations is not known to reach it.
    - |
      package journal

      /*
      #include <sys/file.h>
      static int append_locked(int fd, int n) {
      	if (flock(fd, LOCK_EX) != 0) return -1;
      	flock(fd, LOCK_UN);
      	return n;
      }
      */
      import "C"

      import (
      	"fmt"
      	"io"
      	"sync"
      )

      // Sink is where entries go.
      type Sink interface {
      	Write(p []byte) (int, error)
      }

      // LockedFile appends under an exclusive flock.
      type LockedFile struct{ fd int }

      func (f *LockedFile) Write(p []byte) (int, error) {
      	return int(C.append_locked(C.int(f.fd), C.int(len(p)))), nil
      }

      // Open returns the sink of a file, or of memory when there is none.
      func Open(fd int) Sink {
      	if fd < 0 {
      		return &Memory{}
      	}
      	return &LockedFile{fd: fd}
      }

      // Memory keeps what is written in memory.
      type Memory struct{ buf []byte }

      func (m *Memory) Write(p []byte) (int, error) {
      	m.buf = append(m.buf, p...)
      	return len(p), nil
      }

      // Journal numbers the entries it writes.
      type Journal struct {
      	mu  sync.Mutex
      	seq int
      	out Sink
      	log io.Writer
      }

      func (j *Journal) Add(entry string) {
      	j.mu.Lock()
      	defer j.mu.Unlock()
      	j.seq++
      	j.out.Write([]byte(entry))
      	fmt.Fprintf(j.log, "%d %s\n", j.seq, entry)
      }
    # Dials of numeric addresses under a lock (net modelled in the IR):
    # an IP literal or empty host with a port number, a unix path, and a
    # net.Addr's own String and Network never reach net's resolver.
    - lang: cir
      code: |
        package example.com/cg1011/good

        type net.Conn interface{ Close() error }
        type net.Addr interface{ Network() string; String() string }

        // net, reduced to the chain a name takes: the port (and the host)
        // of the address go to the cgo resolver.
        func net.cgoLookupServicePort(network string, service string) (int, error) {
        b0:
            cgo.call C.getaddrinfo(service)
            return 0, nil
        }

        func net.Dial(network string, address string) (net.Conn, error) {
        b0:
            call net.cgoLookupServicePort(network, address)
            return nil, nil
        }

        type example.com/cg1011/good.Pool struct{ mu sync.Mutex; addr net.Addr; conns []net.Conn }

        func (p *example.com/cg1011/good.Pool) Add() {
            var c net.Conn
            var err error
        b0:
            mutex.lock p.mu
            defer mutex.unlock p.mu
            c, err = call net.Dial("tcp", "127.0.0.1:5432")
            c, err = call net.Dial("tcp6", "[fe80::1%eth0]:5432")
            c, err = call net.Dial("tcp", ":0")
            c, err = call net.Dial("ip4:icmp", "10.0.0.1")
            c, err = call net.Dial("unix", "/run/db.sock")
            %1 = call (net.Addr).Network(p.addr) targets []
            %2 = call (net.Addr).String(p.addr) targets []
            c, err = call net.Dial(%1, %2)
            return
        }

"""#),
        RuleFileText(relativePath: "cgo/CG1020-locked-thread-not-unlocked.yaml", text: #"""
# runtime.LockOSThread with a path out of the function that leaves the
# thread locked. The format of this file is described in rules/README.md.
id: CG1020
name: locked-thread-not-unlocked
category: cgo
level: warning
summary: runtime.LockOSThread is not undone by runtime.UnlockOSThread on some path out of the function.
description: |
  `runtime.LockOSThread` wires the calling goroutine to its OS thread:
  code that needs a thread's state (a device or graphics context, a
  namespace entered with `setns`, thread-local storage of a C library)
  locks, does its work, and unlocks. A path that returns without
  `runtime.UnlockOSThread` leaves the goroutine wired after the function
  is done: whatever the goroutine runs next runs on that thread, with the
  thread state the function changed, and the thread runs nothing else.
  Since Go 1.10 the locks nest, so each `LockOSThread` needs its own
  unlock; a lock taken in every iteration of a loop and undone once is
  still held.

  The rule follows every path from each `LockOSThread` (or a helper that
  locks on every path and never unlocks, whose callers are checked
  instead) to the function's returns, counting unlocks, deferred unlocks
  and helpers that only unlock, and reports the lock when some return is
  reached with the thread still locked, with that path. It applies to
  every package, cgo or not: this is where goroutines meet OS threads.

  Not reported where staying locked is the point: in `init` and
  `main.main` (the main-thread idiom of GUI and graphics libraries), and
  in a function that is only ever started as a goroutine (`go func()
  {...}()`): when it returns the goroutine exits, and the runtime ends
  the locked thread with it.

  Fix: `defer runtime.UnlockOSThread()` right after the lock, or unlock on
  every path; lock once, outside the loop.

  Known false positives: a function that locks on purpose for its caller
  and is not shaped as a lock helper (it locks on some paths only); a path
  that cannot run in practice.
tags: [cgo, threads, lifecycle]
precision: high
since: "0.1.0"
analysis: cgo
examples:
  bad:
    # A device handle: the error path returns with the thread still locked.
    - |
      package device

      /*
      static int dev_open(int unit) { return unit >= 0 ? 3 : -1; }
      static int dev_configure(int fd, int mode) { return fd > 0 && mode >= 0 ? 0 : -1; }
      */
      import "C"

      import (
      	"errors"
      	"runtime"
      )

      var errOpen = errors.New("device: cannot open")

      // Configure opens a unit and sets its mode; the driver keeps per-thread state.
      func Configure(unit, mode int) error {
      	↓runtime.LockOSThread()
      	fd := C.dev_open(C.int(unit))
      	if fd < 0 {
      		return errOpen
      	}
      	C.dev_configure(fd, C.int(mode))
      	runtime.UnlockOSThread()
      	return nil
      }
    # A namespace switch that never unlocks: the caller's goroutine stays wired.
    - |
      package netns

      import (
      	"os"
      	"runtime"
      )

      // Enter switches the calling goroutine's thread into the namespace at path.
      func Enter(path string) (*os.File, error) {
      	↓runtime.LockOSThread()
      	f, err := os.Open(path)
      	if err != nil {
      		runtime.UnlockOSThread()
      		return nil, err
      	}
      	return f, nil
      }
    # A lock per loop iteration and one unlock after the loop: the locks nest.
    - |
      package gpu

      /*
      static void bind_context(int dev) { (void)dev; }
      static void upload(int dev, int n) { (void)dev; (void)n; }
      */
      import "C"

      import "runtime"

      // UploadAll uploads n buffers to each device from this thread.
      func UploadAll(devices []int, n int) {
      	for _, d := range devices {
      		↓runtime.LockOSThread()
      		C.bind_context(C.int(d))
      		C.upload(C.int(d), C.int(n))
      	}
      	runtime.UnlockOSThread()
      }
    # A switch whose fallback case returns before the unlock.
    - |
      package audio

      /*
      static int set_priority(int level) { return level; }
      */
      import "C"

      import (
      	"fmt"
      	"runtime"
      )

      // Boost raises the audio thread's scheduling priority.
      func Boost(mode string) error {
      	↓runtime.LockOSThread()
      	switch mode {
      	case "low":
      		C.set_priority(1)
      	case "high":
      		C.set_priority(10)
      	default:
      		return fmt.Errorf("audio: unknown mode %q", mode)
      	}
      	runtime.UnlockOSThread()
      	return nil
      }
  good:
    # The unlock is deferred right after the lock.
    - |
      package device

      /*
      static int dev_open(int unit) { return unit >= 0 ? 3 : -1; }
      static int dev_configure(int fd, int mode) { return fd > 0 && mode >= 0 ? 0 : -1; }
      */
      import "C"

      import (
      	"errors"
      	"runtime"
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
    # A goroutine that dies with its thread: it locks, enters the namespace and exits.
    - |
      package netns

      import (
      	"os"
      	"runtime"
      )

      // RunIn runs fn in the namespace at path, on a thread thrown away afterwards.
      func RunIn(path string, fn func()) error {
      	errs := make(chan error, 1)
      	go func() {
      		runtime.LockOSThread()
      		f, err := os.Open(path)
      		if err != nil {
      			errs <- err
      			return
      		}
      		f.Close()
      		fn()
      		errs <- nil
      	}()
      	return <-errs
      }
    # The main thread stays locked for a GUI library, on purpose.
    - |
      package main

      /*
      static void ui_run(void) {}
      */
      import "C"

      import "runtime"

      func init() {
      	runtime.LockOSThread()
      }

      func main() {
      	C.ui_run()
      }
    # Unlocked on every path, the error path included.
    - |
      package audio

      /*
      static int set_priority(int level) { return level; }
      */
      import "C"

      import (
      	"fmt"
      	"runtime"
      )

      // Boost raises the audio thread's scheduling priority.
      func Boost(mode string) error {
      	runtime.LockOSThread()
      	switch mode {
      	case "low":
      		C.set_priority(1)
      	case "high":
      		C.set_priority(10)
      	default:
      		runtime.UnlockOSThread()
      		return fmt.Errorf("audio: unknown mode %q", mode)
      	}
      	runtime.UnlockOSThread()
      	return nil
      }
    # One lock outside the loop, one deferred unlock.
    - |
      package gpu

      /*
      static void bind_context(int dev) { (void)dev; }
      static void upload(int dev, int n) { (void)dev; (void)n; }
      */
      import "C"

      import "runtime"

      // UploadAll uploads n buffers to each device from this thread.
      func UploadAll(devices []int, n int) {
      	runtime.LockOSThread()
      	defer runtime.UnlockOSThread()
      	for _, d := range devices {
      		C.bind_context(C.int(d))
      		C.upload(C.int(d), C.int(n))
      	}
      }
    # A closure kept in a variable and only ever started as a goroutine,
    # which returns locked when the job spoiled its thread: the goroutine
    # exits and the runtime ends the thread with it, which is the point.
    - |
      package isolate

      import "runtime"

      // RunIsolated runs each job locked to a thread; a thread whose job
      // failed is discarded rather than reused.
      func RunIsolated(jobs []func() bool) {
      	done := make(chan struct{})
      	worker := func(job func() bool) {
      		runtime.LockOSThread()
      		if !job() {
      			done <- struct{}{}
      			return
      		}
      		runtime.UnlockOSThread()
      		done <- struct{}{}
      	}
      	for _, j := range jobs {
      		go worker(j)
      	}
      	for range jobs {
      		<-done
      	}
      }

"""#),
        RuleFileText(relativePath: "cgo/CG1021-blocking-call-on-locked-thread.yaml", text: #"""
# A blocking C call or system call made while the goroutine is locked to
# its OS thread. The format of this file is described in rules/README.md.
id: CG1021
name: blocking-call-on-locked-thread
category: cgo
level: warning
summary: A blocking C call or system call is made while the goroutine is locked to its OS thread.
description: |
  Between `runtime.LockOSThread` and the matching unlock the goroutine
  owns its thread: while it blocks in C (`read`, `poll`, `usleep`,
  `pthread_cond_wait` ...) or in a system call, the thread can run nothing
  else, so the runtime starts another thread for the rest of the program.
  With a locked goroutine per device, per connection or per request the
  threads add up, and a goroutine locked to the main thread (GUI and
  graphics libraries) freezes the event loop for as long as it waits.

  The rule follows every path from each `LockOSThread` (or a helper that
  only locks) while the thread is locked, and reports the first call that
  blocks in one of the functions listed below: directly, through Go
  functions, or through C functions of the preamble whose bodies call
  one (transitively). Teams add their own blocking C functions to the
  list. It applies to every package, cgo or not.

  Fix: lock only around the calls that need the thread's state, and do
  the waiting unlocked; or give the waiting its own goroutine that is not
  locked.

  Known false positives: a thread locked precisely so that it can block
  without taking the others' time (a dedicated signal or event thread,
  started once); a listed call that cannot block in practice (a
  non-blocking descriptor, a zero timeout).
tags: [cgo, threads, blocking]
precision: medium
since: "0.1.0"
analysis: cgo
calls:
  - C.sleep
  - C.usleep
  - C.nanosleep
  - C.clock_nanosleep
  - C.pause
  - C.read
  - C.pread
  - C.readv
  - C.recv
  - C.recvfrom
  - C.recvmsg
  - C.accept
  - C.accept4
  - C.connect
  - C.poll
  - C.ppoll
  - C.select
  - C.pselect
  - C.epoll_wait
  - C.waitpid
  - C.wait
  - C.pthread_join
  - C.pthread_cond_wait
  - C.pthread_cond_timedwait
  - C.sem_wait
  - C.sem_timedwait
  - C.flock
  - C.lockf
  - C.fsync
  - C.fdatasync
  - C.getaddrinfo
  - C.getnameinfo
  - C.gethostbyname
  - C.gethostbyname_r
  - C.res_query
  - C.res_search
  - C.msgrcv
  - C.mq_receive
  - C.sigwait
  - C.sigwaitinfo
  - syscall.Read
  - syscall.Pread
  - syscall.Recvfrom
  - syscall.Recvmsg
  - syscall.Accept
  - syscall.Accept4
  - syscall.Connect
  - syscall.Select
  - syscall.EpollWait
  - syscall.Wait4
  - syscall.Flock
  - syscall.Fsync
  - syscall.Nanosleep
examples:
  bad:
    # A device poller: locked for the driver's thread state, then sleeps between polls.
    - |
      package device

      /*
      #include <unistd.h>
      static int dev_status(int fd) { return fd > 0 ? 1 : 0; }
      */
      import "C"

      import "runtime"

      // WaitReady polls the device until it reports ready.
      func WaitReady(fd int) {
      	runtime.LockOSThread()
      	defer runtime.UnlockOSThread()
      	for C.dev_status(C.int(fd)) == 0 {
      		↓C.usleep(1000)
      	}
      }
    # A raw socket read with syscall.Read inside the locked network namespace.
    - |
      package netns

      import (
      	"runtime"
      	"syscall"
      )

      // ReadPacket reads one packet from fd, which lives in another namespace.
      func ReadPacket(fd int, buf []byte) (int, error) {
      	runtime.LockOSThread()
      	defer runtime.UnlockOSThread()
      	return ↓syscall.Read(fd, buf)
      }
    # A preamble function whose body waits with poll(2).
    - |
      package input

      /*
      #include <poll.h>
      static int wait_event(int fd, int ms) {
      	struct pollfd p = { .fd = fd, .events = POLLIN };
      	return poll(&p, 1, ms);
      }
      */
      import "C"

      import "runtime"

      // Next waits for the next input event of the device at fd.
      func Next(fd int) bool {
      	runtime.LockOSThread()
      	ready := ↓C.wait_event(C.int(fd), -1) > 0
      	runtime.UnlockOSThread()
      	return ready
      }
    # A Go helper that blocks in C, called while the thread is locked.
    - |
      package camera

      /*
      #include <unistd.h>
      static int cam_select(int id) { return id; }
      */
      import "C"

      import "runtime"

      func settle(ms int) {
      	C.usleep(C.useconds_t(ms * 1000))
      }

      // Capture selects the camera on this thread and waits for it to settle.
      func Capture(id int) {
      	runtime.LockOSThread()
      	defer runtime.UnlockOSThread()
      	C.cam_select(C.int(id))
      	↓settle(50)
      }
  good:
    # Locked only for the calls that need the thread's state; the sleep is unlocked.
    - |
      package device

      /*
      #include <unistd.h>
      static int dev_status(int fd) { return fd > 0 ? 1 : 0; }
      */
      import "C"

      import "runtime"

      func ready(fd int) bool {
      	runtime.LockOSThread()
      	defer runtime.UnlockOSThread()
      	return C.dev_status(C.int(fd)) != 0
      }

      // WaitReady polls the device until it reports ready.
      func WaitReady(fd int) {
      	for !ready(fd) {
      		C.usleep(1000)
      	}
      }
    # The blocking read happens before the thread is locked.
    - |
      package netns

      import (
      	"runtime"
      	"syscall"
      )

      // Forward reads a packet, then hands it to fn on a locked thread.
      func Forward(fd int, buf []byte, fn func([]byte)) error {
      	n, err := syscall.Read(fd, buf)
      	if err != nil {
      		return err
      	}
      	runtime.LockOSThread()
      	defer runtime.UnlockOSThread()
      	fn(buf[:n])
      	return nil
      }
    # Only non-blocking C calls while locked.
    - |
      package gpu

      /*
      static void bind_context(int dev) { (void)dev; }
      static int upload(int dev, int n) { return dev + n; }
      */
      import "C"

      import "runtime"

      // Upload binds the device's context on this thread and uploads n buffers.
      func Upload(dev, n int) int {
      	runtime.LockOSThread()
      	defer runtime.UnlockOSThread()
      	C.bind_context(C.int(dev))
      	return int(C.upload(C.int(dev), C.int(n)))
      }
    # Unlocked before waiting for the next event.
    - |
      package input

      /*
      #include <poll.h>
      static int wait_event(int fd, int ms) {
      	struct pollfd p = { .fd = fd, .events = POLLIN };
      	return poll(&p, 1, ms);
      }
      static void ack_event(int fd) { (void)fd; }
      */
      import "C"

      import "runtime"

      // Next acknowledges the last event on this thread, then waits for the next one.
      func Next(fd int) bool {
      	runtime.LockOSThread()
      	C.ack_event(C.int(fd))
      	runtime.UnlockOSThread()
      	return C.wait_event(C.int(fd), -1) > 0
      }

"""#),
        RuleFileText(relativePath: "cgo/CG1030-go-pointer-to-go-pointer-passed-to-c.yaml", text: #"""
# A Go pointer to memory that holds Go pointers, passed to C. The format of
# this file is described in rules/README.md.
id: CG1030
name: go-pointer-to-go-pointer-passed-to-c
category: cgo
level: error
summary: A Go pointer passed to C points to Go memory that itself holds Go pointers.
description: |
  The cgo pointer rules let Go pass C a pointer to Go memory only if that
  memory holds no Go pointers: C code is invisible to the garbage
  collector, which may move or free what those inner pointers reach while
  C uses them. A string, slice, map, channel, func, interface or pointer
  field is a Go pointer. With the default `GODEBUG=cgocheck=1` the runtime
  checks the call and panics with "cgo argument has Go pointer to Go
  pointer" (often only in production, when the field is non-nil).

  The rule reports an argument of a `C.f(...)` call that is a Go pointer
  (`&x`, through conversions such as `unsafe.Pointer(&x)`, or a variable
  of a pointer type to a Go type) whose pointee holds a Go pointer, as far
  as the Go types show: for `&s[i]` the element type counts (the whole
  backing array is passed), for `&s.f` only the field. An
  `unsafe.Pointer` of unknown origin may be C memory and is not judged,
  nor is a pointer to a C pointer (`**C.char`) that the function was
  handed, nor what a C function returned.

  Fix: copy the data C needs into C memory (`C.malloc`, `C.CString`) or
  into a Go struct made only of numbers and arrays of numbers; pass Go
  values C must refer back to as a `runtime/cgo.Handle`.

  Known false positives: the inner pointers are all nil whenever the call
  runs (the runtime only panics on non-nil ones), or point only to the
  runtime's zero-size base (the array of an empty slice literal), which
  cgocheck does not count as Go memory.
tags: [cgo, pointers, correctness]
precision: high
since: "0.1.0"
examples:
  bad:
    # A request struct with a string field passed whole to C.
    - |
      package codec

      /*
      #include <stddef.h>
      static int encode(void *req, size_t n) { (void)req; return (int)n; }
      */
      import "C"

      import "unsafe"

      // Request is what the encoder needs.
      type Request struct {
      	Level int32
      	Name  string
      }

      // Encode hands the request to the C encoder.
      func Encode(r Request) int {
      	return int(C.encode(↓unsafe.Pointer(&r), C.size_t(unsafe.Sizeof(r))))
      }
    # The first element of a slice of byte slices: the backing array holds slice headers.
    - |
      package iov

      /*
      #include <stddef.h>
      static size_t total(void *bufs, int n) { (void)bufs; return (size_t)n; }
      */
      import "C"

      import "unsafe"

      // Total passes every buffer to C in one call.
      func Total(bufs [][]byte) int {
      	if len(bufs) == 0 {
      		return 0
      	}
      	return int(C.total(↓unsafe.Pointer(&bufs[0]), C.int(len(bufs))))
      }
    # A pointer variable to a struct holding a map.
    - |
      package config

      /*
      static int apply(void *cfg) { return cfg != 0; }
      */
      import "C"

      import "unsafe"

      // Config holds settings and their overrides.
      type Config struct {
      	Retries   int64
      	Overrides map[string]string
      }

      // Apply passes the configuration to the C library.
      func Apply(cfg *Config) bool {
      	p := unsafe.Pointer(cfg)
      	_ = p
      	return C.apply(↓unsafe.Pointer(cfg)) != 0
      }
    # A struct of callbacks: a func field is a Go pointer.
    - |
      package events

      /*
      static void subscribe(void *h) { (void)h; }
      */
      import "C"

      import "unsafe"

      type handler struct {
      	id int32
      	fn func(int)
      }

      // Subscribe registers fn for event id with the C side.
      func Subscribe(id int32, fn func(int)) {
      	h := handler{id: id, fn: fn}
      	C.subscribe(↓unsafe.Pointer(&h))
      }
    # An out-parameter that already holds a Go pointer when passed.
    - |
      package lookup

      /*
      static int find(int key, int **out) { (void)key; return *out != 0; }
      */
      import "C"

      // Find asks C whether key is known, with a Go default in place.
      func Find(key int32) bool {
      	def := C.int(0)
      	var out *C.int
      	out = &def
      	return C.find(C.int(key), ↓&out) != 0
      }
    # A C call wrapping the address of a slice, whose result goes to C again: one finding, at the address.
    - |
      package registry

      /*
      static void *wrap(void *p) { return p; }
      static void add(void *h) { (void)h; }
      */
      import "C"

      import "unsafe"

      // Register hands C the names, wrapped as a C handle.
      func Register(names []string) {
      	C.add(C.wrap(↓unsafe.Pointer(&names)))
      }
  good:
    # A struct of numbers only.
    - |
      package codec

      /*
      #include <stddef.h>
      static int encode(void *req, size_t n) { (void)req; return (int)n; }
      */
      import "C"

      import "unsafe"

      // Params is what the encoder needs: numbers only.
      type Params struct {
      	Level int32
      	Flags uint32
      	Dict  [16]byte
      }

      // Encode hands the parameters to the C encoder.
      func Encode(p Params) int {
      	return int(C.encode(unsafe.Pointer(&p), C.size_t(unsafe.Sizeof(p))))
      }
    # The first byte of a byte slice: the array holds no pointers.
    - |
      package checksum

      /*
      #include <stddef.h>
      static unsigned sum(const unsigned char *p, size_t n) {
      	unsigned s = 0;
      	while (n--) s += *p++;
      	return s;
      }
      */
      import "C"

      import "unsafe"

      // Sum sums the bytes of b in C.
      func Sum(b []byte) uint32 {
      	if len(b) == 0 {
      		return 0
      	}
      	return uint32(C.sum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
      }
    # Only a numeric field of a struct that also holds a string.
    - |
      package stats

      /*
      static void bump(long *counter) { (*counter)++; }
      */
      import "C"

      import "unsafe"

      // Counter is a named counter.
      type Counter struct {
      	Name  string
      	Value int64
      }

      // Bump increments the counter in C.
      func (c *Counter) Bump() {
      	C.bump((*C.long)(unsafe.Pointer(&c.Value)))
      }
    # An argv built in C memory: its Go pointer type does not make it Go memory.
    - |
      package proc

      /*
      #include <stdlib.h>
      static int count_args(int argc, char **argv) {
      	int n = 0;
      	while (n < argc && argv[n] != NULL) n++;
      	return n;
      }
      */
      import "C"

      import (
      	"strings"
      	"unsafe"
      )

      // CountArgs hands args to C as a NULL-terminated argv.
      func CountArgs(args []string) int {
      	blob := C.CString(strings.Join(args, "\x00"))
      	defer C.free(unsafe.Pointer(blob))
      	argv := (*[1 << 20]*C.char)(C.calloc(C.size_t(len(args)+1), C.size_t(unsafe.Sizeof(blob))))
      	defer C.free(unsafe.Pointer(argv))
      	off := 0
      	for i, a := range args {
      		argv[i] = (*C.char)(unsafe.Add(unsafe.Pointer(blob), off))
      		off += len(a) + 1
      	}
      	return int(C.count_args(C.int(len(args)), &argv[0]))
      }
    # A nil out-parameter C fills with a C pointer: it never holds a Go pointer.
    - |
      package resolve

      /*
      #include <stdlib.h>
      static int lookup(const char *name, char **out) {
      	(void)name;
      	*out = malloc(4);
      	return *out != NULL;
      }
      */
      import "C"

      import "unsafe"

      // Lookup asks the C resolver for name, retrying once.
      func Lookup(name []byte) bool {
      	if len(name) == 0 {
      		return false
      	}
      	var out *C.char
      	for i := 0; i < 2; i++ {
      		if C.lookup((*C.char)(unsafe.Pointer(&name[0])), &out) != 0 {
      			C.free(unsafe.Pointer(out))
      			return true
      		}
      	}
      	return false
      }
    # A pointer to a C string pointer the caller handed in: it may point into C memory.
    - |
      package names

      /*
      static void canonical(char **name) { (void)name; }
      */
      import "C"

      // Canonical lets C rewrite *name in place, on C memory the caller owns.
      func Canonical(name **C.char) {
      	if name == nil {
      		return
      	}
      	C.canonical(name)
      }

"""#),
        RuleFileText(relativePath: "cgo/CG1031-go-pointer-kept-by-c.yaml", text: #"""
# A Go pointer passed to a C function that keeps it after the call. The
# format of this file is described in rules/README.md.
id: CG1031
name: go-pointer-kept-by-c
category: cgo
level: error
summary: A Go pointer is passed to a C function of the preamble that stores it in a C global, so C keeps it after the call.
description: |
  The cgo pointer rules let C use a Go pointer only for the duration of
  the call: "C code may not keep a copy of a Go pointer after the call
  returns". The garbage collector does not see C's globals, so once the
  call returns it may free the Go memory (nothing in Go refers to it any
  more) or, with a moving collector, move it; C's later use reads freed
  or reused memory. The runtime does not catch this (cgocheck=2 sometimes
  does, at a high cost).

  The rule reads the bodies of the C functions the preamble defines (with
  libclang) and knows which parameters each stores into global C memory
  (`saved = p;`, `registry.ctx = p;`). It reports an argument of a call of
  such a function, in the stored parameter's position, that is a Go
  pointer: `&x` (through conversions such as `unsafe.Pointer(&x)`), or a
  variable of a pointer type to Go memory. C memory (a variable that only
  holds what C returned) and values that are not pointers are not judged.

  Fix: give C memory it may keep (`C.malloc`, `C.CString`, freed when C
  is done with it), or pass a `runtime/cgo.Handle` (Go 1.17) and look the
  Go value up again when C calls back.

  Known false positives: the C side clears the global before returning on
  every path (the rule does not follow C's control flow); C functions
  declared but not defined in the preamble are not read, so a library
  that keeps its argument is not reported.
tags: [cgo, pointers, correctness]
precision: high
since: "0.1.0"
examples:
  bad:
    # Callback user data kept by C for later callbacks.
    - |
      package events

      /*
      static void *user_data;
      static void set_user_data(void *p) { user_data = p; }
      */
      import "C"

      import "unsafe"

      type state struct{ count int64 }

      var current state

      // Watch registers the state that C passes to its callbacks.
      func Watch() {
      	C.set_user_data(↓unsafe.Pointer(&current))
      }
    # A logger's name kept in a C global, from a Go byte slice.
    - |
      package clog

      /*
      static const char *log_name;
      static void set_log_name(const char *name) { log_name = name; }
      */
      import "C"

      import "unsafe"

      // SetName sets the name the C logger prints; name must end in a NUL byte.
      func SetName(name []byte) {
      	C.set_log_name(↓(*C.char)(unsafe.Pointer(&name[0])))
      }
    # A Go context struct attached to a C event loop registry.
    - |
      package loop

      /*
      struct ctx { int fd; int events; };
      static struct { struct ctx *current; int depth; } registry;
      static void attach(struct ctx *c) { registry.current = c; registry.depth++; }
      */
      import "C"

      import "unsafe"

      // Attach makes c the loop's current context.
      func Attach(fd int) {
      	c := C.struct_ctx{fd: C.int(fd)}
      	C.attach(↓(*C.struct_ctx)(unsafe.Pointer(&c)))
      }
    # A pointer variable to Go memory, kept in the second parameter's global.
    - |
      package sqlite

      /*
      typedef struct { long hits; long misses; } stats;
      static stats *stats_sink;
      static int db_set_stats(int db, stats *s) { stats_sink = s; return db; }
      */
      import "C"

      import "unsafe"

      // Stats counts cache hits and misses.
      type Stats struct {
      	Hits, Misses C.long
      }

      // TrackStats makes the C library count into s.
      func TrackStats(db int, s *Stats) {
      	C.db_set_stats(C.int(db), ↓(*C.stats)(unsafe.Pointer(s)))
      }
  good:
    # C memory, which C may keep.
    - |
      package events

      /*
      #include <stdlib.h>
      static void *user_data;
      static void set_user_data(void *p) { user_data = p; }
      static void *take_user_data(void) { void *p = user_data; user_data = NULL; return p; }
      */
      import "C"

      // Watch registers C memory that C passes to its callbacks.
      func Watch() {
      	C.set_user_data(C.calloc(1, 8))
      }

      // Unwatch frees it again.
      func Unwatch() {
      	C.free(C.take_user_data())
      }
    # A cgo.Handle instead of a pointer: C keeps a number.
    - |
      package events

      /*
      #include <stdint.h>
      static uintptr_t user_handle;
      static void set_user_handle(uintptr_t h) { user_handle = h; }
      */
      import "C"

      import "runtime/cgo"

      type state struct{ count int64 }

      // Watch registers a handle to st that C passes to its callbacks.
      func Watch(st *state) cgo.Handle {
      	h := cgo.NewHandle(st)
      	C.set_user_handle(C.uintptr_t(h))
      	return h
      }
    # C copies the name into its own buffer during the call.
    - |
      package clog

      /*
      #include <string.h>
      static char log_name[64];
      static void set_log_name(const char *name, size_t n) {
      	if (n >= sizeof log_name) n = sizeof log_name - 1;
      	memcpy(log_name, name, n);
      	log_name[n] = 0;
      }
      */
      import "C"

      import "unsafe"

      // SetName sets the name the C logger prints.
      func SetName(name []byte) {
      	if len(name) > 0 {
      		C.set_log_name((*C.char)(unsafe.Pointer(&name[0])), C.size_t(len(name)))
      	}
      }
    # The pointer is only used during the call.
    - |
      package sqlite

      /*
      typedef struct { long hits; long misses; } stats;
      static int db_read_stats(int db, stats *out) { out->hits = db; out->misses = 0; return 0; }
      */
      import "C"

      import "unsafe"

      // Stats counts cache hits and misses.
      type Stats struct {
      	Hits, Misses C.long
      }

      // ReadStats fills s from the C library's counters.
      func ReadStats(db int, s *Stats) {
      	C.db_read_stats(C.int(db), (*C.stats)(unsafe.Pointer(s)))
      }

"""#),
        RuleFileText(relativePath: "channel/CH1001-send-blocks-forever.yaml", text: #"""
# A goroutine left blocked forever on a send nobody will receive.
# The format of this file is described in rules/README.md.
id: CH1001
name: send-blocks-forever
category: channel
level: warning
summary: "A goroutine blocks forever sending on a channel that nothing will receive from any more."
description: |
  A send on an unbuffered channel (or a full buffered one) waits until a
  receiver takes the value. When the only receiver has returned (an early
  return on ctx.Done() or a timeout, an error path, "first answer wins"),
  the sending goroutine waits forever: it leaks, with its stack and
  everything it references, for the rest of the process. In a server this
  is one leaked goroutine per request.

  The rule explores the interleavings of the function that starts the
  goroutine and the goroutines it starts (through helpers, bottom-up over
  the call graph) and reports the send when some interleaving ends with
  the sender blocked and nobody left who could receive. The finding's code
  flow is that interleaving: where the goroutine is started, which case
  the parent takes, where the parent returns, where the send blocks.

  Fix: give the channel a buffer large enough for every send that may be
  left unreceived (`make(chan T, 1)` for one result, `len(jobs)` for a
  fan-out), or make the sender select on a done channel or ctx.Done() that
  the receiver closes or cancels when it stops listening.

  Known false positives: none from the model itself; the channel must have
  been made in the analysed code and never reached code the analysis does
  not see (a parameter, a global, a call to unknown code, a returned value
  all silence it). A loop whose trip count the analysis does not know is
  explored with one to three iterations; a program whose correctness
  depends on a slice never being longer than one element is reported.
  Loops bounded by the same variable or field (`i < n`, `i < n+1`,
  `i <= n`, `i < b.N`) run the same number of times; bounds that are
  equal only at run time (a count kept in two variables, `i < n*2`) are
  explored independently, and senders paired with receivers by counts
  kept in plain variables are not matched. Goroutines that claim their
  part with an atomic Add, Swap or CompareAndSwap and branch on what it
  returned are followed until the second claim: from then on the values
  depend on each other (each is handed out once), which the model does
  not keep, so such a path is no witness. A comparison of
  integers or booleans the model knows is decided (a receiver that stops
  at the item whose kind is the constant the sender sends last, `if
  t.kind == kindEOF { break }`); a partner that stops on a value computed
  elsewhere (arithmetic, a length, a state function that returns nil
  after the last item) can look abandoned.
tags: [channel, goroutine-leak, deadlock]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # The caller gives up on ctx.Done(); the worker still sends its result.
    - |
      package fetch

      import (
      	"context"
      	"io"
      	"net/http"
      )

      // Result is one fetched page.
      type Result struct {
      	Body []byte
      	Err  error
      }

      func get(url string) Result {
      	resp, err := http.Get(url)
      	if err != nil {
      		return Result{Err: err}
      	}
      	defer resp.Body.Close()
      	body, err := io.ReadAll(resp.Body)
      	return Result{Body: body, Err: err}
      }

      // Fetch returns when ctx ends, leaving the worker blocked on its send.
      func Fetch(ctx context.Context, url string) (Result, error) {
      	ch := make(chan Result)
      	go func() {
      		↓ch <- get(url)
      	}()
      	select {
      	case r := <-ch:
      		return r, nil
      	case <-ctx.Done():
      		return Result{}, ctx.Err()
      	}
      }
    # The replica count and the buffer come from a struct literal: three
    # answers, a buffer of one and one receive leave the last sender blocked.
    - |
      package fanout

      // Config says how many replicas to ask and how many answers to buffer.
      type Config struct {
      	Replicas int
      	Buffer   int
      }

      // FirstReply asks every replica and returns the first answer: the buffer
      // holds one more, and the last replica's send blocks for ever.
      func FirstReply(query func(int) string) string {
      	cfg := Config{Replicas: 3, Buffer: 1}
      	replies := make(chan string, cfg.Buffer)
      	for i := 0; i < cfg.Replicas; i++ {
      		go func(i int) {
      			↓replies <- query(i)
      		}(i)
      	}
      	return <-replies
      }
    # First answer wins: every slower replica blocks forever.
    - |
      package mirror

      // Query asks one replica.
      type Query func(replica string) string

      // First returns the fastest replica's answer.
      func First(replicas []string, query Query) string {
      	answers := make(chan string)
      	for _, r := range replicas {
      		go func(r string) {
      			↓answers <- query(r)
      		}(r)
      	}
      	return <-answers
      }
    # A timeout in a method; the helper goroutine's late reply is never read.
    - |
      package cache

      import (
      	"errors"
      	"time"
      )

      // ErrTimeout is returned when the backend is too slow.
      var ErrTimeout = errors.New("cache: lookup timed out")

      // Loader fills cache misses from a slow backend.
      type Loader struct {
      	Timeout time.Duration
      	Backend func(key string) []byte
      }

      type reply struct {
      	value []byte
      }

      // Load waits at most l.Timeout for the backend.
      func (l *Loader) Load(key string) ([]byte, error) {
      	done := make(chan reply)
      	go l.fetch(key, done)
      	select {
      	case r := <-done:
      		return r.value, nil
      	case <-time.After(l.Timeout):
      		return nil, ErrTimeout
      	}
      }

      func (l *Loader) fetch(key string, done chan<- reply) {
      	↓done <- reply{value: l.Backend(key)}
      }
    # errgroup-like fan-out: returning at the first error strands the other workers.
    - |
      package batch

      // Job is one unit of work.
      type Job interface {
      	Run() error
      }

      // RunAll runs every job concurrently and reports the first error.
      func RunAll(jobs []Job) error {
      	errc := make(chan error)
      	for _, j := range jobs {
      		go func(j Job) {
      			↓errc <- j.Run()
      		}(j)
      	}
      	for range jobs {
      		if err := <-errc; err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # A generic pipeline stage whose consumer stops reading after the first match.
    - |
      package stream

      // Map applies f to every value of in, on its own goroutine.
      func Map[T, U any](in <-chan T, f func(T) U) <-chan U {
      	out := make(chan U)
      	go func() {
      		defer close(out)
      		for v := range in {
      			↓out <- f(v)
      		}
      	}()
      	return out
      }

      // AnyMatch stops reading as soon as one word matches.
      func AnyMatch(words <-chan string, match func(string) bool) bool {
      	for ok := range Map(words, match) {
      		if ok {
      			return true
      		}
      	}
      	return false
      }
    # The IR pins the buffer rule: two results fit a buffer of one only if one is received.
    # The comparison is decided from what the model knows: n is 2, never 3,
    # so the function returns without receiving.
    - lang: cir
      code: |
        package example.com/ch1001/cmp

        func example.com/ch1001/cmp.Count() int {
            var ch chan int
            var n int
        b0:
            ch = chan.make int, 0
            assign n = 2
            go example.com/ch1001/cmp.Count.func1()
            %1 = cmp.eq n, 3
            if %1 then b1 else b2
        b1:
            %2 = chan.recv ch
            return %2
        b2:
            return 0
        }

        func example.com/ch1001/cmp.Count.func1() {
            parent example.com/ch1001/cmp.Count
            capture ch chan int
        b0:
            ↓chan.send ch, 1
            return
        }
    - lang: cir
      code: |
        package example.com/ch1001/bad

        func example.com/ch1001/bad.Both(a func() int, b func() int) int {
            var ch chan int
        b0:
            ch = chan.make int, 1
            go example.com/ch1001/bad.Both.func1()
            go example.com/ch1001/bad.Both.func2()
            if ? then b1 else b2
        b1:
            return 0
        b2:
            %1 = chan.recv ch
            return %1
        }

        func example.com/ch1001/bad.Both.func1() {
            parent example.com/ch1001/bad.Both
            capture ch chan int
            capture a func() int
        b0:
            %1 = call (a)()
            ↓chan.send ch, %1
            return
        }

        func example.com/ch1001/bad.Both.func2() {
            parent example.com/ch1001/bad.Both
            capture ch chan int
            capture b func() int
        b0:
            %1 = call (b)()
            ↓chan.send ch, %1
            return
        }
    # n workers, but the collector stops one short: the last sender is never received.
    - |
      package fanout

      // Sum adds up the work of n workers, but reads only n-1 results.
      func Sum(n int, work func(int) int) int {
      	results := make(chan int)
      	for i := 0; i < n; i++ {
      		go func(i int) {
      			↓results <- work(i)
      		}(i)
      	}
      	total := 0
      	for i := 1; i < n; i++ {
      		total += <-results
      	}
      	return total
      }
    # The same lexer, but the reader stops at the first word: the next
    # token's send blocks forever.
    - |
      package lex

      type kind int

      const (
      	kindWord kind = iota
      	kindEOF
      )

      type token struct {
      	kind kind
      	text string
      }

      func lexWords(input []string, out chan<- token) {
      	for _, w := range input {
      		↓out <- token{kindWord, w}
      	}
      	↓out <- token{kindEOF, ""}
      }

      // First returns the first word the lexer produces.
      func First(input []string) string {
      	tokens := make(chan token)
      	go lexWords(input, tokens)
      	for {
      		t := <-tokens
      		if t.kind == kindWord {
      			return t.text
      		}
      	}
      }
    # The same, but Stop's result is ignored: when the callback has already
    # fired, two values are sent and one is received.
    - |
      package probe

      import "time"

      // Result reports "ok" when done is set, else "timeout".
      func Result(d time.Duration, done func() bool) string {
      	ch := make(chan string)
      	t := time.AfterFunc(d, func() { ch <- "timeout" })
      	if done() {
      		t.Stop()
      		go func() { ↓ch <- "ok" }()
      	}
      	return <-ch
      }
    # One claim: whatever Add returns, the goroutine that gets under the
    # limit sends, and nobody receives.
    - |
      package quota

      import "sync/atomic"

      // Spend reports whether the call may go ahead, on a helper goroutine
      // that the caller does not wait for.
      func Spend(used *int32, limit int32) {
      	verdict := make(chan bool)
      	go func() {
      		if atomic.AddInt32(used, 1) > limit {
      			return
      		}
      		↓verdict <- true
      	}()
      }
    # The workers are counted with Add(len(urls)) before the loop; the
    # caller returns at the first error, and the other workers block on
    # their unbuffered sends.
    - |
      package fetch

      import "sync"

      func get(url string) (int, error) { return len(url), nil }

      // Sizes fetches every URL at once.
      func Sizes(urls []string) ([]int, error) {
      	var wg sync.WaitGroup
      	sizes := make(chan int)
      	errs := make(chan error)
      	wg.Add(len(urls))
      	for _, u := range urls {
      		go func(u string) {
      			defer wg.Done()
      			n, err := get(u)
      			if err != nil {
      				↓errs <- err
      				return
      			}
      			↓sizes <- n
      		}(u)
      	}
      	go func() {
      		wg.Wait()
      		close(sizes)
      	}()
      	var out []int
      	for {
      		select {
      		case n, ok := <-sizes:
      			if !ok {
      				return out, nil
      			}
      			out = append(out, n)
      		case err := <-errs:
      			return nil, err
      		}
      	}
      }
  good:
    # Workers take turns by the parity of the number each claims: an odd
    # claim sends first, an even one receives first, and claims come in
    # pairs, so every exchange has its partner.
    - |
      package pingpong

      import "sync/atomic"

      // Exchange runs rounds pairs of exchanges on two workers.
      func Exchange(rounds int32) {
      	n := rounds * 2
      	ball := make(chan int)
      	done := make(chan bool, 2)
      	for p := 0; p < 2; p++ {
      		go func() {
      			for {
      				i := atomic.AddInt32(&n, -1)
      				if i < 0 {
      					break
      				}
      				if i%2 == 0 {
      					<-ball
      					ball <- 0
      				} else {
      					ball <- 0
      					<-ball
      				}
      			}
      			done <- true
      		}()
      	}
      	<-done
      	<-done
      }
    # A deadline callback that the fast path stops: Stop returns true only
    # when the callback has not run, and then it never will, so exactly one
    # value is sent.
    - |
      package probe

      import "time"

      // Result reports "timeout" unless done is already set when checked.
      func Result(d time.Duration, done func() bool) string {
      	ch := make(chan string)
      	t := time.AfterFunc(d, func() { ch <- "timeout" })
      	if done() && t.Stop() {
      		go func() { ch <- "ok" }()
      	}
      	return <-ch
      }
    # A lexer: the goroutine sends tokens and then one of kind EOF; the
    # reader stops at the EOF token, after which nothing more is sent.
    - |
      package lex

      type kind int

      const (
      	kindWord kind = iota
      	kindEOF
      )

      type token struct {
      	kind kind
      	text string
      }

      func lexWords(input []string, out chan<- token) {
      	for _, w := range input {
      		out <- token{kindWord, w}
      	}
      	out <- token{kindEOF, ""}
      }

      // Words returns the words the lexer produces.
      func Words(input []string) []string {
      	tokens := make(chan token)
      	go lexWords(input, tokens)
      	var words []string
      	for {
      		t := <-tokens
      		if t.kind == kindEOF {
      			break
      		}
      		words = append(words, t.text)
      	}
      	return words
      }
    # The logger is stopped only after a WaitGroup of n, counted before the loop that starts the n workers.
    - |
      package drain

      import "sync"

      // Drain runs n workers that log once each, waits for them, then stops the logger.
      func Drain(workers int) {
      	n := workers%4 + 1
      	var wg sync.WaitGroup
      	wg.Add(n)
      	stop := make(chan struct{})
      	logs := make(chan string)
      	go func() {
      		for {
      			select {
      			case l := <-logs:
      				_ = l
      			case <-stop:
      				return
      			}
      		}
      	}()
      	for i := 0; i < n; i++ {
      		go func() {
      			defer wg.Done()
      			logs <- "done"
      		}()
      	}
      	wg.Wait()
      	close(stop)
      }
    # A buffer of one: the late result is dropped with the channel.
    - |
      package fetch

      import "context"

      // Fetch returns when ctx ends; the worker's send still completes.
      func Fetch(ctx context.Context, get func() string) (string, error) {
      	ch := make(chan string, 1)
      	go func() {
      		ch <- get()
      	}()
      	select {
      	case r := <-ch:
      		return r, nil
      	case <-ctx.Done():
      		return "", ctx.Err()
      	}
      }
    # The same from a struct literal: the buffer holds every replica's answer.
    - |
      package fanout

      // Config says how many replicas to ask and how many answers to buffer.
      type Config struct {
      	Replicas int
      	Buffer   int
      }

      // FirstReply asks every replica and returns the first answer; the buffer
      // has room for all of them, so the late ones are dropped with it.
      func FirstReply(query func(int) string) string {
      	cfg := Config{Replicas: 3, Buffer: 3}
      	replies := make(chan string, cfg.Buffer)
      	for i := 0; i < cfg.Replicas; i++ {
      		go func(i int) {
      			replies <- query(i)
      		}(i)
      	}
      	return <-replies
      }
    # A buffer with room for every replica's answer.
    - |
      package mirror

      // First returns the fastest replica's answer.
      func First(replicas []string, query func(string) string) string {
      	answers := make(chan string, len(replicas))
      	for _, r := range replicas {
      		go func(r string) {
      			answers <- query(r)
      		}(r)
      	}
      	return <-answers
      }
    # The worker gives up too when the caller's context ends.
    - |
      package cache

      import "context"

      // Loader fills cache misses from a slow backend.
      type Loader struct {
      	Backend func(key string) []byte
      }

      // Load waits for the backend until ctx ends.
      func (l *Loader) Load(ctx context.Context, key string) ([]byte, error) {
      	ctx, cancel := context.WithCancel(ctx)
      	defer cancel()
      	done := make(chan []byte)
      	go func() {
      		v := l.Backend(key)
      		select {
      		case done <- v:
      		case <-ctx.Done():
      		}
      	}()
      	select {
      	case v := <-done:
      		return v, nil
      	case <-ctx.Done():
      		return nil, ctx.Err()
      	}
      }
    # waiters+1 goroutines each send once, and waiters+1 results are received.
    - |
      package bench

      // Round starts a goroutine per waiter and one more, and waits for all of them.
      func Round(waiters int, step func()) {
      	done := make(chan bool)
      	for g := 0; g < waiters+1; g++ {
      		go func() {
      			step()
      			done <- true
      		}()
      	}
      	for g := 0; g <= waiters; g++ {
      		<-done
      	}
      }
    # A watcher per key and one more over the prefix; each sends when it is
    # ready and when it is done, and the test receives len(keys)+1 of each
    # (etcd's watch test).
    - |
      package watch

      // Watch starts a watcher per key and one for the prefix, waits until
      // all are ready, then until all are done.
      func Watch(keys []string, watch func(string)) {
      	readyc := make(chan struct{})
      	donec := make(chan struct{})
      	for _, k := range keys {
      		go func(key string) {
      			readyc <- struct{}{}
      			watch(key)
      			donec <- struct{}{}
      		}(k)
      	}
      	go func() {
      		readyc <- struct{}{}
      		watch("")
      		donec <- struct{}{}
      	}()
      	for i := 0; i < len(keys)+1; i++ {
      		<-readyc
      	}
      	for i := 0; i < len(keys)+1; i++ {
      		<-donec
      	}
      }
    # Every error is received before returning the first one.
    - |
      package batch

      // RunAll runs every job concurrently and reports the first error.
      func RunAll(jobs []func() error) error {
      	errc := make(chan error)
      	for _, j := range jobs {
      		go func(j func() error) {
      			errc <- j()
      		}(j)
      	}
      	var first error
      	for range jobs {
      		if err := <-errc; err != nil && first == nil {
      			first = err
      		}
      	}
      	return first
      }
    # The results channel is returned: the caller decides how long to read it.
    - |
      package stream

      // Squares sends the square of every number, then closes the channel.
      func Squares(nums []int) <-chan int {
      	out := make(chan int)
      	go func() {
      		defer close(out)
      		for _, n := range nums {
      			out <- n * n
      		}
      	}()
      	return out
      }
    # A countdown of the results still to come: one receive per URL, as
    # many as the goroutines started by the range over the same slice.
    - |
      package fetch

      // Sum fetches every URL at once and adds up the results.
      func Sum(urls []string, fetch func(string) int) int {
      	results := make(chan int)
      	for _, u := range urls {
      		go func(u string) {
      			results <- fetch(u)
      		}(u)
      	}
      	sum := 0
      	pending := len(urls)
      	for pending > 0 {
      		sum += <-results
      		pending--
      	}
      	return sum
      }
    # A helper starts one worker per job, counted by the length it is
    # passed; the caller receives once per job, the same count.
    - |
      package collect

      // startWorkers starts n workers that each send one result.
      func startWorkers(results chan<- int, n int, work func(int) int) {
      	for i := 0; i < n; i++ {
      		go func(i int) {
      			results <- work(i)
      		}(i)
      	}
      }

      // Collect starts a worker per job and receives every result.
      func Collect(jobs []string, work func(int) int) int {
      	results := make(chan int)
      	startWorkers(results, len(jobs), work)
      	sum := 0
      	for range jobs {
      		sum += <-results
      	}
      	return sum
      }
    # The IR pins the arithmetic: n counts down from 2, so the loop
    # receives twice, once from each sender.
    - lang: cir
      code: |
        package example.com/ch1001/countdown

        func example.com/ch1001/countdown.Both() {
            var ch chan int
            var n int
        b0:
            ch = chan.make int, 0
            assign n = 2
            go example.com/ch1001/countdown.Both.func1()
            go example.com/ch1001/countdown.Both.func1()
            jump b1
        b1: loop
            %1 = cmp.lt 0, n
            if %1 then b2 else b3
        b2:
            %2 = chan.recv ch
            n = sub n, 1
            jump b1
        b3:
            return
        }

        func example.com/ch1001/countdown.Both.func1() {
            parent example.com/ch1001/countdown.Both
            capture ch chan int
        b0:
            chan.send ch, 1
            return
        }
    # The IR pins the buffer rule: a buffer of two holds both results when none is received.
    # The IR's comparison is decided from what the model knows: n is 2, so
    # the function always receives, and the sender never blocks.
    - lang: cir
      code: |
        package example.com/ch1001/cmp

        func example.com/ch1001/cmp.Count() int {
            var ch chan int
            var n int
        b0:
            ch = chan.make int, 0
            assign n = 2
            go example.com/ch1001/cmp.Count.func1()
            %1 = cmp.eq n, 2
            if %1 then b1 else b2
        b1:
            %2 = chan.recv ch
            return %2
        b2:
            return 0
        }

        func example.com/ch1001/cmp.Count.func1() {
            parent example.com/ch1001/cmp.Count
            capture ch chan int
        b0:
            chan.send ch, 1
            return
        }
    - lang: cir
      code: |
        package example.com/ch1001/good

        func example.com/ch1001/good.Both(a func() int) int {
            var ch chan int
        b0:
            ch = chan.make int, 2
            go example.com/ch1001/good.Both.func1()
            go example.com/ch1001/good.Both.func1()
            if ? then b1 else b2
        b1:
            return 0
        b2:
            %1 = chan.recv ch
            return %1
        }

        func example.com/ch1001/good.Both.func1() {
            parent example.com/ch1001/good.Both
            capture ch chan int
            capture a func() int
        b0:
            %1 = call (a)()
            chan.send ch, %1
            return
        }
    # The receiving loop started through a method value and a spawn helper: the method ranges over the channel the caller sends on.
    - |
      package srv

      type server struct{ reqs chan int }

      func (s *server) loop() {
      	for v := range s.reqs {
      		_ = v
      	}
      }

      func goSafe(f func()) {
      	go func() {
      		defer func() { _ = recover() }()
      		f()
      	}()
      }

      // Serve starts the loop and hands it two requests.
      func Serve() {
      	s := &server{reqs: make(chan int)}
      	run := s.loop
      	go run()
      	s.reqs <- 1
      	close(s.reqs)

      	t := &server{reqs: make(chan int)}
      	goSafe(t.loop)
      	t.reqs <- 2
      	close(t.reqs)
      }

"""#),
        RuleFileText(relativePath: "channel/CH1002-receive-blocks-forever.yaml", text: #"""
# A receive that waits forever: nothing will ever send on the channel or close it.
# The format of this file is described in rules/README.md.
id: CH1002
name: receive-blocks-forever
category: channel
level: warning
summary: "A receive blocks forever: no goroutine will send on the channel or close it."
description: |
  A receive waits until another goroutine sends on the channel or closes
  it. When every goroutine that could still do so has returned, or skipped
  its send on an error path, the receiver waits forever: a leaked
  goroutine, or a hung caller when the receiver is the function itself
  (the runtime's "all goroutines are asleep" when it is main).

  The rule explores the interleavings of the function that starts the
  goroutines and reports the receive when an interleaving ends with it
  blocked and no goroutine left that holds the channel and can still send
  or close it. Receiving from `ctx.Done()` of a context that nothing
  cancels (a forgotten cancel function) is reported the same way.

  Fix: send on every path (send the error too, or `defer close(ch)` in the
  worker), close the channel when the work is done, or call the cancel
  function of the context.

  Channels and contexts that reach code outside the analysed packages
  are never reported, nor are channels registered with signal.Notify
  (the runtime sends on them when a signal arrives).

  Known false positives: a path the analysis cannot rule out (an unknown
  condition taken both ways) can make a send look skippable when, in
  practice, the condition never holds (nil tests are followed: a send
  guarded by `if done != nil` runs when the starter passed a made
  channel; other comparisons are not). A value kept in a map and read
  back (`m[k] = call` ... `call := m[k]`) is not the same value to the
  model, so a send through it is not seen (net/rpc's pending calls).
  Goroutines that branch on what an atomic Add, Swap or
  CompareAndSwap returned are followed until a second such value is
  drawn: from then on each value depends on the others (one goroutine
  wins a CompareAndSwap, one sees a count reach zero), which the model
  does not keep, so such a path is not taken as a witness; a ticket
  returned by a helper or tested through arithmetic (`i%2 == 0`) is not
  seen as one. Loops
  whose bounds are equal only at run time (`i < n*2` and `i < m`) are
  explored with independent trip counts; loops bounded by the same
  variable or field (`i < n`, `i != n`, `i < n+1`, `i <= n`) run
  together.
tags: [channel, goroutine-leak, deadlock]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # The worker skips its send on the error path: the caller waits forever.
    - |
      package checksum

      import (
      	"hash/crc32"
      	"os"
      )

      // File returns the CRC-32 of a file, computed on a helper goroutine.
      func File(path string) uint32 {
      	sum := make(chan uint32)
      	go func() {
      		data, err := os.ReadFile(path)
      		if err != nil {
      			return
      		}
      		sum <- crc32.ChecksumIEEE(data)
      	}()
      	return ↓<-sum
      }
    # A start gate that nobody ever opens.
    - |
      package bench

      import "sync"

      // Spin starts n workers that wait for a common start signal.
      func Spin(n int, work func(int)) {
      	start := make(chan struct{})
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go func(i int) {
      			defer wg.Done()
      			↓<-start
      			work(i)
      		}(i)
      	}
      }
    # A request struct whose reply channel the handler forgets on one path.
    - |
      package runner

      import (
      	"errors"
      	"os/exec"
      )

      var errEmpty = errors.New("runner: empty command")

      type call struct {
      	args []string
      	done chan error
      }

      func (c *call) run() {
      	if len(c.args) == 0 {
      		return
      	}
      	c.done <- exec.Command(c.args[0], c.args[1:]...).Run()
      }

      // Run runs a command on a helper goroutine and waits for it.
      func Run(args ...string) error {
      	c := &call{args: args}
      	c.done = make(chan error)
      	go c.run()
      	if err := ↓<-c.done; err != nil {
      		return err
      	}
      	return errEmpty
      }
    # A generic future that is never completed when the computation fails.
    - |
      package future

      // Future holds a value computed on another goroutine.
      type Future[T any] struct {
      	ch chan T
      }

      // Async starts f and returns a Future for its result.
      func Async[T any](f func() (T, error)) *Future[T] {
      	fut := &Future[T]{}
      	fut.ch = make(chan T)
      	go func() {
      		if v, err := f(); err == nil {
      			fut.ch <- v
      		}
      	}()
      	return fut
      }

      // Get waits for the result.
      func (fut *Future[T]) Get() T {
      	return ↓<-fut.ch
      }

      // Size computes a size in the background and waits for it.
      func Size(compute func() (int, error)) int {
      	return Async(compute).Get()
      }
    # A watcher waits on ctx.Done() of a context whose cancel function is dropped.
    - |
      package watch

      import (
      	"context"
      	"log"
      )

      // Start runs poll in the background until the returned context would end.
      func Start(poll func(context.Context)) {
      	ctx, _ := context.WithCancel(context.Background())
      	go func() {
      		↓<-ctx.Done()
      		log.Println("watcher stopped")
      	}()
      	poll(ctx)
      }
    # The IR pins contexts: Done of a context whose cancel function nobody calls never closes.
    - lang: cir
      code: |
        package example.com/ch1002/bad

        func example.com/ch1002/bad.Watch() {
            var ctx context.Context
            var cancel context.CancelFunc
        b0:
            %1 = ctx.background
            ctx, cancel = ctx.withcancel %1
            go example.com/ch1002/bad.Watch.func1()
            return
        }

        func example.com/ch1002/bad.Watch.func1() {
            parent example.com/ch1002/bad.Watch
            capture ctx context.Context
        b0:
            %1 = ctx.done ctx
            ↓chan.recv %1
            return
        }
    # Table-driven: one receive more than the goroutines each case starts.
    - |
      package handshake

      import "testing"

      func handshake(i int) error { return nil }

      func TestHandshakes(t *testing.T) {
      	for _, tc := range []struct {
      		name  string
      		count int
      	}{{"one", 1}, {"many", 10}} {
      		errc := make(chan error)
      		for i := 0; i < tc.count; i++ {
      			go func(i int) { errc <- handshake(i) }(i)
      		}
      		for i := 0; i <= tc.count; i++ {
      			if err := ↓<-errc; err != nil {
      				t.Errorf("%s: %v", tc.name, err)
      			}
      		}
      	}
      }
    # A worker per key, but one receive more than there are keys: the
    # last receive waits for ever, however many keys there are.
    - |
      package fanin

      // Fetch starts a fetcher per key and collects the results.
      func Fetch(keys []string, fetch func(string) int) []int {
      	results := make(chan int)
      	for _, k := range keys {
      		go func(key string) { results <- fetch(key) }(k)
      	}
      	var out []int
      	for i := 0; i <= len(keys); i++ {
      		out = append(out, ↓<-results)
      	}
      	return out
      }
    # The guard only rules out zero: with n = 1 the second receive waits
    # for ever.
    - |
      package gather

      func Sum(n int, work func() int) int {
      	workers := 3
      	if n == 0 {
      		return 0
      	}
      	results := make(chan int)
      	for i := 0; i < n; i++ {
      		go func() { results <- work() }()
      	}
      	total := 0
      	for i := 0; i < workers; i++ {
      		total += ↓<-results
      	}
      	return total
      }
  good:
    # A value handed to a variadic parameter on its own goes into the slice
    # Go makes: stored by Register, the probe's channel is no longer the
    # caller's alone, and Gather (through an interface) may send on it.
    - |
      package registry

      import "sync"

      type Collector interface{ Collect() }

      // Registry keeps collectors; registering takes the lock on a goroutine of
      // its own, as checks that call back into collectors do.
      type Registry struct {
      	mu  sync.Mutex
      	all []Collector
      }

      // Register adds the collectors once the check is done.
      func (r *Registry) Register(cs ...Collector) {
      	done := make(chan struct{})
      	go func() {
      		defer close(done)
      		r.mu.Lock()
      		r.all = append(r.all, cs...)
      		r.mu.Unlock()
      	}()
      	<-done
      }

      // Gather runs every collector.
      func (r *Registry) Gather() {
      	r.mu.Lock()
      	all := append([]Collector(nil), r.all...)
      	r.mu.Unlock()
      	for _, c := range all {
      		c.Collect()
      	}
      }

      type probe struct{ started chan struct{} }

      func (p probe) Collect() { p.started <- struct{}{} }

      // WaitForScrape gathers in the background and waits until the probe,
      // handed to Register on its own, has run.
      func WaitForScrape(r *Registry) {
      	p := probe{started: make(chan struct{}, 1)}
      	r.Register(p)
      	go r.Gather()
      	<-p.started
      }
    # The function goes on only when n equals the number of results it
    # receives, so the receive loop and the spawn loop run alike.
    - |
      package gather

      func Sum(n int, work func() int) int {
      	workers := 3
      	if n != workers {
      		return 0
      	}
      	results := make(chan int)
      	for i := 0; i < n; i++ {
      		go func() { results <- work() }()
      	}
      	total := 0
      	for i := 0; i < workers; i++ {
      		total += <-results
      	}
      	return total
      }
    # Table-driven: each case starts tc.count goroutines and receives as many
    # answers; both loops run tc.count times, whatever it is.
    - |
      package handshake

      import "testing"

      func handshake(i int) error { return nil }

      func TestHandshakes(t *testing.T) {
      	for _, tc := range []struct {
      		name  string
      		count int
      	}{{"one", 1}, {"many", 10}} {
      		errc := make(chan error)
      		for i := 0; i < tc.count; i++ {
      			go func(i int) { errc <- handshake(i) }(i)
      		}
      		for i := 0; i < tc.count; i++ {
      			if err := <-errc; err != nil {
      				t.Errorf("%s: %v", tc.name, err)
      			}
      		}
      	}
      }
    # The closer is kept in a hook registry: the server calls it later, so the receive has a sender.
    - |
      package hooks

      import "sync"

      var (
      	mu    sync.Mutex
      	hooks = map[string]func(){}
      )

      // On registers fn to run when the server fires the event name.
      func On(name string, fn func()) {
      	mu.Lock()
      	defer mu.Unlock()
      	hooks[name] = fn
      }

      // CleanupOnShutdown runs cleanup once the server fires "shutdown".
      func CleanupOnShutdown(cleanup func()) {
      	done := make(chan struct{})
      	go func() {
      		<-done
      		cleanup()
      	}()
      	On("shutdown", func() { close(done) })
      }
    # The error is sent too: the caller always gets an answer.
    - |
      package checksum

      import (
      	"hash/crc32"
      	"os"
      )

      type result struct {
      	sum uint32
      	err error
      }

      // File returns the CRC-32 of a file, computed on a helper goroutine.
      func File(path string) (uint32, error) {
      	ch := make(chan result)
      	go func() {
      		data, err := os.ReadFile(path)
      		ch <- result{crc32.ChecksumIEEE(data), err}
      	}()
      	r := <-ch
      	return r.sum, r.err
      }
    # The gate is closed once every worker is started.
    - |
      package bench

      import "sync"

      // Spin starts n workers that wait for a common start signal.
      func Spin(n int, work func(int)) {
      	start := make(chan struct{})
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go func(i int) {
      			defer wg.Done()
      			<-start
      			work(i)
      		}(i)
      	}
      	close(start)
      	wg.Wait()
      }
    # A deferred close tells the waiter the worker is done, whatever the path.
    - |
      package runner

      import "os/exec"

      // Run runs a command on a helper goroutine and waits for it to finish.
      func Run(args ...string) {
      	done := make(chan struct{})
      	go func() {
      		defer close(done)
      		if len(args) == 0 {
      			return
      		}
      		_ = exec.Command(args[0], args[1:]...).Run()
      	}()
      	<-done
      }
    # The last worker to finish closes done: the worker that counts
    # pending down to zero. Each Add hands out its own value, so some
    # worker always sees zero.
    - |
      package fanout

      import "sync/atomic"

      // Each runs f on every item and returns when all are done.
      func Each(items []string, f func(string)) {
      	if len(items) == 0 {
      		return
      	}
      	pending := int32(len(items))
      	done := make(chan struct{})
      	for _, it := range items {
      		go func(it string) {
      			f(it)
      			if atomic.AddInt32(&pending, -1) == 0 {
      				close(done)
      			}
      		}(it)
      	}
      	<-done
      }
    # Only the caller that wins the CompareAndSwap closes ready; one of
    # the two always wins.
    - |
      package warmup

      import "sync/atomic"

      // Race starts two loaders and returns when the first has finished.
      func Race(load func(int)) {
      	var won atomic.Bool
      	ready := make(chan struct{})
      	for i := 0; i < 2; i++ {
      		go func(i int) {
      			load(i)
      			if won.CompareAndSwap(false, true) {
      				close(ready)
      			}
      		}(i)
      	}
      	<-ready
      }
    # The cancel function is called when the caller returns.
    - |
      package watch

      import (
      	"context"
      	"log"
      )

      // Run polls until poll returns, then stops the watcher.
      func Run(poll func(context.Context)) {
      	ctx, cancel := context.WithCancel(context.Background())
      	defer cancel()
      	go func() {
      		<-ctx.Done()
      		log.Println("watcher stopped")
      	}()
      	poll(ctx)
      }
    # A channel registered with signal.Notify: the runtime sends on it at every signal.
    - |
      package shutdown

      import (
      	"os"
      	"os/signal"
      )

      // OnInterrupt calls stop, in the background, when the process gets an interrupt.
      func OnInterrupt(stop func()) {
      	sig := make(chan os.Signal, 1)
      	signal.Notify(sig, os.Interrupt)
      	go func() {
      		<-sig
      		stop()
      	}()
      }
    # The IR pins signal.Notify: whatever its body shows, the runtime sends on the channel it registers.
    - lang: cir
      code: |
        package example.com/ch1002/good

        func os/signal.Notify(c chan os.Signal) {
        b0:
            return
        }

        func example.com/ch1002/good.Wait() {
            var sig chan os.Signal
        b0:
            sig = chan.make os.Signal, 1
            call os/signal.Notify(sig)
            go example.com/ch1002/good.Wait.func1()
            return
        }

        func example.com/ch1002/good.Wait.func1() {
            parent example.com/ch1002/good.Wait
            capture sig chan os.Signal
        b0:
            %1 = chan.recv sig
            return
        }
    # A channel from the caller: someone else may send on it.
    - |
      package relay

      // Forward copies one value from in to handle, in the background.
      func Forward(in <-chan string, handle func(string)) {
      	go func() {
      		handle(<-in)
      	}()
      }
    # The IR pins contexts: a deadline may pass at any time, so Done of WithTimeout is never judged blocked.
    - lang: cir
      code: |
        package example.com/ch1002/good

        func example.com/ch1002/good.Watch() {
            var ctx context.Context
            var cancel context.CancelFunc
        b0:
            %1 = ctx.background
            ctx, cancel = ctx.withtimeout %1, 1000
            go example.com/ch1002/good.Watch.func1()
            return
        }

        func example.com/ch1002/good.Watch.func1() {
            parent example.com/ch1002/good.Watch
            capture ctx context.Context
        b0:
            %1 = ctx.done ctx
            chan.recv %1
            return
        }
    # A stop guarded by a closed flag of a value made here: the flag starts false, so stop closes done.
    - |
      package fl

      type worker struct {
      	closed bool
      	done   chan struct{}
      }

      func (w *worker) stop() {
      	if !w.closed {
      		w.closed = true
      		close(w.done)
      	}
      }

      // Run starts a worker and stops it before returning.
      func Run() {
      	w := new(worker)
      	w.done = make(chan struct{})
      	go func() { <-w.done }()
      	w.stop()
      }

"""#),
        RuleFileText(relativePath: "channel/CH1003-range-never-closed.yaml", text: #"""
# A `for range ch` loop that never ends because nothing closes the channel.
# The format of this file is described in rules/README.md.
id: CH1003
name: range-never-closed
category: channel
level: warning
summary: "A range loop over a channel never ends: nothing closes the channel after the last send."
description: |
  `for v := range ch` ends only when ch is closed. A consumer goroutine
  ranging over a channel that the producer never closes waits forever
  after the last value: the goroutine leaks, and whatever it would do
  after the loop (flush a buffer, signal completion) never happens.

  The rule reports the range loop when an interleaving ends with the loop
  waiting for a value and no goroutine left that holds the channel and
  could send on it or close it. The finding points at the `for` of the loop.

  Fix: close the channel after the last send, in the one goroutine that
  sends (`defer close(ch)` in the producer), or, with several producers,
  in a goroutine that waits for all of them (`wg.Wait(); close(ch)`).

  Known false positives: a channel that reaches code outside the analysed
  packages is never reported; a producer whose loop count is unknown is
  explored with one to three iterations.
tags: [channel, goroutine-leak]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # The producer forgets close: the saver goroutine never returns.
    - |
      package publish

      // Publish hands every item to a background saver goroutine.
      func Publish[T any](items []T, save func(T)) {
      	ch := make(chan T)
      	go saveAll(ch, save)
      	for _, it := range items {
      		ch <- it
      	}
      }

      func saveAll[T any](ch <-chan T, save func(T)) {
      	↓for v := range ch {
      		save(v)
      	}
      }
    # A worker pool whose jobs channel is never closed.
    - |
      package thumbs

      // Resize makes a thumbnail of every image with a pool of workers.
      func Resize(images []string, workers int, thumbnail func(string) string) []string {
      	jobs := make(chan string)
      	out := make(chan string)
      	for i := 0; i < workers; i++ {
      		go func() {
      			↓for img := range jobs {
      				out <- thumbnail(img)
      			}
      		}()
      	}
      	go func() {
      		for _, img := range images {
      			jobs <- img
      		}
      	}()
      	thumbs := make([]string, 0, len(images))
      	for range images {
      		thumbs = append(thumbs, <-out)
      	}
      	return thumbs
      }
    # A batcher struct whose input is never closed, so it never flushes.
    - |
      package events

      // Event is one analytics event.
      type Event struct {
      	Name string
      }

      type batcher struct {
      	in    chan Event
      	flush func([]Event)
      }

      func (b *batcher) loop() {
      	var buf []Event
      	↓for e := range b.in {
      		buf = append(buf, e)
      	}
      	b.flush(buf)
      }

      // Upload sends events through a background batcher.
      func Upload(events []Event, flush func([]Event)) {
      	b := &batcher{flush: flush}
      	b.in = make(chan Event)
      	go b.loop()
      	for _, e := range events {
      		b.in <- e
      	}
      }
    # The counting goroutine ranges over lines that the reader never closes.
    - |
      package wc

      import (
      	"bufio"
      	"io"
      )

      // Count counts lines in the background while scanning r.
      func Count(r io.Reader, report func(int)) {
      	lines := make(chan string)
      	go func() {
      		n := 0
      		↓for range lines {
      			n++
      		}
      		report(n)
      	}()
      	sc := bufio.NewScanner(r)
      	for sc.Scan() {
      		lines <- sc.Text()
      	}
      }
    # The IR pins ranges: closing on one branch only leaves the other path's range waiting.
    - lang: cir
      code: |
        package example.com/ch1003/bad

        func example.com/ch1003/bad.Stream(v int) {
            var ch chan int
        b0:
            ch = chan.make int, 1
            go example.com/ch1003/bad.consume(ch)
            chan.send ch, v
            if ? then b1 else b2
        b1:
            chan.close ch
            return
        b2:
            return
        }

        func example.com/ch1003/bad.consume(ch chan int) {
            var ok bool
        b0:
            jump b1
        b1: loop
            ↓_, ok = range chan.recv ch
            if ok then b1 else b2
        b2:
            return
        }
  good:
    # The producer closes the channel after the last item.
    - |
      package publish

      // Publish hands every item to a background saver goroutine and waits for it.
      func Publish[T any](items []T, save func(T)) {
      	ch := make(chan T)
      	done := make(chan struct{})
      	go func() {
      		defer close(done)
      		for v := range ch {
      			save(v)
      		}
      	}()
      	for _, it := range items {
      		ch <- it
      	}
      	close(ch)
      	<-done
      }
    # The feeding goroutine closes jobs; the workers end.
    - |
      package thumbs

      // Resize makes a thumbnail of every image with a pool of workers.
      func Resize(images []string, workers int, thumbnail func(string) string) []string {
      	jobs := make(chan string)
      	out := make(chan string, len(images))
      	for i := 0; i < workers; i++ {
      		go func() {
      			for img := range jobs {
      				out <- thumbnail(img)
      			}
      		}()
      	}
      	go func() {
      		defer close(jobs)
      		for _, img := range images {
      			jobs <- img
      		}
      	}()
      	thumbs := make([]string, 0, len(images))
      	for range images {
      		thumbs = append(thumbs, <-out)
      	}
      	return thumbs
      }
    # Several producers: a closer goroutine closes after all of them.
    - |
      package merge

      import "sync"

      // All collects the values of every source into one slice.
      func All(sources [][]int) []int {
      	out := make(chan int)
      	var wg sync.WaitGroup
      	for _, src := range sources {
      		wg.Add(1)
      		go func(src []int) {
      			defer wg.Done()
      			for _, v := range src {
      				out <- v
      			}
      		}(src)
      	}
      	go func() {
      		wg.Wait()
      		close(out)
      	}()
      	var all []int
      	for v := range out {
      		all = append(all, v)
      	}
      	return all
      }
    # The channel comes from the caller, who owns closing it.
    - |
      package sink

      // Drain consumes in until the caller closes it.
      func Drain(in <-chan []byte, write func([]byte)) {
      	go func() {
      		for b := range in {
      			write(b)
      		}
      	}()
      }
    # The IR pins timers: a range over time.Tick never ends, but that is the timer rules' business.
    - lang: cir
      code: |
        package example.com/ch1003/good

        func example.com/ch1003/good.Poll(f func()) {
        b0:
            %1 = time.tick 1000
            go example.com/ch1003/good.Poll.func1(%1)
            return
        }

        func example.com/ch1003/good.Poll.func1(ticks <-chan time.Time) {
            parent example.com/ch1003/good.Poll
            capture f func()
            var ok bool
        b0:
            jump b1
        b1: loop
            _, ok = range chan.recv ticks
            if ok then b2 else b3
        b2:
            call (f)()
            jump b1
        b3:
            return
        }

"""#),
        RuleFileText(relativePath: "channel/CH1004-select-blocks-forever.yaml", text: #"""
# A select none of whose cases can ever proceed.
# The format of this file is described in rules/README.md.
id: CH1004
name: select-blocks-forever
category: channel
level: warning
summary: "A select blocks forever: none of its channels can become ready any more."
description: |
  A select without a default waits until one of its cases can proceed. A
  worker loop that selects on a jobs channel and a quit channel leaks when
  the owner returns without closing quit; a goroutine that selects on a
  result channel and ctx.Done() leaks when nobody reads the result and
  nobody cancels the context.

  The rule reports the select when an interleaving ends with it waiting
  and none of its channels can be sent on, received from or closed by a
  goroutine still able to run, and no context it waits on can be
  cancelled or time out.

  Fix: close the quit channel (or cancel the context) on every path out of
  the owner, typically with `defer close(quit)` or `defer cancel()`.

  Known false positives: channels or contexts that reach code outside the
  analysed packages are never reported; timers and tickers may always fire.
  A channel stored in a map is not seen to leave, so a sender that reads
  it back later is missed; byte-count pairing of readers and writers
  (io.Pipe with fixed sizes) is not followed.
tags: [channel, goroutine-leak, deadlock]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # The owner returns without closing quit: the worker loop waits forever.
    - |
      package queue

      // Item is one unit of work.
      type Item interface {
      	Handle()
      }

      // Process hands every item to a background worker.
      func Process(items []Item) {
      	jobs := make(chan Item)
      	quit := make(chan struct{})
      	go func() {
      		for {
      			↓select {
      			case it := <-jobs:
      				it.Handle()
      			case <-quit:
      				return
      			}
      		}
      	}()
      	for _, it := range items {
      		jobs <- it
      	}
      }
    # Prefetchers select on a context whose cancel function is dropped.
    - |
      package prefetch

      import "context"

      // Warm loads every key and waits for the first one.
      func Warm(keys []string, load func(string) []byte) []byte {
      	ctx, _ := context.WithCancel(context.Background())
      	results := make(chan []byte)
      	for _, k := range keys {
      		go func(k string) {
      			v := load(k)
      			↓select {
      			case results <- v:
      			case <-ctx.Done():
      			}
      		}(k)
      	}
      	return <-results
      }
    # An error path skips close(stop): the progress reporter never ends.
    - |
      package transfer

      import "log"

      // Copy copies src to dst and reports the size from a background logger.
      func Copy(src, dst string, copyFile func(string, string) (int, error)) error {
      	stop := make(chan struct{})
      	progress := make(chan int)
      	go func() {
      		for {
      			↓select {
      			case n := <-progress:
      				log.Printf("%d bytes", n)
      			case <-stop:
      				return
      			}
      		}
      	}()
      	n, err := copyFile(src, dst)
      	if err != nil {
      		return err
      	}
      	progress <- n
      	close(stop)
      	return nil
      }
    # A local hub whose event loop outlives the function that started it.
    - |
      package hub

      type hub struct {
      	register  chan chan string
      	broadcast chan string
      }

      func (h *hub) run() {
      	var subs []chan string
      	for {
      		↓select {
      		case s := <-h.register:
      			subs = append(subs, s)
      		case msg := <-h.broadcast:
      			for _, s := range subs {
      				s <- msg
      			}
      		}
      	}
      }

      // Announce starts a hub and broadcasts one message to its subscribers.
      func Announce(msg string) {
      	h := &hub{}
      	h.register = make(chan chan string)
      	h.broadcast = make(chan string)
      	go h.run()
      	h.broadcast <- msg
      }
    # The IR pins selects: a nil case never wakes, and the live case has no sender left.
    - lang: cir
      code: |
        package example.com/ch1004/bad

        func example.com/ch1004/bad.Wait() {
            var in chan int
            var off chan int
        b0:
            in = chan.make int, 0
            go example.com/ch1004/bad.Wait.func1()
            return
        }

        func example.com/ch1004/bad.Wait.func1() {
            parent example.com/ch1004/bad.Wait
            capture in chan int
            capture off chan int
        b0:
            ↓select { case recv in -> b1; case recv off -> b1 }
        b1:
            return
        }
  good:
    # quit is closed when the owner returns.
    - |
      package queue

      // Process hands every item to a background worker.
      func Process(items []func()) {
      	jobs := make(chan func())
      	quit := make(chan struct{})
      	defer close(quit)
      	go func() {
      		for {
      			select {
      			case f := <-jobs:
      				f()
      			case <-quit:
      				return
      			}
      		}
      	}()
      	for _, f := range items {
      		jobs <- f
      	}
      }
    # The context is cancelled when the first result arrives.
    - |
      package prefetch

      import "context"

      // Warm loads every key and returns the first value loaded.
      func Warm(keys []string, load func(string) []byte) []byte {
      	ctx, cancel := context.WithCancel(context.Background())
      	defer cancel()
      	results := make(chan []byte)
      	for _, k := range keys {
      		go func(k string) {
      			v := load(k)
      			select {
      			case results <- v:
      			case <-ctx.Done():
      			}
      		}(k)
      	}
      	return <-results
      }
    # A select with a default never blocks.
    - |
      package stats

      // Offer records v if the collector is ready, and drops it otherwise.
      func Offer(v int, record func(int)) {
      	ch := make(chan int)
      	go func() {
      		select {
      		case ch <- v:
      		default:
      		}
      	}()
      	record(v)
      }
    # The worker also watches the caller's context.
    - |
      package poll

      import (
      	"context"
      	"time"
      )

      // Every calls f at each interval until ctx ends.
      func Every(ctx context.Context, interval time.Duration, f func()) {
      	go func() {
      		t := time.NewTicker(interval)
      		defer t.Stop()
      		for {
      			select {
      			case <-t.C:
      				f()
      			case <-ctx.Done():
      				return
      			}
      		}
      	}()
      }
    # The IR pins timers: a time.After case may fire at any time.
    - lang: cir
      code: |
        package example.com/ch1004/good

        func example.com/ch1004/good.Wait() {
            var in chan int
        b0:
            in = chan.make int, 0
            go example.com/ch1004/good.Wait.func1()
            return
        }

        func example.com/ch1004/good.Wait.func1() {
            parent example.com/ch1004/good.Wait
            capture in chan int
        b0:
            %1 = time.after 5000
            select { case recv in -> b1; case recv %1 -> b1 }
        b1:
            return
        }

"""#),
        RuleFileText(relativePath: "channel/CH1005-send-on-closed-channel.yaml", text: #"""
# A send that can run after the channel was closed: the program panics.
# The format of this file is described in rules/README.md.
id: CH1005
name: send-on-closed-channel
category: channel
level: error
summary: "A send can run after its channel was closed, which panics (send on closed channel)."
description: |
  Sending on a closed channel panics, and the panic kills the whole
  program. It happens when the goroutine that closes the channel does not
  wait for every sender: closing after a sleep or a timeout, in a defer of
  a function that returns while workers still send, or when a stop signal
  races with the producer.

  The rule reports the send when an interleaving of the goroutines closes
  the channel first and then runs the send. The code flow shows where the
  channel is closed and where the send panics. When the goroutine that
  closes the channel is one that receives from it, CH1007 reports the
  close instead.

  Fix: close a channel only in the goroutine that sends on it, after its
  last send; with several senders, close it after a `sync.WaitGroup` that
  counts all of them returns, or signal the end on a separate done channel
  and never close the data channel.

  Not reported: an interleaving in which a `Wait` returns on a counter the
  model does not know (`wg.Add(n)` with n computed, before the loop that
  starts n senders): the model may let such a Wait return at any time,
  which is a guess, not a witness.

  Known false positives: an interleaving the analysis considers possible
  that timing rules out in practice (a close after a long sleep); there is
  no timing in the model, and that is the point: sleeps are not
  synchronisation.
tags: [channel, panic, race]
precision: very-high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # Closing after a sleep does not wait for the senders.
    - |
      package gather

      import "time"

      // Gather collects what the fetchers return within 100ms.
      func Gather(urls []string, fetch func(string) string) []string {
      	results := make(chan string, len(urls))
      	for _, u := range urls {
      		go func(u string) {
      			↓results <- fetch(u)
      		}(u)
      	}
      	time.Sleep(100 * time.Millisecond)
      	close(results)
      	var out []string
      	for r := range results {
      		out = append(out, r)
      	}
      	return out
      }
    # A stop method closes the feed while its producer still sends.
    - |
      package feed

      type feed struct {
      	out chan int
      }

      func (f *feed) run(n int) {
      	for i := 0; i < n; i++ {
      		↓f.out <- i
      	}
      }

      func (f *feed) stop() {
      	close(f.out)
      }

      // Sample starts a producer and stops the feed right away.
      func Sample(n int) {
      	f := &feed{}
      	f.out = make(chan int, n)
      	go f.run(n)
      	f.stop()
      }
    # A generic queue closed by its owner while a filler goroutine pushes.
    - |
      package queue

      // Queue is a bounded queue.
      type Queue[T any] struct {
      	items chan T
      }

      // Push adds v to the queue.
      func (q *Queue[T]) Push(v T) {
      	↓q.items <- v
      }

      // Close ends the queue.
      func (q *Queue[T]) Close() {
      	close(q.items)
      }

      // Fill pushes n values from a background goroutine and closes the queue.
      func Fill(n int) int {
      	q := &Queue[int]{}
      	q.items = make(chan int, 8)
      	go func() {
      		for i := 0; i < n; i++ {
      			q.Push(i)
      		}
      	}()
      	q.Close()
      	return len(q.items)
      }
    # A stop signal closes the output while the producer is still sending.
    - |
      package tail

      // Tail copies lines to the returned channel until stop is closed.
      func Tail(lines []string, stop <-chan struct{}) <-chan string {
      	out := make(chan string, len(lines))
      	go func() {
      		<-stop
      		close(out)
      	}()
      	go func() {
      		for _, l := range lines {
      			↓out <- l
      		}
      	}()
      	return out
      }
    # The IR pins the order: room in the buffer does not help once the channel is closed.
    - lang: cir
      code: |
        package example.com/ch1005/bad

        func example.com/ch1005/bad.Send() {
            var ch chan int
        b0:
            ch = chan.make int, 10
            go example.com/ch1005/bad.Send.func1()
            chan.close ch
            return
        }

        func example.com/ch1005/bad.Send.func1() {
            parent example.com/ch1005/bad.Send
            capture ch chan int
        b0:
            ↓chan.send ch, 1
            return
        }
  good:
    # The collector closes the stream only after every sender is done, counted by a WaitGroup of n.
    - |
      package gauge

      import "sync"

      func collect(vals chan float64, result chan float64, done chan struct{}) {
      	var sum float64
      	for {
      		select {
      		case <-done:
      			close(vals)
      			for v := range vals {
      				sum += v
      			}
      			result <- sum
      			return
      		case v := <-vals:
      			sum += v
      		}
      	}
      }

      // Sum adds rounds values from each of workers senders.
      func Sum(workers, rounds int) float64 {
      	n := workers%8 + 1
      	var end sync.WaitGroup
      	end.Add(n)
      	vals := make(chan float64, n*rounds)
      	result := make(chan float64)
      	done := make(chan struct{})
      	go collect(vals, result, done)
      	go func() {
      		end.Wait()
      		close(done)
      	}()
      	for i := 0; i < n; i++ {
      		go func() {
      			defer end.Done()
      			for r := 0; r < rounds; r++ {
      				vals <- 1
      			}
      		}()
      	}
      	return <-result
      }
    # The channel is closed after every sender is done.
    - |
      package gather

      import "sync"

      // Gather collects what every fetcher returns.
      func Gather(urls []string, fetch func(string) string) []string {
      	results := make(chan string, len(urls))
      	var wg sync.WaitGroup
      	for _, u := range urls {
      		wg.Add(1)
      		go func(u string) {
      			defer wg.Done()
      			results <- fetch(u)
      		}(u)
      	}
      	wg.Wait()
      	close(results)
      	var out []string
      	for r := range results {
      		out = append(out, r)
      	}
      	return out
      }
    # The only sender closes the channel after its last send.
    - |
      package gen

      // Count sends 0..n-1 and closes the channel.
      func Count(n int) <-chan int {
      	out := make(chan int)
      	go func() {
      		defer close(out)
      		for i := 0; i < n; i++ {
      			out <- i
      		}
      	}()
      	return out
      }
    # Stop is signalled on its own channel; the data channel is never closed.
    - |
      package tail

      // Tail copies lines to out until stop is closed.
      func Tail(lines []string, out chan<- string, stop <-chan struct{}) {
      	go func() {
      		for _, l := range lines {
      			select {
      			case out <- l:
      			case <-stop:
      				return
      			}
      		}
      	}()
      }
    # The closer receives every value before closing.
    - |
      package walk

      // Walk visits every root concurrently and collects one path per root.
      func Walk(roots []string, visit func(string) string) []string {
      	found := make(chan string)
      	for _, r := range roots {
      		go func(r string) {
      			found <- visit(r)
      		}(r)
      	}
      	var all []string
      	for range roots {
      		all = append(all, <-found)
      	}
      	close(found)
      	return all
      }
    # The worker closes its delete queue only after Stop; a helper that returns one shard keeps no more of the cache, so nothing else can close its channels.
    - |
      package lru

      import "sync"

      type entry struct{ key string }

      type shard struct {
      	sync.Mutex
      	items map[string]*entry
      }

      func (s *shard) remove(key string) *entry {
      	s.Lock()
      	defer s.Unlock()
      	e := s.items[key]
      	delete(s.items, key)
      	return e
      }

      // Cache removes entries from its shards at once and from its LRU list
      // in the worker.
      type Cache struct {
      	shards     []*shard
      	deletes    chan *entry
      	promotions chan *entry
      	done       chan struct{}
      }

      func New(n int) *Cache {
      	c := &Cache{shards: make([]*shard, n%16+1)}
      	for i := range c.shards {
      		c.shards[i] = &shard{items: map[string]*entry{}}
      	}
      	c.deletes = make(chan *entry, 64)
      	c.promotions = make(chan *entry, 64)
      	c.done = make(chan struct{})
      	go c.worker()
      	return c
      }

      // shardFor hands out one shard, not the cache.
      func (c *Cache) shardFor(key string) *shard {
      	return c.shards[len(key)%len(c.shards)]
      }

      // Delete queues the entry's removal from the LRU list.
      func (c *Cache) Delete(key string) {
      	if e := c.shardFor(key).remove(key); e != nil {
      		c.deletes <- e
      	}
      }

      // Stop ends the worker; the cache must not be used after.
      func (c *Cache) Stop() {
      	close(c.promotions)
      	<-c.done
      }

      func (c *Cache) worker() {
      	defer close(c.done)
      	for {
      		select {
      		case _, ok := <-c.promotions:
      			if !ok {
      				for {
      					select {
      					case <-c.deletes:
      					default:
      						close(c.deletes)
      						return
      					}
      				}
      			}
      		case <-c.deletes:
      		}
      	}
      }

      // Evict deletes the keys, then stops the cache.
      func Evict(keys []string) {
      	c := New(len(keys))
      	for _, k := range keys {
      		c.Delete(k)
      	}
      	c.Stop()
      }
    # Fan-in: each forwarder counts itself out under the mutex, and the
    # last one closes the output after every send.
    - |
      package fanin

      import "sync"

      // Merge forwards the values of every input to one channel, closed
      // when the last input is drained.
      func Merge(inputs []<-chan int) <-chan int {
      	out := make(chan int)
      	var mu sync.Mutex
      	active := len(inputs)
      	for _, in := range inputs {
      		go func(in <-chan int) {
      			for v := range in {
      				out <- v
      			}
      			mu.Lock()
      			active--
      			if active == 0 {
      				close(out)
      			}
      			mu.Unlock()
      		}(in)
      	}
      	return out
      }
    # The IR pins WaitGroups: closing after Wait orders the close after every send.
    - lang: cir
      code: |
        package example.com/ch1005/good

        func example.com/ch1005/good.Send() {
            var ch chan int
            var wg sync.WaitGroup
        b0:
            ch = chan.make int, 10
            wg.add wg, 1
            go example.com/ch1005/good.Send.func1()
            wg.wait wg
            chan.close ch
            return
        }

        func example.com/ch1005/good.Send.func1() {
            parent example.com/ch1005/good.Send
            capture ch chan int
            capture wg sync.WaitGroup
        b0:
            defer wg.done wg
            chan.send ch, 1
            return
        }

"""#),
        RuleFileText(relativePath: "channel/CH1006-close-of-closed-channel.yaml", text: #"""
# A channel closed twice: the second close panics.
# The format of this file is described in rules/README.md.
id: CH1006
name: close-of-closed-channel
category: channel
level: error
summary: "A channel can be closed twice, which panics (close of closed channel)."
description: |
  Closing a channel that is already closed panics. It happens when more
  than one goroutine may close the same channel (every failing worker
  closes a `failed` channel, a Stop method called twice, a deferred close
  in a worker plus an explicit close in its owner).

  The rule reports the close that runs second in an interleaving where
  both run. Each close that can come second is reported.

  Fix: let exactly one goroutine own the close, or guard it with a
  `sync.Once` (`once.Do(func() { close(ch) })`).

  Known false positives: two closes on paths the analysis cannot tell are
  exclusive (the same unknown condition tested twice through different
  values). Closes guarded by an atomic claim (`if
  atomic.CompareAndSwapInt32(&closed, 0, 1)`, `if atomic.AddInt32(&n,
  -1) == 0`) are exclusive, and are not reported: the second claim's
  outcome depends on the first, and the analysis takes no path that
  decides it alone.
tags: [channel, panic, race]
precision: very-high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # Every failing task closes the shared channel.
    - |
      package tasks

      import (
      	"errors"
      	"time"
      )

      var errFailed = errors.New("tasks: a task failed")

      // FirstFailure reports whether some task fails within the timeout.
      func FirstFailure(tasks []func() error, timeout time.Duration) error {
      	failed := make(chan struct{})
      	for _, t := range tasks {
      		go func(t func() error) {
      			if t() != nil {
      				↓close(failed)
      			}
      		}(t)
      	}
      	select {
      	case <-failed:
      		return errFailed
      	case <-time.After(timeout):
      		return nil
      	}
      }
    # Stop called twice on a server value.
    - |
      package server

      type server struct {
      	quit chan struct{}
      }

      func (s *server) serve(handle func()) {
      	for {
      		select {
      		case <-s.quit:
      			return
      		default:
      			handle()
      		}
      	}
      }

      // Stop ends serve.
      func (s *server) Stop() {
      	↓close(s.quit)
      }

      // Restart runs a server and stops it twice by mistake.
      func Restart(handle func()) {
      	s := &server{}
      	s.quit = make(chan struct{})
      	go s.serve(handle)
      	s.Stop()
      	s.Stop()
      }
    # A worker closes done in a defer and its owner closes it too.
    - |
      package conn

      type conn struct {
      	done chan struct{}
      }

      func (c *conn) reader(read func() bool) {
      	↓defer close(c.done)
      	for read() {
      	}
      }

      // Session reads until the peer stops or the caller ends the session.
      func Session(read func() bool) {
      	c := &conn{}
      	c.done = make(chan struct{})
      	go c.reader(read)
      	↓close(c.done)
      }
    # Two watchers in a loop each close the same stop channel.
    - |
      package watch

      // Watch stops everything when any of the paths changes.
      func Watch(paths []string, changed func(string) bool) <-chan struct{} {
      	stop := make(chan struct{})
      	for _, p := range paths {
      		go func(p string) {
      			for !changed(p) {
      			}
      			↓close(stop)
      		}(p)
      	}
      	return stop
      }
  good:
    # Each stopper claims the close with CompareAndSwap: only the first
    # one's succeeds, so the channel is closed once.
    - |
      package server

      import "sync/atomic"

      // Server stops serving when quit is closed.
      type Server struct {
      	stopped int32
      	quit    chan struct{}
      }

      // Stop may be called from any goroutine, any number of times.
      func (s *Server) Stop() {
      	if atomic.CompareAndSwapInt32(&s.stopped, 0, 1) {
      		close(s.quit)
      	}
      }

      // Shutdown stops the server from two places at once.
      func Shutdown() {
      	s := &Server{quit: make(chan struct{})}
      	go s.Stop()
      	go s.Stop()
      	<-s.quit
      }
    # The last of three senders to finish closes the channel, counted
    # down under a mutex: only one of them sees the count reach zero.
    - |
      package fanin

      import "sync"

      // Count forwards three inputs and counts the values.
      func Count(a, b, c <-chan int) int {
      	out := make(chan int)
      	var mu sync.Mutex
      	active := 3
      	for _, in := range []<-chan int{a, b, c} {
      		go func(in <-chan int) {
      			for v := range in {
      				out <- v
      			}
      			mu.Lock()
      			defer mu.Unlock()
      			if active--; active == 0 {
      				close(out)
      			}
      		}(in)
      	}
      	n := 0
      	for range out {
      		n++
      	}
      	return n
      }
    # sync.Once guards the close.
    - |
      package tasks

      import "sync"

      // FirstFailure closes the returned channel when any task fails.
      func FirstFailure(tasks []func() error) <-chan struct{} {
      	failed := make(chan struct{})
      	var once sync.Once
      	for _, t := range tasks {
      		go func(t func() error) {
      			if t() != nil {
      				once.Do(func() { close(failed) })
      			}
      		}(t)
      	}
      	return failed
      }
    # Only the owner closes; the worker just returns.
    - |
      package conn

      // Session reads until the caller ends the session.
      func Session(read func() bool) {
      	done := make(chan struct{})
      	go func() {
      		for {
      			select {
      			case <-done:
      				return
      			default:
      				read()
      			}
      		}
      	}()
      	close(done)
      }
    # One close per channel: each watcher has its own.
    - |
      package watch

      // Watch returns one channel per path, closed when that path changes.
      func Watch(paths []string, changed func(string) bool) []chan struct{} {
      	var stops []chan struct{}
      	for _, p := range paths {
      		stop := make(chan struct{})
      		stops = append(stops, stop)
      		go func(p string) {
      			for !changed(p) {
      			}
      			close(stop)
      		}(p)
      	}
      	return stops
      }
    # The second close is on the other branch of the same decision.
    - |
      package stage

      // Finish closes out when the work ends, successfully or not.
      func Finish(work func() error) <-chan struct{} {
      	out := make(chan struct{})
      	go func() {
      		if err := work(); err != nil {
      			close(out)
      			return
      		}
      		close(out)
      	}()
      	return out
      }
    # The IR pins sync.Once: the second Do does not run its function.
    - lang: cir
      code: |
        package example.com/ch1006/good

        func example.com/ch1006/good.Stop() {
            var done chan int
            var once sync.Once
        b0:
            done = chan.make int, 0
            go example.com/ch1006/good.Stop.func1()
            go example.com/ch1006/good.Stop.func1()
            return
        }

        func example.com/ch1006/good.Stop.func1() {
            parent example.com/ch1006/good.Stop
            capture done chan int
            capture once sync.Once
        b0:
            once.do once, func example.com/ch1006/good.Stop.func1.func1
            return
        }

        func example.com/ch1006/good.Stop.func1.func1() {
            parent example.com/ch1006/good.Stop.func1
            capture done chan int
        b0:
            chan.close done
            return
        }

"""#),
        RuleFileText(relativePath: "channel/CH1007-close-by-receiver.yaml", text: #"""
# A receiver closes the channel while other goroutines still send on it.
# The format of this file is described in rules/README.md.
id: CH1007
name: close-by-receiver
category: channel
level: error
summary: "A goroutine that receives from a channel closes it while other goroutines may still send on it."
description: |
  By Go convention only a sender closes a channel: the receiver cannot know
  whether more sends are on their way. A consumer that closes the channel
  once it has what it needs ("first answer wins, then close") makes every
  later send panic, and the panic kills the program.

  The rule reports the close when an interleaving runs it in a goroutine
  that received from the channel and then runs a send on it by another
  goroutine; the finding points at the close, with the send that panics
  as a related location.

  Fix: do not close from the receiving side. Stop the senders another way
  (cancel a context or close a separate done channel they select on), or
  give the channel enough buffer for the values nobody will read and let
  it be collected.

  Known false positives: as for CH1005, an order that timing rules out in
  practice is still reported, since the model has no timing.
tags: [channel, panic, ownership]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # The first answer is taken, then the channel is closed under the slower sender.
    - |
      package race

      // Faster runs a and b and returns the first result.
      func Faster(a, b func() string) string {
      	out := make(chan string)
      	go func() { out <- a() }()
      	go func() { out <- b() }()
      	v := <-out
      	↓close(out)
      	return v
      }
    # A mirror list: close after the first reply, the other mirrors panic.
    - |
      package mirror

      // Fastest returns the first mirror's reply.
      func Fastest(mirrors []string, get func(string) string) string {
      	answers := make(chan string)
      	for _, m := range mirrors {
      		go func(m string) {
      			answers <- get(m)
      		}(m)
      	}
      	first := <-answers
      	↓close(answers)
      	return first
      }
    # A struct-owned channel: the collector method closes what the producers use.
    - |
      package collect

      type collector struct {
      	in chan int
      }

      func (c *collector) produce(v int) {
      	c.in <- v
      }

      func (c *collector) takeOne() int {
      	v := <-c.in
      	↓close(c.in)
      	return v
      }

      // One starts two producers and keeps one value.
      func One() int {
      	c := &collector{}
      	c.in = make(chan int)
      	go c.produce(1)
      	go c.produce(2)
      	return c.takeOne()
      }
    # A generic helper that stops listening by closing its input.
    - |
      package first

      // Take returns the first value of in and closes it.
      func Take[T any](in chan T) T {
      	v := <-in
      	↓close(in)
      	return v
      }

      // Quick returns whichever of two computations finishes first.
      func Quick(x, y func() int) int {
      	ch := make(chan int)
      	go func() { ch <- x() }()
      	go func() { ch <- y() }()
      	return Take(ch)
      }
    # The collector receives what it needs, then its deferred close runs under the walkers still sending.
    - |
      package walk

      // Walk visits every root concurrently and returns one path per root.
      func Walk(roots []string, visit func(string) []string) []string {
      	found := make(chan string, 64)
      	↓defer close(found)
      	for _, r := range roots {
      		go func(r string) {
      			for _, p := range visit(r) {
      				found <- p
      			}
      		}(r)
      	}
      	var all []string
      	for range roots {
      		all = append(all, <-found)
      	}
      	return all
      }
    # The IR pins ownership: the closer received from the channel before closing it.
    - lang: cir
      code: |
        package example.com/ch1007/bad

        func example.com/ch1007/bad.First() int {
            var ch chan int
        b0:
            ch = chan.make int, 0
            go example.com/ch1007/bad.First.func1()
            go example.com/ch1007/bad.First.func1()
            %1 = chan.recv ch
            ↓chan.close ch
            return %1
        }

        func example.com/ch1007/bad.First.func1() {
            parent example.com/ch1007/bad.First
            capture ch chan int
        b0:
            chan.send ch, 1
            return
        }
  good:
    # A buffer large enough for every reply; nobody closes.
    - |
      package mirror

      // Fastest returns the first mirror's reply.
      func Fastest(mirrors []string, get func(string) string) string {
      	answers := make(chan string, len(mirrors))
      	for _, m := range mirrors {
      		go func(m string) {
      			answers <- get(m)
      		}(m)
      	}
      	return <-answers
      }
    # The receiver cancels; the senders select on the context.
    - |
      package race

      import "context"

      // Faster runs a and b and returns the first result.
      func Faster(a, b func() string) string {
      	ctx, cancel := context.WithCancel(context.Background())
      	defer cancel()
      	out := make(chan string)
      	for _, f := range []func() string{a, b} {
      		go func(f func() string) {
      			v := f()
      			select {
      			case out <- v:
      			case <-ctx.Done():
      			}
      		}(f)
      	}
      	return <-out
      }
    # The receiver closes only after every sender has sent.
    - |
      package collect

      // Both waits for two producers, then closes their channel.
      func Both(a, b func() int) int {
      	in := make(chan int)
      	go func() { in <- a() }()
      	go func() { in <- b() }()
      	x, y := <-in, <-in
      	close(in)
      	return x + y
      }
    # The sender closes its own channel; the receiver just reads.
    - |
      package first

      // Take returns the first value of a stream the producer closes.
      func Take(produce func(chan<- int)) (int, bool) {
      	ch := make(chan int, 16)
      	go func() {
      		defer close(ch)
      		produce(ch)
      	}()
      	v, ok := <-ch
      	return v, ok
      }

"""#),
        RuleFileText(relativePath: "channel/CH1008-nil-channel-operation.yaml", text: #"""
# A send, receive or select on a nil channel blocks forever; closing one panics.
# The format of this file is described in rules/README.md.
id: CH1008
name: nil-channel-operation
category: channel
level: error
summary: "An operation on a nil channel: a send or receive blocks forever, a close panics."
description: |
  The zero value of a channel is nil. A send or receive on a nil channel
  blocks forever, a select whose channels are all nil blocks forever, and
  closing a nil channel panics. It happens when a channel field or variable
  is declared but never made (a struct used by value, a variable made on
  one branch only) or when the "set drained inputs to nil" idiom forgets
  to stop once every input is nil.

  The rule reports the operation when an interleaving reaches it with a
  nil channel: a blocked goroutine in a state where nothing can move any
  more, or the close.

  Fix: make the channel before any goroutine uses it (in a constructor),
  or stop the loop once every input is nil.

  Known false positives: a composite literal's fields are not tracked, so
  a field left out of `&T{...}` is not reported (only fields of `new(T)`
  and of zero values are); a nil case in a select that still has another
  live case is the intended idiom and is never reported. Nil tests are
  followed (`if s.ch == nil { s.ch = make(chan T) }` makes the channel
  when it is nil), but a field of a value from outside the explored code
  may be nil or not, so a close of a lazily made channel reached only
  through such a value can still be reported.
tags: [channel, goroutine-leak, panic]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # The caller leaves the channel nil unless it follows the log: the nil
    # is the caller's own, not the callee's failure.
    - |
      package tail

      // Lines streams the lines of a log, or returns nil when there is no log.
      func Lines(log []string) <-chan string {
      	if log == nil {
      		return nil
      	}
      	ch := make(chan string)
      	go func() {
      		defer close(ch)
      		for _, l := range log {
      			ch <- l
      		}
      	}()
      	return ch
      }

      // Print prints the log's lines in the background, when asked to follow it.
      func Print(log []string, follow bool, print func(string)) {
      	var lines <-chan string
      	if follow {
      		lines = Lines(log)
      	}
      	go func() {
      		↓for l := range lines {
      			print(l)
      		}
      	}()
      }
    # A monitor used by value: its alerts channel was never made.
    - |
      package monitor

      // Monitor reports hosts that stop answering.
      type Monitor struct {
      	alerts chan string
      }

      func (m *Monitor) watch(hosts []string, ping func(string) bool) {
      	for _, h := range hosts {
      		if !ping(h) {
      			↓m.alerts <- h
      		}
      	}
      }

      // Check pings every host in the background.
      func Check(hosts []string, ping func(string) bool) {
      	var m Monitor
      	go m.watch(hosts, ping)
      }
    # The channel is made on one branch only.
    - |
      package serve

      import "log"

      // Serve starts a background logger that waits for done.
      func Serve(tls bool, run func(done chan struct{})) {
      	var done chan struct{}
      	if tls {
      		done = make(chan struct{})
      		go run(done)
      	}
      	go func() {
      		↓<-done
      		log.Println("server stopped")
      	}()
      }
    # Closing the quit channel of a pool that was never initialised.
    - |
      package pool

      type pool struct {
      	quit chan struct{}
      }

      // Run starts n workers and immediately shuts the pool down.
      func Run(n int, work func()) {
      	var p pool
      	for i := 0; i < n; i++ {
      		go work()
      	}
      	↓close(p.quit)
      }
    # Merging two inputs: once both are drained and set to nil, the select waits forever.
    - |
      package merge

      func send(vals []int, ch chan<- int) {
      	for _, v := range vals {
      		ch <- v
      	}
      	close(ch)
      }

      func merge(a, b <-chan int, out chan<- int) {
      	for {
      		↓select {
      		case v, ok := <-a:
      			if !ok {
      				a = nil
      				continue
      			}
      			out <- v
      		case v, ok := <-b:
      			if !ok {
      				b = nil
      				continue
      			}
      			out <- v
      		}
      	}
      }

      // Merge interleaves xs and ys on the returned channel.
      func Merge(xs, ys []int) <-chan int {
      	a, b := make(chan int), make(chan int)
      	out := make(chan int, len(xs)+len(ys))
      	go send(xs, a)
      	go send(ys, b)
      	go merge(a, b, out)
      	return out
      }
    # The IR pins nil: a channel variable never made is nil.
    - lang: cir
      code: |
        package example.com/ch1008/bad

        func example.com/ch1008/bad.Notify() {
            var ch chan int
        b0:
            go example.com/ch1008/bad.Notify.func1()
            return
        }

        func example.com/ch1008/bad.Notify.func1() {
            parent example.com/ch1008/bad.Notify
            capture ch chan int
        b0:
            ↓%1 = chan.recv ch
            return
        }
  good:
    # A lister that returns nil only when its options fail to apply; the
    # caller's options (none) always apply, and the model cannot tell.
    - |
      package jsm

      import "errors"

      // Option configures a listing.
      type Option func(*options) error

      type options struct{ prefix string }

      // Prefix keeps the names that start with p.
      func Prefix(p string) Option {
      	return func(o *options) error {
      		if p == "" {
      			return errors.New("empty prefix")
      		}
      		o.prefix = p
      		return nil
      	}
      }

      // Names lists the stream names, or returns nil if an option is invalid.
      func Names(all []string, opts ...Option) <-chan string {
      	var o options
      	for _, opt := range opts {
      		if err := opt(&o); err != nil {
      			return nil
      		}
      	}
      	ch := make(chan string)
      	go func() {
      		defer close(ch)
      		for _, n := range all {
      			ch <- n
      		}
      	}()
      	return ch
      }

      // Count counts the streams.
      func Count(all []string) int {
      	n := 0
      	for range Names(all) {
      		n++
      	}
      	return n
      }
    # The error a helper passes on (`if err != nil { return nil, err }`) is
    # not nil: its caller stops there, and only a made channel is used.
    - |
      package snapshot

      import "os"

      // Snapshotter streams events into a file.
      type Snapshotter struct {
      	in chan string
      	fh *os.File
      }

      func (s *Snapshotter) replay() error {
      	_, err := s.fh.Stat()
      	return err
      }

      func (s *Snapshotter) stream() {
      	for e := range s.in {
      		s.fh.WriteString(e)
      	}
      }

      // New opens path, replays it and starts streaming.
      func New(path string) (chan<- string, error) {
      	fh, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
      	if err != nil {
      		return nil, err
      	}
      	s := &Snapshotter{in: make(chan string, 64), fh: fh}
      	if err := s.replay(); err != nil {
      		fh.Close()
      		return nil, err
      	}
      	go s.stream()
      	return s.in, nil
      }

      // Record writes one event.
      func Record(path, e string) error {
      	in, err := New(path)
      	if err != nil {
      		return err
      	}
      	in <- e
      	close(in)
      	return nil
      }
    # A helper that fails says so with an error and returns nothing else:
    # its caller stops there, and only a made fixture reaches the send.
    - |
      package fixture

      import (
      	"fmt"
      	"net"
      )

      type balancer struct{ lists chan []string }

      type fixture struct{ lb *balancer }

      func newFixture(backends int) (f *fixture, err error) {
      	for i := 0; i < backends; i++ {
      		l, e := net.Listen("tcp", "localhost:0")
      		if e != nil {
      			err = fmt.Errorf("backend %d: %v", i, e)
      			return
      		}
      		l.Close()
      	}
      	f = &fixture{lb: &balancer{lists: make(chan []string, 1)}}
      	return
      }

      // Publish hands addrs to a balancer goroutine.
      func Publish(addrs []string) error {
      	f, err := newFixture(len(addrs))
      	if err != nil {
      		return err
      	}
      	done := make(chan struct{})
      	go func() {
      		defer close(done)
      		fmt.Println(<-f.lb.lists)
      	}()
      	f.lb.lists <- addrs
      	<-done
      	return nil
      }
    # The channel is made before the goroutine starts.
    - |
      package monitor

      // Monitor reports hosts that stop answering.
      type Monitor struct {
      	alerts chan string
      }

      // NewMonitor makes a monitor whose alerts the caller reads.
      func NewMonitor(hosts []string, ping func(string) bool) *Monitor {
      	m := &Monitor{alerts: make(chan string, len(hosts))}
      	go func() {
      		for _, h := range hosts {
      			if !ping(h) {
      				m.alerts <- h
      			}
      		}
      	}()
      	return m
      }
    # The merge stops once both inputs are nil.
    - |
      package merge

      // Merge copies a and b to out until both are closed, then closes out.
      func Merge(a, b <-chan int, out chan<- int) {
      	go func() {
      		defer close(out)
      		for a != nil || b != nil {
      			select {
      			case v, ok := <-a:
      				if !ok {
      					a = nil
      					continue
      				}
      				out <- v
      			case v, ok := <-b:
      				if !ok {
      					b = nil
      					continue
      				}
      				out <- v
      			}
      		}
      	}()
      }
    # A nil case disables one arm of a select; the other arm still works.
    - |
      package relay

      // Relay forwards in to out, optionally echoing to a debug channel.
      func Relay(in <-chan string, out chan<- string, debug bool) {
      	var echo chan string
      	if debug {
      		echo = make(chan string, 1)
      	}
      	go func() {
      		for s := range in {
      			select {
      			case out <- s:
      			case echo <- s:
      			}
      		}
      	}()
      }
    # The pool makes its quit channel in the constructor.
    - |
      package pool

      type pool struct {
      	quit chan struct{}
      }

      func newPool() *pool {
      	return &pool{quit: make(chan struct{})}
      }

      // Run starts n workers and shuts the pool down.
      func Run(n int, work func(<-chan struct{})) {
      	p := newPool()
      	for i := 0; i < n; i++ {
      		go work(p.quit)
      	}
      	close(p.quit)
      }
    # The IR pins the nil-case idiom: a select with one nil case and one live case is fine.
    - lang: cir
      code: |
        package example.com/ch1008/good

        func example.com/ch1008/good.Relay() {
            var in chan int
            var off chan int
        b0:
            in = chan.make int, 0
            go example.com/ch1008/good.Relay.func1()
            chan.send in, 1
            return
        }

        func example.com/ch1008/good.Relay.func1() {
            parent example.com/ch1008/good.Relay
            capture in chan int
            capture off chan int
        b0:
            select { case recv in -> b1; case recv off -> b1 }
        b1:
            return
        }

"""#),
        RuleFileText(relativePath: "channel/CH1101-busy-select-default.yaml", text: #"""
# A for-select loop whose default case spins. The format of
# this file is described in rules/README.md.
id: CH1101
name: busy-select-default
category: channel
level: warning
summary: "A for/select loop has a default case that loops straight back without blocking: it spins and burns a core."
description: |
  A select with a default case never waits: when no case is ready it runs
  the default at once. In `for { select { case ...: default: } }` with
  nothing in the default that blocks, sleeps or does work, the loop spins
  through the default at full speed for as long as nothing arrives: one
  core at 100% per idle poller, and, with a small GOMAXPROCS, starved
  goroutines and higher latency for everyone else.

  The rule reports a select with a default inside a loop, when a path
  from the default back to the select (and the code before the select in
  the loop) contains no channel operation outside a select with a default,
  no Sleep, no Wait, no lock, no call doing work (runtime.Gosched yields
  but does not wait: it is still a spin), and writes no variable. The
  suggested fix deletes an empty `default:` line.

  Fix: remove the default so that the select blocks until a case is ready;
  if the loop must do something periodically, add a `case <-ticker.C:`;
  if it must poll, back off (`time.Sleep`) in the default.

  Known false positives: a spin that is meant to be short (a lock-free
  algorithm waiting a few cycles for another goroutine), better written
  with a bounded spin count.
tags: [channel, busy-wait, performance, cpu]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A job poller with an empty default.
    - |
      package poller

      type Poller struct {
      	jobs chan string
      	quit chan struct{}
      	done int
      }

      // Run handles jobs until quit is closed.
      func (p *Poller) Run() {
      	for {
      		↓select {
      		case j := <-p.jobs:
      			p.done += len(j)
      		case <-p.quit:
      			return
      		default:
      		}
      	}
      }
    # Yielding with runtime.Gosched is still spinning.
    - |
      package drain

      import "runtime"

      // Until waits for a value or for stop.
      func Until(values <-chan int, stop <-chan struct{}) (int, bool) {
      	for {
      		↓select {
      		case v := <-values:
      			return v, true
      		case <-stop:
      			return 0, false
      		default:
      			runtime.Gosched()
      		}
      	}
      }
    # A goroutine that checks an atomic flag in the default.
    - |
      package watcher

      import "sync/atomic"

      // Watch forwards events until closed is set.
      func Watch(events <-chan string, out chan<- string, closed *atomic.Bool) {
      	go func() {
      		for {
      			↓select {
      			case e := <-events:
      				out <- e
      			default:
      				if closed.Load() {
      					return
      				}
      			}
      		}
      	}()
      }
    # A generic fan-in that polls two channels in turn.
    - |
      package fanin

      // First returns the first value from a or b.
      func First[T any](a, b <-chan T) T {
      	for {
      		↓select {
      		case v := <-a:
      			return v
      		default:
      		}
      		↓select {
      		case v := <-b:
      			return v
      		default:
      		}
      	}
      }
  good:
    # No default: the select blocks.
    - |
      package poller

      type Poller struct {
      	jobs chan string
      	quit chan struct{}
      	done int
      }

      // Run handles jobs until quit is closed.
      func (p *Poller) Run() {
      	for {
      		select {
      		case j := <-p.jobs:
      			p.done += len(j)
      		case <-p.quit:
      			return
      		}
      	}
      }
    # A default that returns: a non-blocking try, not a loop.
    - |
      package queue

      // TryPop takes one value if one is ready.
      func TryPop(q <-chan int) (int, bool) {
      	for {
      		select {
      		case v, ok := <-q:
      			if !ok {
      				continue
      			}
      			return v, true
      		default:
      			return 0, false
      		}
      	}
      }
    # A default that backs off.
    - |
      package watcher

      import (
      	"sync/atomic"
      	"time"
      )

      // Watch forwards events until closed is set.
      func Watch(events <-chan string, out chan<- string, closed *atomic.Bool) {
      	for {
      		select {
      		case e := <-events:
      			out <- e
      		default:
      			if closed.Load() {
      				return
      			}
      			time.Sleep(10 * time.Millisecond)
      		}
      	}
      }
    # A cancellation check before each unit of work.
    - |
      package compute

      import "context"

      // Sum adds up numbers until done or cancelled.
      func Sum(ctx context.Context, xs []int, step func(int) int) int {
      	total := 0
      	for i := 0; ; i++ {
      		select {
      		case <-ctx.Done():
      			return total
      		default:
      		}
      		if i >= len(xs) {
      			return total
      		}
      		total += step(xs[i])
      	}
      }
    # A benchmark of one non-blocking check per iteration: the loop counts.
    - |
      package ctxbench

      import (
      	"context"
      	"testing"
      )

      // BenchmarkDone measures a non-blocking check of ctx.Done.
      func BenchmarkDone(b *testing.B) {
      	ctx := context.Background()
      	for i := 0; i < b.N; i++ {
      		select {
      		case <-ctx.Done():
      		default:
      		}
      	}
      }
    # A non-blocking send to each subscriber: the range ends by itself.
    - |
      package fanout

      // Broadcast offers v to every subscriber, dropping it for those that are full.
      func Broadcast(subs []chan int, v int) {
      	for _, c := range subs {
      		select {
      		case c <- v:
      		default:
      		}
      	}
      }
    # The default sends a signal with a system call each turn: a deliberate flood, work.
    - lang: cir
      code: |
        package example.com/flood

        func syscall.RawSyscall(trap uintptr, a1 uintptr, a2 uintptr, a3 uintptr) (uintptr, uintptr, uintptr)

        func syscall.Kill(pid int, sig int) error {
        b0:
            call syscall.RawSyscall(62, pid, sig, 0)
            return nil
        }

        func example.com/flood.Flood(stop chan struct{}, pid int) {
        b0:
            jump b1
        b1:
            select { case recv stop -> b2; default -> b3 }
        b2:
            return
        b3:
            call syscall.Kill(pid, 10)
            jump b1
        }

"""#),
        RuleFileText(relativePath: "channel/CH1102-busy-poll-loop.yaml", text: #"""
# A loop that only polls len(ch), an atomic or a flag. The format of
# this file is described in rules/README.md.
id: CH1102
name: busy-poll-loop
category: channel
level: warning
summary: "A loop polls len(ch), an atomic value or a flag without blocking: it spins until another goroutine changes it."
description: |
  `for len(ch) == 0 {}`, `for atomic.LoadInt32(&ready) == 0 {
  runtime.Gosched() }` and `for !done {}` wait by spinning: nothing in the
  loop blocks or sleeps, so it runs at full speed, burning a core for the
  whole wait. A plain flag is worse: it is a data race, and the compiler
  may read it once and loop for ever.

  The rule reports a loop whose trip count is not known, whose body
  contains no blocking operation (channel send or receive, select without
  default, Sleep, Wait), no call that does work (Gosched and helpers that
  only read count as polling), writes no variable (a loop that walks or
  counts is not waiting), calls no helper that stores through its pointer
  receiver or a pointer argument (`for b.Len() < n { b.Write(p) }` fills,
  it does not wait), contains no CompareAndSwap, Add or Swap, itself
  or in a helper it calls (a retry loop making progress, or one that claims
  iterations like `for pb.Next()`), and polls something: len of a channel
  or map, an atomic load, a helper that only reads, or a flag in its
  condition. It is reported at the loop's condition.

  Fix: wait on a channel: receive from ch instead of polling its length;
  close a channel (or cancel a context) where the flag would be set and
  receive from it; or use a sync.Cond or WaitGroup.

  Known false positives: short, bounded spins in lock-free code that
  expect the other side within a few cycles; an acquire retry that runs
  only while the lock word is free and returns when its CompareAndSwap
  succeeds (`for l.key == unlocked { if cas(&l.key, unlocked, locked) {
  return } }`, with atomics the rule does not know as such, as in the
  runtime): the plain read in the condition is not visible to the rule, so
  it looks like a spin lock that waits for the word to change.
tags: [channel, busy-wait, performance, cpu]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A worker that spins on the queue length.
    - |
      package worker

      import "runtime"

      type Worker struct {
      	queue chan func()
      }

      // waitForWork returns once something is queued.
      func (w *Worker) waitForWork() {
      	for ↓len(w.queue) == 0 {
      		runtime.Gosched()
      	}
      }
    # Spinning on an atomic flag.
    - |
      package startup

      import "sync/atomic"

      var ready int32

      // Await blocks until Ready was called.
      func Await() {
      	for ↓atomic.LoadInt32(&ready) == 0 {
      	}
      }

      // Ready releases the waiters.
      func Ready() { atomic.StoreInt32(&ready, 1) }
    # A plain boolean field polled in a loop.
    - |
      package shutdown

      type Server struct {
      	stopped bool
      }

      // WaitStopped blocks until the server has stopped.
      func (s *Server) WaitStopped() {
      	for ↓!s.stopped {
      	}
      }
    # A helper that only reads, polled with break.
    - |
      package jobs

      import "sync/atomic"

      type Batch struct {
      	pending atomic.Int64
      }

      func (b *Batch) done() bool { return b.pending.Load() == 0 }

      // Wait blocks until every job of the batch has finished.
      func (b *Batch) Wait() {
      	↓for {
      		if b.done() {
      			break
      		}
      	}
      }
    # A field compared until another goroutine moves it, yielding between looks.
    - |
      package sched

      import "runtime"

      type Proc struct {
      	tick uint32
      }

      // waitTick returns once another goroutine has advanced p.tick past old.
      func waitTick(p *Proc, old uint32) {
      	for ↓p.tick == old {
      		runtime.Gosched()
      	}
      }
    # The same helper chain asked from further up first (Settle sleeps, so
    # it is fine): Wait is reported whatever was checked before it.
    - |
      package poll

      import (
      	"sync/atomic"
      	"time"
      )

      type Flag struct{ v atomic.Int32 }

      func (f *Flag) raw() int32   { return f.v.Load() }
      func (f *Flag) value() int32 { return f.raw() }
      func (f *Flag) isSet() bool  { return f.value() != 0 }
      func (f *Flag) middle() bool { return f.isSet() }
      func (f *Flag) outer() bool  { return f.middle() }

      // Settle checks now and then.
      func Settle(f *Flag) {
      	for !f.outer() {
      		time.Sleep(time.Millisecond)
      	}
      }

      // Wait spins until the flag is set.
      func Wait(f *Flag) {
      	for ↓!f.isSet() {
      	}
      }
  good:
    # Receive instead of polling the length.
    - |
      package worker

      type Worker struct {
      	queue chan func()
      }

      // next waits for the next job.
      func (w *Worker) next() func() {
      	return <-w.queue
      }
    # A channel closed when ready.
    - |
      package startup

      var ready = make(chan struct{})

      // Await blocks until Ready was called.
      func Await() {
      	<-ready
      }

      // Ready releases the waiters.
      func Ready() { close(ready) }
    # Polling with a sleep.
    - |
      package shutdown

      import (
      	"sync/atomic"
      	"time"
      )

      type Server struct {
      	stopped atomic.Bool
      }

      // WaitStopped blocks until the server has stopped.
      func (s *Server) WaitStopped() {
      	for !s.stopped.Load() {
      		time.Sleep(10 * time.Millisecond)
      	}
      }
    # Spinning on time, not on another goroutine (a deliberate burn in a benchmark).
    - |
      package bench

      import "time"

      // burn keeps a CPU busy for d.
      func burn(d time.Duration) {
      	start := time.Now()
      	for time.Since(start) < d {
      	}
      }
    # A CompareAndSwap retry loop makes progress.
    - |
      package jobs

      import "sync/atomic"

      type Batch struct {
      	pending int64
      }

      // Take claims one pending job, if any.
      func (b *Batch) Take() bool {
      	for {
      		n := atomic.LoadInt64(&b.pending)
      		if n == 0 {
      			return false
      		}
      		if atomic.CompareAndSwapInt64(&b.pending, n, n-1) {
      			return true
      		}
      	}
      }
    # Draining what is buffered receives each value.
    - |
      package drain

      // Buffered empties the channel's buffer without blocking.
      func Buffered(ch chan int) int {
      	n := 0
      	for len(ch) > 0 {
      		<-ch
      		n++
      	}
      	return n
      }
    # Ranging over a map (or a channel) ends with it; starting goroutines is work.
    - |
      package cluster

      type Conn struct{ addr string }

      func (c *Conn) ping() {}

      type Cluster struct {
      	conns map[string]*Conn
      	peers chan *Conn
      }

      // PingAll pings every connection from its own goroutine.
      func (c *Cluster) PingAll() {
      	for range c.conns {
      		go func() {}()
      	}
      	for _, conn := range c.conns {
      		go conn.ping()
      	}
      }

      // Serve pings each peer that arrives until the channel is closed.
      func (c *Cluster) Serve() {
      	for conn := range c.peers {
      		go conn.ping()
      	}
      }
    # A loop whose condition claims the next iteration with an atomic Add hands out
    # work (like `for pb.Next()` of testing.PB in a parallel benchmark): it is not polling.
    - |
      package bench

      import "sync/atomic"

      type Counter struct{ n int64 }

      func (c *Counter) Get() int64 { return atomic.LoadInt64(&c.n) }

      // Iterations hands out a fixed number of iterations to parallel workers.
      type Iterations struct {
      	claimed uint64
      	total   uint64
      }

      // Next claims one iteration and reports whether there was one left.
      func (it *Iterations) Next() bool {
      	return atomic.AddUint64(&it.claimed, 1) <= it.total
      }

      // BenchGet runs Get once per iteration this worker claims.
      func BenchGet(it *Iterations, c *Counter) {
      	for it.Next() {
      		c.Get()
      	}
      }
    # A fill loop: the helper in the body grows what the condition reads.
    - |
      package pad

      // Buf is a growable byte buffer.
      type Buf struct{ data []byte }

      // Len returns the number of bytes written.
      func (b *Buf) Len() int { return len(b.data) }

      // AddByte appends c.
      func (b *Buf) AddByte(c byte) { b.data = append(b.data, c) }

      // Pad appends zeros until b holds n bytes.
      func Pad(b *Buf, n int) {
      	for b.Len() < n {
      		b.AddByte(0)
      	}
      }
    # A system call each turn: an EINTR retry around a blocking wait, or exit in a forked child.
    - lang: cir
      code: |
        package example.com/child

        func syscall.RawSyscall(trap uintptr, a1 uintptr, a2 uintptr, a3 uintptr) (uintptr, uintptr, uintptr)

        func example.com/child.exit(code uintptr) {
        b0:
            jump b1
        b1:
            call syscall.RawSyscall(60, code, 0, 0)
            jump b1
        }

"""#),
        RuleFileText(relativePath: "channel/CH1103-channel-closed-by-length.yaml", text: #"""
# A receive loop that stops when len(ch) == 0 while goroutines still send. The format of
# this file is described in rules/README.md.
id: CH1103
name: channel-closed-by-length
category: channel
level: warning
summary: A receive loop stops when len(ch) is 0, taking an empty buffer for finished senders, and drops later values.
description: |
  `len(ch)` is the number of values buffered right now. Zero means "the
  senders are behind", not "the senders are done" or "the channel is
  closed". A consumer that collects `for { if len(results) == 0 { break };
  r := <-results }` stops at the first moment the buffer is empty and
  drops everything sent afterwards; with an unbuffered or full channel a
  sender then blocks for ever.

  The rule reports `len(ch)` when the loop that computes it also receives
  from ch and leaves (break or return) on a condition computed right after
  it, and goroutines send on ch: goroutines started by the same function
  and handed ch (as an argument or captured), or goroutines started
  anywhere that send on the same channel field or package variable.

  Fix: have the senders close the channel when they are all done (a
  WaitGroup and one close in a goroutine of its own) and `range` over it;
  or count the values expected and receive exactly that many.

  Not reported: a drain after the function closed the channel, or after
  it waited on a WaitGroup that every sending goroutine it started before
  the wait marks Done (`wg.Wait()`, then `for len(errc) > 0`), or after
  a loop counted as the one that started the senders received a done
  signal each of them sends once it has sent on ch (`for range tasks {
  <-done }`). Known false positives: a drain after the senders are known
  to have stopped in another way (a done signal sent from a helper the
  goroutine calls, or counts the rule cannot see are equal).
tags: [channel, correctness, data-loss]
precision: medium
since: "0.1.0"
analysis: structural
examples:
  bad:
    # Results collected until the channel looks empty.
    - |
      package collect

      func square(n int) int { return n * n }

      // Squares computes squares in parallel.
      func Squares(inputs []int) []int {
      	results := make(chan int, len(inputs))
      	for _, n := range inputs {
      		go func(n int) {
      			results <- square(n)
      		}(n)
      	}
      	var out []int
      	for {
      		if ↓len(results) == 0 {
      			break
      		}
      		out = append(out, <-results)
      	}
      	return out
      }
    # A loop condition on the length, with the sender passed the channel.
    - |
      package logs

      import "strings"

      func produce(lines []string, out chan<- string) {
      	for _, l := range lines {
      		out <- strings.TrimSpace(l)
      	}
      }

      // Clean trims every line in a background goroutine.
      func Clean(lines []string) []string {
      	ch := make(chan string, 16)
      	go produce(lines, ch)
      	var out []string
      	for ↓len(ch) > 0 {
      		out = append(out, <-ch)
      	}
      	return out
      }
    # A struct's event channel fed by a goroutine started elsewhere.
    - |
      package events

      type Bus struct {
      	events chan string
      }

      // Start feeds the bus from src in the background.
      func (b *Bus) Start(src []string) {
      	go func() {
      		for _, e := range src {
      			b.events <- e
      		}
      	}()
      }

      // Drain returns what has arrived, stopping when nothing is buffered.
      func (b *Bus) Drain() []string {
      	var got []string
      	for {
      		select {
      		case e := <-b.events:
      			got = append(got, e)
      		}
      		if ↓len(b.events) == 0 {
      			return got
      		}
      	}
      }
    # A generic gather with the same mistake.
    - |
      package gather

      // All runs each function in its own goroutine and gathers the results.
      func All[T any](fs []func() T) []T {
      	ch := make(chan T, len(fs))
      	for _, f := range fs {
      		go func(f func() T) { ch <- f() }(f)
      	}
      	var out []T
      	for {
      		if ↓len(ch) == 0 {
      			return out
      		}
      		out = append(out, <-ch)
      	}
      }
    # The drain waits for the workers, but the last sender starts after the wait.
    - |
      package collect

      import "sync"

      // Run runs the tasks and a final check, and reports the first error.
      func Run(tasks []func() error, check func() error) error {
      	errc := make(chan error, len(tasks)+1)
      	var wg sync.WaitGroup
      	for _, t := range tasks {
      		wg.Add(1)
      		go func(t func() error) {
      			defer wg.Done()
      			errc <- t()
      		}(t)
      	}
      	wg.Wait()
      	go func() { errc <- check() }()
      	for ↓len(errc) > 0 {
      		if err := <-errc; err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # Each worker signals done before its result is sent: counting the
    # signals says nothing about the results.
    - |
      package batch

      type Task func() error

      // Errors runs the tasks and collects what they report.
      func Errors(tasks []Task) []error {
      	errc := make(chan error, len(tasks))
      	done := make(chan struct{}, len(tasks))
      	for _, t := range tasks {
      		go func(t Task) {
      			done <- struct{}{}
      			errc <- t()
      		}(t)
      	}
      	for range tasks {
      		<-done
      	}
      	var errs []error
      	for ↓len(errc) > 0 {
      		errs = append(errs, <-errc)
      	}
      	return errs
      }
  good:
    # Every worker signals done once it has reported its error, and the
    # caller counts one signal per task before draining (a deferred signal
    # in the second function).
    - |
      package batch

      type Task func() error

      // Errors runs the tasks and collects what they report.
      func Errors(tasks []Task) []error {
      	errc := make(chan error, len(tasks))
      	done := make(chan struct{})
      	for _, t := range tasks {
      		go func(t Task) {
      			if err := t(); err != nil {
      				errc <- err
      			}
      			done <- struct{}{}
      		}(t)
      	}
      	for range tasks {
      		<-done
      	}
      	var errs []error
      	for len(errc) > 0 {
      		errs = append(errs, <-errc)
      	}
      	return errs
      }

      // All does the same by index, signalling in a defer.
      func All(tasks []Task) []error {
      	errc := make(chan error, len(tasks))
      	done := make(chan bool, len(tasks))
      	for i := 0; i < len(tasks); i++ {
      		go func(i int) {
      			defer func() { done <- true }()
      			errc <- tasks[i]()
      		}(i)
      	}
      	for i := 0; i < len(tasks); i++ {
      		<-done
      	}
      	var errs []error
      	for len(errc) > 0 {
      		errs = append(errs, <-errc)
      	}
      	return errs
      }
    # Closed by the senders, ranged over.
    - |
      package collect

      import "sync"

      func square(n int) int { return n * n }

      // Squares computes squares in parallel.
      func Squares(inputs []int) []int {
      	results := make(chan int, len(inputs))
      	var wg sync.WaitGroup
      	for _, n := range inputs {
      		wg.Add(1)
      		go func(n int) {
      			defer wg.Done()
      			results <- square(n)
      		}(n)
      	}
      	go func() {
      		wg.Wait()
      		close(results)
      	}()
      	var out []int
      	for r := range results {
      		out = append(out, r)
      	}
      	return out
      }
    # Receiving exactly as many values as were sent.
    - |
      package gather

      // All runs each function in its own goroutine and gathers the results.
      func All[T any](fs []func() T) []T {
      	ch := make(chan T, len(fs))
      	for _, f := range fs {
      		go func(f func() T) { ch <- f() }(f)
      	}
      	out := make([]T, 0, len(fs))
      	for range fs {
      		out = append(out, <-ch)
      	}
      	return out
      }
    # Draining a buffer nobody sends to any more.
    - |
      package timers

      // Drain empties the channel after its producer has stopped.
      func Drain(ch chan int) int {
      	n := 0
      	for len(ch) > 0 {
      		<-ch
      		n++
      	}
      	return n
      }
    # len used only for a progress report.
    - |
      package progress

      import "log"

      // Consume handles values until the channel is closed, logging the backlog.
      func Consume(ch chan int, handle func(int)) {
      	go func() {
      		for i := 0; i < 10; i++ {
      			ch <- i
      		}
      		close(ch)
      	}()
      	for v := range ch {
      		if len(ch) > 100 {
      			log.Printf("backlog: %d", len(ch))
      		}
      		handle(v)
      	}
      }
    # Every sender is done before the drain: waited for, or the channel closed.
    - |
      package collect

      import "sync"

      // Run runs the tasks and reports the first error.
      func Run(tasks []func() error) error {
      	errc := make(chan error, len(tasks))
      	var wg sync.WaitGroup
      	for _, t := range tasks {
      		wg.Add(1)
      		go func(t func() error) {
      			defer wg.Done()
      			errc <- t()
      		}(t)
      	}
      	wg.Wait()
      	for len(errc) > 0 {
      		if err := <-errc; err != nil {
      			return err
      		}
      	}
      	return nil
      }

      // Collect runs the tasks and keeps every error.
      func Collect(tasks []func() error) []error {
      	errc := make(chan error, len(tasks))
      	var wg sync.WaitGroup
      	wg.Add(len(tasks))
      	for _, t := range tasks {
      		go func(t func() error) {
      			errc <- t()
      			wg.Done()
      		}(t)
      	}
      	wg.Wait()
      	close(errc)
      	var errs []error
      	for {
      		if len(errc) == 0 {
      			break
      		}
      		errs = append(errs, <-errc)
      	}
      	return errs
      }

"""#),
        RuleFileText(relativePath: "context/CX1001-cancel-not-called.yaml", text: #"""
# A context's cancel func not called on some path. The format of this file
# is described in rules/README.md.
id: CX1001
name: cancel-not-called
category: context
level: warning
summary: The cancel func of context.WithCancel, WithTimeout or WithDeadline is not called on some path.
description: |
  context.WithCancel, WithTimeout, WithDeadline and WithCancelCause return a
  cancel func that releases the child context: it detaches the child from
  its parent and stops its timer. Until it is called, the child, its timer
  and everything waiting on its Done channel stay alive, for as long as the
  parent lives (for ever under context.Background). Discarding it, or
  returning early before it is called, leaks one context per call.

  The rule follows every path from the call to each return of the function
  and reports the call when some path neither calls cancel nor hands it
  over (returns it, stores it in a field or global, passes it to a
  function, sends it, or captures it in a goroutine or closure that calls
  it). It finds what go vet's lostcancel finds, and also what vet misses:
  a context created in a loop whose cancel is skipped by `continue` (the
  next iteration makes another one), and cancel funcs captured by
  goroutines or closures that never call them.

  Fix: `defer cancel()` right after the call (outside loops: in a loop,
  call cancel at the end of each iteration, or move the body into a
  function with its own defer).

  Not reported: a derivation from a nil parent (`WithCancel(nil)` panics,
  no context exists), and a closure that calls cancel stored in a field or
  package variable (a hook) or returned, as cancel itself would be.

  Cancel funcs stored in slice or array elements (`_, cancels[i] =
  context.WithTimeout(...)`, `cancels[i] = cancel`) are followed in the
  container: a later `for _, c := range cancels { c() }` calls them all
  (the slice holds one, so that loop runs, and each iteration calls its
  own), and so does `for i := 0; i < n; i++ { cancels[i]() }` over a
  slice made with length n (`make([]context.CancelFunc, n)`, n not
  changed); a path that leaves the function before such a loop, or a loop body
  that skips the call on some path, is still reported.

  Maps are followed the same way (`m[id] = cancel`, a map literal's
  entries, `for _, c := range m { c() }`); a map that is a field or a
  package variable takes the cancel func over, as a field does. A function
  literal that stores cancel into a variable of the function that created
  it (`once.Do(func() { ctx, cancel = ... })`) leaves it to that function.

  Not reported either: a deadline already past when the context is made
  (`time.Now()`, `time.Now().Add(d)` or a timeout `d` with a constant
  `d <= 0`), which WithDeadline cancels before returning; a parent whose
  cancel func was called just before (`cancel(); child, _ :=
  context.WithCancel(parent)`), which cancels the child as it is made; and
  a context whose Done channel the path receives from (`<-ctx.Done()`, or
  the Done case of a `select`): it has been cancelled, by its deadline,
  its parent or another goroutine, which detached it and stopped its
  timer. A `select` that leaves on another case still holds it there.

  A deferred closure that calls cancel when the function's named error
  result is set (`defer func() { if err != nil { cancel() } }()`) covers
  every path that returns something other than `nil` as that error; the
  paths that return `nil` must still call, store or return cancel.

  A context derived and cancelled under the same test of a variable the
  function does not change (`if timeout > 0 { ctx, cancel =
  context.WithTimeout(ctx, timeout) } ... if timeout > 0 { cancel() }`,
  or a flag, or a `switch` clause) is paired up: a path takes the same
  side both times.

  Known false positives: a deadline in the past that is not written so
  (a variable, a timeout of 1ns) when nothing waits for it; a parent
  cancelled elsewhere (another function, or an ancestor cancelled after
  the child was made, which cancels the child too); a path that cannot
  run in practice. Missed: cancel passed to a function
  that only stores or logs it (any call counts as handing it over, as in
  vet), and cancel funcs a function literal leaves in its creator's
  variables when the creator never calls them.
tags: [context, resource-leak, lifecycle]
precision: high
since: "0.1.0"
lifecycle:
  resource: cancel func
  acquire:
    - call: context.WithCancel
      result: 1
    - call: context.WithTimeout
      result: 1
    - call: context.WithDeadline
      result: 1
    - call: context.WithCancelCause
      result: 1
  release:
    - invoke: true
  transfer: [return, field, global, argument, goroutine-if-released, closure-if-released, channel]
  messages:
    leak: "the cancel func returned by {call} is not called on the path through line {line}: the context and its timer stay alive until the parent is cancelled"
  options:
    defer-release-ok: true
    loop-scoped: true
    panic-paths: false
examples:
  bad:
    # The deferred closure cancels only on error, and one path returns neither an error nor the session.
    - |
      package session

      import (
      	"context"
      	"errors"
      	"net"
      )

      // Session is a connection with the context that bounds it.
      type Session struct {
      	conn   net.Conn
      	cancel context.CancelFunc
      }

      // Close ends the session and its context.
      func (s *Session) Close() error {
      	s.cancel()
      	return s.conn.Close()
      }

      func dial(ctx context.Context, addr string) (net.Conn, error) {
      	var d net.Dialer
      	return d.DialContext(ctx, "tcp", addr)
      }

      // Open keeps the cancel func in the session, or cancels when it fails.
      func Open(ctx context.Context, addr string) (s *Session, err error) {
      	ctx, cancel := ↓context.WithCancel(ctx)
      	defer func() {
      		if err != nil {
      			cancel()
      		}
      	}()
      	if addr == "" {
      		return nil, nil
      	}
      	conn, err := dial(ctx, addr)
      	if err != nil {
      		return nil, errors.New("session: dial failed")
      	}
      	return &Session{conn: conn, cancel: cancel}, nil
      }
    # The Done case ends the context, but the function also leaves when a
    # result arrives first, with the timer still running.
    - |
      package fetch

      import (
      	"context"
      	"time"
      )

      // First returns the first result, or zero when the window closes.
      func First(ctx context.Context, results <-chan int) int {
      	window, _ := ↓context.WithTimeout(ctx, 5*time.Second)
      	select {
      	case <-window.Done():
      		return 0
      	case r := <-results:
      		return r
      	}
      }
    # A helper that returns on an error before its defer is registered.
    - |
      package client

      import (
      	"context"
      	"io"
      	"net/http"
      	"time"
      )

      // Fetch gets url with a five-second timeout.
      func Fetch(parent context.Context, url string) ([]byte, error) {
      	ctx, cancel := ↓context.WithTimeout(parent, 5*time.Second)
      	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
      	if err != nil {
      		return nil, err
      	}
      	defer cancel()
      	resp, err := http.DefaultClient.Do(req)
      	if err != nil {
      		return nil, err
      	}
      	defer resp.Body.Close()
      	return io.ReadAll(resp.Body)
      }
    # A loop: each iteration replaces the last cancel func; only the last one is called (vet misses this).
    - |
      package sync2

      import (
      	"context"
      	"log"
      	"time"
      )

      // Push sends every item with a per-item timeout.
      func Push(parent context.Context, items []string, send func(context.Context, string) error) {
      	var cancel context.CancelFunc
      	for _, it := range items {
      		var ctx context.Context
      		ctx, cancel = ↓context.WithTimeout(parent, time.Second)
      		if err := send(ctx, it); err != nil {
      			log.Printf("push %s: %v", it, err)
      		}
      	}
      	if cancel != nil {
      		cancel()
      	}
      }
    # A struct's method discards the cancel func outright.
    - |
      package server

      import (
      	"context"
      	"net/http"
      )

      // Server handles requests with a base context.
      type Server struct {
      	base    context.Context
      	handler func(context.Context, http.ResponseWriter, *http.Request)
      }

      func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
      	ctx, _ := ↓context.WithCancel(s.base)
      	s.handler(ctx, w, r)
      }
    # A closure: the handler returns on a bad request without cancelling.
    - |
      package api

      import (
      	"context"
      	"net/http"
      	"time"
      )

      // Handler answers with the result of lookup, within the request's deadline.
      func Handler(lookup func(context.Context, string) (string, error)) http.HandlerFunc {
      	return func(w http.ResponseWriter, r *http.Request) {
      		ctx, cancel := ↓context.WithDeadline(r.Context(), time.Now().Add(2*time.Second))
      		key := r.URL.Query().Get("key")
      		if key == "" {
      			http.Error(w, "missing key", http.StatusBadRequest)
      			return
      		}
      		v, err := lookup(ctx, key)
      		cancel()
      		if err != nil {
      			http.Error(w, err.Error(), http.StatusBadGateway)
      			return
      		}
      		w.Write([]byte(v))
      	}
      }
    # Generics: the goroutine captures cancel but never calls it.
    - |
      package async

      import (
      	"context"
      	"time"
      )

      // Result is the value of an asynchronous call.
      type Result[T any] struct {
      	Value T
      	Err   error
      }

      // Call runs f on a goroutine with a timeout and returns the channel of its result.
      func Call[T any](parent context.Context, d time.Duration, f func(context.Context) (T, error)) <-chan Result[T] {
      	out := make(chan Result[T], 1)
      	ctx, cancel := ↓context.WithTimeout(parent, d)
      	go func() {
      		v, err := f(ctx)
      		if err != nil && ctx.Err() != nil {
      			err = ctx.Err()
      		}
      		_ = cancel
      		out <- Result[T]{v, err}
      	}()
      	return out
      }
    - lang: cir
      code: |
        package example.com/sync2
        go 1.22

        func example.com/sync2.Push(parent context.Context, items []string, send func(context.Context, string) error) {
            var ctx context.Context
            var cancel context.CancelFunc
            var err error
        b0:
            jump b1
        b1: loop len(items)
            if ? then b2 else b5
        b2:
            ↓ctx, cancel = ctx.withtimeout parent, 1000000000
            err = call (send)(ctx, ?)
            if ? then b3 else b4
        b3:
            jump b1
        b4:
            ctx.cancel cancel
            jump b1
        b5:
            return
        }
    # Stored in a slice, but the loop that cancels them skips the first one.
    - |
      package fanout

      import (
      	"context"
      	"time"
      )

      // Query asks every backend with its own deadline.
      func Query(ctx context.Context, backends []func(context.Context) error) {
      	cancels := make([]context.CancelFunc, len(backends))
      	for i, b := range backends {
      		c, cancel := ↓context.WithTimeout(ctx, time.Second)
      		cancels[i] = cancel
      		go b(c)
      	}
      	for i, cancel := range cancels {
      		if i == 0 {
      			continue
      		}
      		cancel()
      	}
      }
    # Made with n slots and cancelled by index, but the loop starts at 1:
    # the first watch's context is never cancelled.
    - |
      package watches

      import "context"

      // Open starts n watches and stops them all at the end.
      func Open(ctx context.Context, n int, watch func(context.Context)) {
      	cancels := make([]context.CancelFunc, n)
      	for i := 0; i < n; i++ {
      		wctx, cancel := ↓context.WithCancel(ctx)
      		cancels[i] = cancel
      		watch(wctx)
      	}
      	for i := 1; i < n; i++ {
      		cancels[i]()
      	}
      }
    # Kept in a local map that nothing reads again: every context stays attached to ctx.
    - |
      package sessions

      import "context"

      // Open starts one session context per user and forgets the cancel funcs.
      func Open(ctx context.Context, users []string, run func(context.Context, string)) {
      	cancels := map[string]context.CancelFunc{}
      	for _, u := range users {
      		c, cancel := ↓context.WithCancel(ctx)
      		cancels[u] = cancel
      		go run(c, u)
      	}
      }
    # The optional timeout cancelled under another comparison: a timeout of
    # exactly one second is never cancelled.
    - |
      package fetch

      import (
      	"context"
      	"time"
      )

      func Fetch(ctx context.Context, timeout time.Duration, do func(context.Context) error) error {
      	var cancel context.CancelFunc
      	if timeout > 0 {
      		ctx, cancel = ↓context.WithTimeout(ctx, timeout)
      	}
      	err := do(ctx)
      	if timeout > time.Second {
      		cancel()
      	}
      	return err
      }
  good:
    # The cancel func is handed to time.AfterFunc, whose timer calls it.
    - |
      package drain

      import (
      	"context"
      	"time"
      )

      // Drain gives the consumers a grace period, then cancels them.
      func Drain(parent context.Context, grace time.Duration, run func(context.Context) error) error {
      	ctx, cancel := context.WithCancel(parent)
      	time.AfterFunc(grace, cancel)
      	return run(ctx)
      }
    # An optional timeout: the context is derived and cancelled under the
    # same comparison of a parameter the function does not change.
    - |
      package fetch

      import (
      	"context"
      	"time"
      )

      func Fetch(ctx context.Context, timeout time.Duration, do func(context.Context) error) error {
      	var cancel context.CancelFunc
      	if timeout > 0 {
      		ctx, cancel = context.WithTimeout(ctx, timeout)
      	}
      	err := do(ctx)
      	if timeout > 0 {
      		cancel()
      	}
      	return err
      }
    # Cancelled by a deferred closure on every path that returns an error, kept by the session otherwise.
    - |
      package session

      import (
      	"context"
      	"errors"
      	"net"
      )

      // Session is a connection with the context that bounds it.
      type Session struct {
      	conn   net.Conn
      	cancel context.CancelFunc
      }

      // Close ends the session and its context.
      func (s *Session) Close() error {
      	s.cancel()
      	return s.conn.Close()
      }

      func dial(ctx context.Context, addr string) (net.Conn, error) {
      	var d net.Dialer
      	return d.DialContext(ctx, "tcp", addr)
      }

      // Open keeps the cancel func in the session, or cancels when it fails.
      func Open(ctx context.Context, addr string) (s *Session, err error) {
      	ctx, cancel := context.WithCancel(ctx)
      	defer func() {
      		if err != nil {
      			cancel()
      		}
      	}()
      	if addr == "" {
      		return nil, errors.New("session: no address")
      	}
      	conn, err := dial(ctx, addr)
      	if err != nil {
      		return nil, err
      	}
      	return &Session{conn: conn, cancel: cancel}, nil
      }
    # Kept in a map field, keyed by job; Stop calls and deletes it.
    - |
      package jobs

      import (
      	"context"
      	"sync"
      )

      // Registry cancels running jobs by id.
      type Registry struct {
      	mu      sync.Mutex
      	cancels map[string]context.CancelFunc
      }

      // Start runs job under a context the registry can cancel.
      func (r *Registry) Start(ctx context.Context, id string, job func(context.Context)) {
      	c, cancel := context.WithCancel(ctx)
      	r.mu.Lock()
      	r.cancels[id] = cancel
      	r.mu.Unlock()
      	go job(c)
      }

      // Stop cancels the job with the given id.
      func (r *Registry) Stop(id string) {
      	r.mu.Lock()
      	defer r.mu.Unlock()
      	if cancel, ok := r.cancels[id]; ok {
      		cancel()
      		delete(r.cancels, id)
      	}
      }
    # A local map of cancel funcs, all called by a range over the map.
    - |
      package sessions

      import "context"

      // Run starts one session per user and stops them all when done is closed.
      func Run(ctx context.Context, users []string, run func(context.Context, string), done <-chan struct{}) {
      	cancels := map[string]context.CancelFunc{}
      	for _, u := range users {
      		c, cancel := context.WithCancel(ctx)
      		cancels[u] = cancel
      		go run(c, u)
      	}
      	<-done
      	for _, cancel := range cancels {
      		cancel()
      	}
      }
    # A lazy set-up in sync.Once stores cancel in the enclosing function's variable.
    - |
      package lazy

      import (
      	"context"
      	"sync"
      	"time"
      )

      // Poll polls until the deadline, creating the deadline context on first use.
      func Poll(ctx context.Context, ready func(context.Context) bool) bool {
      	var once sync.Once
      	var c context.Context
      	var cancel context.CancelFunc
      	for i := 0; i < 3; i++ {
      		once.Do(func() { c, cancel = context.WithTimeout(ctx, time.Minute) })
      		if ready(c) {
      			break
      		}
      	}
      	cancel()
      	return c.Err() == nil
      }
    # A deadline already past: WithDeadline cancels the context before returning it.
    - |
      package fetchtest

      import (
      	"context"
      	"time"
      )

      // expired returns a context whose deadline has passed, for tests of the timeout path.
      func expired() context.Context {
      	ctx, _ := context.WithDeadline(context.Background(), time.Now().Add(-time.Minute))
      	return ctx
      }
    # The function waits until the context is done: its deadline cancelled it,
    # which detached it and stopped its timer, so there is nothing left to cancel.
    - |
      package backoff

      import (
      	"context"
      	"time"
      )

      // Pause waits for d, or less if ctx is cancelled first.
      func Pause(ctx context.Context, d time.Duration) error {
      	waited, _ := context.WithTimeout(ctx, d)
      	<-waited.Done()
      	return ctx.Err()
      }
    # Every way out of the loop is the Done case of the derived context.
    - |
      package drain

      import (
      	"context"
      	"time"
      )

      // Sum adds the values that arrive within the window.
      func Sum(ctx context.Context, in <-chan int, window time.Duration) (total int) {
      	ctx, _ = context.WithTimeout(ctx, window)
      	done := ctx.Done()
      	for {
      		select {
      		case <-done:
      			return total
      		case v := <-in:
      			total += v
      		}
      	}
      }
    # A child of a parent already cancelled is cancelled as it is made.
    - |
      package ctxtest

      import "context"

      // CancelledChild returns a context that is already cancelled, and its parent.
      func CancelledChild() (context.Context, context.Context) {
      	parent, cancel := context.WithCancel(context.Background())
      	cancel()
      	child, _ := context.WithCancel(parent)
      	return parent, child
      }
    # Deriving from a nil parent panics before any context exists (a test of that panic).
    - |
      package ctxcheck

      import "context"

      // NilParentPanics reports whether context.WithCancel(nil) panics.
      func NilParentPanics() (panicked bool) {
      	defer func() { panicked = recover() != nil }()
      	context.WithCancel(nil)
      	return false
      }
    # A closure stored in a package variable (a test hook) calls cancel when the hook runs.
    - |
      package hooks

      import "context"

      var beforeDial func(addr string)

      // CancelOnDial returns a context cancelled when addr is dialled.
      func CancelOnDial(want string) context.Context {
      	ctx, cancel := context.WithCancel(context.Background())
      	beforeDial = func(addr string) {
      		if addr == want {
      			cancel()
      		}
      	}
      	return ctx
      }
    # The returned stop func calls cancel (once, if a deadline context was made).
    - |
      package deadline

      import (
      	"context"
      	"sync"
      	"time"
      )

      // WithStop returns a context that ends at d and the func that ends it early.
      func WithStop(parent context.Context, d time.Time) (context.Context, func()) {
      	var cancel context.CancelFunc
      	ctx := parent
      	if d.After(time.Now()) {
      		ctx, cancel = context.WithDeadline(parent, d)
      	}
      	var once sync.Once
      	return ctx, func() {
      		once.Do(func() {
      			if cancel != nil {
      				cancel()
      			}
      		})
      	}
      }
    # The closure that calls cancel is assigned to a named result and returned.
    - |
      package budget

      import (
      	"context"
      	"time"
      )

      // WithBudget returns a context that ends after d (if d > 0) and the func that ends it early.
      func WithBudget(parent context.Context, d time.Duration) (ctx context.Context, stop func()) {
      	ctx = parent
      	var cancel context.CancelFunc
      	if d > 0 {
      		ctx, cancel = context.WithTimeout(parent, d)
      	}
      	stop = func() {
      		if cancel != nil {
      			cancel()
      		}
      	}
      	return ctx, stop
      }
    # Cancelled by a defer right after the call.
    - |
      package client

      import (
      	"context"
      	"io"
      	"net/http"
      	"time"
      )

      // Fetch gets url with a five-second timeout.
      func Fetch(parent context.Context, url string) ([]byte, error) {
      	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
      	defer cancel()
      	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
      	if err != nil {
      		return nil, err
      	}
      	resp, err := http.DefaultClient.Do(req)
      	if err != nil {
      		return nil, err
      	}
      	defer resp.Body.Close()
      	return io.ReadAll(resp.Body)
      }
    # Returned to the caller, who must call it.
    - |
      package scope

      import (
      	"context"
      	"time"
      )

      // WithBudget returns a context that ends after budget, and its cancel func.
      func WithBudget(parent context.Context, budget time.Duration) (context.Context, context.CancelFunc) {
      	if budget <= 0 {
      		return context.WithCancel(parent)
      	}
      	ctx, cancel := context.WithTimeout(parent, budget)
      	return ctx, cancel
      }
    # Stored in the struct whose Close calls it.
    - |
      package worker

      import "context"

      // Worker runs until Close.
      type Worker struct {
      	ctx    context.Context
      	cancel context.CancelFunc
      	done   chan struct{}
      }

      // Start starts the worker's loop.
      func Start(parent context.Context, step func(context.Context)) *Worker {
      	ctx, cancel := context.WithCancel(parent)
      	w := &Worker{ctx: ctx, cancel: cancel, done: make(chan struct{})}
      	go func() {
      		defer close(w.done)
      		for ctx.Err() == nil {
      			step(ctx)
      		}
      	}()
      	return w
      }

      // Close stops the loop and waits for it.
      func (w *Worker) Close() {
      	w.cancel()
      	<-w.done
      }
    # Cancelled at the end of every iteration, also on the error path.
    - |
      package sync2

      import (
      	"context"
      	"log"
      	"time"
      )

      // Push sends every item with a per-item timeout.
      func Push(parent context.Context, items []string, send func(context.Context, string) error) {
      	for _, it := range items {
      		ctx, cancel := context.WithTimeout(parent, time.Second)
      		err := send(ctx, it)
      		cancel()
      		if err != nil {
      			log.Printf("push %s: %v", it, err)
      		}
      	}
      }
    # A goroutine that calls cancel when the first of two events happens.
    - |
      package race

      import "context"

      // First returns a context cancelled as soon as either a or b is closed.
      func First(parent context.Context, a, b <-chan struct{}) context.Context {
      	ctx, cancel := context.WithCancel(parent)
      	go func() {
      		defer cancel()
      		select {
      		case <-a:
      		case <-b:
      		case <-ctx.Done():
      		}
      	}()
      	return ctx
      }
    - lang: cir
      code: |
        package example.com/race
        go 1.22

        func example.com/race.First(parent context.Context, a <-chan struct{}) context.Context {
            var ctx context.Context
            var cancel context.CancelFunc
        b0:
            ctx, cancel = ctx.withcancel parent
            go example.com/race.First.func1()
            return ctx
        }

        func example.com/race.First.func1() {
            parent example.com/race.First
            capture cancel context.CancelFunc
            capture a <-chan struct{}
        b0:
            defer ctx.cancel cancel
            chan.recv a
            return
        }
    # Stored into a slice element in a loop and all called by a later loop over
    # the slice: a slice holding one is not empty, so that loop runs, and every
    # iteration calls its element.
    - |
      package fanout

      import (
      	"context"
      	"time"
      )

      // Query asks every backend with its own deadline and cancels them all at the end.
      func Query(ctx context.Context, backends []func(context.Context) error) {
      	cancels := make([]context.CancelFunc, len(backends))
      	for i, b := range backends {
      		var c context.Context
      		c, cancels[i] = context.WithTimeout(ctx, time.Second)
      		go b(c)
      	}
      	time.Sleep(time.Second)
      	for _, cancel := range cancels {
      		cancel()
      	}
      }
    # A slice made with n slots, filled in one counted loop and cancelled
    # by index in another to the same n (etcd's watch test): the slice
    # holds one, so n is at least one and the second loop runs.
    - |
      package watches

      import (
      	"context"
      	"time"
      )

      // Open starts n watches on separate streams and stops them all after a while.
      func Open(ctx context.Context, n int, watch func(context.Context)) {
      	cancels := make([]context.CancelFunc, n)
      	for i := 0; i < n; i++ {
      		wctx, cancel := context.WithCancel(ctx)
      		cancels[i] = cancel
      		watch(wctx)
      	}
      	time.Sleep(time.Second)
      	for i := 0; i < n; i++ {
      		cancels[i]()
      	}
      }

"""#),
        RuleFileText(relativePath: "context/CX1002-cancel-field-never-called.yaml", text: #"""
# A cancel func stored in a field that nothing reads. The format of this
# file is described in rules/README.md.
id: CX1002
name: cancel-field-never-called
category: context
level: warning
summary: A context's cancel func is stored in a struct field that no code of the package ever reads, so it is never called.
description: |
  Storing a cancel func in a struct is the usual way to let a Close or Stop
  method end a background context. go vet's lostcancel stops following the
  cancel func at the store and trusts that someone calls it. When no code
  in the package ever reads that field, nobody does: the context, its timer
  and the goroutines waiting on its Done channel live until the parent is
  cancelled, which for context.Background is never. This is typically a
  Close method that forgot one line.

  The rule reports a store of a cancel func (from WithCancel, WithTimeout,
  WithDeadline or WithCancelCause) into an unexported field when no code of
  the same package reads a field of that name. Exported fields are left
  alone: another package may call them. So is a field given a cancel func
  that the function also keeps in a local it calls, hands on or lets a
  closure capture (`s := &stream{cancel: cancel}; go func() { ...;
  cancel() }()`): the field is a spare copy, and the local is checked as
  any cancel func is (CX1001).

  Fix: call the field in the type's Close (or Stop) method, or do not keep
  the context in the struct at all.

  Known false positives: a field read only through reflection or unsafe,
  or only by code in another package through an accessor in assembly.
  Reads of any field of the same name count, so a second struct with a
  field of that name hides the finding (a miss, not a false report).
tags: [context, resource-leak]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # Stop closes the listener but forgets the context.
    - |
      package server

      import (
      	"context"
      	"net"
      )

      // Server serves connections with a context that Stop should end.
      type Server struct {
      	ln     net.Listener
      	ctx    context.Context
      	cancel context.CancelFunc
      }

      // Start starts accepting connections.
      func (s *Server) Start(serve func(context.Context, net.Conn)) {
      	s.ctx, s.cancel = ↓context.WithCancel(context.Background())
      	go func() {
      		for {
      			c, err := s.ln.Accept()
      			if err != nil {
      				return
      			}
      			go serve(s.ctx, c)
      		}
      	}()
      }

      // Stop stops accepting connections.
      func (s *Server) Stop() error {
      	return s.ln.Close()
      }
    # A constructor keeps the cancel func in a composite literal nobody reads.
    - |
      package poller

      import (
      	"context"
      	"time"
      )

      type poller struct {
      	ctx    context.Context
      	cancel context.CancelFunc
      	every  time.Duration
      }

      func newPoller(parent context.Context, every time.Duration) *poller {
      	ctx, cancel := context.WithCancel(parent)
      	return &poller{ctx: ctx, ↓cancel: cancel, every: every}
      }

      func (p *poller) run(poll func(context.Context)) {
      	t := time.NewTicker(p.every)
      	defer t.Stop()
      	for {
      		select {
      		case <-p.ctx.Done():
      			return
      		case <-t.C:
      			poll(p.ctx)
      		}
      	}
      }
    # Generics: a watcher whose Close forgets to cancel.
    - |
      package watch

      import (
      	"context"
      	"sync"
      )

      // Watcher delivers values until Close.
      type Watcher[T any] struct {
      	mu     sync.Mutex
      	stop   context.CancelFunc
      	values chan T
      }

      // Watch starts delivering what next returns.
      func Watch[T any](parent context.Context, next func(context.Context) (T, error)) *Watcher[T] {
      	ctx, cancel := context.WithCancel(parent)
      	w := &Watcher[T]{values: make(chan T)}
      	↓w.stop = cancel
      	go func() {
      		defer close(w.values)
      		for {
      			v, err := next(ctx)
      			if err != nil {
      				return
      			}
      			w.values <- v
      		}
      	}()
      	return w
      }

      // Close stops the delivery.
      func (w *Watcher[T]) Close() {
      	w.mu.Lock()
      	defer w.mu.Unlock()
      }
    # A loop: every job keeps a timeout context that is never released.
    - |
      package jobs

      import (
      	"context"
      	"time"
      )

      type job struct {
      	id     int
      	ctx    context.Context
      	cancel context.CancelFunc
      }

      // Schedule prepares one job per id, each with its own deadline.
      func Schedule(parent context.Context, ids []int, d time.Duration) []*job {
      	var out []*job
      	for _, id := range ids {
      		j := &job{id: id}
      		j.ctx, j.cancel = ↓context.WithTimeout(parent, d)
      		out = append(out, j)
      	}
      	return out
      }

      func (j *job) run(f func(context.Context, int) error) error {
      	return f(j.ctx, j.id)
      }
    - lang: cir
      code: |
        package example.com/server
        type example.com/server.Server struct{ ctx context.Context; cancel context.CancelFunc }

        func (s *example.com/server.Server) Start() {
        b0:
            %1 = ctx.background
            ↓s.ctx, s.cancel = ctx.withcancel %1
            return
        }

        func (s *example.com/server.Server) Stop() {
        b0:
            return
        }
  good:
    # Stop calls it.
    - |
      package server

      import (
      	"context"
      	"net"
      )

      // Server serves connections with a context that Stop ends.
      type Server struct {
      	ln     net.Listener
      	ctx    context.Context
      	cancel context.CancelFunc
      }

      // Start starts accepting connections.
      func (s *Server) Start(serve func(context.Context, net.Conn)) {
      	s.ctx, s.cancel = context.WithCancel(context.Background())
      	go func() {
      		for {
      			c, err := s.ln.Accept()
      			if err != nil {
      				return
      			}
      			go serve(s.ctx, c)
      		}
      	}()
      }

      // Stop stops accepting connections and ends the context.
      func (s *Server) Stop() error {
      	s.cancel()
      	return s.ln.Close()
      }
    # An exported field: callers in other packages may call it.
    - |
      package task

      import "context"

      // Task is a cancellable unit of work.
      type Task struct {
      	Ctx    context.Context
      	Cancel context.CancelFunc
      }

      // New returns a task its owner cancels.
      func New(parent context.Context) *Task {
      	ctx, cancel := context.WithCancel(parent)
      	return &Task{Ctx: ctx, Cancel: cancel}
      }
    # The field is read and deferred by the loop that owns the context.
    - |
      package poller

      import (
      	"context"
      	"time"
      )

      type poller struct {
      	ctx    context.Context
      	cancel context.CancelFunc
      	every  time.Duration
      }

      func newPoller(parent context.Context, every time.Duration) *poller {
      	ctx, cancel := context.WithCancel(parent)
      	return &poller{ctx: ctx, cancel: cancel, every: every}
      }

      func (p *poller) run(poll func(context.Context) bool) {
      	defer p.cancel()
      	t := time.NewTicker(p.every)
      	defer t.Stop()
      	for range t.C {
      		if !poll(p.ctx) {
      			return
      		}
      	}
      }
    # The field is handed out: whoever gets it calls it.
    - |
      package lease

      import (
      	"context"
      	"time"
      )

      type lease struct {
      	ctx     context.Context
      	release context.CancelFunc
      }

      func grant(parent context.Context, ttl time.Duration) *lease {
      	ctx, cancel := context.WithTimeout(parent, ttl)
      	return &lease{ctx: ctx, release: cancel}
      }

      func (l *lease) handle() (context.Context, context.CancelFunc) {
      	return l.ctx, l.release
      }
    - lang: cir
      code: |
        package example.com/server
        type example.com/server.Server struct{ ctx context.Context; cancel context.CancelFunc }

        func (s *example.com/server.Server) Start() {
        b0:
            %1 = ctx.background
            s.ctx, s.cancel = ctx.withcancel %1
            return
        }

        func (s *example.com/server.Server) Stop() {
        b0:
            ctx.cancel s.cancel
            return
        }
    # The field is a spare copy: the goroutine that ends the stream calls
    # the same cancel funcs through the locals it captures (etcd's pipe
    # stream adapter).
    - |
      package adapter

      import "context"

      type stream struct {
      	recvc  chan any
      	ctx    context.Context
      	cancel context.CancelFunc
      }

      // newPipe serves one stream with handler and cancels both ends when it returns.
      func newPipe(ctx context.Context, handler func(*stream) error) *stream {
      	cctx, ccancel := context.WithCancel(ctx)
      	cli := &stream{recvc: make(chan any, 1), ctx: cctx, cancel: ccancel}
      	sctx, scancel := context.WithCancel(ctx)
      	srv := &stream{recvc: make(chan any), ctx: sctx, cancel: scancel}
      	go func() {
      		err := handler(srv)
      		select {
      		case cli.recvc <- err:
      		case <-sctx.Done():
      		case <-cctx.Done():
      		}
      		scancel()
      		ccancel()
      	}()
      	return cli
      }

"""#),
        RuleFileText(relativePath: "context/CX1050-defer-cancel-in-loop.yaml", text: #"""
# A deferred cancel in a loop that creates a context per iteration. The format of
# this file is described in rules/README.md.
id: CX1050
name: defer-cancel-in-loop
category: context
level: warning
summary: "defer cancel() inside a loop: every iteration's context and timer stay alive until the function returns."
description: |
  `ctx, cancel := context.WithTimeout(parent, d)` in a loop with `defer
  cancel()` cancels nothing until the function returns. Every iteration's
  context stays registered with its parent, and a WithTimeout or
  WithDeadline context keeps its timer running, until then: a loop over a
  million items holds a million contexts and timers, and a long-running
  worker loop never releases them. The deferred calls pile up too.

  The rule reports a deferred cancel function (or a deferred closure
  calling one) in a loop that creates it with WithCancel, WithTimeout or
  WithDeadline, and in a recursive function that creates it and recurses
  after the defer.

  A function is recursive when it calls itself through functions and
  concrete methods, or through an interface method or function value that
  may be the function itself (`h.Next.ServeHTTP` in a ServeHTTP, a
  recursive closure). A way back only through another dynamic call (any
  `Read` of the program reached from an `io.Reader`, a callback field) is
  not a recursion: every function that reads or calls back would look
  recursive in the whole-program call graph.

  Fix: call cancel() at the end of the iteration (on every path, including
  `continue`), or move the body into a function literal called each
  iteration so that its `defer cancel()` runs per iteration.

  Not reported: a defer under a select case that receives from a
  time.Timer made before the loop in a local variable that is never
  reassigned or passed on, and never Reset except right after a Stop that
  returned true (`if t.Stop() { t.Reset(0) }`: the timer had not fired):
  the timer's channel then delivers at most one value, so that case runs
  at most once however often the loop turns (a fallback started after a
  delay, or at once when the primary attempt fails).

  Not reported in a loop written with a constant bound (`for i := 0; i <
  5; i++`, `for range 3`) that, with the loops around it, turns at most
  16 times: that many contexts kept to the end is a small, fixed set, and
  usually meant (a test holding five clients open while it checks the
  server's count), not a pile-up that grows with the input. A bound the
  function fixes counts too, as for GR1050 (`n := 3`, a short slice
  literal). A loop over input, or bounded by a variable, is still
  reported.

  Not reported when the loop keeps what it opens on the context for after
  the iteration: a stream, a response or a channel made from the context
  (`watches[i] = client.Watch(ctx, key)`, `streams = append(streams,
  s)`), kept in a variable declared outside the loop, a global or a map.
  Those need their contexts alive until they are used, so the defer is
  meant; cancelling at the end of the iteration would end them. What the
  loop keeps must be able to point at the context: the bytes a fetch
  returned do not.

  Known false positives: a loop that runs once or twice in practice (a
  retry loop that returns on success), where only a few releases wait; a
  recursion whose depth is small by construction. Closing every element of
  a list at the end (`for _, c := range closers { defer c.Close() }`) is
  meant and not reported: the resource must be acquired in the loop.
tags: [context, defer, resource-leak]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A per-request timeout in a fetch loop.
    - |
      package fetch

      import (
      	"context"
      	"time"
      )

      // All fetches every URL with a per-request timeout.
      func All(ctx context.Context, urls []string, fetch func(context.Context, string) error) error {
      	for _, u := range urls {
      		ctx, cancel := context.WithTimeout(ctx, time.Minute)
      		↓defer cancel()
      		if err := fetch(ctx, u); err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # The loop keeps the bodies it read, not what reads them: every
    # request's context and timer wait for the end.
    - |
      package fetch

      import (
      	"context"
      	"time"
      )

      // Bodies fetches every URL with a per-request timeout and returns the bodies.
      func Bodies(ctx context.Context, urls []string, fetch func(context.Context, string) ([]byte, error)) ([][]byte, error) {
      	var bodies [][]byte
      	for _, u := range urls {
      		ctx, cancel := context.WithTimeout(ctx, time.Minute)
      		↓defer cancel()
      		b, err := fetch(ctx, u)
      		if err != nil {
      			return nil, err
      		}
      		bodies = append(bodies, b)
      	}
      	return bodies, nil
      }
    # A worker loop that never returns keeps every job's context.
    - |
      package worker

      import "context"

      type Job struct {
      	ID  int
      	Run func(context.Context) error
      }

      // Loop runs jobs until the channel closes.
      func Loop(parent context.Context, jobs <-chan Job) {
      	for job := range jobs {
      		ctx, cancel := context.WithCancel(parent)
      		↓defer cancel()
      		_ = job.Run(ctx)
      	}
      }
    # A deferred closure that cancels, in a retry loop with deadlines.
    - |
      package retry

      import (
      	"context"
      	"time"
      )

      // Do retries f until it succeeds, each attempt with its own deadline.
      func Do(ctx context.Context, attempts int, f func(context.Context) error) error {
      	var err error
      	for i := 0; i < attempts; i++ {
      		actx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
      		↓defer func() { cancel() }()
      		if err = f(actx); err == nil {
      			return nil
      		}
      	}
      	return err
      }
    # A recursive crawl with a timeout per level.
    - |
      package crawl

      import (
      	"context"
      	"time"
      )

      type Page struct {
      	Links []string
      }

      // Crawl visits url and everything it links to, up to depth.
      func Crawl(ctx context.Context, url string, depth int, get func(context.Context, string) (*Page, error)) error {
      	if depth == 0 {
      		return nil
      	}
      	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
      	↓defer cancel()
      	page, err := get(ctx, url)
      	if err != nil {
      		return err
      	}
      	for _, l := range page.Links {
      		if err := Crawl(ctx, l, depth-1, get); err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # The fallback timer is Reset in its case, so it fires on many turns.
    - |
      package hedge

      import (
      	"context"
      	"time"
      )

      // Race starts a hedged attempt every delay until one succeeds.
      func Race(ctx context.Context, delay time.Duration, results chan error, start func(context.Context)) error {
      	hedge := time.NewTimer(delay)
      	defer hedge.Stop()
      	for {
      		select {
      		case <-hedge.C:
      			hctx, cancel := context.WithCancel(ctx)
      			↓defer cancel()
      			go start(hctx)
      			hedge.Reset(delay)
      		case err := <-results:
      			if err == nil {
      				return nil
      			}
      		}
      	}
      }
  good:
    # Three attempts, each with its own one-second context, all cancelled at
    # the end: a constant bound of three keeps three timers at most.
    - |
      package probe

      import (
      	"context"
      	"net/http"
      	"time"
      )

      // Up reports whether url answers within a second in one of three tries.
      func Up(url string) bool {
      	for attempt := 0; attempt < 3; attempt++ {
      		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
      		defer cancel()
      		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
      		if err != nil {
      			return false
      		}
      		if resp, err := http.DefaultClient.Do(req); err == nil {
      			resp.Body.Close()
      			return true
      		}
      	}
      	return false
      }
    # A fallback started once after a delay: the timer is never reset, so its case runs at most once.
    - |
      package hedge

      import (
      	"context"
      	"time"
      )

      // Race starts one fallback attempt after delay and returns the first success.
      func Race(ctx context.Context, delay time.Duration, results chan error, start func(context.Context)) error {
      	go start(ctx)
      	fallback := time.NewTimer(delay)
      	defer fallback.Stop()
      	for {
      		select {
      		case <-fallback.C:
      			fctx, cancel := context.WithCancel(ctx)
      			defer cancel()
      			go start(fctx)
      		case err := <-results:
      			if err == nil {
      				return nil
      			}
      		}
      	}
      }
    # The fallback is brought forward with Reset(0) only when Stop says it has not fired yet.
    - |
      package hedge

      import (
      	"context"
      	"time"
      )

      // Race starts a fallback after delay, or at once when the primary fails.
      func Race(ctx context.Context, delay time.Duration, primaryFailed <-chan struct{}, results chan error, start func(context.Context)) error {
      	go start(ctx)
      	fallback := time.NewTimer(delay)
      	defer fallback.Stop()
      	for {
      		select {
      		case <-fallback.C:
      			fctx, cancel := context.WithCancel(ctx)
      			defer cancel()
      			go start(fctx)
      		case <-primaryFailed:
      			if fallback.Stop() {
      				fallback.Reset(0)
      			}
      		case err := <-results:
      			if err == nil {
      				return nil
      			}
      		}
      	}
      }
    # The iteration in a function literal.
    - |
      package fetch

      import (
      	"context"
      	"time"
      )

      // All fetches every URL with a per-request timeout.
      func All(ctx context.Context, urls []string, fetch func(context.Context, string) error) error {
      	for _, u := range urls {
      		err := func() error {
      			ctx, cancel := context.WithTimeout(ctx, time.Minute)
      			defer cancel()
      			return fetch(ctx, u)
      		}()
      		if err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # cancel called at the end of each iteration.
    - |
      package worker

      import "context"

      type Job struct {
      	ID  int
      	Run func(context.Context) error
      }

      // Loop runs jobs until the channel closes.
      func Loop(parent context.Context, jobs <-chan Job) {
      	for job := range jobs {
      		ctx, cancel := context.WithCancel(parent)
      		_ = job.Run(ctx)
      		cancel()
      	}
      }
    # One context for the whole loop.
    - |
      package retry

      import (
      	"context"
      	"time"
      )

      // Do retries f until it succeeds or the total deadline passes.
      func Do(ctx context.Context, attempts int, f func(context.Context) error) error {
      	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
      	defer cancel()
      	var err error
      	for i := 0; i < attempts; i++ {
      		if err = f(ctx); err == nil {
      			return nil
      		}
      	}
      	return err
      }
    # A recursion whose per-level context ends before descending.
    - |
      package crawl

      import (
      	"context"
      	"time"
      )

      type Page struct {
      	Links []string
      }

      func fetch(ctx context.Context, url string, get func(context.Context, string) (*Page, error)) (*Page, error) {
      	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
      	defer cancel()
      	return get(ctx, url)
      }

      // Crawl visits url and everything it links to, up to depth.
      func Crawl(ctx context.Context, url string, depth int, get func(context.Context, string) (*Page, error)) error {
      	if depth == 0 {
      		return nil
      	}
      	page, err := fetch(ctx, url, get)
      	if err != nil {
      		return err
      	}
      	for _, l := range page.Links {
      		if err := Crawl(ctx, l, depth-1, get); err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # The Resolver is an interface; the name-server resolver dials with a Dialer of its own that has no
    # Resolver. Dial is not recursive: the only way back is the call through the interface, to another method.
    - |
      package dial

      import (
      	"context"
      	"net"
      	"time"
      )

      type Resolver interface {
      	Lookup(ctx context.Context, host string) ([]string, error)
      }

      type Dialer struct {
      	Timeout  time.Duration
      	Resolver Resolver
      }

      // Dial connects to host:port, trying the first address of host.
      func (d *Dialer) Dial(ctx context.Context, host, port string) (net.Conn, error) {
      	ctx, cancel := context.WithTimeout(ctx, d.Timeout)
      	defer cancel()
      	addrs := []string{host}
      	if d.Resolver != nil {
      		var err error
      		if addrs, err = d.Resolver.Lookup(ctx, host); err != nil {
      			return nil, err
      		}
      	}
      	var nd net.Dialer
      	return nd.DialContext(ctx, "tcp", net.JoinHostPort(addrs[0], port))
      }

      // NameServer resolves names by asking the server at Addr.
      type NameServer struct {
      	Addr string
      }

      func (ns NameServer) Lookup(ctx context.Context, host string) ([]string, error) {
      	d := &Dialer{Timeout: time.Second}
      	c, err := d.Dial(ctx, ns.Addr, "53")
      	if err != nil {
      		return nil, err
      	}
      	defer c.Close()
      	return []string{host}, nil
      }
    # A watch per key on its own context, kept in a slice and read after
    # the loop: each context must live until its watch has been read
    # (etcd's watch tests).
    - |
      package watchall

      import (
      	"context"
      	"time"
      )

      type Watcher interface {
      	Watch(ctx context.Context, key string) <-chan string
      }

      // First returns the first value each key's watch sees within a second.
      func First(ctx context.Context, w Watcher, keys []string) []string {
      	watches := make([]<-chan string, len(keys))
      	for i, k := range keys {
      		wctx, cancel := context.WithTimeout(ctx, time.Second)
      		defer cancel()
      		watches[i] = w.Watch(wctx, k)
      	}
      	var firsts []string
      	for _, ch := range watches {
      		firsts = append(firsts, <-ch)
      	}
      	return firsts
      }

"""#),
        RuleFileText(relativePath: "custom/GR9001-sql-rows-not-closed.yaml", text: #"""
# A team's own lifecycle rule, added as a file with no Swift code and no
# rebuild (conclint --rules DIR, or rules-dirs: in .conclint.yml). It lives
# in rules/ to show the format; ids 9000-9999 of every category are left to
# teams and never used by conclint's own rules.
#
# Category: an unclosed *sql.Rows is not a timer, lock or context, so none of
# those categories owns it. It belongs to `goroutine`, DESIGN.md's category
# for "what a goroutine holds until it returns": the rows hold one of the
# pool's connections, and once the pool is exhausted (db.SetMaxOpenConns)
# every other goroutine calling db.Query blocks waiting for a connection
# that is never given back.
id: GR9001
name: sql-rows-not-closed
category: goroutine
level: warning
summary: A *sql.Rows is not closed on some path, so its database connection is never given back to the pool.
description: |
  Every *sql.Rows returned by Query holds a connection from the database
  pool until Close is called or Next has returned false. A path that
  returns or moves on while the rows are still open (an error from Scan,
  reading only the first row, a `continue`) keeps that connection busy
  for as long as the process runs. With a bounded pool the service then
  stops: every goroutine that needs the database waits in Query forever.

  Fix: `defer rows.Close()` right after checking the error of Query, or
  close the rows on every path; when they are returned or passed on, the
  receiver closes them. Check rows.Err() after the loop.

  Rows read until Next returns false are closed by database/sql itself
  (the release below with `when-returns: false`): a path that leaves
  `for rows.Next()` because Next returned false has given the connection
  back, while a `break` or `return` out of the loop body has not. Rows
  from a *sql.Tx are closed when the transaction ends and are not checked.

  Rows stored in slice or array elements (`all[i] = rows`) are followed in
  the slice: a later `for _, r := range all { r.Close() }` closes them all.
  Rows discarded with their error kept (`_, err := db.Query(q)`) are
  held, with no name, wherever err is nil: a path that tests `err == nil`
  and fails the test there (`t.Fatal`) is not reported, one that goes on
  (or returns err) is.

  Rows from QueryContext are closed by database/sql when its context is
  cancelled (`context-argument: 0` below): when the function derived
  that context itself (`ctx, cancel := context.WithTimeout(ctx, d)`),
  calling cancel closes the rows on that path, and a `defer cancel()`
  before the query closes them when the function returns, as `defer
  rows.Close()` would. So does a receive from the context's Done channel.

  Known false positives: a query that cannot succeed (a closed DB, a
  cancelled context, a missing table) whose failure the code takes for
  granted, tests the error against a sentinel (`err != context.Canceled`)
  or does not test at all; rows that a context cancelled elsewhere (by
  the caller, or the context of a transaction the statement belongs to)
  closes.
tags: [database, resource-leak, lifecycle, custom]
precision: high
since: "0.1.0"
lifecycle:
  resource: rows
  acquire:
    - call: (*database/sql.DB).Query
      result: 0
      error-result: 1
    - call: (*database/sql.DB).QueryContext
      result: 0
      error-result: 1
      context-argument: 0
    - call: (*database/sql.Conn).QueryContext
      result: 0
      error-result: 1
      context-argument: 0
    - call: (*database/sql.Stmt).Query
      result: 0
      error-result: 1
    - call: (*database/sql.Stmt).QueryContext
      result: 0
      error-result: 1
      context-argument: 0
  release:
    - call: (*database/sql.Rows).Close
    # `when-returns: false`: the call releases the resource only on the path
    # where its bool result is false (Next closes the rows when there is no
    # next row or an error stopped the iteration); where it returned true
    # the rows are still open.
    - call: (*database/sql.Rows).Next
      when-returns: false
  transfer: [return, field, argument-if-released, goroutine-if-released, closure-if-released, channel]
  messages:
    leak: "{resource} returned by {call} are not closed on the path through line {line}; the connection stays busy"
    use-after-release: "{resource} are used after Close on the path through line {line}"
  options:
    defer-release-ok: true
    loop-scoped: true
examples:
  bad:
    # A Scan error returns while the rows are open.
    - |
      package users

      import (
      	"context"
      	"database/sql"
      )

      // ActiveNames lists the names of active users.
      func ActiveNames(ctx context.Context, db *sql.DB) ([]string, error) {
      	rows, err := ↓db.QueryContext(ctx, "SELECT name FROM users WHERE active")
      	if err != nil {
      		return nil, err
      	}
      	var names []string
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			return nil, err // the connection is never given back
      		}
      		names = append(names, name)
      	}
      	return names, rows.Err()
      }
    # A helper that only wants the column names and never reads the rows.
    - |
      package schema

      import "database/sql"

      // Columns returns the column names of table.
      func Columns(db *sql.DB, table string) ([]string, error) {
      	rows, err := ↓db.Query("SELECT * FROM " + table + " LIMIT 0")
      	if err != nil {
      		return nil, err
      	}
      	return rows.Columns()
      }
    # A loop that reads one row per query and moves on.
    - |
      package orders

      import (
      	"context"
      	"database/sql"
      )

      // FirstOrders maps each customer to the id of their first order.
      func FirstOrders(ctx context.Context, db *sql.DB, customers []int64) (map[int64]int64, error) {
      	first := make(map[int64]int64)
      	for _, id := range customers {
      		rows, err := ↓db.QueryContext(ctx,
      			"SELECT id FROM orders WHERE customer = $1 ORDER BY created LIMIT 1", id)
      		if err != nil {
      			return nil, err
      		}
      		if rows.Next() {
      			var order int64
      			if err := rows.Scan(&order); err != nil {
      				return nil, err
      			}
      			first[id] = order
      		}
      	}
      	return first, nil
      }
    # The deferred cancel ends a context made after the query, not the
    # query's: the rows stay open on the Scan error path.
    - |
      package audit

      import (
      	"context"
      	"database/sql"
      	"time"
      )

      // LastEvent returns the newest event and records that it was read.
      func LastEvent(ctx context.Context, db *sql.DB, record func(context.Context, string)) (string, error) {
      	rows, err := ↓db.QueryContext(ctx, "SELECT name FROM events ORDER BY at DESC LIMIT 1")
      	if err != nil {
      		return "", err
      	}
      	writeCtx, cancel := context.WithTimeout(ctx, time.Second)
      	defer cancel()
      	var name string
      	if rows.Next() {
      		if err := rows.Scan(&name); err != nil {
      			return "", err
      		}
      	}
      	rows.Close()
      	record(writeCtx, name)
      	return name, nil
      }
    # A closure over a prepared statement that reads a single row.
    - |
      package lookup

      import (
      	"context"
      	"database/sql"
      )

      // IDs maps each name to its user id.
      func IDs(ctx context.Context, db *sql.DB, names []string) (map[string]int64, error) {
      	stmt, err := db.PrepareContext(ctx, "SELECT id FROM users WHERE name = ?")
      	if err != nil {
      		return nil, err
      	}
      	defer stmt.Close()
      	ids := make(map[string]int64)
      	lookup := func(name string) error {
      		rows, err := ↓stmt.QueryContext(ctx, name)
      		if err != nil {
      			return err
      		}
      		if !rows.Next() {
      			return rows.Err()
      		}
      		var id int64
      		if err := rows.Scan(&id); err != nil {
      			return err
      		}
      		ids[name] = id
      		return nil
      	}
      	for _, name := range names {
      		if err := lookup(name); err != nil {
      			return nil, err
      		}
      	}
      	return ids, nil
      }
    # Breaking out of the loop once a row matched: Next returned true, so
    # the rows are still open (only a false Next closes them).
    - |
      package search

      import (
      	"database/sql"
      	"strings"
      )

      // FirstMatch returns the first user name that starts with prefix.
      func FirstMatch(db *sql.DB, prefix string) (string, error) {
      	rows, err := ↓db.Query("SELECT name FROM users ORDER BY name")
      	if err != nil {
      		return "", err
      	}
      	found := ""
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			continue
      		}
      		if strings.HasPrefix(name, prefix) {
      			found = name
      			break
      		}
      	}
      	return found, rows.Err()
      }
    # Linted inside database/sql itself (its own tests): the rule lists
    # Query, and Query is also analysed code whose summary returns fresh
    # rows. The one call is one acquisition, reported once.
    - lang: cir
      code: |
        package database/sql
        type database/sql.DB struct{ open int }
        type database/sql.Rows struct{ closed bool }

        func (db *database/sql.DB) QueryContext(q string) (*database/sql.Rows, error) {
            var rows *database/sql.Rows
        b0:
            rows = alloc.new database/sql.Rows
            return rows, nil
        }

        func (db *database/sql.DB) Query(q string) (*database/sql.Rows, error) {
            var rows *database/sql.Rows
            var err error
        b0:
            rows, err = call (*database/sql.DB).QueryContext(db, q)
            return rows, err
        }

        func (rs *database/sql.Rows) Close() error {
        b0:
            return nil
        }

        func database/sql.countRows(db *database/sql.DB) int {
            var rows *database/sql.Rows
            var err error
        b0:
            ↓rows, err = call (*database/sql.DB).Query(db, "SELECT|people|name|")
            if err then b1 else b2
        b1:
            return 0
        b2:
            return 1
        }
    # Kept in a slice, but the loop that closes them stops at the first error.
    - |
      package shards

      import (
      	"database/sql"
      	"log"
      )

      // Check queries every shard and closes the rows once all are open.
      func Check(dbs []*sql.DB) error {
      	all := make([]*sql.Rows, len(dbs))
      	for i, db := range dbs {
      		rows, err := ↓db.Query("SELECT id FROM items")
      		if err != nil {
      			log.Fatal(err)
      		}
      		all[i] = rows
      	}
      	for _, rows := range all {
      		if err := rows.Err(); err != nil {
      			return err
      		}
      		rows.Close()
      	}
      	return nil
      }
    # Closed only when a flag is also set: the non-nil rows leak otherwise.
    - |
      package probe

      import (
      	"context"
      	"database/sql"
      )

      // Probe runs the statement once; the result is read only when verbose.
      func Probe(ctx context.Context, stmt *sql.Stmt, verbose bool) {
      	rows, _ := ↓stmt.QueryContext(ctx)
      	if rows != nil && verbose {
      		rows.Close()
      	}
      }
    # The rows of an exec-style Query are discarded; the nil error path returns them unclosed.
    - |
      package migrate

      import "database/sql"

      // Touch updates the table's timestamp, using Query where Exec was meant.
      func Touch(db *sql.DB, table string) error {
      	_, err := ↓db.Query("UPDATE " + table + " SET touched = now()")
      	return err
      }
  good:
    # A test that expects the query to fail: the discarded rows exist only on
    # the path where it succeeded, which fails the test.
    - |
      package store

      import (
      	"database/sql"
      	"testing"
      )

      func TestMissingTable(t *testing.T) {
      	db, err := sql.Open("fake", "")
      	if err != nil {
      		t.Fatal(err)
      	}
      	defer db.Close()
      	_, err = db.Query("SELECT name FROM missing")
      	if err == nil {
      		t.Fatal("querying a missing table should fail")
      	}
      }
    # Closed whenever the query returned rows, whatever its error.
    - |
      package probe

      import (
      	"context"
      	"database/sql"
      )

      // Probe runs the statement once; a cancelled context may fail it.
      func Probe(ctx context.Context, stmt *sql.Stmt) {
      	rows, _ := stmt.QueryContext(ctx)
      	if rows != nil {
      		rows.Close()
      	}
      }
    # The query's context is cancelled by a defer registered before it:
    # database/sql closes the rows when that context ends.
    - |
      package report

      import (
      	"context"
      	"database/sql"
      	"time"
      )

      // LatestTotal returns the total of the newest invoice, giving the query five seconds.
      func LatestTotal(ctx context.Context, db *sql.DB) (int64, error) {
      	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
      	defer cancel()
      	rows, err := db.QueryContext(ctx, "SELECT total FROM invoices ORDER BY created DESC")
      	if err != nil {
      		return 0, err
      	}
      	var total int64
      	if rows.Next() {
      		if err := rows.Scan(&total); err != nil {
      			return 0, err
      		}
      	}
      	return total, nil
      }
    # Leaving the loop early after cancelling the query's own context.
    - |
      package search

      import (
      	"context"
      	"database/sql"
      )

      // FirstMatch returns the first name with the prefix and stops the query there.
      func FirstMatch(parent context.Context, db *sql.DB, prefix string) (string, error) {
      	ctx, stop := context.WithCancel(parent)
      	rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE name LIKE $1", prefix+"%")
      	if err != nil {
      		stop()
      		return "", err
      	}
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			stop()
      			return "", err
      		}
      		stop()
      		return name, nil
      	}
      	stop()
      	return "", rows.Err()
      }
    # Closed by a defer once Query succeeded.
    - |
      package users

      import (
      	"context"
      	"database/sql"
      )

      // ActiveNames lists the names of active users.
      func ActiveNames(ctx context.Context, db *sql.DB) ([]string, error) {
      	rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE active")
      	if err != nil {
      		return nil, err
      	}
      	defer rows.Close()
      	var names []string
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			return nil, err
      		}
      		names = append(names, name)
      	}
      	return names, rows.Err()
      }
    # Returned to the caller, who closes them.
    - |
      package posts

      import (
      	"context"
      	"database/sql"
      )

      // Recent returns the open rows of the latest posts; the caller closes them.
      func Recent(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
      	rows, err := db.QueryContext(ctx, "SELECT id, title FROM posts ORDER BY created DESC LIMIT 20")
      	if err != nil {
      		return nil, err
      	}
      	return rows, nil
      }
    # Passed to a helper whose defer closes them.
    - |
      package tags

      import "database/sql"

      func scanNames(rows *sql.Rows) ([]string, error) {
      	defer rows.Close()
      	var names []string
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			return nil, err
      		}
      		names = append(names, name)
      	}
      	return names, rows.Err()
      }

      // All lists every tag.
      func All(db *sql.DB) ([]string, error) {
      	rows, err := db.Query("SELECT name FROM tags")
      	if err != nil {
      		return nil, err
      	}
      	return scanNames(rows)
      }
    # Closed explicitly on the error path and at the end.
    - |
      package totals

      import (
      	"context"
      	"database/sql"
      )

      // Sum adds up the amounts of an account's payments.
      func Sum(ctx context.Context, db *sql.DB, account int64) (int64, error) {
      	rows, err := db.QueryContext(ctx, "SELECT amount FROM payments WHERE account = $1", account)
      	if err != nil {
      		return 0, err
      	}
      	var total int64
      	for rows.Next() {
      		var amount int64
      		if err := rows.Scan(&amount); err != nil {
      			rows.Close()
      			return 0, err
      		}
      		total += amount
      	}
      	if err := rows.Err(); err != nil {
      		rows.Close()
      		return 0, err
      	}
      	return total, rows.Close()
      }
    # Read until Next returns false, which closes the rows; no Close needed.
    - |
      package inventory

      import "database/sql"

      // SKUs lists every item's SKU.
      func SKUs(db *sql.DB) ([]string, error) {
      	rows, err := db.Query("SELECT sku FROM items")
      	if err != nil {
      		return nil, err
      	}
      	var skus []string
      	for rows.Next() {
      		var sku string
      		if err := rows.Scan(&sku); err != nil {
      			continue
      		}
      		skus = append(skus, sku)
      	}
      	return skus, rows.Err()
      }
    # Kept in a slice and all closed by a later loop over it: a slice holding
    # some rows is not empty, so the loop runs, and each iteration closes its rows.
    - |
      package shards

      import (
      	"database/sql"
      	"log"
      )

      // Count queries every shard, then closes all the rows.
      func Count(dbs []*sql.DB) int {
      	all := make([]*sql.Rows, len(dbs))
      	for i, db := range dbs {
      		rows, err := db.Query("SELECT id FROM items")
      		if err != nil {
      			log.Fatal(err)
      		}
      		all[i] = rows
      	}
      	n := 0
      	for _, rows := range all {
      		if rows.Next() {
      			n++
      		}
      		rows.Close()
      	}
      	return n
      }

"""#),
        RuleFileText(relativePath: "escape/ES1001-noalloc-heap-allocation.yaml", text: #"""
# A heap allocation inside a function held to no allocation. The format of
# this file is described in rules/README.md.
id: ES1001
name: noalloc-heap-allocation
category: escape
level: warning
summary: A function marked //conclint:noalloc (or listed under escape.noalloc) allocates on the heap.
description: |
  A hot function that allocates costs its callers a garbage-collection tax
  that no benchmark of the function alone shows. Go developers find these
  with `go build -gcflags=-m`, once; this rule keeps the answer true in CI.
  It reports every heap decision of Go's escape analysis (a variable moved
  to the heap, an allocation that escapes) inside a function held to no
  allocation, with the chain of flows that forces it, as the compiler would
  decide (conclint computes the decisions itself, from source).

  A function is held to no allocation by a `//conclint:noalloc` line in its
  doc comment, or by `.conclint.yml`: `escape: noalloc: functions:` (names
  such as `example.com/m/pkg.Encode` or `(*pkg.T).Write`) and `paths:`
  (globs of files whose every function is held). Nothing else is reported:
  the rule costs nothing in packages without such a function.

  Fix: follow the chain: keep the value in the frame (do not store its
  address in a global, a heap object, an interface or a closure that
  outlives the call), give `make` a constant size, pass buffers in.
  Allocations in loops are reported by ES1002, and the classic avoidable
  shapes, with their own fix, by ES1003.

  Known false positives: decisions the compiler makes differently after
  inlining (conclint follows `-gcflags='-m -l'`, where a call that the
  compiler would inline keeps its callee's tags), and calls into packages
  that conclint could not read, whose parameters are assumed to leak.
tags: [escape, performance, allocation]
precision: high
since: "0.1.0"
analysis: escape
examples:
  bad:
    # The size of a slice is only known at run time.
    - |
      package wire

      // Frame copies a payload into a frame of n bytes.
      //
      //conclint:noalloc
      func Frame(payload []byte, n int) int {
      	buf := ↓make([]byte, n)
      	copy(buf, payload)
      	return len(buf)
      }
    # A pointer kept in a global.
    - |
      package cache

      type entry struct {
      	key  string
      	hits int
      }

      var last *entry

      // Touch records the last key used.
      //
      //conclint:noalloc
      func Touch(key string) {
      	e := ↓&entry{key: key}
      	e.hits++
      	last = e
      }
    # A closure stored in a long-lived slice.
    - |
      package events

      // Bus calls its handlers on each tick.
      type Bus struct{ handlers []func() }

      // OnTick registers a counter.
      //
      //conclint:noalloc
      func (b *Bus) OnTick(count *int) {
      	b.handlers = append(b.handlers, ↓func() { *count++ })
      }
    # A value stored in an interface that outlives the call.
    - |
      package metrics

      var lastValue interface{}

      // Record keeps the last measurement.
      //
      //conclint:noalloc
      func Record(v float64) {
      	lastValue = ↓v
      }
  good:
    # Nothing escapes.
    - |
      package stats

      // Sum adds the values.
      //
      //conclint:noalloc
      func Sum(xs []int) int {
      	total := 0
      	for _, x := range xs {
      		total += x
      	}
      	return total
      }
    # A fixed-size buffer and a pointer that stay in the frame.
    - |
      package check

      type point struct{ x, y int }

      // Checksum folds data into a byte.
      //
      //conclint:noalloc
      func Checksum(data []byte) int {
      	var buf [64]byte
      	n := copy(buf[:], data)
      	p := &point{x: n, y: int(buf[0])}
      	return p.x + p.y
      }
    # Allocations in functions nobody held to no allocation are not reported.
    - |
      package names

      var all []*string

      // Remember keeps a copy of the name.
      func Remember(name string) {
      	s := name
      	all = append(all, &s)
      }
    # The allocation belongs to the helper, which is not held.
    - |
      package build

      func grow(n int) []byte { return make([]byte, n) }

      // Size reports the size of a new buffer.
      //
      //conclint:noalloc
      func Size(n int) int {
      	return len(grow(n))
      }

"""#),
        RuleFileText(relativePath: "escape/ES1002-noalloc-allocation-in-loop.yaml", text: #"""
# A heap allocation inside a loop of a function held to no allocation.
id: ES1002
name: noalloc-allocation-in-loop
category: escape
level: warning
summary: A function held to no allocation allocates on the heap inside a loop, once per iteration.
description: |
  An allocation inside a loop is paid once per iteration: in a function
  held to no allocation (`//conclint:noalloc`, or `escape: noalloc:` in
  `.conclint.yml`) it is the costliest kind. The rule reports the heap
  decisions of Go's escape analysis that sit inside a loop of such a
  function, with the chain of flows that forces each; ES1001 reports the
  others.

  Fix: hoist the allocation out of the loop and reuse it (a buffer passed
  in or kept across iterations, `buf = buf[:0]`), keep per-iteration values
  in the frame (do not send their address to a function value, a channel
  or a global), or give the loop's slices their final capacity up front.

  Known false positives: a loop that runs at most once, and the cases of
  ES1001 (decisions the compiler changes by inlining).
tags: [escape, performance, allocation]
precision: high
since: "0.1.0"
analysis: escape
examples:
  bad:
    # A conversion per line, stored in the output.
    - |
      package text

      // Split copies each line into out.
      //
      //conclint:noalloc
      func Split(lines []string, out [][]byte) {
      	for i, l := range lines {
      		out[i] = ↓[]byte(l)
      	}
      }
    # The address of a per-iteration variable goes to a function value.
    - |
      package feed

      // Collect hands each index to sink.
      //
      //conclint:noalloc
      func Collect(n int, sink func(*int)) {
      	for i := 0; i < n; i++ {
      		↓v := i
      		sink(&v)
      	}
      }
    # A string built per iteration and kept.
    - |
      package keys

      // Join builds one key per id.
      //
      //conclint:noalloc
      func Join(prefix string, ids []string, out []string) {
      	for i, id := range ids {
      		out[i] = ↓prefix + id
      	}
      }
    # A new node per iteration, linked into a list that is returned.
    - |
      package list

      // Node is an element of a list.
      type Node struct {
      	Value int
      	Next  *Node
      }

      // FromSlice builds a list of the values.
      //
      //conclint:noalloc
      func FromSlice(values []int) *Node {
      	var head *Node
      	for _, v := range values {
      		head = ↓&Node{Value: v, Next: head}
      	}
      	return head
      }
  good:
    # The loop reuses one buffer.
    - |
      package text

      // Lengths sums the lengths of the lines.
      //
      //conclint:noalloc
      func Lengths(lines []string) int {
      	var buf [256]byte
      	total := 0
      	for _, l := range lines {
      		total += copy(buf[:], l)
      	}
      	return total
      }
    # Not held to no allocation.
    - |
      package feed

      // Collect hands each index to sink.
      func Collect(n int, sink func(*int)) {
      	for i := 0; i < n; i++ {
      		v := i
      		sink(&v)
      	}
      }
    # The nodes come from a slice the caller owns.
    - |
      package list

      // Node is an element of a list.
      type Node struct {
      	Value int
      	Next  *Node
      }

      // Link chains the nodes in order.
      //
      //conclint:noalloc
      func Link(nodes []Node) *Node {
      	for i := 0; i+1 < len(nodes); i++ {
      		nodes[i].Next = &nodes[i+1]
      	}
      	if len(nodes) == 0 {
      		return nil
      	}
      	return &nodes[0]
      }
    # A per-iteration value that stays in the frame.
    - |
      package sum

      type pair struct{ a, b int }

      // Dot multiplies pairwise and sums.
      //
      //conclint:noalloc
      func Dot(xs, ys []int) int {
      	total := 0
      	for i := range xs {
      		p := &pair{xs[i], ys[i]}
      		total += p.a * p.b
      	}
      	return total
      }

"""#),
        RuleFileText(relativePath: "escape/ES1003-avoidable-heap-allocation.yaml", text: #"""
# A heap allocation of a well-known avoidable shape, with its fix.
id: ES1003
name: avoidable-heap-allocation
category: escape
level: note
summary: A heap allocation has a well-known cheaper shape (returned pointer, interface arguments in a loop, captured loop variable, make with a size that is constant in practice).
description: |
  Some heap allocations come from a handful of habits, each with a
  mechanical fix. In packages that ask for escape checks (a function with
  `//conclint:noalloc`, or `escape: noalloc:` in `.conclint.yml`) the rule
  reports these shapes among Go's escape decisions, in place of ES1001 or
  ES1002, with the fix:

  - a pointer to a local (or to a new composite literal) returned where the
    value would do: return `T`, not `*T`, and let the caller take the
    address, or have the caller pass a `*T` to fill;
  - `fmt`-style `...interface{}` arguments converted inside a loop: every
    non-pointer argument is boxed on the heap each iteration; format once
    outside the loop, or append with `strconv.Append*` to a reused buffer;
  - a loop variable captured by reference by a closure that outlives the
    iteration (a goroutine): pass it as an argument,
    `go func(v T) { ... }(v)`, or copy it first;
  - `make` with a size held in a variable that is always the same constant:
    write the constant (or use an array) so that the slice can stay on the
    stack.

  The rule is silent in packages that did not ask for escape checks, since
  every Go program allocates and these shapes are often fine.

  Known false positives: an API that must return a pointer (a constructor
  whose type holds a mutex), and loops that run once.
tags: [escape, performance, allocation]
precision: medium
since: "0.1.0"
analysis: escape
examples:
  bad:
    # A pointer to a local, returned.
    - |
      package geom

      // Point is a position.
      type Point struct{ X, Y float64 }

      // Mid returns the middle of a and b.
      //
      //conclint:noalloc
      func Mid(a, b Point) *Point {
      	↓m := Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
      	return &m
      }
    # fmt arguments boxed on every iteration.
    - |
      package report

      import (
      	"fmt"
      	"io"
      )

      // Rows prints one row per count.
      //
      //conclint:noalloc
      func Rows(w io.Writer, counts []int) {
      	for i, c := range counts {
      		fmt.Fprintf(w, "%d: %d\n", ↓i, ↓c)
      	}
      }
    # A loop variable shared with goroutines.
    - |
      package jobs

      import "sync"

      // RunAll runs every task with its index.
      //
      //conclint:noalloc
      func RunAll(tasks []func(int)) {
      	var wg sync.WaitGroup
      	for ↓i := range tasks {
      		wg.Add(1)
      		go func() {
      			defer wg.Done()
      			tasks[i](i)
      		}()
      	}
      	wg.Wait()
      }
    # make with a size that never changes.
    - |
      package pad

      // Pad pads s to 16 bytes.
      //
      //conclint:noalloc
      func Pad(s string) int {
      	width := 16
      	buf := ↓make([]byte, width)
      	copy(buf, s)
      	keep(buf)
      	return len(buf)
      }

      var kept [][]byte

      func keep(b []byte) { kept = append(kept, b) }
  good:
    # The value is returned.
    - |
      package geom

      // Point is a position.
      type Point struct{ X, Y float64 }

      // Mid returns the middle of a and b.
      //
      //conclint:noalloc
      func Mid(a, b Point) Point {
      	return Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
      }
    # Numbers appended to a reused buffer.
    - |
      package report

      import "strconv"

      // Rows appends one number per count.
      //
      //conclint:noalloc
      func Rows(buf []byte, counts []int) []byte {
      	for _, c := range counts {
      		buf = strconv.AppendInt(buf, int64(c), 10)
      		buf = append(buf, '\n')
      	}
      	return buf
      }
    # The loop variable is passed as an argument.
    - |
      package jobs

      // RunAll runs every task with its index.
      //
      //conclint:noalloc
      func RunAll(tasks []func(int), done chan<- bool) {
      	for i := range tasks {
      		go func(i int) {
      			tasks[i](i)
      			done <- true
      		}(i)
      	}
      }
    # A constant size keeps the buffer on the stack.
    - |
      package pad

      // Pad pads s to 16 bytes.
      //
      //conclint:noalloc
      func Pad(s string) int {
      	buf := make([]byte, 16)
      	copy(buf, s)
      	return len(buf)
      }

"""#),
        RuleFileText(relativePath: "goroutine/GR1001-goroutine-never-finishes.yaml", text: #"""
# A goroutine that can never return: `select {}` or an endless loop without an exit.
# The format of this file is described in rules/README.md.
id: GR1001
name: goroutine-never-finishes
category: goroutine
level: warning
summary: "A goroutine started here can never finish: it blocks in select {} or loops forever without an exit."
description: |
  A goroutine whose function has no way out (a `select {}`, a `for {}`
  loop without a return, break or panic) runs until the process exits.
  Started from a library function, a handler or anything that runs more
  than once, each call leaks one more goroutine that nobody can stop.

  The rule reports a goroutine whose function cannot reach a return,
  started by a function whose caller goes on after it returns. The
  finding points at the `select {}` or at the loop; the code flow shows
  where it was started and where its starter returned. Goroutines
  started by main, by init, or by functions that only main and init
  call are meant to run for the life of the program and are not reported;
  nor are goroutines started at most once per process, under a guard on
  package-level state that the first start changes: a successful
  compare-and-swap of a package-level flag, a function run only by Do of
  a package-level sync.Once, or lazy initialisation (an early return,
  then a freshly made value stored in a package-level variable before
  the start), or a pool grown to a bound kept in package-level state
  (`for workers < n { go worker(); workers++ }`, or the same with an
  `if`: the start runs only while a comparison of a package-level
  counter holds, and the guarded code moves the counter). A Once that is
  a field (one per object) does not count, nor a counter local to the
  call.
  A goroutine that blocks forever on a channel is reported by the
  channel rules instead.

  Fix: give the loop an exit (a `case <-ctx.Done(): return`, a stop
  channel) and let the owner stop it; keep `select {}` to main.

  The compare-and-swap may be sync/atomic's or a function or method named
  like one (`Cas...`, `CAS`, `CompareAndSwap...`: the runtime's own
  atomics, go.uber.org/atomic's `Bool.CAS`) whose first operand is the
  package-level flag.

  Known false positives: a loop that ends the process (a call to
  os.Exit or log.Fatal that the analysis does not see as ending the
  goroutine); a service started once from a function that main calls
  through code outside the analysed packages; a once guard the IR does
  not show (a compare-and-swap under another name, a pool of workers
  bounded by a package-level counter that the workers bump themselves:
  `for workers < n { go worker() }`).
tags: [goroutine, goroutine-leak]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # select {} in a goroutine started by a library function.
    - |
      package health

      import "net/http"

      // Start serves /healthz in the background.
      func Start(addr string) {
      	go func() {
      		go func() {
      			_ = http.ListenAndServe(addr, nil)
      		}()
      		↓select {}
      	}()
      }
    # A refresh loop without a way to stop it.
    - |
      package client

      import "time"

      // Client keeps a token fresh.
      type Client struct {
      	refresh func()
      }

      // StartRefresh refreshes the token at every interval, forever.
      func (c *Client) StartRefresh(every time.Duration) {
      	go func() {
      		↓for {
      			time.Sleep(every)
      			c.refresh()
      		}
      	}()
      }
    # A forwarder that spins forever once its input is closed.
    - |
      package relay

      // Event is a message to forward.
      type Event struct {
      	Name string
      }

      // Forward passes every event to out.
      func Forward(in <-chan Event, out func(Event)) {
      	go func() {
      		↓for {
      			out(<-in)
      		}
      	}()
      }
    # A generic retry loop whose continue was meant as a break.
    - |
      package retry

      import "time"

      // All runs every job in the background, retrying failures.
      func All[T any](jobs []T, do func(T) error) {
      	for _, j := range jobs {
      		go func(j T) {
      			↓for {
      				if err := do(j); err == nil {
      					continue
      				}
      				time.Sleep(time.Second)
      			}
      		}(j)
      	}
      }
    # Each call starts one more loop: the package-level channel is made again, with no check first.
    - |
      package notify

      var wake chan struct{}

      // Listen starts the listener that handles wake-ups.
      func Listen(handle func()) {
      	if handle == nil {
      		return
      	}
      	go func() {
      		↓for {
      			<-wake
      			handle()
      		}
      	}()
      	wake = make(chan struct{})
      }
    # A Once per object: every object started leaves one more loop behind.
    - |
      package poller

      import (
      	"sync"
      	"time"
      )

      // Poller polls in the background once started.
      type Poller struct {
      	once sync.Once
      	poll func()
      }

      // Start starts the poller's loop (once per Poller).
      func (p *Poller) Start() {
      	p.once.Do(func() {
      		go func() {
      			↓for {
      				time.Sleep(time.Second)
      				p.poll()
      			}
      		}()
      	})
      }
    # The IR pins endless loops: no return is reachable from the goroutine's entry.
    - lang: cir
      code: |
        package example.com/gr1001/bad

        func example.com/gr1001/bad.Start(f func()) {
        b0:
            go example.com/gr1001/bad.Start.func1()
            return
        }

        func example.com/gr1001/bad.Start.func1() {
            parent example.com/gr1001/bad.Start
            capture f func()
        b0:
            jump b1
        b1: loop
            ↓call (f)()
            jump b1
        }
    # A CAS flag per object: every Cache made starts one more endless loop.
    - |
      package cache

      import (
      	"sync/atomic"
      	"time"
      )

      // Flag is an atomic boolean.
      type Flag struct{ v uint32 }

      // CAS sets the flag to new if it is old, and reports whether it did.
      func (f *Flag) CAS(old, new bool) bool {
      	return atomic.CompareAndSwapUint32(&f.v, word(old), word(new))
      }

      func word(b bool) uint32 {
      	if b {
      		return 1
      	}
      	return 0
      }

      // Cache drops its entries every minute once used.
      type Cache struct {
      	sweeping Flag
      	entries  atomic.Value
      }

      // Put stores the entries and starts the sweeper on first use.
      func (c *Cache) Put(entries map[string]string) {
      	c.entries.Store(entries)
      	if c.sweeping.CAS(false, true) {
      		go func() {
      			↓for {
      				time.Sleep(time.Minute)
      				c.entries.Store(map[string]string{})
      			}
      		}()
      	}
      }
    # The same pool with a counter local to the call: each call starts
    # another set of workers that never end.
    - |
      package render

      import "runtime"

      var jobs = make(chan func(), 16)

      // Start starts one worker per CPU.
      func Start() {
      	workers := 0
      	for workers < runtime.NumCPU() {
      		go func() {
      			↓for {
      				(<-jobs)()
      			}
      		}()
      		workers++
      	}
      }
  good:
    # main runs forever by design.
    - |
      package main

      import (
      	"log"
      	"time"
      )

      func main() {
      	go func() {
      		for {
      			time.Sleep(time.Minute)
      			log.Println("alive")
      		}
      	}()
      	select {}
      }
    # The loop exits when the context ends.
    - |
      package client

      import (
      	"context"
      	"time"
      )

      // StartRefresh refreshes at every interval until ctx ends.
      func StartRefresh(ctx context.Context, every time.Duration, refresh func()) {
      	go func() {
      		t := time.NewTicker(every)
      		defer t.Stop()
      		for {
      			select {
      			case <-ctx.Done():
      				return
      			case <-t.C:
      				refresh()
      			}
      		}
      	}()
      }
    # A forwarder that returns when its input is closed.
    - |
      package relay

      // Forward passes every value to out until in is closed.
      func Forward(in <-chan string, out func(string)) {
      	go func() {
      		for v := range in {
      			out(v)
      		}
      	}()
      }
    # A helper that only main calls starts the background loop.
    - |
      package main

      import (
      	"log"
      	"time"
      )

      func startMetrics() {
      	go func() {
      		for {
      			time.Sleep(10 * time.Second)
      			log.Println("metrics flushed")
      		}
      	}()
      }

      func main() {
      	startMetrics()
      	time.Sleep(time.Second)
      }
    # A func init starts the package's background service, once for the process.
    - |
      package stats

      import "time"

      var uptime time.Duration

      func init() {
      	go func() {
      		for {
      			time.Sleep(time.Second)
      			uptime += time.Second
      		}
      	}()
      }
    # Started once for the process: only the caller whose compare-and-swap of the flag succeeds starts it.
    - |
      package finalize

      import "sync/atomic"

      var started uint32
      var queue = make(chan func(), 64)

      // Enqueue runs f on the package's single background runner.
      func Enqueue(f func()) {
      	if atomic.CompareAndSwapUint32(&started, 0, 1) {
      		go func() {
      			for {
      				(<-queue)()
      			}
      		}()
      	}
      	queue <- f
      }
    # The same with an atomic flag type of the kind libraries use
    # (go.uber.org/atomic's Bool.CAS): a package-level flag, swapped once.
    - |
      package metrics

      import (
      	"sync/atomic"
      	"time"
      )

      // Flag is an atomic boolean.
      type Flag struct{ v uint32 }

      // CAS sets the flag to new if it is old, and reports whether it did.
      func (f *Flag) CAS(old, new bool) bool {
      	return atomic.CompareAndSwapUint32(&f.v, word(old), word(new))
      }

      func word(b bool) uint32 {
      	if b {
      		return 1
      	}
      	return 0
      }

      var (
      	flushing Flag
      	pending  int64
      )

      // Count records n events; the first call starts the process-wide flusher.
      func Count(n int64) {
      	atomic.AddInt64(&pending, n)
      	if flushing.CAS(false, true) {
      		go func() {
      			for {
      				time.Sleep(time.Second)
      				atomic.StoreInt64(&pending, 0)
      			}
      		}()
      	}
      }
    # A package-level sync.Once runs the start once for the process.
    - |
      package cachegc

      import (
      	"sync"
      	"time"
      )

      var sweeperOnce sync.Once

      func startSweeper(sweep func()) {
      	go func() {
      		for {
      			time.Sleep(time.Minute)
      			sweep()
      		}
      	}()
      }

      // Use makes sure the package's sweeper runs.
      func Use(sweep func()) {
      	sweeperOnce.Do(func() { startSweeper(sweep) })
      }
    # Lazily started singleton: the package-level channel is checked, then made and published before the start.
    - |
      package sigmask

      var updates chan uint32

      // Ensure starts the thread that applies mask updates, once.
      func Ensure(apply func(uint32)) {
      	if updates != nil {
      		return
      	}
      	updates = make(chan uint32)
      	go func() {
      		for {
      			apply(<-updates)
      		}
      	}()
      }
    # A pool grown to a bound kept in package-level state: the loop that
    # starts the workers counts them in a package-level variable, so however
    # often Ensure runs, at most max workers are ever started.
    - |
      package render

      import "runtime"

      var (
      	workers int
      	jobs    = make(chan func(), 16)
      )

      // Ensure starts workers until there is one per CPU.
      func Ensure() {
      	for workers < runtime.NumCPU() {
      		go func() {
      			for {
      				(<-jobs)()
      			}
      		}()
      		workers++
      	}
      }
    # The IR pins program lifetime: main may start goroutines that never end.
    - lang: cir
      code: |
        package main

        func main.main() {
        b0:
            go main.main.func1()
            select {}
        }

        func main.main.func1() {
            parent main.main
        b0:
            select {}
        }

"""#),
        RuleFileText(relativePath: "goroutine/GR1050-defer-in-loop.yaml", text: #"""
# A defer in a loop or a recursion that holds a per-iteration resource until the function returns. The format of
# this file is described in rules/README.md.
id: GR1050
name: defer-in-loop
category: goroutine
level: warning
summary: A defer inside a loop (or a recursive function) keeps what each iteration acquired until the function returns.
description: |
  Deferred calls run when the function returns, not when the loop
  iteration ends. A batch importer with `defer f.Close()` in its loop holds
  every file of the batch open until the batch is done (and fails with "too
  many open files" on a large one); `defer rows.Close()` per query holds a
  database connection per iteration; `defer resp.Body.Close()` per request
  keeps every connection busy. In a recursive function, each level keeps
  its resource until the whole recursion unwinds: a directory walk holds
  one open directory per level. The goroutine holds all of it for as long
  as it runs, and the deferred calls pile up in memory too.

  The rule reports a `defer` that releases something (Close, Stop,
  Release, Rollback, Put, ... on a value, or such a call inside a deferred
  closure) when the deferred statement is in a loop and the released value
  is acquired in the same loop (a call's result), or when the function is
  recursive, acquires the value itself, and calls back into the recursion
  after the defer (the finding then carries the path to that call). Locks
  and cancel functions have their own rules (MU1050, CX1050).

  A function is recursive when it calls itself through functions and
  concrete methods, or through an interface method or function value that
  may be the function itself (`h.Next.ServeHTTP` in a ServeHTTP, a
  recursive closure). A way back only through another dynamic call (any
  `Read` of the program reached from an `io.Reader`, a callback field) is
  not a recursion: every function that reads or calls back would look
  recursive in the whole-program call graph. Nor is a call through an
  interface most of the program implements (more than 64 methods, as
  `io.Reader`'s `Read`): it is unknown code to every analysis.

  Not reported in a loop written with a constant bound (`for i := 0; i <
  5; i++`, `for range 3`) that, with the loops around it, turns at most
  16 times: that many files or connections kept to the end is a small, fixed set, and
  usually meant (a test holding five clients open while it checks the
  server's count), not a pile-up that grows with the input. A bound the
  function fixes counts as constant: a local given one constant and never
  changed (`n := 3`, which closures may read but not assign), a slice
  made with a constant length (`clients := make([]*Conn, 4)`; `for i :=
  range clients`), a slice literal without keys (a test's table of three
  cases), an array. A loop over input, or bounded by a variable the
  function does not fix (a parameter, a value it changes), is still
  reported.

  Not reported in a recursion: a release of what an acquisition opened
  together with a context that every recursive call receives (`ctx, span
  := trace.StartSpan(ctx, name)`, then `load(ctx, ...)`): the next level
  runs inside that context, so the span is meant to end after it.

  Not reported when the loop keeps what it acquires for after the
  iteration: the released value, or a value a call made from it that can
  point at it (`newSegment(f)`, not the bytes `io.ReadAll(f)` returns),
  stored in a variable declared outside the loop (`conns[i] = c`, `clients
  = append(clients, c)`), a global or a map (sent on a channel is not
  enough: the receiver may be done with it within the iteration), or, in
  a loop whose turns are counted, handed to a goroutine the iteration
  starts (`go drain(c)`, or a closure that captures it), which may use it
  after the iteration. An accept loop that hands each connection to a
  handler goroutine is still reported: its defers pile up for as long as
  it runs, and the handler should close the connection. So is a turn that
  waits for its goroutine on a channel it makes for it (`done :=
  make(chan error)`, then `<-done`): the goroutine is done with the
  resource when the turn ends, unless its function still uses the
  resource after it sends on or closes that channel (`go pubLoop(c,
  ready)` that closes `ready` once it has started, then publishes on
  `c`), and the turn does not range over the channel to its close. The loop
  collects resources to use together, so they must all be open at once;
  the defers close them on every way out, and releasing each at the end of
  its iteration would close what is still in use.

  Fix: move the body of the iteration into a function (or a function
  literal called each iteration) so that its defer runs at the end of each
  iteration (the suggested fix wraps a loop body that does not return);
  or release explicitly at the end of the iteration; in a recursion,
  release before the recursive call.

  Known false positives: a loop that runs once or twice in practice (a
  retry loop that returns on success), where only a few releases wait; a
  select case in a loop that receives the one reply another goroutine
  sends on a channel made for this call (a write result, so the case runs
  once); a recursion whose depth is small by construction. Closing every element of
  a list at the end (`for _, c := range closers { defer c.Close() }`) is
  meant and not reported: the resource must be acquired in the loop.
tags: [goroutine, defer, resource-leak]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # Each turn hands its connection to a goroutine and waits for its
    # answer on a channel made for the turn: the goroutine is done with it,
    # but the defer keeps every connection open until Probe returns.
    - |
      package probe

      import (
      	"net"
      	"time"
      )

      // Probe dials every address and measures the first reply.
      func Probe(addrs []string, ping func(net.Conn) error) []time.Duration {
      	var took []time.Duration
      	for _, a := range addrs {
      		c, err := net.Dial("tcp", a)
      		if err != nil {
      			continue
      		}
      		↓defer c.Close()
      		start := time.Now()
      		done := make(chan error, 1)
      		go func() { done <- ping(c) }()
      		if <-done == nil {
      			took = append(took, time.Since(start))
      		}
      	}
      	return took
      }
    # An accept loop hands each connection to a handler but defers its
    # Close: every connection stays open until Serve returns.
    - |
      package echo

      import (
      	"io"
      	"net"
      )

      // Serve echoes every connection back to its sender.
      func Serve(l net.Listener) error {
      	for {
      		c, err := l.Accept()
      		if err != nil {
      			return err
      		}
      		↓defer c.Close()
      		go io.Copy(c, c)
      	}
      }
    # Redialled after a failed write: the nil test runs the defer once
    # per connection, and every old one stays open until Pump returns.
    - |
      package pump

      import "net"

      // Pump writes every message to addr, reconnecting after a failure.
      func Pump(addr string, msgs <-chan []byte) error {
      	var conn net.Conn
      	var err error
      	for m := range msgs {
      		if conn == nil {
      			conn, err = net.Dial("tcp", addr)
      			if err != nil {
      				return err
      			}
      			↓defer conn.Close()
      		}
      		if _, err := conn.Write(m); err != nil {
      			conn = nil
      		}
      	}
      	return nil
      }
    # Each turn closes one client and defers the close of another: the
    # explicit Close is of the next turn's first client, not the deferred one.
    - |
      package monitor

      import "net"

      // OpenAndClosed leaves n clients open and n closed.
      func OpenAndClosed(addr string, n int) error {
      	for i := 0; i < n; i++ {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			return err
      		}
      		c.Close()
      		c, err = net.Dial("tcp", addr)
      		if err != nil {
      			return err
      		}
      		↓defer c.Close()
      	}
      	return nil
      }
    # The explicit Close is skipped when the handshake fails: that turn's
    # connection stays open until the server stops.
    - |
      package fakeserver

      import (
      	"bufio"
      	"net"
      )

      // greetAll greets every client and hangs up, except after a failed write.
      func greetAll(l net.Listener) {
      	for {
      		conn, err := l.Accept()
      		if err != nil {
      			return
      		}
      		↓defer conn.Close()
      		if _, err := conn.Write([]byte("HELLO\r\n")); err != nil {
      			continue
      		}
      		bufio.NewReader(conn).ReadLine()
      		conn.Close()
      	}
      }
    # A batch importer opening files in a loop.
    - |
      package importer

      import (
      	"bufio"
      	"os"
      )

      // CountLines counts the lines of every file.
      func CountLines(paths []string) (int, error) {
      	total := 0
      	for _, p := range paths {
      		f, err := os.Open(p)
      		if err != nil {
      			return total, err
      		}
      		↓defer f.Close()
      		s := bufio.NewScanner(f)
      		for s.Scan() {
      			total++
      		}
      	}
      	return total, nil
      }
    # Response bodies closed by a deferred closure in a polling loop.
    - |
      package poll

      import (
      	"io"
      	"net/http"
      	"time"
      )

      // Watch fetches url every interval and hands the body to handle.
      func Watch(url string, interval time.Duration, handle func([]byte)) error {
      	for {
      		resp, err := http.Get(url)
      		if err != nil {
      			return err
      		}
      		↓defer func() {
      			resp.Body.Close()
      		}()
      		body, err := io.ReadAll(resp.Body)
      		if err != nil {
      			return err
      		}
      		handle(body)
      		time.Sleep(interval)
      	}
      }
    # Database rows closed at the end of the function, one query per user.
    - |
      package report

      import "database/sql"

      type Store struct {
      	db *sql.DB
      }

      // Orders counts the orders of each user.
      func (s *Store) Orders(users []int) (map[int]int, error) {
      	out := map[int]int{}
      	for _, u := range users {
      		rows, err := s.db.Query("SELECT id FROM orders WHERE user_id = ?", u)
      		if err != nil {
      			return nil, err
      		}
      		↓defer rows.Close()
      		for rows.Next() {
      			out[u]++
      		}
      	}
      	return out, nil
      }
    # A recursive directory walk holds one open directory per level.
    - |
      package walk

      import (
      	"os"
      	"path/filepath"
      )

      // Files calls visit for every file below dir.
      func Files(dir string, visit func(string)) error {
      	d, err := os.Open(dir)
      	if err != nil {
      		return err
      	}
      	↓defer d.Close()
      	entries, err := d.ReadDir(-1)
      	if err != nil {
      		return err
      	}
      	for _, e := range entries {
      		p := filepath.Join(dir, e.Name())
      		if e.IsDir() {
      			if err := Files(p, visit); err != nil {
      				return err
      			}
      			continue
      		}
      		visit(p)
      	}
      	return nil
      }
    # A chain of handlers: the next one may be another Dir, so the call through the interface recurses.
    - |
      package chain

      import (
      	"io"
      	"os"
      )

      type Handler interface {
      	Serve(name string, w io.Writer) error
      }

      type Dir struct {
      	Root string
      	Next Handler
      }

      // Serve copies the file, or hands the name on when it is missing here.
      func (d *Dir) Serve(name string, w io.Writer) error {
      	f, err := os.Open(d.Root + "/" + name)
      	if err != nil {
      		return err
      	}
      	↓defer f.Close()
      	st, err := f.Stat()
      	if err != nil {
      		return err
      	}
      	if st.Size() == 0 && d.Next != nil {
      		return d.Next.Serve(name, w)
      	}
      	_, err = io.Copy(w, f)
      	return err
      }
    # A context is passed down, but the file is not part of it: each level still holds its directory open.
    - |
      package scan

      import (
      	"context"
      	"os"
      	"path/filepath"
      )

      // Count counts the files below dir until ctx is done.
      func Count(ctx context.Context, dir string) (int, error) {
      	d, err := os.Open(dir)
      	if err != nil {
      		return 0, err
      	}
      	↓defer d.Close()
      	entries, err := d.ReadDir(-1)
      	if err != nil {
      		return 0, err
      	}
      	n := 0
      	for _, e := range entries {
      		if ctx.Err() != nil {
      			return n, ctx.Err()
      		}
      		if e.IsDir() {
      			m, err := Count(ctx, filepath.Join(dir, e.Name()))
      			if err != nil {
      				return n, err
      			}
      			n += m
      			continue
      		}
      		n++
      	}
      	return n, nil
      }
    # A constant bound, but a large one: a thousand connections stay open
    # until the end.
    - |
      package loadtest

      import "net"

      // Saturate opens a thousand connections to addr and keeps them while ping runs.
      func Saturate(addr string, ping func() error) error {
      	for i := 0; i < 1000; i++ {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			return err
      		}
      		↓defer c.Close()
      	}
      	return ping()
      }
    # A probe sized by the caller: each connection is used in its own
    # iteration only, yet all n stay open until the end.
    - |
      package pool

      import "net"

      // Probe dials addr n times and checks that each connection answers.
      func Probe(addr string, n int, ping func(net.Conn) error) error {
      	for i := 0; i < n; i++ {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			return err
      		}
      		↓defer c.Close()
      		if err := ping(c); err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # What the loop keeps is the bytes read, not the file: every file stays
    # open until all are read.
    - |
      package bundle

      import (
      	"io"
      	"os"
      )

      // ReadAll returns the contents of every file.
      func ReadAll(paths []string) ([][]byte, error) {
      	var out [][]byte
      	for _, p := range paths {
      		f, err := os.Open(p)
      		if err != nil {
      			return nil, err
      		}
      		↓defer f.Close()
      		b, err := io.ReadAll(f)
      		if err != nil {
      			return nil, err
      		}
      		out = append(out, b)
      	}
      	return out, nil
      }
    # A local bound that the function changes before the loop: not one
    # fixed value.
    - |
      package mirror

      import "os"

      // Copies opens one destination file per replica.
      func Copies(base string, extra bool) error {
      	replicas := 2
      	if extra {
      		replicas = 50
      	}
      	for i := 0; i < replicas; i++ {
      		f, err := os.Create(base + string(rune('a'+i)))
      		if err != nil {
      			return err
      		}
      		↓defer f.Close()
      	}
      	return nil
      }
  good:
    # Each publisher closes its turn's channel once it is ready, then
    # keeps publishing on its connection after the loop.
    - |
      package bench

      import (
      	"bufio"
      	"net"
      )

      // Publishers starts n publishers and releases them together.
      func Publishers(addr string, n int, payload []byte) error {
      	start := make(chan struct{})
      	defer close(start)
      	publish := func(c net.Conn, ready chan struct{}) {
      		w := bufio.NewWriter(c)
      		close(ready)
      		<-start
      		w.Write(payload)
      		w.Flush()
      		c.Write(payload)
      	}
      	for i := 0; i < n; i++ {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			return err
      		}
      		defer c.Close()
      		ready := make(chan struct{})
      		go publish(c, ready)
      		<-ready
      	}
      	return nil
      }
    # A test's table of three cases: three listeners kept to the end.
    - |
      package proxy

      import (
      	"net"
      	"testing"
      )

      func TestListen(t *testing.T) {
      	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0"} {
      		l, err := net.Listen("tcp", addr)
      		if err != nil {
      			t.Fatal(err)
      		}
      		defer l.Close()
      		t.Log(l.Addr())
      	}
      }
    # A constant bound that a callback reads: four clients held to the end.
    - |
      package server

      import (
      	"net"
      	"testing"
      	"time"
      )

      func waitFor(t *testing.T, d time.Duration, ok func() bool) {
      	for deadline := time.Now().Add(d); !ok(); time.Sleep(time.Millisecond) {
      		if time.Now().After(deadline) {
      			t.Fatal("timed out")
      		}
      	}
      }

      func checkClientsCounted(t *testing.T, addr string, count func() int) {
      	numClients := 4
      	for i := 0; i < numClients; i++ {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			t.Fatal(err)
      		}
      		defer c.Close()
      	}
      	waitFor(t, time.Second, func() bool { return count() == numClients })
      }
    # Each connection is handed to a goroutine that reads it after the
    # iteration: closing it there would pull it from under the reader.
    - |
      package bench

      import (
      	"io"
      	"net"
      	"sync"
      )

      // Fanout opens n subscribers, publishes, and waits for them to drain.
      func Fanout(addr string, n int, publish func()) error {
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			return err
      		}
      		defer c.Close()
      		wg.Add(1)
      		go func() {
      			defer wg.Done()
      			io.Copy(io.Discard, c)
      		}()
      	}
      	publish()
      	wg.Wait()
      	return nil
      }
    # A deadline timer made on the first turn that needs one: the defer
    # runs at most once per call.
    - |
      package stream

      import (
      	"errors"
      	"time"
      )

      var errDeadline = errors.New("deadline exceeded")

      // Read waits for data, up to the deadline the caller may set.
      func Read(ready func() bool, wake <-chan struct{}, deadline func() time.Time) error {
      	var timer *time.Timer
      	for !ready() {
      		d := deadline()
      		if d.IsZero() {
      			<-wake
      			continue
      		}
      		if timer == nil {
      			timer = time.NewTimer(time.Until(d))
      			defer timer.Stop()
      		} else {
      			if !timer.Stop() {
      				<-timer.C
      			}
      			timer.Reset(time.Until(d))
      		}
      		select {
      		case <-wake:
      		case <-timer.C:
      			return errDeadline
      		}
      	}
      	return nil
      }
    # The defer only covers a panic: every turn closes the connection
    # explicitly before the next Accept.
    - |
      package fakeserver

      import (
      	"bufio"
      	"net"
      )

      // rejectAll answers every client with an auth error and hangs up.
      func rejectAll(l net.Listener) {
      	for {
      		conn, err := l.Accept()
      		if err != nil {
      			return
      		}
      		defer conn.Close()
      		if _, err := conn.Write([]byte("INFO {}\r\n")); err != nil {
      			conn.Close()
      			continue
      		}
      		br := bufio.NewReader(conn)
      		br.ReadLine()
      		conn.Write([]byte("-ERR 'authorization violation'\r\n"))
      		conn.Close()
      	}
      }
    # A pool sized by the caller, whose connections are checked together
    # after the loop: they must all be open at once, and the defers close
    # them on every way out (the loop keeps them in conns).
    - |
      package pool

      import "net"

      // Warm dials n connections, checks them, and closes them on return.
      func Warm(addr string, n int, check func([]net.Conn) error) error {
      	conns := make([]net.Conn, n)
      	for i := range conns {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			return err
      		}
      		defer c.Close()
      		conns[i] = c
      	}
      	return check(conns)
      }
    # A reader of a write-ahead log keeps a reader over every segment, made
    # from the file, for the decoder that reads them all after the loop.
    - |
      package wal

      import (
      	"bufio"
      	"os"
      	"path/filepath"
      )

      // segment reads one file of the log.
      type segment struct {
      	r *bufio.Reader
      }

      func newSegment(f *os.File) *segment { return &segment{r: bufio.NewReader(f)} }

      // Replay decodes every segment in order.
      func Replay(dir string, names []string, decode func([]*segment) error) error {
      	var segments []*segment
      	for _, name := range names {
      		f, err := os.Open(filepath.Join(dir, name))
      		if err != nil {
      			return err
      		}
      		defer f.Close()
      		segments = append(segments, newSegment(f))
      	}
      	return decode(segments)
      }
    # Four clients in a slice made with a constant length, kept open while
    # the test checks the server: a fixed few, as a constant bound.
    - |
      package monitor

      import (
      	"net"
      	"testing"
      )

      func checkConnz(t *testing.T, addr string, want int) {}

      func TestConnzSorted(t *testing.T) {
      	addr := "127.0.0.1:8222"
      	clients := make([]net.Conn, 4)
      	for i := range clients {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			t.Fatal(err)
      		}
      		clients[i] = c
      		defer clients[i].Close()
      	}
      	checkConnz(t, addr, len(clients))
      }
    # A bound held in a local that is given one constant and never changed:
    # the same as a constant.
    - |
      package exec

      import (
      	"os"
      	"testing"
      )

      func runChild(t *testing.T, files []*os.File) {}

      func TestExtraFiles(t *testing.T) {
      	npipes := 2
      	var files []*os.File
      	for i := 0; i < npipes; i++ {
      		r, w, err := os.Pipe()
      		if err != nil {
      			t.Fatal(err)
      		}
      		defer r.Close()
      		defer w.Close()
      		files = append(files, r)
      	}
      	runChild(t, files)
      }
    # Five clients kept open on purpose while the test checks the server's
    # count: a loop with a small constant bound holds a fixed few.
    - |
      package server

      import (
      	"net"
      	"testing"
      )

      func countClients(t *testing.T, addr string, want int) {}

      func TestCountsClients(t *testing.T) {
      	addr := "127.0.0.1:4222"
      	for i := 0; i < 5; i++ {
      		c, err := net.Dial("tcp", addr)
      		if err != nil {
      			t.Fatal(err)
      		}
      		defer c.Close()
      	}
      	countClients(t, addr, 5)
      }
    # Each file in its own function: the defer runs per file.
    - |
      package importer

      import (
      	"bufio"
      	"os"
      )

      func countFile(p string) (int, error) {
      	f, err := os.Open(p)
      	if err != nil {
      		return 0, err
      	}
      	defer f.Close()
      	n := 0
      	s := bufio.NewScanner(f)
      	for s.Scan() {
      		n++
      	}
      	return n, s.Err()
      }

      // CountLines counts the lines of every file.
      func CountLines(paths []string) (int, error) {
      	total := 0
      	for _, p := range paths {
      		n, err := countFile(p)
      		if err != nil {
      			return total, err
      		}
      		total += n
      	}
      	return total, nil
      }
    # A function literal called each iteration.
    - |
      package poll

      import (
      	"io"
      	"net/http"
      )

      // FetchAll fetches every url and hands each body to handle.
      func FetchAll(urls []string, handle func([]byte)) error {
      	for _, u := range urls {
      		err := func() error {
      			resp, err := http.Get(u)
      			if err != nil {
      				return err
      			}
      			defer resp.Body.Close()
      			body, err := io.ReadAll(resp.Body)
      			if err != nil {
      				return err
      			}
      			handle(body)
      			return nil
      		}()
      		if err != nil {
      			return err
      		}
      	}
      	return nil
      }
    # Closing a list of resources at the end is meant.
    - |
      package shutdown

      import "io"

      // All closes every closer when the function returns.
      func All(closers []io.Closer, run func() error) error {
      	for _, c := range closers {
      		defer c.Close()
      	}
      	return run()
      }
    # The recursion closes the directory before descending.
    - |
      package walk

      import (
      	"os"
      	"path/filepath"
      )

      // Files calls visit for every file below dir.
      func Files(dir string, visit func(string)) error {
      	d, err := os.Open(dir)
      	if err != nil {
      		return err
      	}
      	entries, err := d.ReadDir(-1)
      	d.Close()
      	if err != nil {
      		return err
      	}
      	for _, e := range entries {
      		p := filepath.Join(dir, e.Name())
      		if e.IsDir() {
      			if err := Files(p, visit); err != nil {
      				return err
      			}
      			continue
      		}
      		visit(p)
      	}
      	return nil
      }
    # The function reads through an io.Reader; one Reader of the program loads an included file with it, but
    # that is another function: the only way back is a dynamic call to some other Read, not a recursion.
    - |
      package conf

      import (
      	"io"
      	"os"
      	"strings"
      )

      type Conf struct {
      	Lines []string
      	Err   error
      }

      // Load reads the configuration file at path.
      func Load(path string) *Conf {
      	f, err := os.Open(path)
      	if err != nil {
      		return &Conf{Err: err}
      	}
      	defer f.Close()
      	return parse(f)
      }

      func parse(r io.Reader) *Conf {
      	var b strings.Builder
      	buf := make([]byte, 512)
      	for {
      		n, err := r.Read(buf)
      		b.Write(buf[:n])
      		if err != nil {
      			break
      		}
      	}
      	return &Conf{Lines: strings.Split(b.String(), "\n")}
      }

      // include reads the lines of another configuration file, loaded on the first Read.
      type include struct {
      	path string
      	rest []byte
      	done bool
      }

      func (in *include) Read(p []byte) (int, error) {
      	if !in.done {
      		in.done = true
      		in.rest = []byte(strings.Join(Load(in.path).Lines, "\n"))
      	}
      	if len(in.rest) == 0 {
      		return 0, io.EOF
      	}
      	n := copy(p, in.rest)
      	in.rest = in.rest[n:]
      	return n, nil
      }

      // Included parses the file named path as an include.
      func Included(path string) *Conf {
      	return parse(&include{path: path})
      }
    # A trace span per level, whose context the next level runs in: the span is meant to cover the nested work.
    - |
      package deps

      import (
      	"context"
      	"log"
      	"time"
      )

      type Span struct {
      	name  string
      	start time.Time
      }

      type spanKey struct{}

      // StartSpan opens a span named name, a child of the span of ctx if any.
      func StartSpan(ctx context.Context, name string) (context.Context, *Span) {
      	s := &Span{name: name, start: time.Now()}
      	return context.WithValue(ctx, spanKey{}, s), s
      }

      // Done ends the span.
      func (s *Span) Done() {
      	log.Printf("%s took %v", s.name, time.Since(s.start))
      }

      // Load loads pkg and, first, everything it imports.
      func Load(ctx context.Context, pkg string, imports map[string][]string, seen map[string]bool) {
      	ctx, span := StartSpan(ctx, "load "+pkg)
      	defer span.Done()
      	if seen[pkg] {
      		return
      	}
      	seen[pkg] = true
      	for _, dep := range imports[pkg] {
      		Load(ctx, dep, imports, seen)
      	}
      }

"""#),
        RuleFileText(relativePath: "goroutine/GR1051-deferred-closure-holds-buffer.yaml", text: #"""
# A deferred closure that keeps a large buffer alive for the life of a long-running function. The format of
# this file is described in rules/README.md.
id: GR1051
name: deferred-closure-holds-buffer
category: goroutine
level: warning
summary: A deferred closure captures a large buffer, keeping it alive while the function runs a loop with no known end.
description: |
  A closure keeps every variable it captures reachable until it runs; a
  deferred closure runs when the function returns. In a server loop, a
  worker or any goroutine that runs for the life of the process, a
  deferred closure that mentions a large buffer (to log its size, to put
  it back in a pool, to zero it) keeps the buffer alive for as long as the
  loop runs, although the loop itself never touches it: tens of megabytes
  held per goroutine.

  The rule reports a deferred function literal that captures a variable
  holding a large buffer (a slice made with a constant length or capacity
  of at least 64 KiB, or an array of that size), when the function later
  runs a loop whose trip count is not known (`for {}`, a range over a
  channel, a condition loop) that does not use the buffer.

  Fix: capture only what the deferred code needs (`n := len(buf)`), set the
  variable to nil once the buffer is no longer needed, or move the buffer's
  work into its own function.

  Known false positives: a loop that in practice ends quickly.
tags: [goroutine, defer, memory]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A server that logs the config size when it stops.
    - |
      package server

      import (
      	"log"
      	"os"
      )

      // Serve answers requests until the channel closes.
      func Serve(path string, requests <-chan string, replies chan<- int) {
      	buf := make([]byte, 16<<20)
      	f, err := os.Open(path)
      	if err != nil {
      		return
      	}
      	n, _ := f.Read(buf)
      	f.Close()
      	↓defer func() {
      		log.Printf("stopped; config was %d of %d bytes", n, len(buf))
      	}()
      	for req := range requests {
      		replies <- len(req)
      	}
      }
    # A worker goroutine that zeroes its scratch array on exit.
    - |
      package worker

      // Start runs jobs in the background until quit is closed.
      func Start(jobs <-chan func(), quit <-chan struct{}) {
      	go func() {
      		var scratch [1 << 20]byte
      		scratch[0] = 1
      		↓defer func() {
      			for i := range scratch {
      				scratch[i] = 0
      			}
      		}()
      		for {
      			select {
      			case j := <-jobs:
      				j()
      			case <-quit:
      				return
      			}
      		}
      	}()
      }
    # A consumer that returns its decode buffer to a pool on exit.
    - |
      package consumer

      import "sync"

      var buffers sync.Pool

      // Consume decodes messages until the channel closes.
      func Consume(msgs <-chan []byte, handle func([]byte)) {
      	buf := make([]byte, 0, 4<<20)
      	buf = append(buf, "warm-up"...)
      	handle(buf)
      	↓defer func() {
      		buffers.Put(&buf)
      	}()
      	for m := range msgs {
      		handle(m)
      	}
      }
    # A poller whose deferred report mentions the initial snapshot.
    - |
      package poller

      import (
      	"log"
      	"time"
      )

      // Watch polls check every interval until it reports done.
      func Watch(check func() bool, interval time.Duration) {
      	snapshot := make([]int64, 1<<17)
      	snapshot[0] = time.Now().Unix()
      	↓defer func() {
      		log.Printf("watch ended; started at %d", snapshot[0])
      	}()
      	for !check() {
      		time.Sleep(interval)
      	}
      }
  good:
    # Only the length is captured.
    - |
      package server

      import (
      	"log"
      	"os"
      )

      // Serve answers requests until the channel closes.
      func Serve(path string, requests <-chan string, replies chan<- int) {
      	buf := make([]byte, 16<<20)
      	f, err := os.Open(path)
      	if err != nil {
      		return
      	}
      	n, _ := f.Read(buf)
      	f.Close()
      	size := len(buf)
      	buf = nil
      	defer func() {
      		log.Printf("stopped; config was %d of %d bytes", n, size)
      	}()
      	for req := range requests {
      		replies <- len(req)
      	}
      }
    # The loop uses the buffer: it is alive anyway.
    - |
      package consumer

      import "io"

      // Copy copies r to w until EOF with a large buffer.
      func Copy(w io.Writer, r io.Reader, done func(int)) error {
      	buf := make([]byte, 1<<20)
      	total := 0
      	defer func() { done(total) }()
      	for {
      		n, err := r.Read(buf)
      		total += n
      		if _, werr := w.Write(buf[:n]); werr != nil {
      			return werr
      		}
      		if err != nil {
      			return nil
      		}
      	}
      }
    # A small buffer.
    - |
      package poller

      import (
      	"log"
      	"time"
      )

      // Watch polls check every interval until it reports done.
      func Watch(check func() bool, interval time.Duration) {
      	snapshot := make([]int64, 16)
      	snapshot[0] = time.Now().Unix()
      	defer func() {
      		log.Printf("watch ended; started at %d", snapshot[0])
      	}()
      	for !check() {
      		time.Sleep(interval)
      	}
      }
    # A bounded loop after the defer.
    - |
      package batch

      import "log"

      // Process handles each item once.
      func Process(items []string, handle func(string)) {
      	buf := make([]byte, 8<<20)
      	buf[0] = 1
      	defer func() { log.Printf("processed with %d bytes of scratch", len(buf)) }()
      	for _, it := range items {
      		handle(it)
      	}
      }

"""#),
        RuleFileText(relativePath: "map-race/MR1001-concurrent-map-writes.yaml", text: #"""
# Two goroutines writing one plain map at once. The format of this file is
# described in rules/README.md.
id: MR1001
name: concurrent-map-writes
category: map-race
level: error
summary: "Two goroutines may write the same map at the same time with no common lock: the program dies with \"fatal error: concurrent map writes\"."
description: |
  Go's built-in maps are not safe for concurrent use. When two goroutines
  write one map (an assignment, `m[k]++`, `delete`, `clear`) at the same
  time, the runtime notices and stops the whole process with
  `fatal error: concurrent map writes`, which cannot be recovered. Under
  light load the two writes rarely overlap, so tests pass; in production
  the service dies. `go test -race` only sees the schedules a test happens
  to run.

  The rule reports two writes of one map that may run on goroutines alive
  at the same time: a goroutine and the code after its `go` statement, two
  goroutines, goroutines started in a loop (each iteration's goroutine
  races with the others), goroutines that callees leave running,
  `time.AfterFunc` callbacks, `errgroup` functions, and net/http handlers
  (one goroutine per request). Writes are ordered, and not reported, when
  both hold one `sync.Mutex` (or the write lock of a `sync.RWMutex`), when
  a `wg.Wait()`, a channel receive or a close orders them as the Go memory
  model says (a receive from the channel a call returned waits for what
  its goroutine signals on it: `done <- n` at the end of `go func() {
  ... }()`, then `return done`), when one is inside `sync.Once.Do` and the other after it, or
  when the map is made anew for each goroutine. The finding is at the
  write that holds no lock when the other holds one, else at the later of
  the two writes; the other is its related location, and the code
  flow shows where each goroutine starts and how it reaches the map.

  Fix: guard every access with the mutex of the map's owner (hold it for
  the whole read-modify-write); use `sync.Map` for a map that is mostly
  added to and read; or give each goroutine its own map and merge after
  `wg.Wait()`, or hand the map over a channel and stop touching it. An
  `RLock` does not exclude other readers: a write under it races with every
  other write under it.

  Known false positives: maps reached through elements of slices or maps
  are not told apart (`shards[i].m` and `shards[j].m` are one map), and a
  lock picked from such an element (`shards[i].mu`) is taken to guard all
  of them. Synchronisation the analysis does not model (atomics used as
  flags, `sync.Cond`, a channel whose capacity it cannot see) is not an
  ordering. A map or lock it cannot name (reflection, unsafe, a method
  value) never produces a finding; `--stats` counts them.

  A bool parameter that says whether the function takes the lock itself
  (`if doLock { s.mu.Lock() }`, `if !hasLock { ... }`), tested in the
  function or in a local helper that captures it (`lock := func() { if
  needLock { s.mu.Lock() } }`), is followed into each call: the function
  is analysed for both values, and a call that passes a constant keeps
  only that value's accesses. A call that passes
  something else keeps both. A helper called with the lock held that lets
  it go for a while and takes it back before every return
  (`c.mu.Unlock(); write(buf); c.mu.Lock()`) leaves its caller holding
  the lock. The helper's own accesses while the lock is let go are taken
  to hold the caller's lock: a race there is missed.

  Two locks that are the same mutex field of the same struct type (`c.db.mu`
  and `db.mu`, where the connection points back to its pool) are taken to
  be one lock: a back-pointer usually makes them one, and the analysis does
  not know `c.db == db`. So writes under the same field of two different
  objects of one type are not reported; different fields (`s.openMu`,
  `s.closeMu`), or fields of different types, are different locks. A
  pointer field that the program only ever points at one such field
  (`&keeper{mu: &s.tokensMu}`) is that lock under another name.

  A function value a helper is handed and runs on a goroutine (`go f()`,
  `go func() { defer recover(); f() }()`, a pool's `Submit` that calls
  `wg.Go(task)`) is followed from the call that hands it a closure or a
  method value: the closure's writes race as the goroutine's, with the
  locks and orderings the helper holds where it runs them. One the helper
  runs on the caller's own goroutine (`cache.Do(key, func() { ... })`) is
  not followed, and is counted in `--stats`
  (`maprace.handed-functions-run-now-unfollowed`), except under a
  `go` statement (`go c.locked(func() { ... })`) and for `t.Run` and
  `b.Run`, which wait for their subtest.

  A subtest that calls `t.Parallel()` on its own `t` runs the rest of its
  body only once its parent test's function has returned, beside the
  parent's other parallel subtests: those parts race with each other
  (with themselves when `t.Run` is in a loop), never with the parent's
  own code. Top-level tests that call `t.Parallel` race with each other
  on package-level maps, and `b.RunParallel`'s body races with itself. A
  helper that calls `t.Parallel` on its `*testing.T` parameter on every
  path (`func parallel(t *testing.T) { t.Helper(); t.Parallel() }`, or a
  helper calling such a helper) makes the test that passes its own `t`
  parallel, as the call itself would.

  A goroutine a package's `init` starts runs beside `main`: its writes
  to package-level maps are checked against `main`'s accesses.

  A loop that sends on a buffered channel as many times as it has slots
  (`for i := 0; i < cap(sem); i++ { sem <- token{} }`, or the constant the
  function made it with) waits for every goroutine that gave its slot
  back (`<-sem`) after its writes: what follows the loop is ordered after
  them, as the memory model's rule on buffered channels says.

  A receive from a timer's or ticker's channel, or from what `time.After`
  or `time.Tick` returned, orders nothing: only the runtime sends on it.
  So a background loop that wakes on a ticker (`for { select { case
  <-tick.C: ...; case <-stop: return } }`) races with its starter's
  accesses as any goroutine does.

  A goroutine a callee starts only after it has received from a channel
  that the goroutine sends on when it returns (`case <-r.stopped: go
  r.runLoop()`, the loop handing the token back in a defer) runs after
  the goroutine an earlier call started: one loop at a time, not two
  beside each other. With more than one token in that channel (a
  semaphore of two) two such loops can run together, and that race is
  missed.
tags: [map-race, concurrency, crash]
precision: high
since: "0.1.0"
analysis: maprace
examples:
  bad:
    # Workers started in a loop all write one results map.
    - |
      package pool

      import "sync"

      // Sizes computes len for every job on n workers.
      func Sizes(jobs []string, n int) map[string]int {
      	results := make(map[string]int)
      	queue := make(chan string)
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go func() {
      			defer wg.Done()
      			for job := range queue {
      				↓results[job] = len(job)
      			}
      		}()
      	}
      	for _, j := range jobs {
      		queue <- j
      	}
      	close(queue)
      	wg.Wait()
      	return results
      }
    # A generic cache written by a goroutine and by its caller.
    - |
      package cache

      // Cache is a typed key-value store without a lock.
      type Cache[K comparable, V any] struct {
      	data map[K]V
      }

      // Put stores v under k.
      func (c *Cache[K, V]) Put(k K, v V) {
      	↓c.data[k] = v
      }

      // Warm fills two entries, one in the background.
      func Warm(c *Cache[string, int]) {
      	go c.Put("a", 1)
      	c.Put("b", 2)
      }
    # Memoising under the read lock: RLock does not exclude other readers.
    - |
      package names

      import (
      	"strings"
      	"sync"
      )

      // Normalizer memoises normalised names.
      type Normalizer struct {
      	mu   sync.RWMutex
      	memo map[string]string
      }

      // Normalize returns the canonical spelling of s.
      func (n *Normalizer) Normalize(s string) string {
      	n.mu.RLock()
      	defer n.mu.RUnlock()
      	v := strings.ToLower(s)
      	↓n.memo[s] = v
      	return v
      }

      // All normalises every name concurrently.
      func (n *Normalizer) All(names []string) {
      	var wg sync.WaitGroup
      	for _, s := range names {
      		wg.Add(1)
      		go func(s string) {
      			defer wg.Done()
      			n.Normalize(s)
      		}(s)
      	}
      	wg.Wait()
      }
    # Two methods guard the map with two different mutexes.
    - |
      package sessions

      import "sync"

      // Sessions tracks active sessions.
      type Sessions struct {
      	openMu  sync.Mutex
      	closeMu sync.Mutex
      	active  map[string]bool
      }

      // Open marks a session active.
      func (s *Sessions) Open(id string) {
      	s.openMu.Lock()
      	s.active[id] = true
      	s.openMu.Unlock()
      }

      // Close forgets a session.
      func (s *Sessions) Close(id string) {
      	s.closeMu.Lock()
      	↓delete(s.active, id)
      	s.closeMu.Unlock()
      }

      // Rotate opens the new session while closing the old one.
      func (s *Sessions) Rotate(old, next string) {
      	go s.Open(next)
      	s.Close(old)
      }
    # An HTTP handler counting hits: net/http runs it once per request.
    - |
      package stats

      import (
      	"fmt"
      	"net/http"
      )

      var hits = map[string]int{}

      func count(w http.ResponseWriter, r *http.Request) {
      	↓hits[r.URL.Path]++
      	fmt.Fprintln(w, "ok")
      }

      // Register installs the counting handler.
      func Register(mux *http.ServeMux) {
      	mux.HandleFunc("/", count)
      }
    # The inner map is written after the lock that guarded the lookup.
    - |
      package index

      import "sync"

      // Index maps a tenant to its settings.
      type Index struct {
      	mu      sync.Mutex
      	tenants map[string]map[string]string
      }

      // Set stores one setting of a tenant.
      func (x *Index) Set(tenant, key, value string) {
      	x.mu.Lock()
      	settings := x.tenants[tenant]
      	x.mu.Unlock()
      	↓settings[key] = value
      }

      // SetAll stores several settings of one tenant at once.
      func (x *Index) SetAll(tenant string, keys []string, value string) {
      	for _, k := range keys {
      		go x.Set(tenant, k, value)
      	}
      }
    # Debugging code behind a constant true runs: its write is unlocked.
    - |
      package registry

      import "sync"

      const debugWrites = true

      // Registry holds named values.
      type Registry struct {
      	mu    sync.Mutex
      	items map[string]int
      	trace map[string]int
      }

      // Put stores v under k.
      func (r *Registry) Put(k string, v int) {
      	r.mu.Lock()
      	r.items[k] = v
      	r.mu.Unlock()
      	if debugWrites {
      		↓r.trace[k] = v
      	}
      }

      // Fill stores two values at once.
      func Fill(r *Registry) {
      	go r.Put("a", 1)
      	r.Put("b", 2)
      }
    # A connection's own mutex is not its pool's: the same map under two locks.
    - |
      package pool

      import "sync"

      // DB is a pool of connections and what each one depends on.
      type DB struct {
      	mu   sync.Mutex
      	free []*conn
      	deps map[*conn]int
      }

      // conn points back to the pool that made it and has a lock of its own.
      type conn struct {
      	mu sync.Mutex
      	db *DB
      }

      func (c *conn) forget() {
      	↓delete(c.db.deps, c)
      }

      // Close closes one connection under its own lock only.
      func (c *conn) Close() {
      	c.mu.Lock()
      	c.forget()
      	c.mu.Unlock()
      }

      // Close closes every free connection under the pool's lock.
      func (db *DB) Close() {
      	db.mu.Lock()
      	for _, c := range db.free {
      		c.forget()
      	}
      	db.mu.Unlock()
      }

      // Shrink closes the oldest free connection while the pool closes.
      func (db *DB) Shrink() {
      	c := db.free[0]
      	go c.Close()
      	db.Close()
      }
    # The caller says it holds the lock (hasLock true) and does not.
    - |
      package replies

      import "sync"

      // Budget counts the responses each reply subject may still get.
      type Budget struct {
      	mu   sync.Mutex
      	left map[string]int
      }

      // consume spends one response; hasLock says the caller holds b.mu.
      func (b *Budget) consume(subject string, hasLock bool) {
      	if !hasLock {
      		b.mu.Lock()
      		defer b.mu.Unlock()
      	}
      	↓b.left[subject]--
      }

      // Spend locks.
      func (b *Budget) Spend(subject string) { b.consume(subject, false) }

      // SpendFast claims a lock it never took.
      func (b *Budget) SpendFast(subject string) { b.consume(subject, true) }

      // Drain spends from two goroutines.
      func (b *Budget) Drain(subject string) {
      	go b.Spend(subject)
      	b.SpendFast(subject)
      }
    # The same through local lock helpers: they lock only when hasLock is
    # false, and SweepFast says it holds a lock it never took.
    - |
      package sessions

      import "sync"

      // Table maps session ids to their owners.
      type Table struct {
      	mu     sync.Mutex
      	owners map[string]string
      }

      func (t *Table) drop(id string, hasLock bool) {
      	lock := func() {
      		if !hasLock {
      			t.mu.Lock()
      		}
      	}
      	unlock := func() {
      		if !hasLock {
      			t.mu.Unlock()
      		}
      	}
      	lock()
      	↓delete(t.owners, id)
      	unlock()
      }

      // Drop locks.
      func (t *Table) Drop(id string) { t.drop(id, false) }

      // SweepFast drops without the lock it claims to hold.
      func (t *Table) SweepFast(ids []string) {
      	for _, id := range ids {
      		t.drop(id, true)
      	}
      }

      // Close drops one session and sweeps the others at once.
      func (t *Table) Close(id string, rest []string) {
      	go t.Drop(id)
      	t.SweepFast(rest)
      }
    # A keeper wakes on a ticker and expires tokens under a mutex of its
    # owner's, while the owner adds tokens under another one. (A receive
    # from a ticker orders nothing: only the runtime sends on it.)
    - |
      package tokens

      import (
      	"sync"
      	"time"
      )

      // keeper expires tokens in the background, under a mutex of its owner's.
      type keeper struct {
      	tokens map[string]time.Time
      	ttl    time.Duration
      	mu     *sync.Mutex
      	stop   chan struct{}
      }

      func (k *keeper) run() {
      	tick := time.NewTicker(time.Second)
      	defer tick.Stop()
      	for {
      		select {
      		case now := <-tick.C:
      			k.mu.Lock()
      			for t, end := range k.tokens {
      				if now.After(end) {
      					delete(k.tokens, t)
      				}
      			}
      			k.mu.Unlock()
      		case <-k.stop:
      			return
      		}
      	}
      }

      func (k *keeper) add(token string) { ↓k.tokens[token] = time.Now().Add(k.ttl) }

      // Store hands out tokens that expire.
      type Store struct {
      	tokensMu sync.Mutex
      	keeperMu sync.Mutex
      	keeper   *keeper
      }

      // Enable starts expiring tokens.
      func (s *Store) Enable() {
      	s.tokensMu.Lock()
      	defer s.tokensMu.Unlock()
      	s.keeper = &keeper{
      		tokens: map[string]time.Time{},
      		ttl:    time.Minute,
      		mu:     &s.keeperMu,
      		stop:   make(chan struct{}),
      	}
      	go s.keeper.run()
      }

      // Assign records a new token, under the other mutex than the keeper's.
      func (s *Store) Assign(token string) {
      	s.tokensMu.Lock()
      	defer s.tokensMu.Unlock()
      	s.keeper.add(token)
      }

      // Serve enables the store and records the tokens it is sent.
      func Serve(s *Store, tokens <-chan string) {
      	s.Enable()
      	for token := range tokens {
      		s.Assign(token)
      	}
      }
    # Two background drains of one report started before either is
    # awaited: both write its error counts.
    - |
      package report

      // Report counts failed results by message.
      type Report struct {
      	results chan error
      	errors  map[string]int
      }

      // Stats drains the results in the background; the channel it returns
      // yields the number of distinct errors once the results are closed.
      func (r *Report) Stats() <-chan int {
      	done := make(chan int, 1)
      	go func() {
      		for err := range r.results {
      			if err != nil {
      				↓r.errors[err.Error()]++
      			}
      		}
      		done <- len(r.errors)
      	}()
      	return done
      }

      // Distinct starts two drains of one report before waiting for either.
      func Distinct(r *Report) (int, int) {
      	a, b := r.Stats(), r.Stats()
      	return <-a, <-b
      }
    # A handler registered as a method value: each request runs the method on the same receiver.
    - |
      package api

      import (
      	"fmt"
      	"net/http"
      )

      type API struct {
      	tokens map[string]string
      }

      func (a *API) handleLogin(w http.ResponseWriter, r *http.Request) {
      	user := r.URL.Query().Get("u")
      	↓a.tokens[user] = "tok-" + user
      	fmt.Fprintln(w, "ok")
      }

      // Routes serves the API.
      func (a *API) Routes() *http.ServeMux {
      	mux := http.NewServeMux()
      	mux.HandleFunc("/login", a.handleLogin)
      	return mux
      }
    # A helper starts every background task with `go f()` behind a recover;
    # the closure handed to it writes the map its caller writes too.
    - |
      package server

      import (
      	"log"
      	"sync"
      )

      // Server tracks the peers it has seen.
      type Server struct {
      	grWG  sync.WaitGroup
      	peers map[string]int
      }

      // startGoRoutine runs f on its own goroutine, logging a panic.
      func (s *Server) startGoRoutine(f func()) {
      	s.grWG.Add(1)
      	go func() {
      		defer s.grWG.Done()
      		defer func() {
      			if r := recover(); r != nil {
      				log.Print(r)
      			}
      		}()
      		f()
      	}()
      }

      // Start learns one peer in the background and one itself.
      func (s *Server) Start() {
      	s.startGoRoutine(func() { s.peers["seed"] = 1 })
      	↓s.peers["self"] = 0
      }
    # A worker pool's Submit hands each task to a goroutine; the tasks,
    # submitted in a loop, write one map.
    - |
      package pool

      import "sync"

      // Pool runs tasks on goroutines.
      type Pool struct{ wg sync.WaitGroup }

      // Submit runs task on a goroutine of its own.
      func (p *Pool) Submit(task func()) {
      	p.wg.Add(1)
      	go func() {
      		defer p.wg.Done()
      		task()
      	}()
      }

      // Wait returns once every task has.
      func (p *Pool) Wait() { p.wg.Wait() }

      // Lengths measures every word on the pool.
      func Lengths(words []string) map[string]int {
      	out := map[string]int{}
      	var p Pool
      	for _, w := range words {
      		w := w
      		p.Submit(func() { ↓out[w] = len(w) })
      	}
      	p.Wait()
      	return out
      }
    # A goroutine started in init keeps counting while main writes the same
    # package-level map.
    - |
      package main

      import (
      	"fmt"
      	"time"
      )

      var counts = map[string]int{}

      func init() {
      	go func() {
      		for {
      			counts["tick"]++
      			time.Sleep(time.Second)
      		}
      	}()
      }

      func main() {
      	↓counts["start"] = 1
      	fmt.Println("started")
      }
    # Parallel subtests of a table-driven test record their results in one
    # map: t.Parallel lets them all run at once.
    - |
      package table

      import (
      	"strings"
      	"testing"
      )

      func TestUpper(t *testing.T) {
      	got := map[string]string{}
      	for _, in := range []string{"a", "b", "c"} {
      		in := in
      		t.Run(in, func(t *testing.T) {
      			t.Parallel()
      			↓got[in] = strings.ToUpper(in)
      		})
      	}
      }
    # Two top-level tests that call t.Parallel register fixtures in the same
    # package-level map through a helper.
    - |
      package store

      import "testing"

      var fixtures = map[string][]byte{}

      func addFixture(name string, data []byte) {
      	↓fixtures[name] = data
      }

      func TestLoad(t *testing.T) {
      	t.Parallel()
      	addFixture("load", []byte("x"))
      }

      func TestSave(t *testing.T) {
      	t.Parallel()
      	addFixture("save", []byte("y"))
      }
    # b.RunParallel runs its body on several goroutines at once; they all
    # write the benchmark's one cache.
    - |
      package cache

      import "testing"

      func BenchmarkFill(b *testing.B) {
      	cache := make(map[int]int)
      	b.RunParallel(func(pb *testing.PB) {
      		for i := 0; pb.Next(); i++ {
      			↓cache[i%64] = i
      		}
      	})
      }
    # Table-driven subtests made parallel by the suite's helper count
    # their cases in one map.
    - |
      package parse

      import "testing"

      func parallel(t *testing.T) {
      	t.Helper()
      	t.Parallel()
      }

      func parse(s string) int { return len(s) }

      func TestParse(t *testing.T) {
      	seen := map[string]int{}
      	for _, in := range []string{"a", "bb", "ccc"} {
      		in := in
      		t.Run(in, func(t *testing.T) {
      			parallel(t)
      			↓seen[in] = parse(in)
      		})
      	}
      }
  good:
    # The unlocked write is debugging code behind a constant false.
    - |
      package registry

      import "sync"

      const debugWrites = false

      // Registry holds named values.
      type Registry struct {
      	mu    sync.Mutex
      	items map[string]int
      	trace map[string]int
      }

      // Put stores v under k.
      func (r *Registry) Put(k string, v int) {
      	r.mu.Lock()
      	r.items[k] = v
      	r.mu.Unlock()
      	if debugWrites {
      		r.trace[k] = v
      	}
      }

      // Fill stores two values at once.
      func Fill(r *Registry) {
      	go r.Put("a", 1)
      	r.Put("b", 2)
      }
    # Every write holds the mutex.
    - |
      package pool

      import "sync"

      // Sizes computes len for every job, one goroutine each.
      func Sizes(jobs []string) map[string]int {
      	results := make(map[string]int)
      	var mu sync.Mutex
      	var wg sync.WaitGroup
      	for _, j := range jobs {
      		wg.Add(1)
      		go func(j string) {
      			defer wg.Done()
      			mu.Lock()
      			defer mu.Unlock()
      			results[j] = len(j)
      		}(j)
      	}
      	wg.Wait()
      	return results
      }
    # Each goroutine fills its own map; they are merged after Wait.
    - |
      package words

      import (
      	"strings"
      	"sync"
      )

      // Count counts words of every text concurrently.
      func Count(texts []string) map[string]int {
      	partial := make([]map[string]int, len(texts))
      	var wg sync.WaitGroup
      	for i, t := range texts {
      		wg.Add(1)
      		go func(i int, t string) {
      			defer wg.Done()
      			counts := map[string]int{}
      			for _, w := range strings.Fields(t) {
      				counts[w]++
      			}
      			partial[i] = counts
      		}(i, t)
      	}
      	wg.Wait()
      	total := map[string]int{}
      	for _, counts := range partial {
      		for w, n := range counts {
      			total[w] += n
      		}
      	}
      	return total
      }
    # sync.Map is made for concurrent writers.
    - |
      package registry

      import "sync"

      var plugins sync.Map

      // Register makes a plugin available by name.
      func Register(name string, run func()) {
      	plugins.Store(name, run)
      }

      // RegisterAll registers every plugin concurrently.
      func RegisterAll(all map[string]func()) {
      	var wg sync.WaitGroup
      	for name, run := range all {
      		wg.Add(1)
      		go func(name string, run func()) {
      			defer wg.Done()
      			Register(name, run)
      		}(name, run)
      	}
      	wg.Wait()
      }
    # Each goroutine gets its own shard as an argument.
    - |
      package shards

      import "sync"

      type shard struct {
      	m map[int]int
      }

      // Fill writes every shard on its own goroutine.
      func Fill(shards []*shard) {
      	var wg sync.WaitGroup
      	for i, s := range shards {
      		wg.Add(1)
      		go func(s *shard, i int) {
      			defer wg.Done()
      			s.m[i] = i
      		}(s, i)
      	}
      	wg.Wait()
      }
    # Go 1.22: each iteration has its own s, so each goroutine its own shard.
    - go: "1.22"
      code: |
        package shards

        import "sync"

        type shard struct {
        	m map[int]int
        }

        // Reset clears every shard on its own goroutine.
        func Reset(shards []*shard) {
        	var wg sync.WaitGroup
        	for _, s := range shards {
        		wg.Add(1)
        		go func() {
        			defer wg.Done()
        			s.m[0] = 0
        		}()
        	}
        	wg.Wait()
        }
    # A handler whose counter holds the mutex.
    - |
      package stats

      import (
      	"net/http"
      	"sync"
      )

      type counter struct {
      	mu   sync.Mutex
      	hits map[string]int
      }

      func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
      	c.mu.Lock()
      	c.hits[r.URL.Path]++
      	c.mu.Unlock()
      }
    # The connection locks its pool through a back-pointer: c.db.mu is db.mu.
    - |
      package pool

      import "sync"

      // DB is a pool of connections and what each one depends on.
      type DB struct {
      	mu   sync.Mutex
      	free []*conn
      	deps map[*conn]int
      }

      // conn points back to the pool that made it.
      type conn struct {
      	db *DB
      }

      // forget drops c's dependencies; the caller holds c.db.mu.
      func (c *conn) forget() {
      	delete(c.db.deps, c)
      }

      // Close closes one connection under its pool's lock.
      func (c *conn) Close() {
      	c.db.mu.Lock()
      	c.forget()
      	c.db.mu.Unlock()
      }

      // Close closes every free connection under the pool's lock.
      func (db *DB) Close() {
      	db.mu.Lock()
      	for _, c := range db.free {
      		c.forget()
      	}
      	db.mu.Unlock()
      }

      // Shrink closes the oldest free connection while the pool closes.
      func (db *DB) Shrink() {
      	c := db.free[0]
      	go c.Close()
      	db.Close()
      }
    # A method locks only when asked to; a caller holding the lock passes false.
    - |
      package subjects

      import "sync"

      // Index caches subject lookups.
      type Index struct {
      	sync.Mutex
      	cache map[string]int
      }

      // store caches n; doLock false means the caller holds the lock.
      func (x *Index) store(subject string, n int, doLock bool) {
      	if doLock {
      		x.Lock()
      	}
      	x.cache[subject] = n
      	if doLock {
      		x.Unlock()
      	}
      }

      // Store locks.
      func (x *Index) Store(subject string, n int) { x.store(subject, n, true) }

      // Reset holds the lock and stores without taking it again.
      func (x *Index) Reset(subject string) {
      	x.Lock()
      	defer x.Unlock()
      	x.store(subject, 0, false)
      }

      // Both stores and resets at once.
      func (x *Index) Both(subject string) {
      	go x.Store(subject, 1)
      	x.Reset(subject)
      }
    # The store takes its lock through local helpers that test the
    # parameter (`fsLock := func() { if needLock { ... } }`): Remove asks
    # them to lock, and Expire, which already holds the lock, does not.
    - |
      package msgstore

      import "sync"

      // Store keeps the number of messages per subject.
      type Store struct {
      	mu         sync.Mutex
      	perSubject map[string]int
      }

      // remove drops one message; needLock false means the caller holds s.mu.
      func (s *Store) remove(subject string, needLock bool) {
      	lock := func() {
      		if needLock {
      			s.mu.Lock()
      		}
      	}
      	unlock := func() {
      		if needLock {
      			s.mu.Unlock()
      		}
      	}
      	lock()
      	defer unlock()
      	s.perSubject[subject]--
      	if s.perSubject[subject] <= 0 {
      		delete(s.perSubject, subject)
      	}
      }

      // Remove locks.
      func (s *Store) Remove(subject string) { s.remove(subject, true) }

      // Expire holds the lock for the whole sweep.
      func (s *Store) Expire(subjects []string) {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	for _, subject := range subjects {
      		s.remove(subject, false)
      	}
      }

      // Purge removes and expires at once.
      func (s *Store) Purge(subject string, old []string) {
      	go s.Remove(subject)
      	s.Expire(old)
      }
    # The keeper holds a pointer to its owner's mutex (`mu: &s.tokensMu`),
    # so its run loop and Assign take the same lock under two names.
    - |
      package tokens

      import (
      	"sync"
      	"time"
      )

      // keeper expires tokens in the background; it shares its owner's mutex.
      type keeper struct {
      	tokens map[string]time.Time
      	ttl    time.Duration
      	mu     *sync.Mutex
      	stop   chan struct{}
      }

      func (k *keeper) run() {
      	tick := time.NewTicker(time.Second)
      	defer tick.Stop()
      	for {
      		select {
      		case now := <-tick.C:
      			k.mu.Lock()
      			for t, end := range k.tokens {
      				if now.After(end) {
      					delete(k.tokens, t)
      				}
      			}
      			k.mu.Unlock()
      		case <-k.stop:
      			return
      		}
      	}
      }

      func (k *keeper) add(token string) { k.tokens[token] = time.Now().Add(k.ttl) }

      // Store hands out tokens that expire.
      type Store struct {
      	tokensMu sync.Mutex
      	keeper   *keeper
      }

      // Enable starts expiring tokens.
      func (s *Store) Enable() {
      	s.tokensMu.Lock()
      	defer s.tokensMu.Unlock()
      	s.keeper = &keeper{
      		tokens: map[string]time.Time{},
      		ttl:    time.Minute,
      		mu:     &s.tokensMu,
      		stop:   make(chan struct{}),
      	}
      	go s.keeper.run()
      }

      // Assign records a new token.
      func (s *Store) Assign(token string) {
      	s.tokensMu.Lock()
      	defer s.tokensMu.Unlock()
      	s.keeper.add(token)
      }

      // Serve enables the store and records the tokens it is sent.
      func Serve(s *Store, tokens <-chan string) {
      	s.Enable()
      	for token := range tokens {
      		s.Assign(token)
      	}
      }
    # The goroutine a method starts signals the channel the method
    # returns, and each caller waits on it before starting the next.
    - |
      package report

      // Report counts failed results by message.
      type Report struct {
      	results chan error
      	errors  map[string]int
      }

      // Stats drains the results in the background; the channel it returns
      // yields the number of distinct errors once the results are closed.
      func (r *Report) Stats() <-chan int {
      	done := make(chan int, 1)
      	go func() {
      		for err := range r.results {
      			if err != nil {
      				r.errors[err.Error()]++
      			}
      		}
      		done <- len(r.errors)
      	}()
      	return done
      }

      // Distinct waits for one drain before it starts the next.
      func Distinct(r *Report) (int, int) {
      	first := <-r.Stats()
      	second := <-r.Stats()
      	return first, second
      }
    # The tasks handed to the pool are all awaited before the map is read
    # or written again, and each writes under the mutex.
    - |
      package pool

      import "sync"

      // Pool runs tasks on goroutines.
      type Pool struct{ wg sync.WaitGroup }

      // Submit runs task on a goroutine of its own.
      func (p *Pool) Submit(task func()) {
      	p.wg.Add(1)
      	go func() {
      		defer p.wg.Done()
      		task()
      	}()
      }

      // Wait returns once every task has.
      func (p *Pool) Wait() { p.wg.Wait() }

      // Lengths measures every word on the pool.
      func Lengths(words []string) map[string]int {
      	out := map[string]int{}
      	var mu sync.Mutex
      	var p Pool
      	for _, w := range words {
      		w := w
      		p.Submit(func() {
      			mu.Lock()
      			out[w] = len(w)
      			mu.Unlock()
      		})
      	}
      	p.Wait()
      	out["total"] = len(words)
      	return out
      }
    # A helper runs what it is handed under the owner's lock; the goroutine
    # and the caller both write through it.
    - |
      package counter

      import "sync"

      // Counter counts events by name.
      type Counter struct {
      	mu sync.Mutex
      	m  map[string]int
      }

      // locked runs f holding the counter's lock.
      func (c *Counter) locked(f func()) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	f()
      }

      // Record counts one event now and one in the background.
      func (c *Counter) Record(name string) {
      	go c.locked(func() { c.m[name+".async"]++ })
      	c.locked(func() { c.m[name]++ })
      }
    # The workers hold a slot of a semaphore while they write; filling
    # every slot afterwards waits for the last of them to give its slot back,
    # so the write after the loop is ordered after theirs.
    - |
      package fetch

      import "sync"

      // Fetch records the size of every name, four at a time.
      func Fetch(names []string, size func(string) int) map[string]int {
      	var mu sync.Mutex
      	sizes := map[string]int{}
      	sem := make(chan struct{}, 4)
      	for _, n := range names {
      		sem <- struct{}{}
      		go func(n string) {
      			defer func() { <-sem }()
      			s := size(n)
      			mu.Lock()
      			sizes[n] = s
      			mu.Unlock()
      		}(n)
      	}
      	// Fill the semaphore to wait for the workers.
      	for i := 0; i < cap(sem); i++ {
      		sem <- struct{}{}
      	}
      	sizes["done"] = len(names)
      	return sizes
      }
    # Subtests run one after another: t.Run waits for each (none calls
    # t.Parallel), so their writes to the shared table never overlap.
    - |
      package table

      import "testing"

      func TestSizes(t *testing.T) {
      	seen := map[string]bool{}
      	for _, name := range []string{"a", "bb"} {
      		t.Run(name, func(t *testing.T) {
      			if seen[name] {
      				t.Fatal("twice")
      			}
      			seen[name] = true
      		})
      	}
      	seen["end"] = true
      }
    # The goroutine init starts closes a channel after its write, and main
    # waits for it before writing.
    - |
      package main

      import "fmt"

      var table = map[string]int{}

      var loaded = make(chan struct{})

      func init() {
      	go func() {
      		table["default"] = 1
      		close(loaded)
      	}()
      }

      func main() {
      	<-loaded
      	table["main"] = 2
      	fmt.Println(len(table))
      }
    # Parallel subtests run only once the parent test's function has
    # returned, so its writes after the loop come before their reads; each
    # writes a map of its own.
    - |
      package table

      import "testing"

      func TestWords(t *testing.T) {
      	want := map[string]int{}
      	for _, w := range []string{"a", "bb"} {
      		w := w
      		want[w] = len(w)
      		t.Run(w, func(t *testing.T) {
      			t.Parallel()
      			seen := map[rune]bool{}
      			for _, r := range w {
      				seen[r] = true
      			}
      			if want[w] != len(w) {
      				t.Fatal(w)
      			}
      		})
      	}
      	want["end"] = 0
      }
    # Parallel subtests that share a map take its lock.
    - |
      package table

      import (
      	"sync"
      	"testing"
      )

      func TestShared(t *testing.T) {
      	var mu sync.Mutex
      	got := map[string]int{}
      	for _, in := range []string{"a", "b"} {
      		in := in
      		t.Run(in, func(t *testing.T) {
      			t.Parallel()
      			mu.Lock()
      			defer mu.Unlock()
      			got[in] = len(in)
      		})
      	}
      }
    # Only one of the two tests is parallel: go test runs the parallel ones
    # after every sequential test has finished.
    - |
      package store

      import "testing"

      var fixtures = map[string][]byte{}

      func TestLoad(t *testing.T) {
      	fixtures["load"] = []byte("x")
      }

      func TestSave(t *testing.T) {
      	t.Parallel()
      	fixtures["save"] = []byte("y")
      }
    # The tests register their fixtures before the helper makes them
    # parallel: go test runs every parallel part only once the sequential
    # parts of all tests are done, and those parts only read.
    - |
      package store

      import "testing"

      var fixtures = map[string][]byte{}

      func parallel(t *testing.T) {
      	t.Helper()
      	t.Parallel()
      }

      func TestLoad(t *testing.T) {
      	fixtures["load"] = []byte("x")
      	parallel(t)
      	if len(fixtures["load"]) == 0 {
      		t.Fatal("no fixture")
      	}
      }

      func TestSave(t *testing.T) {
      	fixtures["save"] = []byte("y")
      	parallel(t)
      	if len(fixtures["save"]) == 0 {
      		t.Fatal("no fixture")
      	}
      }
    # Each goroutine of b.RunParallel fills a map of its own.
    - |
      package cache

      import "testing"

      func BenchmarkLocal(b *testing.B) {
      	b.RunParallel(func(pb *testing.PB) {
      		cache := make(map[int]int)
      		for i := 0; pb.Next(); i++ {
      			cache[i%64] = i
      		}
      	})
      }

"""#),
        RuleFileText(relativePath: "map-race/MR1002-concurrent-map-read-and-write.yaml", text: #"""
# One goroutine reading a plain map while another writes it. The format of
# this file is described in rules/README.md.
id: MR1002
name: concurrent-map-read-and-write
category: map-race
level: error
summary: "A goroutine may read a map while another writes it, with no common lock: the program dies with \"fatal error: concurrent map read and map write\"."
description: |
  A read of a Go map (an index, a comma-ok lookup, `len`, `range`) while
  another goroutine writes the same map is a data race that the runtime
  detects and answers by stopping the process with `fatal error:
  concurrent map read and map write` (or `concurrent map iteration and map
  write`). It is the classic shape of a cache whose readers take a lock
  and whose writer forgets to, of a background refresh that writes what
  request handlers read, or of a caller that reads results before waiting
  for the goroutines that produce them.

  The rule reports a write and a read of one map that may run on
  goroutines alive at the same time (see MR1001 for which goroutines and
  which orderings count). Reads under `RLock` and writes under `Lock` of
  the same `sync.RWMutex` exclude each other; a write under `RLock` does
  not. The finding is where the fix goes: at the side that holds no lock
  when the other holds one (a read outside the lock its writers take),
  else at the write; the other side is its related location, and the
  code flow shows both goroutines from where they start to the map.

  A handler registered with net/http runs only once a server serves: what
  the registering code does before it calls a serve function
  (`ListenAndServe`, `Serve`, `httptest.NewServer`, or a goroutine that
  calls one) comes before every request. A map filled between
  `HandleFunc` and `ListenAndServe` is not reported; one written after `go
  srv.ListenAndServe()` is.

  Fix: take the same lock around the write as around the read (the write
  lock of an RWMutex), read only after `wg.Wait()` or after receiving the
  goroutine's last signal (send or close after its last write), or hand
  the map over a channel and stop touching it after the send.

  Known false positives: as for MR1001 (elements of slices and maps are not
  told apart; orderings through atomics or sync.Cond are not seen). A
  channel receive is taken to wait for every sender of that channel; a
  receive that gets the first of several results orders only that one.
  As in MR1001, the same mutex field of the same struct type reached by two
  paths (`c.db.mu`, `db.mu`) counts as one lock. As in MR1001, a loop a
  callee starts only once it has taken a channel's token, and that gives
  the token back when it returns, runs after the one an earlier call
  started (with two tokens in the channel, a race between two loops is
  missed).
tags: [map-race, concurrency, crash]
precision: high
since: "0.1.0"
analysis: maprace
examples:
  bad:
    # Get locks, Set forgot to.
    - |
      package cache

      import "sync"

      // Cache maps keys to values for concurrent callers.
      type Cache struct {
      	mu    sync.Mutex
      	items map[string]string
      }

      // Get returns the cached value of key.
      func (c *Cache) Get(key string) (string, bool) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	v, ok := c.items[key]
      	return v, ok
      }

      // Set stores a value; the lock was forgotten.
      func (c *Cache) Set(key, value string) {
      	↓c.items[key] = value
      }

      // Prefetch fills a key in the background and returns its old value.
      func (c *Cache) Prefetch(key string) string {
      	go c.Set(key, "loading")
      	v, _ := c.Get(key)
      	return v
      }
    # A background refresh writes two calls deep; HTTP handlers read.
    - |
      package server

      import (
      	"fmt"
      	"net/http"
      	"sync"
      )

      // Server answers lookups from a cache refreshed in the background.
      type Server struct {
      	mu    sync.RWMutex
      	cache map[string]string
      }

      // Get reads the cache under the read lock.
      func (s *Server) Get(k string) string {
      	s.mu.RLock()
      	defer s.mu.RUnlock()
      	return s.cache[k]
      }

      func (s *Server) store(k, v string) {
      	↓s.cache[k] = v
      }

      func (s *Server) refresh() {
      	s.store("greeting", "hello")
      }

      // Run starts the refresh and serves lookups.
      func Run(mux *http.ServeMux) {
      	s := &Server{cache: map[string]string{}}
      	go s.refresh()
      	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
      		fmt.Fprintln(w, s.Get(r.URL.Path))
      	})
      }
    # The totals are read before the goroutines are waited for, without the lock the writers hold: reported at the read, where the fix goes.
    - |
      package totals

      import "sync"

      // Sum adds up name lengths concurrently and reports how many there were.
      func Sum(names []string) int {
      	totals := map[string]int{}
      	var mu sync.Mutex
      	var wg sync.WaitGroup
      	for _, name := range names {
      		wg.Add(1)
      		go func(name string) {
      			defer wg.Done()
      			mu.Lock()
      			totals[name] += len(name)
      			mu.Unlock()
      		}(name)
      	}
      	n := ↓len(totals)
      	wg.Wait()
      	return n
      }
    # A constructor starts a goroutine that reads; callers write.
    - |
      package tracker

      import (
      	"fmt"
      	"time"
      )

      // Tracker remembers when each key was last seen.
      type Tracker struct {
      	seen map[string]time.Time
      }

      // NewTracker starts a reporter on the tracker it returns.
      func NewTracker() *Tracker {
      	t := &Tracker{seen: map[string]time.Time{}}
      	go t.report()
      	return t
      }

      func (t *Tracker) report() {
      	for k, at := range t.seen {
      		fmt.Println(k, at)
      	}
      }

      // Touch records k as seen now.
      func (t *Tracker) Touch(k string) {
      	↓t.seen[k] = time.Now()
      }

      // Use creates a tracker and touches a key.
      func Use() {
      	t := NewTracker()
      	t.Touch("a")
      }
    # The worker signals before its last write.
    - |
      package status

      // Run reports the phase while the worker may still write it.
      func Run() string {
      	status := map[string]string{}
      	done := make(chan struct{})
      	go func() {
      		status["phase"] = "running"
      		close(done)
      		↓status["phase"] = "finished"
      	}()
      	<-done
      	return status["phase"]
      }
    # The map is passed to a goroutine that fills it; the caller ranges.
    - |
      package squares

      func fill(m map[int]int, n int) {
      	for i := 0; i < n; i++ {
      		↓m[i] = i * i
      	}
      }

      // Sum starts filling and sums what is there.
      func Sum(n int) int {
      	squares := make(map[int]int)
      	go fill(squares, n)
      	sum := 0
      	for _, v := range squares {
      		sum += v
      	}
      	return sum
      }
    # The map is swapped out under the lock, but the old map is still
    # handed to a goroutine that writes it while the caller ranges over it.
    - |
      package pending

      import "sync"

      // Queue collects pending items by key.
      type Queue struct {
      	mu      sync.Mutex
      	pending map[string]int
      }

      // Flush takes the pending items and counts them while a goroutine
      // marks them sent.
      func (q *Queue) Flush() int {
      	q.mu.Lock()
      	batch := q.pending
      	q.pending = make(map[string]int)
      	q.mu.Unlock()
      	go func() {
      		for k := range batch {
      			↓batch[k] = -1
      		}
      	}()
      	n := 0
      	for _, v := range batch {
      		n += v
      	}
      	return n
      }
    # The server starts on a goroutine, then the reload loop rewrites the
    # templates its handler reads.
    - |
      package main

      import (
      	"fmt"
      	"log"
      	"net/http"
      	"time"
      )

      var pages = map[string]string{}

      func page(w http.ResponseWriter, r *http.Request) {
      	fmt.Fprint(w, pages[r.URL.Path])
      }

      func main() {
      	http.HandleFunc("/", page)
      	pages["/"] = "home"
      	go func() {
      		log.Fatal(http.ListenAndServe(":8080", nil))
      	}()
      	for range time.Tick(time.Minute) {
      		↓pages["/"] = time.Now().String()
      	}
      }
    # A test serves the routes, then changes the fixture the handler reads.
    - |
      package api

      import (
      	"net/http"
      	"net/http/httptest"
      	"testing"
      )

      var users = map[string]string{}

      func routes(mux *http.ServeMux) {
      	mux.HandleFunc("/user", func(w http.ResponseWriter, r *http.Request) {
      		w.Write([]byte(users[r.URL.Query().Get("id")]))
      	})
      }

      func TestUser(t *testing.T) {
      	mux := http.NewServeMux()
      	routes(mux)
      	srv := httptest.NewServer(mux)
      	defer srv.Close()
      	↓users["1"] = "ann"
      	go http.Get(srv.URL + "/user?id=1")
      }
  good:
    # Readers share the read lock; the writer takes the write lock.
    - |
      package config

      import "sync"

      // Config holds settings read by many goroutines.
      type Config struct {
      	mu       sync.RWMutex
      	settings map[string]string
      }

      // Get reads one setting.
      func (c *Config) Get(k string) string {
      	c.mu.RLock()
      	defer c.mu.RUnlock()
      	return c.settings[k]
      }

      // Set writes one setting.
      func (c *Config) Set(k, v string) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.settings[k] = v
      }

      // Reload updates a setting while readers read.
      func (c *Config) Reload() {
      	go c.Set("mode", "b")
      	_ = c.Get("mode")
      }
    # The producer closes done after its writes; the caller reads after.
    - |
      package index

      // Build indexes words in the background and waits for it.
      func Build(words []string) map[string]int {
      	index := map[string]int{}
      	done := make(chan struct{})
      	go func() {
      		defer close(done)
      		for i, w := range words {
      			index[w] = i
      		}
      	}()
      	<-done
      	_ = len(index)
      	return index
      }
    # Ownership handed over a channel: the builder never touches it again.
    - |
      package handoff

      import "fmt"

      func build(n int, out chan<- map[int]string) {
      	m := make(map[int]string, n)
      	for i := 0; i < n; i++ {
      		m[i] = fmt.Sprint(i)
      	}
      	out <- m
      }

      // Get builds a map on another goroutine and uses it.
      func Get() int {
      	ch := make(chan map[int]string)
      	go build(5, ch)
      	m := <-ch
      	m[99] = "ninety-nine"
      	return len(m)
      }
    # Filled before the goroutines start, only read by them.
    - |
      package names

      import "sync"

      // Greet reads names filled before the goroutines start.
      func Greet(n int) {
      	names := map[int]string{}
      	for i := 0; i < n; i++ {
      		names[i] = "worker"
      	}
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go func(i int) {
      			defer wg.Done()
      			_ = names[i]
      		}(i)
      	}
      	wg.Wait()
      }
    # A lookup table filled inside sync.Once, read after Do.
    - |
      package table

      import "sync"

      // Table is loaded on first use.
      type Table struct {
      	once sync.Once
      	rows map[string]int
      }

      func (t *Table) load() {
      	t.rows = map[string]int{"a": 1}
      	t.rows["b"] = 2
      }

      // Row returns the row of k, loading the table first.
      func (t *Table) Row(k string) int {
      	t.once.Do(func() { t.load() })
      	return t.rows[k]
      }

      // Rows reads two rows concurrently.
      func (t *Table) Rows() {
      	go t.Row("a")
      	t.Row("b")
      }
    # A start gate: the workers read only after the map is ready.
    - |
      package gate

      import "sync"

      // Start fills the map, then lets the workers read it.
      func Start(n int) {
      	config := map[string]int{}
      	start := make(chan struct{})
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go func() {
      			defer wg.Done()
      			<-start
      			_ = config["limit"]
      		}()
      	}
      	config["limit"] = n
      	close(start)
      	wg.Wait()
      }
    # The map is swapped out under the lock: the writers only ever reach
    # the new map through the field, and the old one is read alone.
    - |
      package idle

      import "sync"

      // Pool keeps idle connections by host.
      type Pool struct {
      	mu   sync.Mutex
      	idle map[string]int
      }

      // Put records an idle connection.
      func (p *Pool) Put(host string) {
      	p.mu.Lock()
      	defer p.mu.Unlock()
      	if p.idle == nil {
      		p.idle = make(map[string]int)
      	}
      	p.idle[host]++
      }

      // CloseIdle detaches the idle map and counts what it held.
      func (p *Pool) CloseIdle() int {
      	p.mu.Lock()
      	m := p.idle
      	p.idle = nil
      	p.mu.Unlock()
      	n := 0
      	for _, c := range m {
      		n += c
      	}
      	return n
      }

      // Serve puts connections back while the pool is closed.
      func Serve(p *Pool) {
      	go p.Put("a")
      	p.CloseIdle()
      }
    # A helper lets the caller's lock go while it writes out, and takes it
    # back before it returns: the read after the call holds the lock again.
    - |
      package conn

      import (
      	"io"
      	"sync"
      )

      // Conn tracks subscriptions and buffers acknowledgements.
      type Conn struct {
      	mu      sync.Mutex
      	out     io.Writer
      	pending []byte
      	subs    map[string]int
      }

      // flush writes what is pending; c.mu is held on entry and on return.
      func (c *Conn) flush() {
      	if len(c.pending) == 0 {
      		return
      	}
      	buf := c.pending
      	c.pending = nil
      	c.mu.Unlock()
      	c.out.Write(buf)
      	c.mu.Lock()
      }

      // Subscribe acknowledges, then reports whether subject was new.
      func (c *Conn) Subscribe(subject string) bool {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.pending = append(c.pending, "+OK\n"...)
      	func() { c.flush() }()
      	return c.subs[subject] == 0
      }

      // Add records a subscription.
      func (c *Conn) Add(subject string) {
      	c.mu.Lock()
      	c.subs[subject]++
      	c.mu.Unlock()
      }

      // Both adds and subscribes at once.
      func Both(c *Conn) {
      	go c.Add("a")
      	c.Subscribe("a")
      }
    # The map is filled after the handler is registered but before the
    # server starts: no request can read it yet.
    - |
      package main

      import (
      	"fmt"
      	"log"
      	"net/http"
      )

      var pages = map[string]string{}

      func page(w http.ResponseWriter, r *http.Request) {
      	fmt.Fprint(w, pages[r.URL.Path])
      }

      func main() {
      	http.HandleFunc("/", page)
      	pages["/"] = "home"
      	pages["/about"] = "about"
      	log.Fatal(http.ListenAndServe(":8080", nil))
      }
    # Routes are registered by one helper and served by another; the
    # configuration is loaded in between.
    - |
      package main

      import (
      	"net/http"
      	"os"
      )

      type app struct{ config map[string]string }

      func (a *app) routes(mux *http.ServeMux) {
      	mux.HandleFunc("/env", func(w http.ResponseWriter, r *http.Request) {
      		w.Write([]byte(a.config[r.URL.Query().Get("k")]))
      	})
      }

      func serve(mux *http.ServeMux) error {
      	srv := &http.Server{Addr: ":8080", Handler: mux}
      	return srv.ListenAndServe()
      }

      func main() {
      	a := &app{config: map[string]string{}}
      	mux := http.NewServeMux()
      	a.routes(mux)
      	for _, k := range []string{"HOME", "USER"} {
      		a.config[k] = os.Getenv(k)
      	}
      	if err := serve(mux); err != nil {
      		os.Exit(1)
      	}
      }

"""#),
        RuleFileText(relativePath: "mutex/MU1001-lock-not-unlocked.yaml", text: #"""
# A mutex locked and not unlocked on some path. The format of this file is
# described in rules/README.md.
id: MU1001
name: lock-not-unlocked
category: mutex
level: error
summary: A sync.Mutex or sync.RWMutex is locked and not unlocked on some path out of the function.
description: |
  A path that returns (or, in a loop, starts the next iteration) with the
  mutex still locked leaves it locked for good: the next Lock, on any
  goroutine, blocks for ever. The missing Unlock is usually on an early
  return added later, or on a `continue`.

  The rule follows every path from each Lock to the function's returns,
  and around loops back to the same Lock, and reports the Lock when some
  path neither unlocks it (directly, by a defer, or through a helper whose
  every path unlocks it) nor is a panic. Helpers that return with the lock
  held on every path by design (`func (c *Cache) lock() { c.mu.Lock() }`)
  are not reported; their callers are checked as if they had called Lock.
  Nor are helpers that can fail: they unlock and return an error on some
  paths (a sentinel such as `errClosed`, a new one from `errors.New` or
  `fmt.Errorf`, or an error they tested not nil) and return nil holding
  the lock on the others; their callers hold the lock where that error is
  nil. A function that unlocks and returns an error that may be nil
  (`err := w.write(); mu.Unlock(); return err`) beside a `return nil` that keeps the lock is reported: it
  keeps to no such convention. Missed for that reason: a function that
  forgets the Unlock on every path that returns nil while it unlocks on
  each that returns an error is taken for such a helper; its callers that
  do not unlock are reported instead.

  Fix: `defer mu.Unlock()` right after the Lock, or unlock before every
  return and `continue`.

  Not reported either: a lock handed from one goroutine to another (a
  closure run by `go` locks a mutex it captures and never unlocks it,
  while the function that started it, or another of its closures, unlocks
  that mutex and never locks it: a Mutex is not tied to a goroutine); and
  the last Lock of a mutex in a local variable that nothing outside the
  function and its closures can reach (never passed, stored, returned or
  sent) and that one of those closures unlocks, when no path from that
  Lock unlocks it: it waits for the goroutines holding the mutex to unlock
  it, and only those closures could lock it again. Nor is a mutex that
  no other goroutine can reach at all left locked when the function
  returns: a local variable held by value (itself or a field of a local
  struct, not through a pointer or an element), whose address is never
  taken and that no closure captures, dies with the call unlocked or not
  (a crash test of `mu.Lock(); mu.RUnlock()`). Locking it again in a loop
  without unlocking it is still reported: that blocks this goroutine. A
  mutex declared in the loop body (`var done sync.Mutex`) is a new mutex
  each iteration, so the next iteration's Lock is not a second Lock of
  the same one.

  A branch on a constant (`if false`, `if debug` with `const debug =
  false`) takes only its live side.

  The locked mutex itself handed over is the new owner's to unlock:
  returned (`return &c.rlock, nil`, then checked at the callers, where a
  helper's `ok` or error result says on which paths it locked), or
  stored in a field (`&Batch{lock: lock}`, whose Close unlocks it).
  Storing a struct that contains the locked mutex hands over nothing. A
  transaction handle returned with its store locked (`s.mu.Lock(); return
  &Txn{s: s}`) takes the lock over when a method of its type unlocks it
  through that field (`t.s.mu.Unlock()` in Commit, or a method of the
  store called on `t.s` that does); a `return nil, err` on the way is
  still a path that keeps the lock. The handle may hold the store a
  struct deeper (`&txn{common{s: s}}`) and may be returned wrapped by a
  constructor (`return newMetricsTxn(&txn{...})`, etcd's shape) when
  the wrapper's method forwards to the one that unlocks (`defer
  m.Txn.End()`, or promoted from the embedded handle); a wrapper that
  drops the release does not take the lock over.

  Locking and unlocking under the same flag in two separate `if`s (`if
  lock { m.mu.Lock() } ... if lock { m.mu.Unlock() }`, a parameter or a
  local the function does not change in between) is paired up: a path
  takes the same side of both. So is a Lock under a comparison of such a
  variable with a constant or with another such variable and the Unlock
  under the same comparison (`if b == 10 { cache.Lock() } ... if b == 10
  { cache.Unlock() }`, or `n > 0`, `n < limit`, or a `switch` case), and
  a comparison of a length (`if len(keys) > 0`, or `len(w.changes) != 0`
  of a field, which only a write to the field or to what holds it, or a
  call handed what holds it, such as `w.flush()`, may change in between;
  `w.tx.Unlock()` does not). A flag the function sets after the Lock
  (`held = true`, then `if held { mu.Unlock() }`) is known to the paths
  that set it.

  `TryLock` is a Lock on the paths where it returned true (tested
  directly, through a variable, or through a helper that returns its
  result), and nothing on the others.

  Known false positives: locking and unlocking under the same condition
  written as any other expression in two separate `if`s (`if b%2 == 0`:
  arithmetic is not kept, so it cannot tell that the paths that lock
  without unlocking cannot run);
  hand-over-hand locking
  along a list in a loop (the lock taken in one iteration is unlocked in
  the next, under a condition); a function that returns with the lock held
  on purpose on some paths only and tells its callers so by other means
  than a nil error on exactly those paths (a bool result, a documented
  contract).
  Missed: the local mutex's last Lock while a goroutine that will still
  lock it runs on after the function returns.
tags: [mutex, deadlock, lifecycle]
precision: high
since: "0.1.0"
lifecycle:
  resource: lock
  acquire:
    - call: (*sync.Mutex).Lock
    - call: (*sync.RWMutex).Lock
    - call: (*sync.Mutex).TryLock
      success-result: 0
    - call: (*sync.RWMutex).TryLock
      success-result: 0
  release:
    - call: (*sync.Mutex).Unlock
    - call: (*sync.RWMutex).Unlock
  # A goroutine this function starts unlocks it (`go func() { defer mu.Unlock() ... }()`);
  # the locked mutex itself returned (`return &c.rlock, nil`) or stored in a field
  # (`&Batch{lock: lock}`) is handed over: its new owner unlocks it.
  transfer: [goroutine-if-released, return, field]
  messages:
    leak: "{variable} is locked by {call} and not unlocked on the path through line {line}: the next Lock blocks for ever"
  options:
    defer-release-ok: true
    loop-scoped: true
    panic-paths: false
examples:
  bad:
    # The flag that pairs Lock and Unlock is changed in between, so the Unlock is skipped.
    - |
      package sessions

      import "sync"

      // Manager keeps the sessions of one account.
      type Manager struct {
      	mu       sync.Mutex
      	sessions map[string]string
      }

      // Add records a session; lock is false when the caller holds m.mu.
      func (m *Manager) Add(id, owner string, lock bool) {
      	if lock {
      		↓m.mu.Lock()
      	}
      	if owner == "" {
      		lock = false
      	}
      	m.sessions[id] = owner
      	if lock {
      		m.mu.Unlock()
      	}
      }
    # A struct field: the early return forgets the Unlock.
    - |
      package account

      import (
      	"errors"
      	"sync"
      )

      var ErrInsufficient = errors.New("account: insufficient funds")

      // Account is a balance safe for concurrent use.
      type Account struct {
      	mu      sync.Mutex
      	balance int64
      }

      // Withdraw takes amount from the balance.
      func (a *Account) Withdraw(amount int64) error {
      	↓a.mu.Lock()
      	if a.balance < amount {
      		return ErrInsufficient
      	}
      	a.balance -= amount
      	a.mu.Unlock()
      	return nil
      }
    # A loop: `continue` keeps the lock into the next iteration.
    - |
      package registry

      import "sync"

      // Registry maps names to addresses.
      type Registry struct {
      	mu    sync.Mutex
      	addrs map[string]string
      }

      // Prune removes the names that fail the health check.
      func (r *Registry) Prune(names []string, healthy func(string) bool) {
      	for _, n := range names {
      		↓r.mu.Lock()
      		addr, ok := r.addrs[n]
      		if !ok {
      			continue
      		}
      		if !healthy(addr) {
      			delete(r.addrs, n)
      		}
      		r.mu.Unlock()
      	}
      }
    # A helper that locks: its caller forgets the unlock on one path.
    - |
      package sessions

      import "sync"

      // Store keeps sessions by id.
      type Store struct {
      	mu   sync.Mutex
      	data map[string][]byte
      }

      func (s *Store) lock()   { s.mu.Lock() }
      func (s *Store) unlock() { s.mu.Unlock() }

      // Touch refreshes a session and reports whether it exists.
      func (s *Store) Touch(id string) bool {
      	↓s.lock()
      	v, ok := s.data[id]
      	if !ok {
      		return false
      	}
      	s.data[id] = append(v[:0], v...)
      	s.unlock()
      	return true
      }
    # A closure: the handler returns on a bad request with the lock held.
    - |
      package counter

      import (
      	"net/http"
      	"strconv"
      	"sync"
      )

      // Handler counts hits per key.
      func Handler() http.HandlerFunc {
      	var mu sync.Mutex
      	hits := map[string]int{}
      	return func(w http.ResponseWriter, r *http.Request) {
      		↓mu.Lock()
      		key := r.URL.Query().Get("key")
      		if key == "" {
      			http.Error(w, "missing key", http.StatusBadRequest)
      			return
      		}
      		hits[key]++
      		n := hits[key]
      		mu.Unlock()
      		w.Write([]byte(strconv.Itoa(n)))
      	}
      }
    # Generics: a cache whose miss path keeps the write lock.
    - |
      package cache

      import "sync"

      // Cache memoizes load.
      type Cache[K comparable, V any] struct {
      	mu    sync.RWMutex
      	items map[K]V
      	load  func(K) (V, error)
      }

      // Get returns the cached value for k, loading it on a miss.
      func (c *Cache[K, V]) Get(k K) (V, error) {
      	↓c.mu.Lock()
      	if v, ok := c.items[k]; ok {
      		c.mu.Unlock()
      		return v, nil
      	}
      	v, err := c.load(k)
      	if err != nil {
      		return v, err
      	}
      	c.items[k] = v
      	c.mu.Unlock()
      	return v, nil
      }
    # A helper that releases one lock and takes another: the second stays held.
    - |
      package handoff

      import "sync"

      // Pipe hands work from stage a to stage b.
      type Pipe struct {
      	a, b sync.Mutex
      	n    int
      }

      // advance leaves stage a and enters stage b.
      func (p *Pipe) advance() {
      	p.a.Unlock()
      	p.b.Lock()
      }

      // Step moves one item on; the early return keeps stage b.
      func (p *Pipe) Step() int {
      	p.a.Lock()
      	p.n++
      	↓p.advance()
      	if p.n > 10 {
      		return p.n
      	}
      	n := p.n
      	p.b.Unlock()
      	return n
      }
    - lang: cir
      code: |
        package example.com/account
        type example.com/account.Account struct{ mu sync.Mutex; balance int64 }

        func (a *example.com/account.Account) Withdraw(amount int64) error {
        b0:
            ↓mutex.lock a.mu
            if ? then b1 else b2
        b1:
            return ?
        b2:
            mutex.unlock a.mu
            return nil
        }
    # A local mutex locked before the workers start: the early return keeps
    # it locked, though the function unlocks it on the other path (so the
    # Lock is not a last wait for other goroutines).
    - |
      package collect

      import "sync"

      // Collect gathers the items on workers unless the first one is bad.
      func Collect(items []string, bad func(string) bool) []string {
      	var mu sync.Mutex
      	var wg sync.WaitGroup
      	var out []string
      	↓mu.Lock()
      	if len(items) > 0 && bad(items[0]) {
      		return nil
      	}
      	for _, it := range items {
      		wg.Add(1)
      		go func(it string) {
      			defer wg.Done()
      			mu.Lock()
      			out = append(out, it)
      			mu.Unlock()
      		}(it)
      	}
      	mu.Unlock()
      	wg.Wait()
      	return out
      }
    # A goroutine that locks a captured mutex on every job and that nobody unlocks.
    - |
      package jobs

      import "sync"

      // Start processes the jobs one at a time.
      func Start(jobs <-chan int, process func(int)) {
      	var mu sync.Mutex
      	go func() {
      		for j := range jobs {
      			↓mu.Lock()
      			process(j)
      		}
      	}()
      	mu.Lock()
      	mu.Unlock()
      }
    # A local pointer to a shared mutex is not a private mutex.
    - |
      package stats

      import "sync"

      // Stats counts requests for all handlers.
      type Stats struct {
      	mu       sync.Mutex
      	requests int
      }

      // Record counts one request, unless counting is off.
      func Record(s *Stats, enabled func() bool) {
      	mu := &s.mu
      	↓mu.Lock()
      	if !enabled() {
      		return
      	}
      	s.requests++
      	mu.Unlock()
      }
    # A constant that is true does not hide the real early return after it.
    - |
      package limits

      import "sync"

      const checkNegative = true

      var (
      	mu    sync.Mutex
      	total int
      )

      // Add adds n to the total and returns it, or -1 for a negative n.
      func Add(n int) int {
      	↓mu.Lock()
      	if checkNegative && n < 0 {
      		return -1
      	}
      	total += n
      	t := total
      	mu.Unlock()
      	return t
      }
    # The caller of a helper that returns the locked mutex forgets it on one path.
    - |
      package wire

      import "sync"

      // Port is open or not.
      type Port struct {
      	mu   sync.Mutex
      	open bool
      }

      func (p *Port) acquire() (*sync.Mutex, bool) {
      	p.mu.Lock()
      	if !p.open {
      		p.mu.Unlock()
      		return nil, false
      	}
      	return &p.mu, true
      }

      // Send writes b if the port is open and b is not empty.
      func (p *Port) Send(b []byte, write func([]byte)) bool {
      	lock, ok := ↓p.acquire()
      	if !ok {
      		return false
      	}
      	if len(b) == 0 {
      		return true
      	}
      	write(b)
      	lock.Unlock()
      	return true
      }
    # Storing the struct that holds the locked mutex hands over nothing.
    - |
      package registry

      import "sync"

      // Entry is guarded by its own mutex.
      type Entry struct {
      	mu   sync.Mutex
      	hits int
      }

      // Registry remembers the entry it touched last.
      type Registry struct {
      	last *Entry
      }

      // Touch counts a hit and remembers the entry, but leaves it locked
      // when it is the one it touched last.
      func (r *Registry) Touch(e *Entry) {
      	↓e.mu.Lock()
      	e.hits++
      	if r.last == e {
      		r.last = e
      		return
      	}
      	r.last = e
      	e.mu.Unlock()
      }
    # A transaction's failure path returns nil and keeps the store locked.
    - |
      package store

      import (
      	"errors"
      	"sync"
      )

      // Store is a key-value store with one writer at a time.
      type Store struct {
      	mu     sync.Mutex
      	closed bool
      	data   map[string]string
      }

      // Txn holds the store's lock until Commit.
      type Txn struct{ s *Store }

      // Commit releases the store.
      func (t *Txn) Commit() { t.s.mu.Unlock() }

      // Begin starts a write transaction.
      func (s *Store) Begin() (*Txn, error) {
      	↓s.mu.Lock()
      	if s.closed {
      		return nil, errors.New("store closed")
      	}
      	return &Txn{s: s}, nil
      }
    # Locked under one comparison and unlocked under another: when b is
    # 10 the lock stays held.
    - |
      package conv

      import "sync"

      var cache struct {
      	sync.Mutex
      	table []string
      }

      func digits(b int, n int) []string {
      	if b == 10 {
      		↓cache.Lock()
      	}
      	out := make([]string, n)
      	if b == 16 {
      		cache.table = out
      		cache.Unlock()
      	}
      	return out
      }
    # The same comparison, but the variable changes in between: the second
    # test need not take the side the first took.
    - |
      package conv

      import "sync"

      var mu sync.Mutex

      func scale(mode int, next func(int) int) int {
      	if mode == 1 {
      		↓mu.Lock()
      	}
      	mode = next(mode)
      	if mode == 1 {
      		mu.Unlock()
      	}
      	return mode
      }
    # A mutex declared in the loop body, locked, and locked again by the
    # goroutine that captured it: that goroutine blocks for ever.
    - |
      package collect

      import "sync"

      // Run starts every job, each behind its own gate.
      func Run(jobs []func()) {
      	for _, job := range jobs {
      		var gate sync.Mutex
      		↓gate.Lock()
      		go func() {
      			gate.Lock()
      			job()
      		}()
      	}
      }
    # Locked when n > 0 but unlocked only when n > 1: n == 1 keeps the lock.
    - |
      package conv

      import "sync"

      func add(mu *sync.Mutex, n int, total *int) {
      	if n > 0 {
      		↓mu.Lock()
      	}
      	*total += n
      	if n > 1 {
      		mu.Unlock()
      	}
      }
    # Locked under n < limit, unlocked under limit < n: the paths that
    # lock never unlock.
    - |
      package pool

      import "sync"

      type Pool struct {
      	mu    sync.Mutex
      	items []int
      }

      func (p *Pool) Take(n, limit int) {
      	if n < limit {
      		↓p.mu.Lock()
      	}
      	if limit < n {
      		p.items = p.items[1:]
      		p.mu.Unlock()
      	}
      }
    # Each listener points back at the server, and the loop stores it in
    # the server: the places that reach s.mu grow a level every iteration
    # (s.listeners[].owner.listeners[].owner.mu ...). The zero port still
    # returns with the lock held.
    - |
      package listeners

      import (
      	"errors"
      	"sync"
      )

      // listener points back at the server that owns it.
      type listener struct {
      	owner *Server
      	port  int
      }

      // Server keeps one listener per port.
      type Server struct {
      	mu        sync.Mutex
      	listeners []*listener
      }

      // Open adds a listener per port.
      func (s *Server) Open(ports []int) error {
      	↓s.mu.Lock()
      	for _, p := range ports {
      		l := &listener{owner: s, port: p}
      		s.listeners = append(s.listeners, l)
      		if p == 0 {
      			return errors.New("listeners: port 0")
      		}
      	}
      	s.mu.Unlock()
      	return nil
      }
    # The flag says the lock is held, but an early return skips its test.
    - |
      package buckets

      import "sync"

      // Cache maps bucket names to ids, filling itself from a loader.
      type Cache struct {
      	mu     sync.RWMutex
      	ids    map[string]int
      	loader func(string) (int, bool)
      }

      // ID returns the bucket's id, loading it under the write lock on a miss.
      func (c *Cache) ID(name string) (int, bool) {
      	c.mu.RLock()
      	id, ok := c.ids[name]
      	c.mu.RUnlock()
      	held := false
      	if !ok {
      		↓c.mu.Lock()
      		held = true
      		id, ok = c.loader(name)
      		if !ok {
      			return 0, false
      		}
      		c.ids[name] = id
      	}
      	if held {
      		c.mu.Unlock()
      	}
      	return id, true
      }
    # The pending list is emptied by a method between the two tests of its
    # length, so the second test can skip the Unlock.
    - |
      package journal

      import "sync"

      // Journal batches entries and bumps its revision when a batch is written.
      type Journal struct {
      	revMu   sync.Mutex
      	rev     int64
      	pending []string
      	out     []string
      }

      func (j *Journal) flush() {
      	j.out = append(j.out, j.pending...)
      	j.pending = nil
      }

      // End writes the batch out.
      func (j *Journal) End() {
      	if len(j.pending) != 0 {
      		↓j.revMu.Lock()
      		j.rev++
      	}
      	j.flush()
      	if len(j.pending) != 0 {
      		j.revMu.Unlock()
      	}
      }
    # TryLock took the lock; the early return for a full batch keeps it.
    - |
      package batch

      import "sync"

      // Batcher flushes what it collected, unless a flush is running.
      type Batcher struct {
      	mu    sync.Mutex
      	items []string
      }

      // TryFlush flushes now if nobody else is.
      func (b *Batcher) TryFlush(send func([]string) error) error {
      	if !↓b.mu.TryLock() {
      		return nil
      	}
      	if len(b.items) == 0 {
      		return nil
      	}
      	err := send(b.items)
      	b.items = b.items[:0]
      	b.mu.Unlock()
      	return err
      }
    # A helper wraps TryLock and returns its result; the caller's error
    # path keeps the lock.
    - |
      package cache

      import "sync"

      // Cache refreshes entries in the background.
      type Cache struct {
      	mu   sync.Mutex
      	data map[string]int
      }

      func (c *Cache) tryLock() bool {
      	ok := c.mu.TryLock()
      	return ok
      }

      // Refresh updates k unless another refresh holds the cache.
      func (c *Cache) Refresh(k string, load func(string) (int, error)) error {
      	if !↓c.tryLock() {
      		return nil
      	}
      	v, err := load(k)
      	if err != nil {
      		return err
      	}
      	c.data[k] = v
      	c.mu.Unlock()
      	return nil
      }
    # Every shard is locked, and a path out between the two loops leaves them locked.
    - |
      package shardmap

      import "sync"

      type shard struct {
      	mu sync.Mutex
      	m  map[string]int
      }

      // Map spreads its keys over shards, each with its own lock.
      type Map struct{ shards []shard }

      // Len counts every key at one instant, but gives up past a limit.
      func (s *Map) Len(limit int) int {
      	for i := range s.shards {
      		↓s.shards[i].mu.Lock()
      	}
      	n := 0
      	for i := range s.shards {
      		n += len(s.shards[i].m)
      	}
      	if n > limit {
      		return limit
      	}
      	for i := range s.shards {
      		s.shards[i].mu.Unlock()
      	}
      	return n
      }
    # One shard at a time, and the `continue` skips its Unlock.
    - |
      package shardmap

      import "sync"

      type shard struct {
      	mu sync.Mutex
      	m  map[string]int
      }

      type Map struct{ shards []shard }

      // Reset empties the shards that hold anything.
      func (s *Map) Reset() {
      	for i := range s.shards {
      		↓s.shards[i].mu.Lock()
      		if len(s.shards[i].m) == 0 {
      			continue
      		}
      		s.shards[i].m = map[string]int{}
      		s.shards[i].mu.Unlock()
      	}
      }
    # Ranging over pointers to the blocks: the loop that locks and unlocks
    # each one skips the Unlock of a sealed block.
    - |
      package store

      import "sync"

      type block struct {
      	mu     sync.Mutex
      	sealed bool
      	bytes  int
      }

      type Store struct{ blocks []*block }

      // Size adds up the blocks still written to.
      func (s *Store) Size() int {
      	n := 0
      	for _, b := range s.blocks {
      		↓b.mu.Lock()
      		if b.sealed {
      			continue
      		}
      		n += b.bytes
      		b.mu.Unlock()
      	}
      	return n
      }
    # The deferred closure unlocks only while the flag is set, and the early
    # return clears the flag without unlocking.
    - |
      package store

      import "sync"

      type Store struct {
      	mu   sync.Mutex
      	data map[string][]byte
      }

      func flush(map[string][]byte) {}

      // Flush writes the data out, and skips the writing when asked.
      func (s *Store) Flush(dry bool) {
      	↓s.mu.Lock()
      	locked := true
      	defer func() {
      		if locked {
      			s.mu.Unlock()
      		}
      	}()
      	if dry {
      		locked = false
      		return
      	}
      	flush(s.data)
      }
    # A deferred closure that unlocks under a flag nothing sets: the
    # function never unlocks, and is no lock helper, since it means to.
    - |
      package queue

      import "sync"

      type Queue struct {
      	mu    sync.Mutex
      	items []string
      }

      // Pop takes the first item, if there is one.
      func (q *Queue) Pop() (string, bool) {
      	locked := false
      	↓q.mu.Lock()
      	defer func() {
      		if locked {
      			q.mu.Unlock()
      		}
      	}()
      	if len(q.items) == 0 {
      		return "", false
      	}
      	v := q.items[0]
      	q.items = q.items[1:]
      	return v, true
      }
    # A lock helper that can fail (unlocks and returns an error when the
    # store is closed): its caller's path on which the key is missing keeps
    # the lock it took where the helper returned nil.
    - |
      package kv

      import (
      	"errors"
      	"sync"
      )

      var errClosed = errors.New("kv: closed")

      type Store struct {
      	mu     sync.Mutex
      	closed bool
      	items  map[string][]byte
      }

      func (s *Store) lock() error {
      	s.mu.Lock()
      	if s.closed {
      		s.mu.Unlock()
      		return errClosed
      	}
      	return nil
      }

      func (s *Store) Take(key string) ([]byte, error) {
      	if err := ↓s.lock(); err != nil {
      		return nil, err
      	}
      	v, ok := s.items[key]
      	if !ok {
      		return nil, nil
      	}
      	delete(s.items, key)
      	s.mu.Unlock()
      	return v, nil
      }
    # The early return of nil forgets the Unlock; the other path unlocks
    # and returns an error that may be nil, so this is no lock helper that
    # tells its callers by its error.
    - |
      package wal

      import "sync"

      type writer interface{ write([]int) error }

      type Log struct {
      	mu      sync.Mutex
      	pending []int
      	w       writer
      }

      func (l *Log) Flush() error {
      	↓l.mu.Lock()
      	if len(l.pending) == 0 {
      		return nil
      	}
      	err := l.w.write(l.pending)
      	l.pending = nil
      	l.mu.Unlock()
      	return err
      }
  good:
    # Lock helpers that can fail: each unlocks and returns an error (a
    # sentinel, a wrapped one, or one it tested) where it gives up, and
    # returns nil holding the lock; callers unlock where the error is nil.
    - |
      package kv

      import (
      	"errors"
      	"fmt"
      	"sync"
      )

      var errClosed = errors.New("kv: closed")

      type journal interface{ sync() error }

      type Store struct {
      	mu     sync.Mutex
      	closed bool
      	j      journal
      	items  map[string][]byte
      }

      func (s *Store) lock() error {
      	s.mu.Lock()
      	if s.closed {
      		s.mu.Unlock()
      		return errClosed
      	}
      	return nil
      }

      func (s *Store) lockSynced() error {
      	s.mu.Lock()
      	if err := s.j.sync(); err != nil {
      		s.mu.Unlock()
      		return fmt.Errorf("kv: %w", err)
      	}
      	return nil
      }

      func (s *Store) lockJournal() error {
      	s.mu.Lock()
      	err := s.j.sync()
      	if err != nil {
      		s.mu.Unlock()
      		return err
      	}
      	return nil
      }

      func (s *Store) Put(key string, v []byte) error {
      	if err := s.lock(); err != nil {
      		return err
      	}
      	defer s.mu.Unlock()
      	s.items[key] = v
      	return nil
      }

      func (s *Store) Get(key string) ([]byte, error) {
      	err := s.lockSynced()
      	if err != nil {
      		return nil, err
      	}
      	v := s.items[key]
      	s.mu.Unlock()
      	return v, nil
      }

      func (s *Store) Delete(key string) error {
      	if err := s.lockJournal(); err != nil {
      		return err
      	}
      	delete(s.items, key)
      	s.mu.Unlock()
      	return nil
      }
    # Lock and unlock helpers over pointers to the blocks, ranged over by
    # value: each turn's variable is another block.
    - |
      package store

      import "sync"

      type block struct {
      	mu    sync.Mutex
      	bytes int
      }

      type Store struct {
      	mu     sync.Mutex
      	blocks []*block
      }

      func (s *Store) lockAllBlocks() {
      	for _, b := range s.blocks {
      		b.mu.Lock()
      	}
      }

      func (s *Store) unlockAllBlocks() {
      	for _, b := range s.blocks {
      		b.mu.Unlock()
      	}
      }

      // Compact rewrites every block while none can be written.
      func (s *Store) Compact() {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	s.lockAllBlocks()
      	defer s.unlockAllBlocks()
      	for _, b := range s.blocks {
      		b.bytes = 0
      	}
      }
    # Listeners pointing back at their server, stored in it in a loop, and
    # the lock released on both ways out.
    - |
      package listeners

      import (
      	"errors"
      	"sync"
      )

      type listener struct {
      	owner *Server
      	port  int
      }

      // Server keeps one listener per port.
      type Server struct {
      	mu        sync.Mutex
      	listeners []*listener
      }

      // Open adds a listener per port.
      func (s *Server) Open(ports []int) error {
      	s.mu.Lock()
      	for _, p := range ports {
      		l := &listener{owner: s, port: p}
      		s.listeners = append(s.listeners, l)
      		if p == 0 {
      			s.mu.Unlock()
      			return errors.New("listeners: port 0")
      		}
      	}
      	s.mu.Unlock()
      	return nil
      }
    # Locked and unlocked under the same comparison of two parameters.
    - |
      package pool

      import "sync"

      type Pool struct {
      	mu    sync.Mutex
      	items []int
      }

      // Put keeps x when n is under the limit, locking only then.
      func (p *Pool) Put(x int, n, limit int) {
      	if n < limit {
      		p.mu.Lock()
      	}
      	x *= 2
      	if n < limit {
      		p.items = append(p.items, x)
      		p.mu.Unlock()
      	}
      }
    # A mutex declared in the loop body is a new mutex each iteration, used
    # as a completion signal: the goroutine unlocks it when done, the last
    # Lock waits for that, and nothing locks it again.
    - |
      package collect

      import "sync"

      // Squares computes each batch's squares in the background and waits.
      func Squares(batches [][]int) [][]int {
      	var out [][]int
      	for _, batch := range batches {
      		var done sync.Mutex
      		squares := make([]int, len(batch))
      		done.Lock()
      		go func() {
      			for i, v := range batch {
      				squares[i] = v * v
      			}
      			done.Unlock()
      		}()
      		done.Lock() // wait for the goroutine
      		out = append(out, squares)
      	}
      	return out
      }
    # Locked and unlocked under the same comparison of a parameter with a
    # constant (math/big's cache of base-10 powers): the paths that lock
    # and then skip the unlock cannot run.
    - |
      package conv

      import "sync"

      var cache struct {
      	sync.Mutex
      	table []string
      }

      func digits(b int, n int) []string {
      	if b == 10 {
      		cache.Lock()
      	}
      	out := make([]string, 0, n)
      	for i := 0; i < n; i++ {
      		out = append(out, "0")
      	}
      	if b == 10 {
      		cache.table = out
      		cache.Unlock()
      	}
      	return out
      }
    # The helper returns the mutex it locked; the caller hands it to the
    # batch it returns, whose Close unlocks it.
    - |
      package wire

      import (
      	"errors"
      	"sync"
      )

      // Conn reads responses one batch at a time.
      type Conn struct {
      	rlock sync.Mutex
      	next  int32
      }

      // Batch holds the read lock of its connection until Close.
      type Batch struct {
      	lock *sync.Mutex
      	size int
      }

      // Close gives the connection back.
      func (b *Batch) Close() { b.lock.Unlock() }

      func (c *Conn) waitResponse(id int32) (size int, lock *sync.Mutex, err error) {
      	c.rlock.Lock()
      	if c.next != id {
      		c.rlock.Unlock()
      		return 0, nil, errors.New("wire: out of order")
      	}
      	return 64, &c.rlock, nil
      }

      // ReadBatch waits for the response to id.
      func (c *Conn) ReadBatch(id int32) (*Batch, error) {
      	size, lock, err := c.waitResponse(id)
      	if err != nil {
      		return nil, err
      	}
      	return &Batch{lock: lock, size: size}, nil
      }
    # A helper that reports with ok whether it locked: nothing to unlock where it did not.
    - |
      package wire

      import "sync"

      // Port is open or not.
      type Port struct {
      	mu   sync.Mutex
      	open bool
      }

      func (p *Port) acquire() (*sync.Mutex, bool) {
      	p.mu.Lock()
      	if !p.open {
      		p.mu.Unlock()
      		return nil, false
      	}
      	return &p.mu, true
      }

      // Send writes b if the port is open.
      func (p *Port) Send(b []byte, write func([]byte)) bool {
      	lock, ok := p.acquire()
      	if !ok {
      		return false
      	}
      	write(b)
      	lock.Unlock()
      	return true
      }
    # An early return under a constant that is false: the path never runs.
    - |
      package trace

      import "sync"

      const debugSkip = false

      var (
      	mu     sync.Mutex
      	events []string
      )

      // Record keeps an event, unless a debug build skips recording.
      func Record(e string) {
      	mu.Lock()
      	if debugSkip {
      		return
      	}
      	events = append(events, e)
      	mu.Unlock()
      }
    # A misuse that must crash, run by a test in a child process: the mutex
    # is local to the function literal and no other goroutine can reach it.
    - |
      package misuse

      import "sync"

      // Cases are the wrong unlocks the crash test runs one at a time.
      var Cases = map[string]func(){
      	"RUnlock of a write lock": func() {
      		var mu sync.RWMutex
      		mu.Lock()
      		mu.RUnlock()
      	},
      	"Unlock twice": func() {
      		var mu sync.Mutex
      		mu.Lock()
      		mu.Unlock()
      		mu.Unlock()
      	},
      }
    # The caller says whether it already holds the lock: locked and unlocked under the same flag.
    - |
      package sessions

      import "sync"

      // Manager keeps the sessions of one account.
      type Manager struct {
      	mu       sync.Mutex
      	sessions map[string]string
      }

      // Add records a session; lock is false when the caller holds m.mu.
      func (m *Manager) Add(id, owner string, lock bool) {
      	if lock {
      		m.mu.Lock()
      	}
      	m.sessions[id] = owner
      	if lock {
      		m.mu.Unlock()
      	}
      }

      // Owner looks a session up, taking the lock unless the caller has it.
      func (m *Manager) Owner(id string, hasLock bool) (string, bool) {
      	if !hasLock {
      		m.mu.Lock()
      	}
      	owner, ok := m.sessions[id]
      	if !hasLock {
      		m.mu.Unlock()
      	}
      	return owner, ok
      }
    # The lock is handed to a goroutine, started through a recovering helper, that unlocks it when the dial is done.
    - |
      package broker

      import (
      	"net"
      	"sync"
      )

      // Broker is one connection, dialled in the background.
      type Broker struct {
      	lock sync.Mutex
      	addr string
      	conn net.Conn
      	err  error
      }

      func safely(fn func()) {
      	defer func() { _ = recover() }()
      	fn()
      }

      // Open dials in the background and holds the lock until the dial is done.
      func (b *Broker) Open() {
      	b.lock.Lock()
      	go safely(func() {
      		defer b.lock.Unlock()
      		b.conn, b.err = net.Dial("tcp", b.addr)
      	})
      }

      // Conn waits for Open's dial and returns its outcome.
      func (b *Broker) Conn() (net.Conn, error) {
      	b.lock.Lock()
      	defer b.lock.Unlock()
      	return b.conn, b.err
      }

      // Connect starts dialling addr.
      func Connect(addr string) *Broker {
      	b := &Broker{addr: addr}
      	b.Open()
      	return b
      }
    # Unlocked by a defer on every path.
    - |
      package account

      import (
      	"errors"
      	"sync"
      )

      var ErrInsufficient = errors.New("account: insufficient funds")

      // Account is a balance safe for concurrent use.
      type Account struct {
      	mu      sync.Mutex
      	balance int64
      }

      // Withdraw takes amount from the balance.
      func (a *Account) Withdraw(amount int64) error {
      	a.mu.Lock()
      	defer a.mu.Unlock()
      	if a.balance < amount {
      		return ErrInsufficient
      	}
      	a.balance -= amount
      	return nil
      }
    # Unlocked before the `continue` as well.
    - |
      package registry

      import "sync"

      // Registry maps names to addresses.
      type Registry struct {
      	mu    sync.Mutex
      	addrs map[string]string
      }

      // Prune removes the names that fail the health check.
      func (r *Registry) Prune(names []string, healthy func(string) bool) {
      	for _, n := range names {
      		r.mu.Lock()
      		addr, ok := r.addrs[n]
      		if !ok {
      			r.mu.Unlock()
      			continue
      		}
      		if !healthy(addr) {
      			delete(r.addrs, n)
      		}
      		r.mu.Unlock()
      	}
      }
    # Lock and unlock helpers used in pairs; the helpers themselves are fine.
    - |
      package sessions

      import "sync"

      // Store keeps sessions by id.
      type Store struct {
      	mu   sync.Mutex
      	data map[string][]byte
      }

      func (s *Store) lock()   { s.mu.Lock() }
      func (s *Store) unlock() { s.mu.Unlock() }

      // Touch refreshes a session and reports whether it exists.
      func (s *Store) Touch(id string) bool {
      	s.lock()
      	defer s.unlock()
      	v, ok := s.data[id]
      	if !ok {
      		return false
      	}
      	s.data[id] = append(v[:0], v...)
      	return true
      }
    # Unlocked in a deferred closure that also records a metric.
    - |
      package queue

      import (
      	"sync"
      	"time"
      )

      // Queue is a FIFO with lock-hold metrics.
      type Queue struct {
      	mu    sync.Mutex
      	items []string
      	held  time.Duration
      }

      // Pop removes the first item.
      func (q *Queue) Pop() (string, bool) {
      	q.mu.Lock()
      	start := time.Now()
      	defer func() {
      		q.held += time.Since(start)
      		q.mu.Unlock()
      	}()
      	if len(q.items) == 0 {
      		return "", false
      	}
      	it := q.items[0]
      	q.items = q.items[1:]
      	return it, true
      }
    # A helper that releases the caller's lock while it waits and takes it
    # back before returning: the caller's lock is as it was.
    - |
      package jobs

      import (
      	"sync"
      	"time"
      )

      // Queue holds pending jobs.
      type Queue struct {
      	mu   sync.Mutex
      	jobs []string
      }

      // waitLocked sleeps without the lock; q.mu is held on entry and on return.
      func (q *Queue) waitLocked() {
      	q.mu.Unlock()
      	time.Sleep(time.Millisecond)
      	q.mu.Lock()
      }

      // Next waits for a job and takes it.
      func (q *Queue) Next() string {
      	q.mu.Lock()
      	defer q.mu.Unlock()
      	for len(q.jobs) == 0 {
      		q.waitLocked()
      	}
      	j := q.jobs[0]
      	q.jobs = q.jobs[1:]
      	return j
      }
    # The same with the re-lock deferred, as `(*testing.B).Run` does with
    # its package-level lock.
    - |
      package bench

      import "sync"

      var benchLock sync.Mutex

      // runUnlocked runs f without benchLock, which the caller holds.
      func runUnlocked(f func()) {
      	benchLock.Unlock()
      	defer benchLock.Lock()
      	f()
      }

      // RunAll runs every benchmark under benchLock, each one without it.
      func RunAll(fs []func()) {
      	benchLock.Lock()
      	defer benchLock.Unlock()
      	for _, f := range fs {
      		runUnlocked(f)
      	}
      }
    # Unlocked in the middle and locked again under a deferred Unlock, as
    # `(*log.Logger).Output` does; its callers hold nothing afterwards.
    - |
      package logging

      import (
      	"runtime"
      	"sync"
      )

      // Logger writes lines with their caller.
      type Logger struct {
      	mu    sync.Mutex
      	file  bool
      	lines []string
      }

      // Output records s, looking up the caller without the lock.
      func (l *Logger) Output(depth int, s string) {
      	l.mu.Lock()
      	defer l.mu.Unlock()
      	if l.file {
      		l.mu.Unlock()
      		_, file, _, _ := runtime.Caller(depth)
      		s = file + ": " + s
      		l.mu.Lock()
      	}
      	l.lines = append(l.lines, s)
      }

      // PrintAll records every line.
      func (l *Logger) PrintAll(lines []string) {
      	for _, s := range lines {
      		l.Output(2, s)
      	}
      }
    - lang: cir
      code: |
        package example.com/sessions
        type example.com/sessions.Store struct{ mu sync.Mutex }

        func (s *example.com/sessions.Store) lock() {
        b0:
            mutex.lock s.mu
            return
        }

        func (s *example.com/sessions.Store) unlock() {
        b0:
            mutex.unlock s.mu
            return
        }

        func (s *example.com/sessions.Store) Touch(id string) bool {
        b0:
            call (*example.com/sessions.Store).lock(s)
            defer (*example.com/sessions.Store).unlock(s)
            if ? then b1 else b2
        b1:
            return false
        b2:
            return true
        }
    # A lock handed from one goroutine to another: the goroutine locks, the
    # function that started it unlocks (a Mutex is not tied to a goroutine).
    - |
      package relay

      import "sync"

      // Relay has a worker take the lock n times and the caller release it each time.
      func Relay(n int) {
      	var mu sync.Mutex
      	locked := make(chan bool)
      	go func() {
      		for i := 0; i < n; i++ {
      			mu.Lock()
      			locked <- true
      		}
      	}()
      	for i := 0; i < n; i++ {
      		<-locked
      		mu.Unlock()
      	}
      }
    # A last Lock of a local mutex that waits for a goroutine to unlock it:
    # nothing else can reach the mutex, and nothing locks it afterwards.
    - |
      package wait

      import "sync"

      // SumSquares adds up the squares on a goroutine and waits for it by locking mu.
      func SumSquares(xs []int) int {
      	var mu sync.Mutex
      	total := 0
      	mu.Lock()
      	go func() {
      		for _, x := range xs {
      			total += x * x
      		}
      		mu.Unlock()
      	}()
      	mu.Lock() // wait for the goroutine
      	return total
      }
    # A transaction keeps its store locked until Commit or Rollback, which
    # unlock it through the handle's field.
    - |
      package store

      import (
      	"errors"
      	"sync"
      )

      // Store is a key-value store with one writer at a time.
      type Store struct {
      	mu     sync.Mutex
      	closed bool
      	data   map[string]string
      }

      // Txn holds the store's lock until Commit or Rollback.
      type Txn struct {
      	s      *Store
      	writes map[string]string
      }

      // Begin starts a write transaction.
      func (s *Store) Begin() (*Txn, error) {
      	s.mu.Lock()
      	if s.closed {
      		s.mu.Unlock()
      		return nil, errors.New("store closed")
      	}
      	return &Txn{s: s, writes: map[string]string{}}, nil
      }

      // Commit applies the writes and releases the store.
      func (t *Txn) Commit() {
      	for k, v := range t.writes {
      		t.s.data[k] = v
      	}
      	t.s.mu.Unlock()
      }

      // Rollback releases the store.
      func (t *Txn) Rollback() { t.s.mu.Unlock() }
    # A flag set right after the Lock says whether to unlock (etcd's
    # bucket cache shape): no path unlocks twice or not at all.
    - |
      package buckets

      import "sync"

      // Cache maps bucket names to ids, filling itself from a loader.
      type Cache struct {
      	mu     sync.RWMutex
      	ids    map[string]int
      	loader func(string) int
      }

      // ID returns the bucket's id, loading it under the write lock on a miss.
      func (c *Cache) ID(name string) int {
      	c.mu.RLock()
      	id, ok := c.ids[name]
      	c.mu.RUnlock()
      	lockHeld := false
      	if !ok {
      		c.mu.Lock()
      		lockHeld = true
      		id = c.loader(name)
      		c.ids[name] = id
      	}
      	if id < 0 {
      		if lockHeld {
      			c.mu.Unlock()
      		}
      		return 0
      	}
      	if !lockHeld {
      		c.mu.Lock()
      	}
      	c.ids[name+"/seen"] = id
      	c.mu.Unlock()
      	return id
      }
    # The revision lock is taken and released under the same test of a
    # field's length, and the interface call in between cannot change it
    # (etcd's storeTxnWrite.End).
    - |
      package journal

      import "sync"

      // Tx is the backend transaction a write batch runs in.
      type Tx interface{ Unlock() }

      // Write is one write transaction of the journal.
      type Write struct {
      	revMu   *sync.Mutex
      	rev     *int64
      	tx      Tx
      	changes []string
      }

      // End publishes the revision when the transaction changed anything.
      func (w *Write) End() {
      	if len(w.changes) != 0 {
      		w.revMu.Lock()
      		*w.rev++
      	}
      	w.tx.Unlock()
      	if len(w.changes) != 0 {
      		w.revMu.Unlock()
      	}
      }
    # The same with a local slice's length.
    - |
      package batch

      import "sync"

      // Apply writes the batch to m, locking only when there is something to write.
      func Apply(mu *sync.Mutex, m map[string]int, keys []string) {
      	if len(keys) > 0 {
      		mu.Lock()
      	}
      	for i, k := range keys {
      		m[k] = i
      	}
      	if len(keys) > 0 {
      		mu.Unlock()
      	}
      }
    # A helper that locks and returns the Unlock method value, deferred by its callers.
    - |
      package cache

      import "sync"

      type Cache struct {
      	mu    sync.Mutex
      	items map[string]int
      }

      func (c *Cache) locked() func() {
      	c.mu.Lock()
      	return c.mu.Unlock
      }

      // Set stores v under k.
      func (c *Cache) Set(k string, v int) {
      	defer c.locked()()
      	c.items[k] = v
      }

      // Get reads k.
      func (c *Cache) Get(k string) int {
      	unlock := c.locked()
      	defer unlock()
      	return c.items[k]
      }
    # The lock is held only where TryLock returned true, and released there.
    - |
      package batch

      import "sync"

      // Batcher flushes what it collected, unless a flush is running.
      type Batcher struct {
      	mu    sync.Mutex
      	items []string
      }

      // TryFlush flushes now if nobody else is.
      func (b *Batcher) TryFlush(send func([]string) error) error {
      	if !b.mu.TryLock() {
      		return nil
      	}
      	defer b.mu.Unlock()
      	if len(b.items) == 0 {
      		return nil
      	}
      	err := send(b.items)
      	b.items = b.items[:0]
      	return err
      }
    # TryLock's result kept in a variable and tested later; a wrapper that
    # returns it is locked only where its result is true.
    - |
      package cache

      import "sync"

      // Cache refreshes entries in the background.
      type Cache struct {
      	mu   sync.Mutex
      	data map[string]int
      }

      func (c *Cache) tryLock() bool { return c.mu.TryLock() }

      // Peek reads k if the cache is free right now.
      func (c *Cache) Peek(k string) (int, bool) {
      	locked := c.mu.TryLock()
      	if !locked {
      		return 0, false
      	}
      	v := c.data[k]
      	c.mu.Unlock()
      	return v, true
      }

      // Bump counts k if the cache is free right now.
      func (c *Cache) Bump(k string) {
      	if ok := c.tryLock(); ok {
      		c.data[k]++
      		c.mu.Unlock()
      	}
      }
    # A TryLock of its own returns true holding the inner lock, and lets
    # it go before returning false: its callers hold it where it is true.
    - |
      package gate

      import (
      	"sync"
      	"sync/atomic"
      )

      // Gate admits one writer while no reader is inside.
      type Gate struct {
      	w       sync.Mutex
      	readers int32
      }

      // TryEnter takes the gate if it is free right now.
      func (g *Gate) TryEnter() bool {
      	if !g.w.TryLock() {
      		return false
      	}
      	if atomic.LoadInt32(&g.readers) != 0 {
      		g.w.Unlock()
      		return false
      	}
      	return true
      }

      // Leave gives the gate back.
      func (g *Gate) Leave() { g.w.Unlock() }

      // Poke does its work only if it got the gate.
      func (g *Gate) Poke(work func()) {
      	if g.TryEnter() {
      		work()
      		g.Leave()
      	}
      }
    # Every shard is locked by one loop and unlocked by another over the
    # same shards: a loop over no shards locks and unlocks nothing.
    - |
      package shardmap

      import "sync"

      type shard struct {
      	mu sync.Mutex
      	m  map[string]int
      }

      // Map spreads its keys over shards, each with its own lock.
      type Map struct {
      	shards []shard
      	fixed  [16]shard
      }

      // Len counts every key at one instant.
      func (s *Map) Len() int {
      	for i := range s.shards {
      		s.shards[i].mu.Lock()
      	}
      	n := 0
      	for i := range s.shards {
      		n += len(s.shards[i].m)
      	}
      	for i := range s.shards {
      		s.shards[i].mu.Unlock()
      	}
      	return n
      }

      // FixedLen does the same with counted loops, unlocking as it reads.
      func (s *Map) FixedLen() int {
      	for i := 0; i < len(s.fixed); i++ {
      		s.fixed[i].mu.Lock()
      	}
      	n := 0
      	for i := 0; i < len(s.fixed); i++ {
      		n += len(s.fixed[i].m)
      		s.fixed[i].mu.Unlock()
      	}
      	return n
      }

      // LockAll and UnlockAll bracket a whole-map operation.
      func (s *Map) LockAll() {
      	for i := range s.shards {
      		s.shards[i].mu.Lock()
      	}
      }

      func (s *Map) UnlockAll() {
      	for i := range s.shards {
      		s.shards[i].mu.Unlock()
      	}
      }

      // Clear empties every shard while holding them all.
      func (s *Map) Clear() {
      	s.LockAll()
      	defer s.UnlockAll()
      	for i := range s.shards {
      		s.shards[i].m = map[string]int{}
      	}
      }

      // Move locks the shards of the keys it is given, in the order given.
      func (s *Map) Move(shards []int, key string) {
      	for _, k := range shards {
      		s.shards[k].mu.Lock()
      	}
      	for _, k := range shards {
      		delete(s.shards[k].m, key)
      	}
      	for _, k := range shards {
      		s.shards[k].mu.Unlock()
      	}
      }
    # Locking is switched by a field that nothing changes in between.
    - |
      package cache

      import "sync"

      type Cache struct {
      	mu   sync.Mutex
      	safe bool
      	m    map[string]int
      }

      // Get locks only a cache shared between goroutines.
      func (c *Cache) Get(k string) int {
      	if c.safe {
      		c.mu.Lock()
      	}
      	v := c.m[k]
      	if c.safe {
      		c.mu.Unlock()
      	}
      	return v
      }
    # A deferred closure unlocks unless the function already did, as a
    # flag records (both spellings of the flag).
    - |
      package store

      import "sync"

      type Store struct {
      	mu   sync.Mutex
      	data map[string][]byte
      }

      func write(map[string][]byte) {}

      // Flush copies the data under the lock and writes it without.
      func (s *Store) Flush(slow bool) {
      	s.mu.Lock()
      	locked := true
      	defer func() {
      		if locked {
      			s.mu.Unlock()
      		}
      	}()
      	snapshot := make(map[string][]byte, len(s.data))
      	for k, v := range s.data {
      		snapshot[k] = v
      	}
      	if slow {
      		s.mu.Unlock()
      		locked = false
      		write(snapshot)
      		return
      	}
      	write(s.data)
      }

      // Drop clears the data, writing it out first without the lock.
      func (s *Store) Drop(save bool) {
      	unlocked := false
      	s.mu.Lock()
      	defer func() {
      		if !unlocked {
      			s.mu.Unlock()
      		}
      	}()
      	old := s.data
      	s.data = map[string][]byte{}
      	if save {
      		unlocked = true
      		s.mu.Unlock()
      		write(old)
      	}
      }

"""#),
        RuleFileText(relativePath: "mutex/MU1002-rlock-not-runlocked.yaml", text: #"""
# A read lock taken and not released on some path. The format of this file
# is described in rules/README.md.
id: MU1002
name: rlock-not-runlocked
category: mutex
level: error
summary: A sync.RWMutex read lock is taken and not released on some path out of the function.
description: |
  A read lock that is never released does not stop other readers, which
  is why the bug survives testing: everything works until the first
  writer. Lock then waits for the forgotten reader for ever, and because
  a waiting writer blocks new readers, every later RLock blocks too.

  The rule follows every path from each RLock to the function's returns,
  and around loops back to the same RLock, and reports the RLock when some
  path neither releases it (directly, by a defer, or through a helper that
  always does) nor is a panic. Helpers that return holding the read lock on
  every path are checked at their callers instead. A read transaction
  returned with its store read-locked, whose End releases it, takes the
  read lock over, also when returned wrapped by a constructor whose
  methods forward to it (see MU1001).

  Fix: `defer mu.RUnlock()` right after the RLock, or RUnlock before every
  return and `continue`.

  Not reported: a read lock handed from one goroutine to another (a
  closure run by `go` read-locks a mutex it captures and never releases
  it, while the function that started it, or another of its closures,
  releases it and never read-locks it), nor a read lock left when the
  function returns on a mutex no other goroutine can reach (a local held
  by value whose address is never taken and that no closure captures,
  as MU1001 explains).

  Taking and releasing the read lock under the same flag in two separate
  `if`s (a variable the function does not change in between), under the
  same comparison of such a variable with a constant (`if n > 0`), or in
  the same clause of two `switch`es on it (`default:` included) is paired
  up, as MU1001 explains.

  Known false positives: taking and releasing the read lock under the same
  condition written as any other expression (`if len(xs) > 0`, `if n%2 ==
  0`) in two separate `if`s; a function that returns holding the read
  lock on purpose on some paths only.
tags: [mutex, deadlock, lifecycle]
precision: high
since: "0.1.0"
lifecycle:
  resource: read lock
  acquire:
    - call: (*sync.RWMutex).RLock
    - call: (*sync.RWMutex).TryRLock
      success-result: 0
  release:
    - call: (*sync.RWMutex).RUnlock
  # A goroutine this function starts releases it (`go func() { defer mu.RUnlock() ... }()`);
  # the read-locked mutex itself returned or stored in a field is handed over.
  transfer: [goroutine-if-released, return, field]
  messages:
    leak: "{variable} is read-locked by {call} and not released on the path through line {line}: the next writer blocks for ever, and every reader after it"
  options:
    defer-release-ok: true
    loop-scoped: true
    panic-paths: false
examples:
  bad:
    # A struct field: the lookup returns early holding the read lock.
    - |
      package routes

      import "sync"

      // Table maps paths to handlers.
      type Table struct {
      	mu     sync.RWMutex
      	routes map[string]string
      }

      // Lookup returns the handler for path, trying its parent directory on a miss.
      func (t *Table) Lookup(path, parent string) (string, bool) {
      	↓t.mu.RLock()
      	if h, ok := t.routes[path]; ok {
      		return h, true
      	}
      	h, ok := t.routes[parent]
      	t.mu.RUnlock()
      	return h, ok
      }
    # A loop: the read lock of a skipped entry is never released.
    - |
      package inventory

      import "sync"

      // Shelf is one shelf of items.
      type Shelf struct {
      	mu    sync.RWMutex
      	items map[string]int
      }

      // Count adds up item across shelves, skipping empty shelves.
      func Count(shelves []*Shelf, item string) int {
      	total := 0
      	for _, s := range shelves {
      		↓s.mu.RLock()
      		if len(s.items) == 0 {
      			continue
      		}
      		total += s.items[item]
      		s.mu.RUnlock()
      	}
      	return total
      }
    # A closure: a validation error returns with the read lock taken.
    - |
      package config

      import (
      	"errors"
      	"sync"
      )

      var errUnknown = errors.New("config: unknown key")

      // Getter returns a function that reads keys of a shared configuration.
      func Getter(mu *sync.RWMutex, values map[string]string) func(string) (string, error) {
      	return func(key string) (string, error) {
      		↓mu.RLock()
      		v, ok := values[key]
      		if !ok {
      			return "", errUnknown
      		}
      		mu.RUnlock()
      		return v, nil
      	}
      }
    # Generics: a set whose membership test returns before releasing.
    - |
      package set

      import "sync"

      // Set is a concurrent set.
      type Set[T comparable] struct {
      	mu    sync.RWMutex
      	items map[T]struct{}
      }

      // HasAll reports whether every value is in the set.
      func (s *Set[T]) HasAll(values ...T) bool {
      	↓s.mu.RLock()
      	for _, v := range values {
      		if _, ok := s.items[v]; !ok {
      			return false
      		}
      	}
      	s.mu.RUnlock()
      	return true
      }
    - lang: cir
      code: |
        package example.com/routes
        type example.com/routes.Table struct{ mu sync.RWMutex }

        func (t *example.com/routes.Table) Lookup(path string) bool {
        b0:
            ↓mutex.rlock t.mu
            if ? then b1 else b2
        b1:
            return true
        b2:
            mutex.runlock t.mu
            return false
        }
    # A transaction returned behind an interface, wrapped by a constructor
    # whose End forgets to end the transaction it wraps: the store stays
    # read-locked after every Dump iteration.
    - |
      package store

      import "sync"

      // Store is a versioned key-value store; a transaction holds its read
      // lock until End.
      type Store struct {
      	mu   sync.RWMutex
      	rev  int64
      	data map[string]string
      }

      // Txn is what callers see of a transaction.
      type Txn interface {
      	Get(key string) string
      	Rev() int64
      	End()
      }

      type txnCommon struct {
      	s   *Store
      	rev int64
      }

      func (t *txnCommon) Rev() int64 { return t.rev }

      type storeTxn struct {
      	txnCommon
      }

      func (t *storeTxn) Get(key string) string { return t.s.data[key] }

      // End releases the store.
      func (t *storeTxn) End() { t.s.mu.RUnlock() }

      // metricsTxn counts the reads of the transaction it wraps.
      type metricsTxn struct {
      	Txn
      	gets int
      }

      func newMetricsTxn(t Txn) Txn { return &metricsTxn{Txn: t} }

      func (m *metricsTxn) Get(key string) string {
      	m.gets++
      	return m.Txn.Get(key)
      }

      // End records the reads, and forgets to end the transaction it wraps.
      func (m *metricsTxn) End() {
      	record(m.gets)
      }

      var reads int

      func record(n int) { reads += n }

      // Read starts a read transaction; its End releases the store.
      func (s *Store) Read() Txn {
      	s.mu.RLock()
      	return newMetricsTxn(&storeTxn{txnCommon{s: s, rev: s.rev}})
      }

      // Dump copies the keys, each read in a transaction of its own.
      func Dump(s *Store, keys []string) map[string]string {
      	out := make(map[string]string, len(keys))
      	for _, k := range keys {
      		txn := ↓s.Read()
      		out[k] = txn.Get(k)
      		txn.End()
      	}
      	return out
      }
    # TryRLock succeeded, and the miss path returns with the read lock held.
    - |
      package table

      import "sync"

      // Table is read far more often than it is written.
      type Table struct {
      	mu   sync.RWMutex
      	rows map[string]string
      }

      // Lookup reads k unless a writer holds the table.
      func (t *Table) Lookup(k string) (string, bool) {
      	if !↓t.mu.TryRLock() {
      		return "", false
      	}
      	v, ok := t.rows[k]
      	if !ok {
      		return "", false
      	}
      	t.mu.RUnlock()
      	return v, true
      }
  good:
    # Read-locked in a switch's default clause and read-unlocked under the
    # same switch: a path takes the same clause both times.
    - |
      package store

      import "sync"

      type mode int

      const (
      	modeRead mode = iota
      	modeWrite
      )

      type Store struct {
      	mu   sync.RWMutex
      	data map[string]int
      }

      func (s *Store) access(m mode, key string, v int) int {
      	switch m {
      	case modeWrite:
      		s.mu.Lock()
      		s.data[key] = v
      	default:
      		s.mu.RLock()
      	}
      	out := s.data[key]
      	switch m {
      	case modeWrite:
      		s.mu.Unlock()
      	default:
      		s.mu.RUnlock()
      	}
      	return out
      }
    # A crash test's misuse: the mutex is local to the function literal.
    - |
      package misuse

      import "sync"

      // Cases are the wrong unlocks the crash test runs one at a time.
      var Cases = []func(){
      	func() {
      		var mu sync.RWMutex
      		mu.RLock()
      		mu.Unlock()
      	},
      	func() {
      		var mu sync.RWMutex
      		mu.RLock()
      		mu.RUnlock()
      		mu.RUnlock()
      	},
      }
    # Released by a defer.
    - |
      package routes

      import "sync"

      // Table maps paths to handlers.
      type Table struct {
      	mu     sync.RWMutex
      	routes map[string]string
      }

      // Lookup returns the handler for path, trying its parent directory on a miss.
      func (t *Table) Lookup(path, parent string) (string, bool) {
      	t.mu.RLock()
      	defer t.mu.RUnlock()
      	if h, ok := t.routes[path]; ok {
      		return h, true
      	}
      	h, ok := t.routes[parent]
      	return h, ok
      }
    # Released before the `continue` too.
    - |
      package inventory

      import "sync"

      // Shelf is one shelf of items.
      type Shelf struct {
      	mu    sync.RWMutex
      	items map[string]int
      }

      // Count adds up item across shelves.
      func Count(shelves []*Shelf, item string) int {
      	total := 0
      	for _, s := range shelves {
      		s.mu.RLock()
      		n := s.items[item]
      		s.mu.RUnlock()
      		total += n
      	}
      	return total
      }
    # A snapshot copied under the read lock and used after it.
    - |
      package peers

      import "sync"

      // List is a list of peer addresses.
      type List struct {
      	mu    sync.RWMutex
      	addrs []string
      }

      // Snapshot returns a copy of the addresses.
      func (l *List) Snapshot() []string {
      	l.mu.RLock()
      	out := append([]string(nil), l.addrs...)
      	l.mu.RUnlock()
      	return out
      }
    # A write lock taken and released on every path is not this rule's business.
    - |
      package set

      import "sync"

      // Set is a concurrent set.
      type Set[T comparable] struct {
      	mu    sync.RWMutex
      	items map[T]struct{}
      }

      // Add inserts the values.
      func (s *Set[T]) Add(values ...T) {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	for _, v := range values {
      		s.items[v] = struct{}{}
      	}
      }
    # Read lock dropped for a write and taken back by a defer, under the
    # deferred RUnlock of the same function, as (*tls.Config).ticketKeys
    # does: the deferred RLock runs before the deferred RUnlock.
    - |
      package keys

      import "sync"

      // Ring holds rotating keys.
      type Ring struct {
      	mu   sync.RWMutex
      	keys []string
      }

      // Current returns the keys, rotating them when there are none.
      func (r *Ring) Current() []string {
      	r.mu.RLock()
      	defer r.mu.RUnlock()
      	if len(r.keys) > 0 {
      		return r.keys
      	}
      	r.mu.RUnlock()
      	defer r.mu.RLock()
      	r.mu.Lock()
      	defer r.mu.Unlock()
      	r.keys = []string{"k0"}
      	return r.keys
      }

      // Count counts the keys of every ring.
      func Count(rings []*Ring) int {
      	n := 0
      	for _, r := range rings {
      		n += len(r.Current())
      	}
      	return n
      }
    - lang: cir
      code: |
        package example.com/routes
        type example.com/routes.Table struct{ mu sync.RWMutex }

        func (t *example.com/routes.Table) Lookup(path string) bool {
        b0:
            mutex.rlock t.mu
            defer mutex.runlock t.mu
            if ? then b1 else b2
        b1:
            return true
        b2:
            return false
        }
    # A read lock handed from one goroutine to another: the goroutine takes
    # it, the function that started it releases it.
    - |
      package snapshot

      import "sync"

      // Hold has a worker take the read lock n times and the caller release it each time.
      func Hold(mu *sync.RWMutex, n int) {
      	held := make(chan bool)
      	go func() {
      		for i := 0; i < n; i++ {
      			mu.RLock()
      			held <- true
      		}
      	}()
      	for i := 0; i < n; i++ {
      		<-held
      		mu.RUnlock()
      	}
      }
    # A read transaction keeps the mmap read-locked until it ends: its
    # Rollback asks the database to drop it, which releases the read lock.
    - |
      package kv

      import "sync"

      // DB maps a file and hands out read transactions.
      type DB struct {
      	mmaplock sync.RWMutex
      	open     bool
      	txs      []*Tx
      }

      // Tx is a read transaction.
      type Tx struct{ db *DB }

      func (tx *Tx) init(db *DB) { tx.db = db }

      // Rollback ends the transaction.
      func (tx *Tx) Rollback() { tx.db.removeTx(tx) }

      func (db *DB) removeTx(tx *Tx) {
      	db.mmaplock.RUnlock()
      	for i, t := range db.txs {
      		if t == tx {
      			db.txs = append(db.txs[:i], db.txs[i+1:]...)
      			break
      		}
      	}
      }

      // Begin starts a read transaction.
      func (db *DB) Begin() *Tx {
      	db.mmaplock.RLock()
      	if !db.open {
      		db.mmaplock.RUnlock()
      		return nil
      	}
      	t := &Tx{}
      	t.init(db)
      	db.txs = append(db.txs, t)
      	return t
      }
    # A transaction returned behind an interface, wrapped by a constructor
    # (as etcd's mvcc store wraps its transactions for metrics): the
    # wrapper's End forwards to the store transaction's End, which
    # releases the read lock through the store it holds a struct deeper.
    - |
      package store

      import "sync"

      // Store is a versioned key-value store; a transaction holds its read
      // lock until End.
      type Store struct {
      	mu   sync.RWMutex
      	rev  int64
      	data map[string]string
      }

      // Txn is what callers see of a transaction.
      type Txn interface {
      	Get(key string) string
      	Rev() int64
      	End()
      }

      type txnCommon struct {
      	s   *Store
      	rev int64
      }

      func (t *txnCommon) Rev() int64 { return t.rev }

      type storeTxn struct {
      	txnCommon
      }

      func (t *storeTxn) Get(key string) string { return t.s.data[key] }

      // End releases the store.
      func (t *storeTxn) End() { t.s.mu.RUnlock() }

      // metricsTxn counts the reads of the transaction it wraps.
      type metricsTxn struct {
      	Txn
      	gets int
      }

      func newMetricsTxn(t Txn) Txn { return &metricsTxn{Txn: t} }

      func (m *metricsTxn) Get(key string) string {
      	m.gets++
      	return m.Txn.Get(key)
      }

      func (m *metricsTxn) End() {
      	defer m.Txn.End()
      	record(m.gets)
      }

      var reads int

      func record(n int) { reads += n }

      // Read starts a read transaction; its End releases the store.
      func (s *Store) Read() Txn {
      	s.mu.RLock()
      	return newMetricsTxn(&storeTxn{txnCommon{s: s, rev: s.rev}})
      }

      // Dump copies the keys, each read in a transaction of its own.
      func Dump(s *Store, keys []string) map[string]string {
      	out := make(map[string]string, len(keys))
      	for _, k := range keys {
      		txn := s.Read()
      		out[k] = txn.Get(k)
      		txn.End()
      	}
      	return out
      }
    # The same built field by field, with the wrapper's End promoted from
    # the transaction it embeds.
    - |
      package store

      import "sync"

      // Store is a versioned key-value store; a transaction holds its read
      // lock until End.
      type Store struct {
      	mu   sync.RWMutex
      	rev  int64
      	data map[string]string
      }

      // Txn is what callers see of a transaction.
      type Txn interface {
      	Get(key string) string
      	Rev() int64
      	End()
      }

      type txnCommon struct {
      	s   *Store
      	rev int64
      }

      func (t *txnCommon) Rev() int64 { return t.rev }

      type storeTxn struct {
      	txnCommon
      }

      func (t *storeTxn) Get(key string) string { return t.s.data[key] }

      // End releases the store.
      func (t *storeTxn) End() { t.s.mu.RUnlock() }

      // metricsTxn counts the reads of the transaction it wraps.
      type metricsTxn struct {
      	Txn
      	gets int
      }

      func newMetricsTxn(t Txn) Txn { return &metricsTxn{Txn: t} }

      func (m *metricsTxn) Get(key string) string {
      	m.gets++
      	return m.Txn.Get(key)
      }

      var reads int

      func record(n int) { reads += n }

      // Read starts a read transaction; its End releases the store.
      func (s *Store) Read() Txn {
      	s.mu.RLock()
      	t := &storeTxn{}
      	t.s = s
      	t.rev = s.rev
      	w := newMetricsTxn(t)
      	return w
      }

      // Dump copies the keys, each read in a transaction of its own.
      func Dump(s *Store, keys []string) map[string]string {
      	out := make(map[string]string, len(keys))
      	for _, k := range keys {
      		txn := s.Read()
      		out[k] = txn.Get(k)
      		txn.End()
      	}
      	return out
      }
    # TryRLock's read lock is released on every path where it was taken.
    - |
      package table

      import "sync"

      // Table is read far more often than it is written.
      type Table struct {
      	mu   sync.RWMutex
      	rows map[string]string
      }

      // Lookup reads k unless a writer holds the table.
      func (t *Table) Lookup(k string) (string, bool) {
      	if !t.mu.TryRLock() {
      		return "", false
      	}
      	defer t.mu.RUnlock()
      	v, ok := t.rows[k]
      	return v, ok
      }

"""#),
        RuleFileText(relativePath: "mutex/MU1003-deferred-lock.yaml", text: #"""
# defer mu.Lock(), meant as defer mu.Unlock(). The format of this file is
# described in rules/README.md.
id: MU1003
name: deferred-lock
category: mutex
level: error
summary: defer mu.Lock() locks the mutex when the function returns; defer mu.Unlock() was meant.
description: |
  `mu.Lock(); defer mu.Lock()` is a one-word typo with a large effect: the
  mutex is never unlocked, and the deferred Lock either deadlocks the
  function itself on return or leaves the mutex locked twice over. The
  same holds for `defer mu.RLock()`. staticcheck's SA2003 reports the typo
  right after a Lock.

  The rule reports a deferred Lock or RLock unless the function also
  unlocks the same mutex itself: `mu.Unlock(); defer mu.Lock()` is the
  deliberate idiom for releasing a lock around a callback and taking it
  back before returning to a caller that expects it held.

  Fix: `defer mu.Unlock()` (`defer mu.RUnlock()`); conclint offers the
  replacement.

  Known false positives: a function that takes a lock on return for its
  caller on purpose without releasing it first (rare; say so in a
  comment and suppress the finding).
tags: [mutex, deadlock, typo]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A struct field: the typo right after the Lock.
    - |
      package counter

      import "sync"

      // Counter counts events.
      type Counter struct {
      	mu sync.Mutex
      	n  map[string]int
      }

      // Inc counts one event of kind k.
      func (c *Counter) Inc(k string) {
      	c.mu.Lock()
      	↓defer c.mu.Lock()
      	c.n[k]++
      }
    # The read-lock variant in a helper.
    - |
      package dns

      import "sync"

      // cache is a shared name cache.
      type cache struct {
      	mu    sync.RWMutex
      	names map[string][]string
      }

      func lookup(c *cache, host string) []string {
      	c.mu.RLock()
      	↓defer c.mu.RLock()
      	return c.names[host]
      }
    # A closure guarding a captured map.
    - |
      package hooks

      import "sync"

      // Registry returns functions that register and list hooks.
      func Registry() (add func(string, func()), names func() []string) {
      	var mu sync.Mutex
      	hooks := map[string]func(){}
      	add = func(name string, f func()) {
      		mu.Lock()
      		↓defer mu.Lock()
      		hooks[name] = f
      	}
      	names = func() []string {
      		mu.Lock()
      		defer mu.Unlock()
      		var out []string
      		for n := range hooks {
      			out = append(out, n)
      		}
      		return out
      	}
      	return add, names
      }
    # Generics: a guarded value whose setter defers the wrong call.
    - |
      package guard

      import "sync"

      // Value is a value guarded by a mutex.
      type Value[T any] struct {
      	mu sync.Mutex
      	v  T
      }

      // Set replaces the value.
      func (g *Value[T]) Set(v T) {
      	g.mu.Lock()
      	↓defer g.mu.Lock()
      	g.v = v
      }
    - lang: cir
      code: |
        package example.com/counter
        type example.com/counter.Counter struct{ mu sync.Mutex }

        func (c *example.com/counter.Counter) Inc(k string) {
        b0:
            mutex.lock c.mu
            ↓defer mutex.lock c.mu
            return
        }
  good:
    # The intended code.
    - |
      package counter

      import "sync"

      // Counter counts events.
      type Counter struct {
      	mu sync.Mutex
      	n  map[string]int
      }

      // Inc counts one event of kind k.
      func (c *Counter) Inc(k string) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.n[k]++
      }
    # Releasing the lock around a callback and taking it back for the caller.
    - |
      package conn

      import "sync"

      // Conn calls its handler for every message.
      type Conn struct {
      	mu      sync.Mutex
      	handler func([]byte)
      }

      // dispatch must be called with c.mu held; it returns with c.mu held.
      func (c *Conn) dispatch(msg []byte) {
      	h := c.handler
      	c.mu.Unlock()
      	defer c.mu.Lock()
      	h(msg)
      }
    # The read lock released by a defer.
    - |
      package dns

      import "sync"

      // cache is a shared name cache.
      type cache struct {
      	mu    sync.RWMutex
      	names map[string][]string
      }

      func lookup(c *cache, host string) []string {
      	c.mu.RLock()
      	defer c.mu.RUnlock()
      	return c.names[host]
      }
    # A deferred closure that unlocks.
    - |
      package guard

      import "sync"

      // Value is a value guarded by a mutex.
      type Value[T any] struct {
      	mu      sync.Mutex
      	v       T
      	changes int
      }

      // Set replaces the value and counts the change.
      func (g *Value[T]) Set(v T) {
      	g.mu.Lock()
      	defer func() {
      		g.changes++
      		g.mu.Unlock()
      	}()
      	g.v = v
      }
    - lang: cir
      code: |
        package example.com/conn
        type example.com/conn.Conn struct{ mu sync.Mutex }

        func (c *example.com/conn.Conn) dispatch(h func()) {
        b0:
            mutex.unlock c.mu
            defer mutex.lock c.mu
            call (h)()
            return
        }

"""#),
        RuleFileText(relativePath: "mutex/MU1004-empty-critical-section.yaml", text: #"""
# Lock immediately followed by Unlock. The format of this file is
# described in rules/README.md.
id: MU1004
name: empty-critical-section
category: mutex
level: warning
summary: A mutex is unlocked right after it is locked, so nothing is protected.
description: |
  `mu.Lock(); mu.Unlock()` with nothing in between protects nothing. Most
  often the statements that should be inside were moved out in an edit,
  or `defer mu.Unlock()` lost its `defer`; the data the mutex guards is
  then accessed without it. staticcheck's SA2001.

  The rule reports a Lock (or RLock) followed by the matching Unlock
  (RUnlock) of the same mutex with no statement between them: nothing on
  the lines in between but blank lines and comments. As SA2001, it does
  not report in the tests of package sync itself, where the lock is what
  is under test (benchmarks of Lock/Unlock, misuse tests) and no data is
  meant to be inside.

  Fix: move the guarded statements between the two calls, or write `defer
  mu.Unlock()`.

  An empty section is also a barrier, used on purpose: it waits until
  every goroutine inside the section has left it (a write Lock of an
  RWMutex waits out its readers). Two shapes say so and are not
  reported: a comment on the pair or on the statements right above it
  that speaks of waiting ("wait for any active call to complete"; the
  words wait, until, drain, barrier, active, in-flight, outstanding), and
  a goroutine whose empty section is on a mutex that its starter holds at
  the `go` statement (it stays blocked until the starter unlocks: a test
  parking a goroutine on purpose).

  Known false positives: a barrier with no such comment. Say why in a
  comment, or suppress the finding on that line.
tags: [mutex, race]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # The update ended up after the Unlock.
    - |
      package stats

      import "sync"

      // Stats counts requests per path.
      type Stats struct {
      	mu    sync.Mutex
      	count map[string]int
      }

      // Hit counts one request for path.
      func (s *Stats) Hit(path string) {
      	↓s.mu.Lock()
      	s.mu.Unlock()
      	s.count[path]++
      }
    # A read lock around nothing in a helper.
    - |
      package flags

      import "sync"

      var (
      	mu      sync.RWMutex
      	enabled = map[string]bool{}
      )

      // Enabled reports whether the feature is on.
      func Enabled(feature string) bool {
      	↓mu.RLock()
      	mu.RUnlock()
      	return enabled[feature]
      }
    # A loop: each item is appended outside the section meant to guard it.
    - |
      package collect

      import "sync"

      // Sink gathers results from many goroutines.
      type Sink struct {
      	mu  sync.Mutex
      	out []string
      }

      // AddAll appends every result.
      func (s *Sink) AddAll(results []string) {
      	for _, r := range results {
      		↓s.mu.Lock()
      		s.mu.Unlock()
      		s.out = append(s.out, r)
      	}
      }
    # Generics: a guarded slice whose length is read unprotected.
    - |
      package list

      import "sync"

      // List is a slice guarded by a mutex.
      type List[T any] struct {
      	mu    sync.Mutex
      	items []T
      }

      // Len returns the number of items.
      func (l *List[T]) Len() int {
      	↓l.mu.Lock()
      	l.mu.Unlock()
      	return len(l.items)
      }
    # A comment above that does not speak of waiting.
    - |
      package cache

      import "sync"

      // Cache maps keys to values.
      type Cache struct {
      	mu      sync.Mutex
      	entries map[string]string
      }

      // Reset empties the cache.
      func (c *Cache) Reset() {
      	// Drop every entry.
      	↓c.mu.Lock()
      	c.mu.Unlock()
      	c.entries = map[string]string{}
      }
    # A goroutine whose starter does not hold the lock.
    - |
      package stats

      import "sync"

      // Stats counts requests per path.
      type Stats struct {
      	mu    sync.Mutex
      	count map[string]int
      }

      // HitAsync counts one request in the background.
      func (s *Stats) HitAsync(path string) {
      	go func() {
      		↓s.mu.Lock()
      		s.mu.Unlock()
      		s.count[path]++
      	}()
      }
    - lang: cir
      code: |
        package example.com/stats
        type example.com/stats.Stats struct{ mu sync.Mutex; count map[string]int }

        func (s *example.com/stats.Stats) Hit(path string) {
        b0:
            ↓mutex.lock s.mu
            mutex.unlock s.mu
            map.write s.count
            return
        }
  good:
    # The update inside the section.
    - |
      package stats

      import "sync"

      // Stats counts requests per path.
      type Stats struct {
      	mu    sync.Mutex
      	count map[string]int
      }

      // Hit counts one request for path.
      func (s *Stats) Hit(path string) {
      	s.mu.Lock()
      	s.count[path]++
      	s.mu.Unlock()
      }
    # Unlocked by a defer.
    - |
      package flags

      import "sync"

      var (
      	mu      sync.RWMutex
      	enabled = map[string]bool{}
      )

      // Enabled reports whether the feature is on.
      func Enabled(feature string) bool {
      	mu.RLock()
      	defer mu.RUnlock()
      	return enabled[feature]
      }
    # Lock and Unlock in different branches of the work.
    - |
      package batch

      import "sync"

      // Batcher flushes when full.
      type Batcher struct {
      	mu    sync.Mutex
      	items []string
      	flush func([]string)
      }

      // Add appends it, flushing outside the lock when the batch is full.
      func (b *Batcher) Add(it string) {
      	b.mu.Lock()
      	b.items = append(b.items, it)
      	if len(b.items) < 100 {
      		b.mu.Unlock()
      		return
      	}
      	full := b.items
      	b.items = nil
      	b.mu.Unlock()
      	b.flush(full)
      }
    # Two different mutexes taken one after the other.
    - |
      package transfer

      import "sync"

      // Account is a balance.
      type Account struct {
      	mu      sync.Mutex
      	balance int
      }

      // Move moves n from a to b, never holding both locks.
      func Move(a, b *Account, n int) {
      	a.mu.Lock()
      	a.balance -= n
      	a.mu.Unlock()
      	b.mu.Lock()
      	b.balance += n
      	b.mu.Unlock()
      }
    - lang: cir
      code: |
        package example.com/stats
        type example.com/stats.Stats struct{ mu sync.Mutex; count map[string]int }

        func (s *example.com/stats.Stats) Hit(path string) {
        b0:
            mutex.lock s.mu
            map.write s.count
            mutex.unlock s.mu
            return
        }
    # The tests of package sync exercise the lock itself (as SA2001 skips them).
    - lang: cir
      code: |
        package sync_test
        type sync_test.T struct{ mu sync.Mutex }

        func (t *sync_test.T) BenchmarkUncontended() {
        b0:
            mutex.lock t.mu
            mutex.unlock t.mu
            return
        }
    # A barrier that says so: the write lock waits out the Signal calls
    # that hold the read lock.
    - |
      package proc

      import (
      	"sync"
      	"sync/atomic"
      )

      // Process is a child process.
      type Process struct {
      	pid   int
      	done  atomic.Bool
      	sigMu sync.RWMutex
      }

      // Signal sends sig unless the process has been waited for.
      func (p *Process) Signal(sig int, kill func(pid, sig int)) {
      	p.sigMu.RLock()
      	defer p.sigMu.RUnlock()
      	if !p.done.Load() {
      		kill(p.pid, sig)
      	}
      }

      // Wait reaps the process; its pid may be reused afterwards.
      func (p *Process) Wait(reap func(pid int)) {
      	p.done.Store(true)
      	// Take the write lock to wait for any Signal call in progress
      	// to complete before the pid can be reused.
      	p.sigMu.Lock()
      	p.sigMu.Unlock()
      	reap(p.pid)
      }
    # A goroutine parked on a lock its starter holds, on purpose.
    - |
      package trace

      import "sync"

      // Parked starts a goroutine that blocks until release is called.
      func Parked() (release func()) {
      	var mu sync.Mutex
      	mu.Lock()
      	go func() {
      		mu.Lock()
      		mu.Unlock()
      	}()
      	return mu.Unlock
      }

"""#),
        RuleFileText(relativePath: "mutex/MU1005-lock-of-copied-mutex.yaml", text: #"""
# Locking a mutex that belongs to a copy. The format of this file is
# described in rules/README.md.
id: MU1005
name: lock-of-copied-mutex
category: mutex
level: error
summary: A mutex is locked on a copy of the value that holds it, so the lock excludes nobody.
description: |
  A mutex works only where everybody locks the same one. A method with a
  value receiver, a function with a value parameter, a range value or a
  local `c := *p` each work on a copy: the Lock on the copy's mutex stops
  no other goroutine, the data it is meant to protect is raced on, and
  with a value receiver the update is lost with the copy anyway.

  The rule reports Lock and RLock on a mutex that lies in a value
  parameter or receiver (not a pointer) or in a local variable assigned
  from another variable or read out of a map (`b := m[k]`, `for _, b :=
  range m`), when the copied type holds a sync.Mutex or
  sync.RWMutex by value. go vet's copylocks reports the copy itself; this
  rule reports the Lock that relies on it.

  Fix: pointer receivers and pointer parameters for types that hold a
  mutex; range over indexes (`for i := range xs { xs[i].mu.Lock() ... }`)
  or over a slice of pointers.

  Known false positives: a copy that is deliberately private (a
  defensive copy locked by the only goroutine that sees it), where the
  Lock is merely useless.
tags: [mutex, race, copy]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A value receiver: each call locks its own copy.
    - |
      package counter

      import "sync"

      // Counter counts hits.
      type Counter struct {
      	mu   sync.Mutex
      	hits map[string]int
      }

      // Hit counts one hit on key.
      func (c Counter) Hit(key string) {
      	↓c.mu.Lock()
      	defer c.mu.Unlock()
      	c.hits[key]++
      }
    # A helper that takes the struct by value.
    - |
      package bank

      import "sync"

      // Account is a balance.
      type Account struct {
      	mu      sync.Mutex
      	balance int
      }

      func deposit(a Account, n int) int {
      	↓a.mu.Lock()
      	defer a.mu.Unlock()
      	a.balance += n
      	return a.balance
      }

      // Deposit adds n to the account.
      func Deposit(a *Account, n int) int {
      	return deposit(*a, n)
      }
    # A local copy taken from a pointer.
    - |
      package config

      import "sync"

      // Config is shared configuration.
      type Config struct {
      	mu     sync.RWMutex
      	values map[string]string
      }

      // Get reads a key.
      func Get(p *Config, key string) string {
      	c := *p
      	↓c.mu.RLock()
      	defer c.mu.RUnlock()
      	return c.values[key]
      }
    # Generics: a value receiver on a generic guarded box.
    - |
      package box

      import "sync"

      // Box holds a value guarded by a mutex.
      type Box[T any] struct {
      	mu sync.Mutex
      	v  T
      }

      // Swap replaces the value and returns the old one.
      func (b Box[T]) Swap(v T) T {
      	↓b.mu.Lock()
      	defer b.mu.Unlock()
      	old := b.v
      	b.v = v
      	return old
      }
    - lang: cir
      code: |
        package example.com/counter
        type example.com/counter.Counter struct{ mu sync.Mutex; hits map[string]int }

        func (c example.com/counter.Counter) Hit(key string) {
        b0:
            ↓mutex.lock c.mu
            defer mutex.unlock c.mu
            map.write c.hits
            return
        }
    # Buckets kept by value in a map: a range value and an index read are copies.
    - |
      package stats

      import "sync"

      type bucket struct {
      	mu    sync.Mutex
      	count int
      }

      // Total adds up every bucket.
      func Total(buckets map[string]bucket) int {
      	n := 0
      	for _, b := range buckets {
      		↓b.mu.Lock()
      		n += b.count
      		b.mu.Unlock()
      	}
      	return n
      }

      // Get reads one bucket.
      func Get(buckets map[string]bucket, k string) int {
      	b := buckets[k]
      	↓b.mu.Lock()
      	defer b.mu.Unlock()
      	return b.count
      }
  good:
    # A pointer receiver.
    - |
      package counter

      import "sync"

      // Counter counts hits.
      type Counter struct {
      	mu   sync.Mutex
      	hits map[string]int
      }

      // Hit counts one hit on key.
      func (c *Counter) Hit(key string) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.hits[key]++
      }
    # Ranging over indexes locks the elements themselves.
    - |
      package bank

      import "sync"

      // Account is a balance.
      type Account struct {
      	mu      sync.Mutex
      	balance int
      }

      // Total adds up all balances.
      func Total(accounts []Account) int {
      	total := 0
      	for i := range accounts {
      		accounts[i].mu.Lock()
      		total += accounts[i].balance
      		accounts[i].mu.Unlock()
      	}
      	return total
      }
    # A value that holds a pointer to the mutex: copies share it.
    - |
      package shard

      import "sync"

      // Shard is a view of one shard of a table.
      type Shard struct {
      	mu   *sync.Mutex
      	rows map[int]string
      }

      // Put stores a row.
      func (s Shard) Put(id int, row string) {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	s.rows[id] = row
      }
    # A value parameter without a mutex, locked through a pointer field elsewhere.
    - |
      package event

      import "sync"

      // Event is a plain value.
      type Event struct {
      	Name string
      	At   int64
      }

      // Log records events.
      type Log struct {
      	mu     sync.Mutex
      	events []Event
      }

      // Add appends e.
      func (l *Log) Add(e Event) {
      	l.mu.Lock()
      	defer l.mu.Unlock()
      	l.events = append(l.events, e)
      }
    - lang: cir
      code: |
        package example.com/counter
        type example.com/counter.Counter struct{ mu sync.Mutex; hits map[string]int }

        func (c *example.com/counter.Counter) Hit(key string) {
        b0:
            mutex.lock c.mu
            defer mutex.unlock c.mu
            map.write c.hits
            return
        }
    # Buckets kept by pointer in a map: the range value and the index read share the bucket.
    - |
      package stats

      import "sync"

      type bucket struct {
      	mu    sync.Mutex
      	count int
      }

      // Total adds up every bucket.
      func Total(buckets map[string]*bucket) int {
      	n := 0
      	for _, b := range buckets {
      		b.mu.Lock()
      		n += b.count
      		b.mu.Unlock()
      	}
      	return n
      }

      // Get reads one bucket.
      func Get(buckets map[string]*bucket, k string) int {
      	b := buckets[k]
      	b.mu.Lock()
      	defer b.mu.Unlock()
      	return b.count
      }

"""#),
        RuleFileText(relativePath: "mutex/MU1006-recursive-rlock.yaml", text: #"""
# RLock taken again by a goroutine that holds it. The format of this file
# is described in rules/README.md.
id: MU1006
name: recursive-rlock
category: mutex
level: error
summary: RLock is taken again by a goroutine that already holds the read lock, which deadlocks when a writer waits in between.
description: |
  sync.RWMutex read locks are not re-entrant. If a goroutine holding a
  read lock calls RLock again (itself, or through a method that takes the
  same lock) while a writer is waiting in Lock, the writer waits for the
  first read lock, and the second RLock waits behind the writer: all three
  block for ever. Without writers the code works, which is why this
  survives tests and shows up under load. The RWMutex documentation
  forbids recursive read locking.

  The rule follows the read locks held along each path of a function and
  reports an RLock of a mutex that may already be read-locked, or a call to
  a function that read-locks it (through its own calls too) while it is
  held.

  Fix: release the read lock before the call, or give the callee a
  variant that expects the lock to be held (`lenLocked()`).

  Not reported: a mutex in a local variable that only the function's own
  lock operations touch (not captured by a closure, never passed, copied,
  returned or addressed): no other goroutine can reach it, so no writer
  can queue between the two read locks (a benchmark of RLock's cost).

  A helper that read-locks only when a bool parameter says so (`if
  needsLock { r.RLock() }`) is followed into each call: a call that passes
  a constant reads only what the helper does with that value, so a
  caller holding the read lock may pass false.

  Known false positives: a read lock taken and released under the same
  condition in two separate `if`s, so that the path holding it twice
  cannot run.
tags: [mutex, deadlock]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A method that calls another method taking the same read lock.
    - |
      package registry

      import "sync"

      // Registry maps names to addresses.
      type Registry struct {
      	mu    sync.RWMutex
      	addrs map[string]string
      }

      // Len returns the number of names.
      func (r *Registry) Len() int {
      	r.mu.RLock()
      	defer r.mu.RUnlock()
      	return len(r.addrs)
      }

      // Describe returns the address of name and how many names there are.
      func (r *Registry) Describe(name string) (string, int) {
      	r.mu.RLock()
      	defer r.mu.RUnlock()
      	return r.addrs[name], ↓r.Len()
      }
    # The same read lock twice in one function.
    - |
      package prices

      import "sync"

      var (
      	mu     sync.RWMutex
      	prices = map[string]float64{}
      )

      // Ratio returns the price of a over the price of b.
      func Ratio(a, b string) float64 {
      	mu.RLock()
      	pa := prices[a]
      	↓mu.RLock()
      	pb := prices[b]
      	mu.RUnlock()
      	mu.RUnlock()
      	return pa / pb
      }
    # A closure that takes the read lock, called with it held.
    - |
      package catalog

      import "sync"

      // Catalog is a product catalog.
      type Catalog struct {
      	mu    sync.RWMutex
      	items map[string]int
      }

      // Available lists the products in stock.
      func (c *Catalog) Available(names []string) []string {
      	inStock := func(n string) bool {
      		c.mu.RLock()
      		defer c.mu.RUnlock()
      		return c.items[n] > 0
      	}
      	c.mu.RLock()
      	defer c.mu.RUnlock()
      	var out []string
      	for _, n := range names {
      		if ↓inStock(n) {
      			out = append(out, n)
      		}
      	}
      	return out
      }
    # Generics: a map whose Get calls its own Has.
    - |
      package cmap

      import "sync"

      // Map is a concurrent map.
      type Map[K comparable, V any] struct {
      	mu sync.RWMutex
      	m  map[K]V
      }

      // Has reports whether k is present.
      func (m *Map[K, V]) Has(k K) bool {
      	m.mu.RLock()
      	defer m.mu.RUnlock()
      	_, ok := m.m[k]
      	return ok
      }

      // GetOr returns the value of k, or def when k is absent.
      func (m *Map[K, V]) GetOr(k K, def V) V {
      	m.mu.RLock()
      	defer m.mu.RUnlock()
      	if !↓m.Has(k) {
      		return def
      	}
      	return m.m[k]
      }
    - lang: cir
      code: |
        package example.com/registry
        type example.com/registry.Registry struct{ mu sync.RWMutex }

        func (r *example.com/registry.Registry) Len() int {
        b0:
            mutex.rlock r.mu
            defer mutex.runlock r.mu
            return 0
        }

        func (r *example.com/registry.Registry) Describe(name string) int {
        b0:
            mutex.rlock r.mu
            defer mutex.runlock r.mu
            ↓%1 = call (*example.com/registry.Registry).Len(r)
            return %1
        }
    # A local mutex a goroutine also locks: a writer can queue in between.
    - |
      package shared

      import "sync"

      // Run reads a table twice under nested read locks while a writer updates it.
      func Run(table map[string]int) int {
      	var mu sync.RWMutex
      	done := make(chan struct{})
      	go func() {
      		mu.Lock()
      		table["x"]++
      		mu.Unlock()
      		close(done)
      	}()
      	mu.RLock()
      	n := table["x"]
      	↓mu.RLock()
      	n += table["y"]
      	mu.RUnlock()
      	mu.RUnlock()
      	<-done
      	return n
      }
    # The helper read-locks when asked to, and a caller that holds the
    # read lock asks it to.
    - |
      package leaf

      import "sync"

      // Remote is a solicited connection's configuration.
      type Remote struct {
      	sync.RWMutex
      	TLS     bool
      	tlsName string
      }

      // tlsSettings reads the TLS settings; needsLock false means the
      // caller holds the read lock.
      func (r *Remote) tlsSettings(needsLock bool) (bool, string) {
      	if needsLock {
      		r.RLock()
      		defer r.RUnlock()
      	}
      	return r.TLS, r.tlsName
      }

      // Dial reads the settings with the lock.
      func (r *Remote) Dial() string {
      	_, name := r.tlsSettings(true)
      	return name
      }

      // Describe holds the read lock and asks the helper to take it again.
      func (r *Remote) Describe() string {
      	r.RLock()
      	defer r.RUnlock()
      	required, name := ↓r.tlsSettings(true)
      	if required {
      		return "tls " + name
      	}
      	return name
      }
  good:
    # The same helper, told that the caller holds the read lock
    # (needsLock false): it does not take it again.
    - |
      package leaf

      import "sync"

      // Remote is a solicited connection's configuration.
      type Remote struct {
      	sync.RWMutex
      	TLS     bool
      	tlsName string
      }

      // tlsSettings reads the TLS settings; needsLock false means the
      // caller holds the read lock.
      func (r *Remote) tlsSettings(needsLock bool) (bool, string) {
      	if needsLock {
      		r.RLock()
      		defer r.RUnlock()
      	}
      	return r.TLS, r.tlsName
      }

      // Dial reads the settings with the lock.
      func (r *Remote) Dial() string {
      	_, name := r.tlsSettings(true)
      	return name
      }

      // Describe holds the read lock and says so.
      func (r *Remote) Describe() string {
      	r.RLock()
      	defer r.RUnlock()
      	required, name := r.tlsSettings(false)
      	if required {
      		return "tls " + name
      	}
      	return name
      }
    # A mutex private to one goroutine: nobody can queue a writer in between.
    - |
      package bench

      import "sync"

      // Nested measures a nested read lock on a private mutex n times.
      func Nested(n int) {
      	var mu sync.RWMutex
      	for i := 0; i < n; i++ {
      		mu.RLock()
      		mu.RLock()
      		mu.RUnlock()
      		mu.RUnlock()
      		mu.Lock()
      		mu.Unlock()
      	}
      }
    # A helper that expects the lock held.
    - |
      package registry

      import "sync"

      // Registry maps names to addresses.
      type Registry struct {
      	mu    sync.RWMutex
      	addrs map[string]string
      }

      func (r *Registry) lenLocked() int { return len(r.addrs) }

      // Len returns the number of names.
      func (r *Registry) Len() int {
      	r.mu.RLock()
      	defer r.mu.RUnlock()
      	return r.lenLocked()
      }

      // Describe returns the address of name and how many names there are.
      func (r *Registry) Describe(name string) (string, int) {
      	r.mu.RLock()
      	defer r.mu.RUnlock()
      	return r.addrs[name], r.lenLocked()
      }
    # The read lock released before the call.
    - |
      package cmap

      import "sync"

      // Map is a concurrent map.
      type Map[K comparable, V any] struct {
      	mu sync.RWMutex
      	m  map[K]V
      }

      // Has reports whether k is present.
      func (m *Map[K, V]) Has(k K) bool {
      	m.mu.RLock()
      	defer m.mu.RUnlock()
      	_, ok := m.m[k]
      	return ok
      }

      // Both reports whether a and b are both present.
      func (m *Map[K, V]) Both(a, b K) bool {
      	m.mu.RLock()
      	_, ok := m.m[a]
      	m.mu.RUnlock()
      	return ok && m.Has(b)
      }
    # Two different read locks, nested.
    - |
      package join

      import "sync"

      // Table is a guarded map.
      type Table struct {
      	mu   sync.RWMutex
      	rows map[int]string
      }

      // Join pairs rows of a and b with the same id.
      func Join(a, b *Table) map[int][2]string {
      	a.mu.RLock()
      	defer a.mu.RUnlock()
      	b.mu.RLock()
      	defer b.mu.RUnlock()
      	out := map[int][2]string{}
      	for id, ra := range a.rows {
      		if rb, ok := b.rows[id]; ok {
      			out[id] = [2]string{ra, rb}
      		}
      	}
      	return out
      }
    # Sequential sections of the same read lock.
    - |
      package prices

      import "sync"

      var (
      	mu     sync.RWMutex
      	prices = map[string]float64{}
      )

      // Ratio returns the price of a over the price of b.
      func Ratio(a, b string) float64 {
      	mu.RLock()
      	pa := prices[a]
      	mu.RUnlock()
      	mu.RLock()
      	pb := prices[b]
      	mu.RUnlock()
      	return pa / pb
      }
    - lang: cir
      code: |
        package example.com/registry
        type example.com/registry.Registry struct{ mu sync.RWMutex }

        func (r *example.com/registry.Registry) Len() int {
        b0:
            mutex.rlock r.mu
            defer mutex.runlock r.mu
            return 0
        }

        func (r *example.com/registry.Registry) Describe(name string) int {
        b0:
            mutex.rlock r.mu
            mutex.runlock r.mu
            %1 = call (*example.com/registry.Registry).Len(r)
            return %1
        }

"""#),
        RuleFileText(relativePath: "mutex/MU1050-defer-unlock-in-loop.yaml", text: #"""
# A deferred Unlock in a loop that locks on every iteration. The format of
# this file is described in rules/README.md.
id: MU1050
name: defer-unlock-in-loop
category: mutex
level: error
summary: "defer mu.Unlock() inside a loop that locks mu: the second iteration deadlocks."
description: |
  A deferred Unlock runs when the function returns, not at the end of the
  iteration. When the loop locks the mutex on each iteration and defers
  its Unlock, the second iteration's Lock waits for the first iteration's
  Unlock, which waits for the function to return: the goroutine deadlocks
  on the second item ("all goroutines are asleep" when nothing else runs).
  For an RWMutex read lock the second RLock succeeds, but every read lock
  is held until the function returns and blocks all writers meanwhile. In
  a recursive function, a Lock followed by a deferred Unlock and a
  recursive call that locks again deadlocks the same way.

  The rule reports a deferred Unlock/RUnlock in a loop that locks the same
  mutex (not one reached through a variable the loop reassigns, which is
  another mutex each iteration), and in a recursive function that locks it
  and, after the defer, calls itself statically on the same mutex: a
  global, or the same receiver or parameter passed on unchanged. Calls
  through interfaces or on other values (a wrapped writer, another node)
  are not taken as re-entries.

  Fix: unlock at the end of the iteration (explicitly, or by moving the
  body into a function whose defer runs per iteration), or lock once
  around the whole loop.

  Known false positives: a loop that always returns in its first
  iteration after locking.
tags: [mutex, defer, deadlock]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # Reserving several items locks per item.
    - |
      package inventory

      import (
      	"fmt"
      	"sync"
      )

      type Inventory struct {
      	mu    sync.Mutex
      	stock map[string]int
      }

      // Reserve takes one of each item.
      func (inv *Inventory) Reserve(items []string) error {
      	for _, item := range items {
      		inv.mu.Lock()
      		↓defer inv.mu.Unlock()
      		if inv.stock[item] == 0 {
      			return fmt.Errorf("out of %s", item)
      		}
      		inv.stock[item]--
      	}
      	return nil
      }
    # Read locks held across a polling loop.
    - |
      package config

      import (
      	"sync"
      	"time"
      )

      var (
      	mu       sync.RWMutex
      	settings = map[string]string{}
      )

      // WaitFor polls until key is set.
      func WaitFor(key string) string {
      	for {
      		mu.RLock()
      		↓defer mu.RUnlock()
      		if v, ok := settings[key]; ok {
      			return v
      		}
      		time.Sleep(10 * time.Millisecond)
      	}
      }
    # A recursive tree walk that locks the shared tree at every level.
    - |
      package tree

      import "sync"

      type Node struct {
      	Children []*Node
      	Size     int
      }

      type Tree struct {
      	mu   sync.Mutex
      	root *Node
      }

      func (t *Tree) size(n *Node) int {
      	t.mu.Lock()
      	↓defer t.mu.Unlock()
      	total := n.Size
      	for _, c := range n.Children {
      		total += t.size(c)
      	}
      	return total
      }
    # A recursive function under a package-level mutex.
    - |
      package registry

      import "sync"

      var (
      	mu    sync.Mutex
      	deps  = map[string][]string{}
      	ready = map[string]bool{}
      )

      // Load marks name and its dependencies ready.
      func Load(name string) {
      	mu.Lock()
      	↓defer mu.Unlock()
      	if ready[name] {
      		return
      	}
      	ready[name] = true
      	for _, d := range deps[name] {
      		Load(d)
      	}
      }
    # A closure run as a goroutine, locking per message.
    - |
      package hub

      import "sync"

      type Hub struct {
      	mu    sync.Mutex
      	count map[string]int
      }

      // Consume counts messages in the background.
      func (h *Hub) Consume(msgs <-chan string) {
      	go func() {
      		for m := range msgs {
      			h.mu.Lock()
      			↓defer h.mu.Unlock()
      			h.count[m]++
      		}
      	}()
      }
  good:
    # One lock around the whole loop.
    - |
      package inventory

      import (
      	"fmt"
      	"sync"
      )

      type Inventory struct {
      	mu    sync.Mutex
      	stock map[string]int
      }

      // Reserve takes one of each item.
      func (inv *Inventory) Reserve(items []string) error {
      	inv.mu.Lock()
      	defer inv.mu.Unlock()
      	for _, item := range items {
      		if inv.stock[item] == 0 {
      			return fmt.Errorf("out of %s", item)
      		}
      		inv.stock[item]--
      	}
      	return nil
      }
    # Unlock at the end of each iteration.
    - |
      package hub

      import "sync"

      type Hub struct {
      	mu    sync.Mutex
      	count map[string]int
      }

      // Consume counts messages.
      func (h *Hub) Consume(msgs <-chan string) {
      	for m := range msgs {
      		h.mu.Lock()
      		h.count[m]++
      		h.mu.Unlock()
      	}
      }
    # The loop body in a function literal.
    - |
      package config

      import (
      	"sync"
      	"time"
      )

      var (
      	mu       sync.RWMutex
      	settings = map[string]string{}
      )

      // WaitFor polls until key is set.
      func WaitFor(key string) string {
      	for {
      		v, ok := func() (string, bool) {
      			mu.RLock()
      			defer mu.RUnlock()
      			v, ok := settings[key]
      			return v, ok
      		}()
      		if ok {
      			return v
      		}
      		time.Sleep(10 * time.Millisecond)
      	}
      }
    # A recursion that locks only in the entry point.
    - |
      package tree

      import "sync"

      type Node struct {
      	Children []*Node
      	Size     int
      }

      type Tree struct {
      	mu   sync.Mutex
      	root *Node
      }

      func sizeLocked(n *Node) int {
      	total := n.Size
      	for _, c := range n.Children {
      		total += sizeLocked(c)
      	}
      	return total
      }

      // Size returns the size of the whole tree.
      func (t *Tree) Size() int {
      	t.mu.Lock()
      	defer t.mu.Unlock()
      	return sizeLocked(t.root)
      }
    # A wrapper whose method calls the same method of the value it wraps, through
    # an interface (archive/zip's pooledFlateWriter): another object, not a re-entry.
    - |
      package pool

      import (
      	"io"
      	"sync"
      )

      // pooledWriter guards a writer that is returned to a pool on Close.
      type pooledWriter struct {
      	mu sync.Mutex
      	fw io.WriteCloser
      }

      func (w *pooledWriter) Write(p []byte) (int, error) {
      	w.mu.Lock()
      	defer w.mu.Unlock()
      	if w.fw == nil {
      		return 0, io.ErrClosedPipe
      	}
      	return w.fw.Write(p)
      }

      func (w *pooledWriter) Close() error {
      	w.mu.Lock()
      	defer w.mu.Unlock()
      	var err error
      	if w.fw != nil {
      		err = w.fw.Close()
      		w.fw = nil
      	}
      	return err
      }
    # The same method on another link of the chain: each link has its own mutex.
    - |
      package chain

      import "sync"

      // Node is a link of a chain; each link has its own lock.
      type Node struct {
      	mu    sync.Mutex
      	next  *Node
      	count int
      }

      // Total sums the counts from this link to the end.
      func (n *Node) Total() int {
      	n.mu.Lock()
      	defer n.mu.Unlock()
      	total := n.count
      	if n.next != nil {
      		total += n.next.Total()
      	}
      	return total
      }
    # A Locked helper writing to the underlying writer (crypto/tls's Conn.Write):
    # the cycle through io.Writer does not come back to this lock.
    - |
      package tlsconn

      import (
      	"io"
      	"sync"
      )

      // Conn frames writes onto an underlying writer.
      type Conn struct {
      	mu  sync.Mutex
      	out io.Writer
      }

      func (c *Conn) Write(b []byte) (int, error) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	return c.writeLocked(b)
      }

      func (c *Conn) writeLocked(b []byte) (int, error) {
      	return c.out.Write(b)
      }
    # A loop walking up the parents locks a different mutex in each iteration
    # (testing's common.logDepth).
    - |
      package logchain

      import "sync"

      type test struct {
      	mu     sync.Mutex
      	parent *test
      	done   bool
      	output []string
      }

      // logParent hands the message to the nearest running ancestor.
      func (c *test) logParent(s string) {
      	for parent := c.parent; parent != nil; parent = parent.parent {
      		parent.mu.Lock()
      		defer parent.mu.Unlock()
      		if !parent.done {
      			parent.output = append(parent.output, s)
      			return
      		}
      	}
      	panic("log after all tests finished: " + s)
      }
    # Each turn locks another shard, and all stay locked until the
    # function returns, on purpose: nothing is locked twice.
    - |
      package shardmap

      import "sync"

      type shard struct {
      	mu sync.Mutex
      	m  map[string]int
      }

      type Map struct{ shards [16]shard }

      // Snapshot copies every shard at one instant.
      func (s *Map) Snapshot() map[string]int {
      	for i := range s.shards {
      		s.shards[i].mu.Lock()
      		defer s.shards[i].mu.Unlock()
      	}
      	out := map[string]int{}
      	for i := range s.shards {
      		for k, v := range s.shards[i].m {
      			out[k] = v
      		}
      	}
      	return out
      }

"""#),
        RuleFileText(relativePath: "sync/SY1001-pool-object-not-reset.yaml", text: #"""
# An object taken from a sync.Pool used before it is reset. The format of
# this file is described in rules/README.md.
id: SY1001
name: pool-object-not-reset
category: sync
level: warning
summary: An object taken from a sync.Pool is used before it is reset, so it may still hold the last user's data.
description: |
  A sync.Pool hands back objects as their last user left them. A pooled
  bytes.Buffer still holds the previous reply, a pooled struct's slice
  field still holds the previous request's items. Writing to it without
  `Reset()` first (or without zeroing the fields that are then read)
  appends to the old contents, and one request's data ends up in another
  request's response: a correctness bug and, across users, a data leak.

  The rule follows each `x := pool.Get().(*T)` along every path of the
  function and reports the Get when, on some path, `x` is used before it
  is reset:
  - for a type with a Reset method (bytes.Buffer, strings.Builder,
    bufio.Writer, gzip.Writer, or a type of the analysed code with a
    `Reset` method): any use before `x.Reset()` (or `x.Truncate(0)`,
    `*x = T{}`);
  - for a struct without one: a field read (including `x.f =
    append(x.f, ...)`) before that field is written since the Get.
  A pool whose every Put resets the object first (or zeroes the fields
  that are read) hands out clean objects; its Gets are not reported. The
  finding carries the path from the Get to the stale use.

  Fix: call `x.Reset()` right after Get (the suggested fix inserts it), or
  reset in one helper that every Put goes through.

  Known false positives: an object whose stale state is overwritten by the
  use itself (a method that writes every field before reading one), and
  pools whose objects are reset by a helper that does not call Reset
  itself. Not followed: objects handed to another function or returned
  before any use, and pooled slices (whose truncation `b = b[:0]` the IR
  does not show; SY1003 reports slices stored by value).
tags: [sync, pool, correctness, security]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A JSON reply encoded into a pooled buffer that still holds the last reply.
    - |
      package api

      import (
      	"bytes"
      	"encoding/json"
      	"net/http"
      	"sync"
      )

      var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

      // Reply writes v as JSON.
      func Reply(w http.ResponseWriter, v any) {
      	buf := ↓bufPool.Get().(*bytes.Buffer)
      	defer bufPool.Put(buf)
      	if err := json.NewEncoder(buf).Encode(v); err != nil {
      		http.Error(w, err.Error(), http.StatusInternalServerError)
      		return
      	}
      	w.Write(buf.Bytes())
      }
    # A pooled request struct whose tag slice keeps growing across requests.
    - |
      package ingest

      import (
      	"strings"
      	"sync"
      )

      type record struct {
      	id   int
      	tags []string
      }

      var records = sync.Pool{New: func() any { return new(record) }}

      // Tags parses a comma-separated tag list into a pooled record.
      func Tags(id int, raw string) int {
      	r := ↓records.Get().(*record)
      	defer records.Put(r)
      	r.id = id
      	for _, t := range strings.Split(raw, ",") {
      		r.tags = append(r.tags, t)
      	}
      	return len(r.tags)
      }
    # A pool kept in a struct field, reset only on one branch.
    - |
      package logfmt

      import (
      	"strings"
      	"sync"
      )

      type Formatter struct {
      	builders sync.Pool
      	verbose  bool
      }

      // Line renders key=value pairs.
      func (f *Formatter) Line(kv map[string]string) string {
      	sb, _ := ↓f.builders.Get().(*strings.Builder)
      	if sb == nil {
      		sb = new(strings.Builder)
      	}
      	for k, v := range kv {
      		sb.WriteString(k + "=" + v + " ")
      	}
      	s := sb.String()
      	f.builders.Put(sb)
      	return s
      }
    # A type of the analysed code with a Reset method, pooled in a generic helper's caller.
    - |
      package metrics

      import "sync"

      type Sample struct {
      	values []float64
      }

      func (s *Sample) Add(v float64) { s.values = append(s.values, v) }

      func (s *Sample) Reset() { s.values = s.values[:0] }

      func (s *Sample) Mean() float64 {
      	if len(s.values) == 0 {
      		return 0
      	}
      	sum := 0.0
      	for _, v := range s.values {
      		sum += v
      	}
      	return sum / float64(len(s.values))
      }

      var samples = sync.Pool{New: func() any { return new(Sample) }}

      // Mean of the values, computed in a pooled sample.
      func Mean(values []float64) float64 {
      	s := ↓samples.Get().(*Sample)
      	defer samples.Put(s)
      	for _, v := range values {
      		s.Add(v)
      	}
      	return s.Mean()
      }
  good:
    # A nil test of what Get returned, then Reset before any use.
    - |
      package pools

      import (
      	"bufio"
      	"io"
      	"sync"
      )

      var writers sync.Pool

      // NewWriter returns a pooled writer for w.
      func NewWriter(w io.Writer) *bufio.Writer {
      	if v := writers.Get(); v != nil {
      		bw := v.(*bufio.Writer)
      		bw.Reset(w)
      		return bw
      	}
      	return bufio.NewWriter(w)
      }
    # Reset right after Get.
    - |
      package api

      import (
      	"bytes"
      	"encoding/json"
      	"net/http"
      	"sync"
      )

      var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

      // Reply writes v as JSON.
      func Reply(w http.ResponseWriter, v any) {
      	buf := bufPool.Get().(*bytes.Buffer)
      	buf.Reset()
      	defer bufPool.Put(buf)
      	if err := json.NewEncoder(buf).Encode(v); err != nil {
      		http.Error(w, err.Error(), http.StatusInternalServerError)
      		return
      	}
      	w.Write(buf.Bytes())
      }
    # Every Put goes through a helper that resets first: the pool only holds empty buffers.
    - |
      package render

      import (
      	"bytes"
      	"fmt"
      	"sync"
      )

      var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

      func putBuffer(b *bytes.Buffer) {
      	b.Reset()
      	bufPool.Put(b)
      }

      // Greeting renders a greeting.
      func Greeting(name string) string {
      	buf := bufPool.Get().(*bytes.Buffer)
      	defer putBuffer(buf)
      	fmt.Fprintf(buf, "hello, %s", name)
      	return buf.String()
      }
    # The fields that are read are written first after Get.
    - |
      package ingest

      import (
      	"strings"
      	"sync"
      )

      type record struct {
      	id   int
      	tags []string
      }

      var records = sync.Pool{New: func() any { return new(record) }}

      // Tags parses a comma-separated tag list into a pooled record.
      func Tags(id int, raw string) int {
      	r := records.Get().(*record)
      	defer records.Put(r)
      	r.id = id
      	r.tags = r.tags[:0]
      	for _, t := range strings.Split(raw, ",") {
      		r.tags = append(r.tags, t)
      	}
      	return len(r.tags)
      }
    # The whole struct is zeroed before Put.
    - |
      package ingest

      import "sync"

      type event struct {
      	name  string
      	attrs map[string]string
      }

      var events = sync.Pool{New: func() any { return new(event) }}

      func release(e *event) {
      	*e = event{}
      	events.Put(e)
      }

      // Count returns how many attributes an event built from kv has.
      func Count(name string, kv []string) int {
      	e := events.Get().(*event)
      	defer release(e)
      	if e.attrs == nil {
      		e.attrs = map[string]string{}
      	}
      	for i := 0; i+1 < len(kv); i += 2 {
      		e.attrs[kv[i]] = kv[i+1]
      	}
      	e.name = name
      	return len(e.attrs)
      }
    # A strings.Builder replaced by a fresh one on the nil path and reset on the other.
    - |
      package logfmt

      import (
      	"strings"
      	"sync"
      )

      var builders sync.Pool

      // Line renders key=value pairs.
      func Line(kv map[string]string) string {
      	sb, ok := builders.Get().(*strings.Builder)
      	if !ok {
      		sb = new(strings.Builder)
      	} else {
      		sb.Reset()
      	}
      	for k, v := range kv {
      		sb.WriteString(k + "=" + v + " ")
      	}
      	s := sb.String()
      	builders.Put(sb)
      	return s
      }
    # A compressor reset on the pooled path, made by a constructor with two results on the other.
    - |
      package archive

      import (
      	"compress/flate"
      	"io"
      	"sync"
      )

      var writers sync.Pool

      type pooledWriter struct {
      	fw *flate.Writer
      }

      // NewWriter returns a compressor writing to w, pooled when possible.
      func NewWriter(w io.Writer) io.Writer {
      	fw, ok := writers.Get().(*flate.Writer)
      	if ok {
      		fw.Reset(w)
      	} else {
      		fw, _ = flate.NewWriter(w, 5)
      	}
      	return &pooledWriter{fw: fw}
      }

      func (p *pooledWriter) Write(b []byte) (int, error) { return p.fw.Write(b) }
    # A struct reset through the Reset it gets from an embedded buffer.
    - |
      package encode

      import (
      	"bytes"
      	"sync"
      )

      type state struct {
      	bytes.Buffer
      	depth int
      }

      var states sync.Pool

      func newState() *state {
      	if v := states.Get(); v != nil {
      		e := v.(*state)
      		e.Reset()
      		e.depth = 0
      		return e
      	}
      	return new(state)
      }

      // Encode writes s through a pooled state.
      func Encode(s string) []byte {
      	e := newState()
      	defer states.Put(e)
      	e.WriteString(s)
      	return append([]byte(nil), e.Bytes()...)
      }
    # A field re-initialised by its init method right after Get.
    - |
      package printer

      import "sync"

      type formatter struct {
      	buf   *[]byte
      	plus  bool
      	width int
      }

      func (f *formatter) init(buf *[]byte) {
      	f.buf = buf
      	f.plus = false
      	f.width = 0
      }

      type printer struct {
      	buf []byte
      	fmt formatter
      }

      var printers = sync.Pool{New: func() any { return new(printer) }}

      func newPrinter() *printer {
      	p := printers.Get().(*printer)
      	p.fmt.init(&p.buf)
      	return p
      }

      func (p *printer) free() {
      	p.buf = p.buf[:0]
      	printers.Put(p)
      }
    # One field kept aside, the whole struct zeroed, the field put back and reset.
    - |
      package server

      import (
      	"bufio"
      	"io"
      	"sync"
      )

      type state struct {
      	bw     *bufio.Writer
      	id     int
      	header map[string]string
      }

      var states = sync.Pool{New: func() any { return &state{bw: bufio.NewWriter(io.Discard)} }}

      // Start returns a fresh response state writing to w.
      func Start(w io.Writer, id int) *state {
      	st := states.Get().(*state)
      	bw := st.bw
      	*st = state{}
      	st.id = id
      	st.bw = bw
      	st.bw.Reset(w)
      	return st
      }

"""#),
        RuleFileText(relativePath: "sync/SY1002-pool-object-used-after-put.yaml", text: #"""
# An object put back in a sync.Pool while it is still used. The format of
# this file is described in rules/README.md.
id: SY1002
name: pool-object-used-after-put
category: sync
level: error
summary: An object is put back in a sync.Pool while the code still uses, returns or stores it.
description: |
  After `p.Put(x)` the pool may hand `x` to the next `Get`, on any
  goroutine, which resets and overwrites it. Using `x` after the Put,
  returning it, or keeping a view of its memory (`buf.Bytes()`, a slice or
  map field) reads memory that someone else is writing: corrupted
  responses and data races that only show under load. With `defer
  p.Put(x)` the Put runs when the function returns, so returning `x` (or
  `x.Bytes()`) hands the caller memory that is already back in the pool.

  The rule reports the Put (or the deferred Put) with the path to the use:
  after an immediate Put, any use of `x` or of a view taken from it before
  `x` is assigned something else; after a deferred Put, a return or a
  store into a field, global or channel of `x` or of a view.

  Fix: finish with the object before the Put; copy what must outlive it
  (`string(buf.Bytes())`, `buf.String()`, `append([]byte(nil),
  buf.Bytes()...)`).

  Not reported: a local only ever assigned constants (`var item any = 42`
  Put again and again, as a benchmark of the pool does): the interface
  boxes an immutable value that no Get can overwrite; and, after a
  deferred Put, a return whose result is a string, number or bool
  (`return string(buf.Bytes())`, `return s.total`): the return copies it.

  Known false positives: a use after Put that only reads a value copied
  out earlier into a variable of a reference type that does not actually
  share the object's memory (a slice field reassigned to fresh storage).
tags: [sync, pool, data-race, correctness]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # The deferred Put hands the buffer back while the caller still holds its bytes.
    - |
      package render

      import (
      	"bytes"
      	"fmt"
      	"sync"
      )

      var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

      // Greeting renders a greeting.
      func Greeting(name string) []byte {
      	buf := bufPool.Get().(*bytes.Buffer)
      	buf.Reset()
      	↓defer bufPool.Put(buf)
      	fmt.Fprintf(buf, "hello, %s", name)
      	return buf.Bytes()
      }
    # The object is logged after it went back to the pool.
    - |
      package ingest

      import (
      	"log"
      	"sync"
      )

      type record struct {
      	id   int
      	body []byte
      }

      var records = sync.Pool{New: func() any { return new(record) }}

      // Store saves one record.
      func Store(id int, body []byte, save func(*record) error) {
      	r := records.Get().(*record)
      	r.id, r.body = id, append(r.body[:0], body...)
      	err := save(r)
      	↓records.Put(r)
      	if err != nil {
      		log.Printf("record %d: %v", r.id, err)
      	}
      }
    # A slice field taken from the object before the Put and returned after it.
    - |
      package codec

      import "sync"

      type scratch struct {
      	out []byte
      }

      var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

      // Encode encodes src with a pooled scratch buffer.
      func Encode(src []byte) []byte {
      	s := scratchPool.Get().(*scratch)
      	s.out = s.out[:0]
      	for _, b := range src {
      		s.out = append(s.out, b^0x5a)
      	}
      	out := s.out
      	↓scratchPool.Put(s)
      	return out
      }
    # A method on a server: the pooled buffer is stored in a field while a deferred Put returns it.
    - |
      package server

      import (
      	"bytes"
      	"sync"
      )

      type Server struct {
      	pool sync.Pool
      	last *bytes.Buffer
      }

      // Handle processes one message and remembers it for debugging.
      func (s *Server) Handle(msg string) int {
      	buf, _ := s.pool.Get().(*bytes.Buffer)
      	if buf == nil {
      		buf = new(bytes.Buffer)
      	}
      	buf.Reset()
      	↓defer s.pool.Put(buf)
      	buf.WriteString(msg)
      	s.last = buf
      	return buf.Len()
      }
  good:
    # The same constant boxed in an interface, Put many times: nothing can overwrite it.
    - |
      package poolbench

      import "sync"

      // Fill puts n copies of one item into p.
      func Fill(p *sync.Pool, n int) {
      	var item any = 42
      	for i := 0; i < n; i++ {
      		p.Put(item)
      	}
      }
    # A copy of the bytes is returned, then the buffer goes back.
    - |
      package render

      import (
      	"bytes"
      	"fmt"
      	"sync"
      )

      var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

      // Greeting renders a greeting.
      func Greeting(name string) []byte {
      	buf := bufPool.Get().(*bytes.Buffer)
      	buf.Reset()
      	defer bufPool.Put(buf)
      	fmt.Fprintf(buf, "hello, %s", name)
      	return append([]byte(nil), buf.Bytes()...)
      }
    # String() copies; the deferred Put is safe.
    - |
      package render

      import (
      	"strings"
      	"sync"
      )

      var builders = sync.Pool{New: func() any { return new(strings.Builder) }}

      // Join joins words with spaces.
      func Join(words []string) string {
      	sb := builders.Get().(*strings.Builder)
      	sb.Reset()
      	defer builders.Put(sb)
      	for i, w := range words {
      		if i > 0 {
      			sb.WriteByte(' ')
      		}
      		sb.WriteString(w)
      	}
      	return sb.String()
      }
    # The error is logged with a copied id before the Put.
    - |
      package ingest

      import (
      	"log"
      	"sync"
      )

      type record struct {
      	id   int
      	body []byte
      }

      var records = sync.Pool{New: func() any { return new(record) }}

      // Store saves one record.
      func Store(id int, body []byte, save func(*record) error) {
      	r := records.Get().(*record)
      	r.id, r.body = id, append(r.body[:0], body...)
      	err := save(r)
      	if err != nil {
      		log.Printf("record %d: %v", r.id, err)
      	}
      	records.Put(r)
      }
    # The variable is given a new object after the Put, in a loop.
    - |
      package batch

      import (
      	"bytes"
      	"sync"
      )

      var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

      // Sizes encodes each item and returns the encoded sizes.
      func Sizes(items []string) []int {
      	var sizes []int
      	for _, it := range items {
      		buf := bufPool.Get().(*bytes.Buffer)
      		buf.Reset()
      		buf.WriteString(it)
      		sizes = append(sizes, buf.Len())
      		bufPool.Put(buf)
      	}
      	return sizes
      }
    # A deferred Put and a returned copy: a string made from the bytes, a scalar field.
    - |
      package pooled

      import (
      	"bytes"
      	"sync"
      )

      var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

      // Join concatenates a and b through a pooled buffer.
      func Join(a, b string) string {
      	buf := bufs.Get().(*bytes.Buffer)
      	buf.Reset()
      	defer bufs.Put(buf)
      	buf.WriteString(a)
      	buf.WriteString(b)
      	return string(buf.Bytes())
      }

      type scratch struct{ total int }

      var scratches = sync.Pool{New: func() any { return new(scratch) }}

      // Sum adds xs up in a pooled scratch value.
      func Sum(xs []int) int {
      	s := scratches.Get().(*scratch)
      	defer scratches.Put(s)
      	s.total = 0
      	for _, x := range xs {
      		s.total += x
      	}
      	return s.total
      }

"""#),
        RuleFileText(relativePath: "sync/SY1003-pool-non-pointer-value.yaml", text: #"""
# A sync.Pool that holds values rather than pointers. The format of
# this file is described in rules/README.md.
id: SY1003
name: pool-non-pointer-value
category: sync
level: warning
summary: A sync.Pool stores a non-pointer value (a slice, string or struct), so every Put allocates.
description: |
  A Pool stores `any`. Converting a value that is not pointer-shaped (a
  slice header, a string, a struct, an array, a number) to an interface
  copies it to the heap, so `pool.Put(buf)` with `buf []byte` allocates 24
  bytes on every call: the pool that was meant to save allocations makes
  one per use (staticcheck reports the Put as SA6002). A `New` function
  that returns such a value does the same for every object it makes.

  The rule reports a Put whose argument has a non-pointer type, and a Pool
  `New` function (in a `sync.Pool{New: ...}` literal or assigned to
  `p.New`) that returns one. Pointers, maps, channels, functions and
  interface values are stored as they are and are not reported.

  Fix: pool a pointer: `*[]byte` (store `&buf`, and `buf := (*bp)[:0]`
  after Get), `*T` for structs.

  Constants are not reported (`p.Put("a")`, `return 42`, a named constant
  or a constant expression): the compiler converts a constant to an
  interface by pointing at read-only static data, so nothing is allocated
  (a pool of constants is a unit test or a benchmark of the pool itself).
  A non-constant value of the same type still is.

  Known false positives: non-constant values whose conversion to an
  interface does not allocate (zero-sized values, single-byte values,
  integers that happen to be below 256 at run time), which are rarely
  worth pooling anyway.
tags: [sync, pool, performance, allocation]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A scratch pool of byte slices: the New function and every Put copy the slice header.
    - |
      package checksum

      import "sync"

      var scratch = sync.Pool{New: ↓func() any { return make([]byte, 0, 4096) }}

      // Sum hashes data after lower-casing it in a scratch buffer.
      func Sum(data []byte) uint32 {
      	buf := scratch.Get().([]byte)[:0]
      	for _, b := range data {
      		if b >= 'A' && b <= 'Z' {
      			b += 'a' - 'A'
      		}
      		buf = append(buf, b)
      	}
      	var sum uint32
      	for _, b := range buf {
      		sum = sum*31 + uint32(b)
      	}
      	↓scratch.Put(buf)
      	return sum
      }
    # A struct value pooled in a field of a type.
    - |
      package geo

      import "sync"

      type point struct {
      	x, y float64
      }

      type Path struct {
      	points sync.Pool
      }

      // Recycle gives a point back to the path's pool.
      func (p *Path) Recycle(x, y float64) {
      	↓p.points.Put(point{x, y})
      }
    # New assigned after construction returns a struct value.
    - |
      package parser

      import "sync"

      type state struct {
      	depth int
      	stack [16]int
      }

      var states sync.Pool

      func init() {
      	states.New = ↓func() any { return state{} }
      }

      // Depth parses nothing and returns the initial depth of a pooled state.
      func Depth() int {
      	s := states.Get().(state)
      	return s.depth
      }
    # Strings in a pool, put back from a closure.
    - |
      package names

      import (
      	"strings"
      	"sync"
      )

      var interned sync.Pool

      // Upper returns s in upper case and keeps the result for reuse.
      func Upper(s string) string {
      	u := strings.ToUpper(s)
      	defer func() {
      		↓interned.Put(u)
      	}()
      	return u
      }
    # A New that returns a counter: a non-constant int is copied to the heap.
    - |
      package seq

      import "sync"

      // Numbers hands out pooled sequence numbers.
      func Numbers() *sync.Pool {
      	n := 1000
      	return &sync.Pool{New: ↓func() any {
      		n++
      		return n
      	}}
      }
  good:
    # Constants: a string, a small integer and a named constant are boxed from static data.
    - |
      package pooltest

      import "sync"

      const answer = 6 * 7

      // Exercise puts constants into a pool and counts what New makes.
      func Exercise() int {
      	made := 0
      	p := sync.Pool{New: func() any {
      		made++
      		return answer
      	}}
      	p.Put("a")
      	p.Put(1)
      	p.Put(answer + 1)
      	for i := 0; i < 4; i++ {
      		p.Get()
      	}
      	return made
      }
    # A pool of *[]byte: the pointer converts to an interface for free.
    - |
      package checksum

      import "sync"

      var scratch = sync.Pool{New: func() any {
      	b := make([]byte, 0, 4096)
      	return &b
      }}

      // Sum hashes data after lower-casing it in a scratch buffer.
      func Sum(data []byte) uint32 {
      	bp := scratch.Get().(*[]byte)
      	buf := (*bp)[:0]
      	for _, b := range data {
      		if b >= 'A' && b <= 'Z' {
      			b += 'a' - 'A'
      		}
      		buf = append(buf, b)
      	}
      	var sum uint32
      	for _, b := range buf {
      		sum = sum*31 + uint32(b)
      	}
      	*bp = buf
      	scratch.Put(bp)
      	return sum
      }
    # Pointers to structs.
    - |
      package geo

      import "sync"

      type point struct {
      	x, y float64
      }

      var points = sync.Pool{New: func() any { return new(point) }}

      // Midpoint computes the middle of two points with a pooled point.
      func Midpoint(ax, ay, bx, by float64) (float64, float64) {
      	p := points.Get().(*point)
      	p.x, p.y = (ax+bx)/2, (ay+by)/2
      	x, y := p.x, p.y
      	points.Put(p)
      	return x, y
      }
    # Maps are pointer-shaped.
    - |
      package dedupe

      import "sync"

      var sets = sync.Pool{New: func() any { return make(map[string]struct{}) }}

      // Count returns the number of distinct words.
      func Count(words []string) int {
      	set := sets.Get().(map[string]struct{})
      	for _, w := range words {
      		set[w] = struct{}{}
      	}
      	n := len(set)
      	for k := range set {
      		delete(set, k)
      	}
      	sets.Put(set)
      	return n
      }
    # An interface value is stored as it is.
    - |
      package codec

      import (
      	"io"
      	"sync"
      )

      var writers sync.Pool

      // Recycle keeps a writer for later.
      func Recycle(w io.Writer) {
      	writers.Put(w)
      }

"""#),
        RuleFileText(relativePath: "sync/SY1004-atomic-load-modify-store.yaml", text: #"""
# An atomic value loaded, changed and stored back without a lock or CompareAndSwap. The format of
# this file is described in rules/README.md.
id: SY1004
name: atomic-load-modify-store
category: sync
level: warning
summary: "An atomic value is loaded, changed and stored back without a lock or CompareAndSwap: concurrent updates are lost."
description: |
  `v.Store(change(v.Load()))` is two atomic steps, not one: two goroutines
  can both Load the same old value, and the second Store overwrites the
  first one's change. A config hot-reload that adds a key loses keys added
  at the same time; an ID generator doing `id := n.Load() + 1; n.Store(id)`
  hands out the same ID twice; a counter misses increments.

  The rule reports a Store (atomic.Value, atomic.Pointer and the typed
  atomics, and the sync/atomic Store functions) that a Load of the same
  value reaches in the same function, when the loaded value is used or the
  stored one is computed from an expression, no mutex is held at the Load,
  and the function's callers do not all hold one where they call it. The
  finding carries the path from the Load to the Store. `init` functions
  are not reported, nor are an atomic in a local variable that no other
  goroutine can see (no closure captures it; it is never passed, copied,
  returned or assigned: only atomic operations touch it, as in a unit
  test of a typed atomic), and a Store made holding a lock that was also
  held at a re-Load of the same value on every path from the first Load
  (double-checked initialisation, where the unlocked Load is only a fast
  path and the writers are serialised by the lock).

  Fix: serialise the writers with a mutex around the Load and the Store
  (readers can still Load without it), or retry with CompareAndSwap
  (`for { old := v.Load(); if v.CompareAndSwap(old, next(old)) { break } }`),
  or use Add for counters.

  Nor is a Store whose value cannot carry anything the Load returned: the
  IR shows it made only from constants, parameters, other places and
  other atomics (a last-hit cache that stores what a search found, a
  goroutine storing into its own slot a value loaded from another
  variable). Such a Store after a check is one writer winning, not a
  change computed from a stale value being lost. An expression the IR
  does not model (`v + 1`, `expected + 1`) counts as derived.

  Known false positives: a value that has a single writer goroutine by
  design (one reload loop), where the sequence cannot interleave with
  another writer, and writers serialised by something other than a mutex
  held in the same function (a channel, a single-threaded phase, a
  CompareAndSwap that claimed the value first). Among them: turn-passing
  tests (`for x.Load() != expected {}; x.Store(expected + 1)`: only the
  goroutine whose turn the Load confirmed stores), goroutines storing a
  computed value into their own slot of an array (`X[me]`, which the IR
  collapses with the other goroutines' `X[he]`), and a Store of a
  variable that is assigned the loaded value elsewhere in a loop (the
  rule follows variables without regard to order).
tags: [sync, atomic, lost-update, data-race]
precision: medium
since: "0.1.0"
analysis: structural
examples:
  bad:
    # The loaded value is changed and stored on the next turn of the loop.
    - |
      package hammer

      import "sync/atomic"

      // Bump adds one per turn to the shared value, n times.
      func Bump(v *atomic.Value, n int) {
      	x := v.Load().(int)
      	for i := 0; i < n; i++ {
      		x++
      		↓v.Store(x)
      		x = v.Load().(int)
      	}
      }
    # Config hot-reload: copy the loaded config with one change and store it back.
    - |
      package config

      import "sync/atomic"

      type Config struct {
      	Limits map[string]int
      }

      var current atomic.Value // *Config

      // SetLimit publishes a config with one limit changed.
      func SetLimit(key string, n int) {
      	old := current.Load().(*Config)
      	next := &Config{Limits: make(map[string]int, len(old.Limits)+1)}
      	for k, v := range old.Limits {
      		next.Limits[k] = v
      	}
      	next.Limits[key] = n
      	↓current.Store(next)
      }
    # An ID generator on a typed atomic.
    - |
      package ids

      import "sync/atomic"

      var last atomic.Int64

      // Next returns a new ID.
      func Next() int64 {
      	id := last.Load() + 1
      	↓last.Store(id)
      	return id
      }
    # The sync/atomic functions on a struct field, in a method.
    - |
      package limiter

      import "sync/atomic"

      type Window struct {
      	used int64
      	max  int64
      }

      // Take reserves n units if they fit.
      func (w *Window) Take(n int64) bool {
      	used := atomic.LoadInt64(&w.used)
      	if used+n > w.max {
      		return false
      	}
      	↓atomic.StoreInt64(&w.used, used+n)
      	return true
      }
    # A generic registry appending to a slice held in an atomic.Pointer.
    - |
      package registry

      import "sync/atomic"

      type List[T any] struct {
      	items atomic.Pointer[[]T]
      }

      // Add appends v to a copy of the list and publishes the copy.
      func (l *List[T]) Add(v T) {
      	var next []T
      	if old := l.items.Load(); old != nil {
      		for _, item := range *old {
      			next = append(next, item)
      		}
      	}
      	next = append(next, v)
      	↓l.items.Store(&next)
      }
    # A local total the goroutines it starts share.
    - |
      package fanout

      import (
      	"sync"
      	"sync/atomic"
      )

      // Run runs n jobs and returns the sum of their numbers.
      func Run(n int) int64 {
      	var total atomic.Int64
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go func(i int64) {
      			defer wg.Done()
      			↓total.Store(total.Load() + i)
      		}(int64(i))
      	}
      	wg.Wait()
      	return total.Load()
      }
    # A Store under a lock after a Load that was not repeated under it.
    - |
      package registry

      import (
      	"sync"
      	"sync/atomic"
      )

      type Registry struct {
      	mu    sync.Mutex
      	names []string
      	count atomic.Int64
      }

      // Add appends a name and bumps the count readers poll.
      func (r *Registry) Add(name string) {
      	n := r.count.Load()
      	r.mu.Lock()
      	defer r.mu.Unlock()
      	r.names = append(r.names, name)
      	↓r.count.Store(n + 1)
      }
    # The new value is made by a helper from the loaded one.
    - |
      package settings

      import "sync/atomic"

      type Settings struct {
      	Names []string
      }

      var current atomic.Pointer[Settings]

      func with(s *Settings, name string) *Settings {
      	next := &Settings{Names: append([]string(nil), s.Names...)}
      	next.Names = append(next.Names, name)
      	return next
      }

      // Add publishes settings with one more name.
      func Add(name string) {
      	old := current.Load()
      	next := with(old, name)
      	↓current.Store(next)
      }
    # The Load is behind a getter; the read-modify-write is the same.
    - |
      package stats

      import "sync/atomic"

      // Stats counts requests.
      type Stats struct{ served int64 }

      func (s *Stats) count() int64 { return atomic.LoadInt64(&s.served) }

      // Served records one more request.
      func (s *Stats) Served() {
      	n := s.count()
      	↓atomic.StoreInt64(&s.served, n+1)
      }
  good:
    # Each turn stores a fresh pick, then loads into the same variable to
    # check it: the loaded value is replaced before the next Store.
    - |
      package hammer

      import (
      	"math/rand"
      	"sync/atomic"
      )

      // Churn reports whether every load returned one of the choices.
      func Churn(v *atomic.Value, choices []any, n int, report func(any)) bool {
      	for i := 0; i < n; i++ {
      		x := choices[rand.Intn(len(choices))]
      		v.Store(x)
      		x = v.Load()
      		if x == nil {
      			report(x)
      			return false
      		}
      	}
      	return true
      }
    # A last-hit cache: the stored file comes from the search, not from the loaded one.
    - |
      package files

      import (
      	"sync"
      	"sync/atomic"
      )

      type File struct {
      	Base, Size int
      }

      type Set struct {
      	mu    sync.RWMutex
      	files []*File
      	last  atomic.Pointer[File]
      }

      // Find returns the file holding offset p, caching the last hit.
      func (s *Set) Find(p int) *File {
      	if hit := s.last.Load(); hit != nil && hit.Base <= p && p < hit.Base+hit.Size {
      		return hit
      	}
      	s.mu.RLock()
      	defer s.mu.RUnlock()
      	for _, f := range s.files {
      		if f.Base <= p && p < f.Base+f.Size {
      			s.last.Store(f)
      			return f
      		}
      	}
      	return nil
      }
    # Each side stores into its own slot a value loaded from another variable.
    - |
      package handshake

      import "sync/atomic"

      type Peers struct {
      	seen [2]int32
      	ack  [2]int32
      }

      // Echo waits for the other side's ack and records what it saw of the other side.
      func (p *Peers) Echo(me int) int32 {
      	he := 1 - me
      	got := atomic.LoadInt32(&p.seen[he])
      	prev := atomic.LoadInt32(&p.ack[he])
      	for prev == -1 {
      		prev = atomic.LoadInt32(&p.ack[he])
      	}
      	atomic.StoreInt32(&p.ack[me], got)
      	return prev
      }
    # Writers serialised by a mutex; readers Load without it.
    - |
      package config

      import (
      	"sync"
      	"sync/atomic"
      )

      type Config struct {
      	Limits map[string]int
      }

      var (
      	current atomic.Value // *Config
      	writeMu sync.Mutex
      )

      // SetLimit publishes a config with one limit changed.
      func SetLimit(key string, n int) {
      	writeMu.Lock()
      	defer writeMu.Unlock()
      	old := current.Load().(*Config)
      	next := &Config{Limits: make(map[string]int, len(old.Limits)+1)}
      	for k, v := range old.Limits {
      		next.Limits[k] = v
      	}
      	next.Limits[key] = n
      	current.Store(next)
      }
    # One atomic Add.
    - |
      package ids

      import "sync/atomic"

      var last atomic.Int64

      // Next returns a new ID.
      func Next() int64 {
      	return last.Add(1)
      }
    # A CompareAndSwap loop.
    - |
      package limiter

      import "sync/atomic"

      type Window struct {
      	used int64
      	max  int64
      }

      // Take reserves n units if they fit.
      func (w *Window) Take(n int64) bool {
      	for {
      		used := atomic.LoadInt64(&w.used)
      		if used+n > w.max {
      			return false
      		}
      		if atomic.CompareAndSwapInt64(&w.used, used, used+n) {
      			return true
      		}
      	}
      }
    # A helper called only with the lock held.
    - |
      package cache

      import (
      	"sync"
      	"sync/atomic"
      )

      type Cache struct {
      	mu      sync.Mutex
      	version atomic.Int64
      	entries map[string]string
      }

      func (c *Cache) bumpLocked() {
      	c.version.Store(c.version.Load() + 1)
      }

      // Put stores an entry and bumps the version readers poll.
      func (c *Cache) Put(k, v string) {
      	c.mu.Lock()
      	c.entries[k] = v
      	c.bumpLocked()
      	c.mu.Unlock()
      }
    # A lazily set default: the loaded value is only tested, and a fresh value stored.
    - |
      package config

      import "sync/atomic"

      var name atomic.Value

      // Name returns the configured name, setting the default on first use.
      func Name() string {
      	if name.Load() == nil {
      		name.Store("default")
      	}
      	return name.Load().(string)
      }
    # A unit test of a local typed atomic that no goroutine sees.
    - |
      package counter

      import "sync/atomic"

      // Check reports whether a Store of a loaded value reads back.
      func Check() bool {
      	var x struct {
      		before int32
      		n      atomic.Int64
      	}
      	x.before = 7
      	x.n.Store(1)
      	v := x.n.Load()
      	x.n.Store(v + 1)
      	return x.n.Load() == 2 && x.before == 7
      }
    # Double-checked initialisation: the Store follows a re-Load under the lock.
    - |
      package lazy

      import (
      	"sync"
      	"sync/atomic"
      )

      type Ctx struct {
      	mu   sync.Mutex
      	done atomic.Value // chan struct{}
      }

      // Done returns the channel, making it on first use.
      func (c *Ctx) Done() <-chan struct{} {
      	d := c.done.Load()
      	if d != nil {
      		return d.(chan struct{})
      	}
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	d = c.done.Load()
      	if d == nil {
      		d = make(chan struct{})
      		c.done.Store(d)
      	}
      	return d.(chan struct{})
      }
    # A getter's value decides, and what is stored is not computed from it.
    - |
      package stats

      import (
      	"sync"
      	"sync/atomic"
      )

      // Stats counts requests.
      type Stats struct {
      	mu     sync.Mutex
      	served int64
      	peak   int64
      }

      func (s *Stats) count() int64 { return atomic.LoadInt64(&s.served) }

      // Reset clears the count once it passes a limit.
      func (s *Stats) Reset(limit int64) {
      	if s.count() > limit {
      		atomic.StoreInt64(&s.served, 0)
      	}
      }

      // Served records one more request, holding the lock writers share.
      func (s *Stats) Served() {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	n := s.count()
      	atomic.StoreInt64(&s.served, n+1)
      }

"""#),
        RuleFileText(relativePath: "sync/SY1005-atomic-value-mutated-in-place.yaml", text: #"""
# A value loaded from an atomic.Value changed in place. The format of
# this file is described in rules/README.md.
id: SY1005
name: atomic-value-mutated-in-place
category: sync
level: error
summary: A value loaded from an atomic.Value (or atomic.Pointer) is changed in place while readers share it.
description: |
  An atomic.Value publishes one value to many readers, who Load it and
  read it without a lock. The point is that the published value never
  changes: an update builds a new value and Stores it. Writing into the
  loaded value instead (a field through the pointer, a map entry, a slice
  element) changes what every reader is reading: a data race, a reader
  that sees half an update, and for maps a crash ("fatal error: concurrent
  map read and map write").

  The rule follows the value returned by `Load` (through type assertions
  and copies of the variable) and reports the first write into it: an
  assignment through the pointer (`c.Name = ...`), a map write, delete or
  clear, a slice element assignment. Writing a copy (`c := *v.Load().(*T);
  c.Name = ...`) is fine, as is a write to a struct field of a value held
  by value. A lock held by the writer does not help (readers do not take
  it), except a mutex inside the loaded value that guards the written
  field, which is accepted. The finding carries the path from the Load.

  Fix: copy, change the copy, Store the copy (copy-on-write), serialising
  the writers with a mutex.

  Known false positives: fields the readers never read, or that are
  themselves synchronised in a way the rule does not see (a method of the
  loaded value that locks).
tags: [sync, atomic, data-race]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # Feature flags: enabling one writes the map every reader shares.
    - |
      package flags

      import "sync/atomic"

      type Flags struct {
      	On map[string]bool
      }

      var current atomic.Value // *Flags

      // Enable turns a flag on.
      func Enable(name string) {
      	f := current.Load().(*Flags)
      	↓f.On[name] = true
      }
    # A field of the shared config written through the pointer, in a method.
    - |
      package server

      import (
      	"sync/atomic"
      	"time"
      )

      type Settings struct {
      	Timeout time.Duration
      	Name    string
      }

      type Server struct {
      	settings atomic.Value // *Settings
      }

      // SetTimeout changes the timeout of the running server.
      func (s *Server) SetTimeout(d time.Duration) {
      	cur := s.settings.Load().(*Settings)
      	↓cur.Timeout = d
      }
    # A slice element of the published routing table.
    - |
      package routing

      import "sync/atomic"

      type Table struct {
      	Backends []string
      }

      var table atomic.Pointer[Table]

      // Replace swaps one backend address.
      func Replace(i int, addr string) {
      	t := table.Load()
      	if i < len(t.Backends) {
      		↓t.Backends[i] = addr
      	}
      }
    # Deleting from the loaded map on one branch.
    - |
      package acl

      import "sync/atomic"

      var allowed atomic.Value // map[string]bool

      // Revoke removes a user, or reports that it was not allowed.
      func Revoke(user string) bool {
      	m := allowed.Load().(map[string]bool)
      	if !m[user] {
      		return false
      	}
      	↓delete(m, user)
      	return true
      }
    # The shared config comes from a getter; writing it is the same race.
    - |
      package server

      import "sync/atomic"

      type Config struct{ Limits map[string]int }

      // Server keeps its live config in an atomic.Value.
      type Server struct{ cfg atomic.Value }

      func (s *Server) config() *Config { return s.cfg.Load().(*Config) }

      // SetLimit changes one limit.
      func (s *Server) SetLimit(name string, n int) {
      	c := s.config()
      	↓c.Limits[name] = n
      }
  good:
    # A registry grown with append under the writers' lock: append writes
    # past the length every reader of the old slice sees.
    - |
      package image

      import (
      	"sync"
      	"sync/atomic"
      )

      type format struct{ name, magic string }

      var (
      	formatsMu     sync.Mutex
      	atomicFormats atomic.Value
      )

      // RegisterFormat adds a format for Decode to recognise.
      func RegisterFormat(name, magic string) {
      	formatsMu.Lock()
      	formats, _ := atomicFormats.Load().([]format)
      	atomicFormats.Store(append(formats, format{name, magic}))
      	formatsMu.Unlock()
      }
    # Copy-on-write: a new map is built and stored.
    - |
      package flags

      import (
      	"sync"
      	"sync/atomic"
      )

      type Flags struct {
      	On map[string]bool
      }

      var (
      	current atomic.Value // *Flags
      	writeMu sync.Mutex
      )

      // Enable turns a flag on.
      func Enable(name string) {
      	writeMu.Lock()
      	defer writeMu.Unlock()
      	old := current.Load().(*Flags)
      	next := &Flags{On: make(map[string]bool, len(old.On)+1)}
      	for k, v := range old.On {
      		next.On[k] = v
      	}
      	next.On[name] = true
      	current.Store(next)
      }
    # The loaded struct is copied before it is changed.
    - |
      package server

      import (
      	"sync"
      	"sync/atomic"
      	"time"
      )

      type Settings struct {
      	Timeout time.Duration
      	Name    string
      }

      type Server struct {
      	mu       sync.Mutex
      	settings atomic.Value // *Settings
      }

      // SetTimeout changes the timeout of the running server.
      func (s *Server) SetTimeout(d time.Duration) {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	next := *s.settings.Load().(*Settings)
      	next.Timeout = d
      	s.settings.Store(&next)
      }
    # A value type stored by value: the loaded copy is private.
    - |
      package window

      import "sync/atomic"

      type Size struct {
      	W, H int
      }

      var size atomic.Value // Size

      // Scaled returns the current size scaled by k.
      func Scaled(k int) Size {
      	s := size.Load().(Size)
      	s.W *= k
      	s.H *= k
      	return s
      }
    # A counter inside the loaded value guarded by its own mutex.
    - |
      package stats

      import (
      	"sync"
      	"sync/atomic"
      )

      type Snapshot struct {
      	mu    sync.Mutex
      	reads int
      	Data  map[string]string
      }

      var snap atomic.Pointer[Snapshot]

      // Get reads a key and counts the read.
      func Get(k string) string {
      	s := snap.Load()
      	s.mu.Lock()
      	s.reads++
      	s.mu.Unlock()
      	return s.Data[k]
      }
    # The getter's value is copied, the copy changed and stored.
    - |
      package server

      import (
      	"sync"
      	"sync/atomic"
      )

      type Config struct{ Limits map[string]int }

      // Server keeps its live config in an atomic.Value.
      type Server struct {
      	mu  sync.Mutex
      	cfg atomic.Value
      }

      func (s *Server) config() *Config { return s.cfg.Load().(*Config) }

      // SetLimit changes one limit in a new config.
      func (s *Server) SetLimit(name string, n int) {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	old := s.config()
      	next := &Config{Limits: make(map[string]int, len(old.Limits)+1)}
      	for k, v := range old.Limits {
      		next.Limits[k] = v
      	}
      	next.Limits[name] = n
      	s.cfg.Store(next)
      }

"""#),
        RuleFileText(relativePath: "sync/SY1006-atomic-value-type-mismatch.yaml", text: #"""
# An atomic.Value given values of different concrete types, or nil. The format of
# this file is described in rules/README.md.
id: SY1006
name: atomic-value-type-mismatch
category: sync
level: error
summary: An atomic.Value is given values of different concrete types (or nil), which panics.
description: |
  atomic.Value remembers the concrete type of the first value stored.
  `Store`, `Swap` and `CompareAndSwap` of a value of another concrete type
  panic ("sync/atomic: store of inconsistently typed value into Value"),
  and storing nil panics ("store of nil value into Value"). The second type
  usually arrives on a rare path: a struct stored by value at start-up and
  by pointer on reload, an error stored where a config was.

  The rule collects, for each atomic.Value (a package variable, or a field
  of a named type, across the whole program), the concrete types of the
  values stored, swapped and compared-and-swapped in, and reports every
  store whose type differs from the first one seen, and every store of
  nil. Values of interface type are skipped (their concrete type is not
  known).

  Fix: store one type (wrap alternatives in a struct, store pointers
  everywhere), or use atomic.Pointer[T], whose type is checked at compile
  time.

  A typed nil (`v.Store((*T)(nil))`, `v.Store((func(int))(nil))`) is a
  non-nil interface holding a nil pointer or function: it does not panic
  and is not reported as nil. An interface nil (`v.Store(any(nil))`) is.

  Known false negatives: the IR does not keep the type of a typed nil, so
  one is not compared with the other types stored either.

  Known false positives: stores on paths that never run both in one
  process (platform-specific files) are still reported.
tags: [sync, atomic, panic]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A value at start-up, a pointer on update.
    - |
      package endpoint

      import "sync/atomic"

      type Endpoint struct {
      	URL string
      }

      var active atomic.Value

      // UseDefault installs the built-in endpoint.
      func UseDefault() {
      	active.Store(Endpoint{URL: "http://localhost:8080"})
      }

      // SwitchTo installs another endpoint.
      func SwitchTo(url string) {
      	↓active.Store(&Endpoint{URL: url})
      }
    # A field of a struct given a string and an int.
    - |
      package status

      import "sync/atomic"

      type Worker struct {
      	state atomic.Value
      }

      func (w *Worker) Start() {
      	w.state.Store("running")
      }

      // Progress records how far the worker got.
      func (w *Worker) Progress(percent int) {
      	↓w.state.Store(percent)
      }
    # Storing nil to clear the value.
    - |
      package session

      import "sync/atomic"

      type Token struct {
      	Value string
      }

      var token atomic.Value

      // Clear forgets the token.
      func Clear() {
      	↓token.Store(nil)
      }

      // Set installs a token.
      func Set(t *Token) {
      	token.Store(t)
      }
    # An untyped nil converted to an interface is still a nil interface.
    - |
      package hooks

      import "sync/atomic"

      var hook atomic.Value

      // Clear removes the hook.
      func Clear() {
      	↓hook.Store(interface{}(nil))
      }
    # Swap with a different type from a closure.
    - |
      package buffer

      import "sync/atomic"

      var latest atomic.Value

      // Keep remembers the latest bytes and returns a function that swaps in a string.
      func Keep(b []byte) func(string) {
      	latest.Store(b)
      	return func(s string) {
      		↓latest.Swap(s)
      	}
      }
  good:
    # Pointers everywhere.
    - |
      package endpoint

      import "sync/atomic"

      type Endpoint struct {
      	URL string
      }

      var active atomic.Value

      // UseDefault installs the built-in endpoint.
      func UseDefault() {
      	active.Store(&Endpoint{URL: "http://localhost:8080"})
      }

      // SwitchTo installs another endpoint.
      func SwitchTo(url string) {
      	ep := &Endpoint{URL: url}
      	active.Store(ep)
      }
    # Two atomic.Values, each with one type.
    - |
      package status

      import "sync/atomic"

      type Worker struct {
      	state    atomic.Value
      	progress atomic.Value
      }

      func (w *Worker) Start() {
      	w.state.Store("running")
      	w.progress.Store(0)
      }

      // Progress records how far the worker got.
      func (w *Worker) Progress(percent int) {
      	w.progress.Store(percent)
      }
    # A typed zero value instead of nil.
    - |
      package session

      import "sync/atomic"

      type Token struct {
      	Value string
      }

      var token atomic.Value

      // Clear forgets the token.
      func Clear() {
      	token.Store(&Token{})
      }

      // Set installs a token.
      func Set(t *Token) {
      	token.Store(t)
      }
    # An interface value: its concrete type is not known, nothing to compare.
    - |
      package sink

      import (
      	"io"
      	"os"
      	"sync/atomic"
      )

      var out atomic.Value

      // Use sets the writer logs go to.
      func Use(w io.Writer) {
      	out.Store(w)
      }

      // Default sends logs to stderr.
      func Default() {
      	out.Store(os.Stderr)
      }
    # A typed nil is a non-nil interface: Store keeps a nil *response, no panic.
    - |
      package server

      import "sync/atomic"

      type response struct {
      	status int
      }

      type conn struct {
      	curReq atomic.Value // of *response
      }

      func (c *conn) serve(w *response) {
      	c.curReq.Store(w)
      	c.curReq.Store((*response)(nil))
      }
    # A typed nil function, as a test clears a hook.
    - |
      package poll

      import "sync/atomic"

      var closeHook atomic.Value // func(fd int)

      // SetHook installs a hook and returns the function that clears it.
      func SetHook(f func(int)) func() {
      	closeHook.Store(f)
      	return func() { closeHook.Store((func(int))(nil)) }
      }

"""#),
        RuleFileText(relativePath: "sync/SY1007-mixed-atomic-plain-access.yaml", text: #"""
# A variable updated with sync/atomic functions and also read or written plainly. The format of
# this file is described in rules/README.md.
id: SY1007
name: mixed-atomic-plain-access
category: sync
level: warning
summary: A variable updated with sync/atomic functions is also read or written without them.
description: |
  Atomic operations only synchronise with other atomic operations. A plain
  `n := s.hits` or `s.hits = 0` next to `atomic.AddInt64(&s.hits, 1)` is a
  data race (the race detector reports it), may read a torn value on
  32-bit platforms, and a plain read-then-reset loses the increments made
  between the read and the reset.

  The rule collects the fields (by the named type that declares them) and
  package variables that a sync/atomic function updates anywhere in the
  program, and reports each plain read or write of them: copies,
  assignments, increments (`s.n++`, `s.n += k`), arguments and returned
  values. Accesses to a value the
  function has just allocated and not yet shared (a constructor filling a
  new struct, a local struct, or a local value written through a pointer
  to it, as in `vp := (*words)(unsafe.Pointer(&result))`) and `init`
  functions are not reported, nor are accesses to the receiver's fields
  in a method named `Init` (or `init`): by Go convention it prepares its
  receiver before the value is shared (`(*list.List).Init`, an FD's Init
  called by the constructor that made it), unless it starts a goroutine
  itself. `Reset` methods are checked: they run on values already in use. Passing the address to a function
  (`storeTail(&q.tail, n)`, an atomic helper) is not a plain access. A
  plain read inside a condition or inside arithmetic (`seq := db.seq +
  1`, mostly the only writer computing its next value) is not visible to
  the rule; an increment (`s.n++`, `s.n += k`) is a plain read and write. Nor is a plain
  read made holding a sync.Mutex that every atomic write of the variable
  (Store, Add, Swap, CompareAndSwap) holds too, as in a slow path that
  re-reads under the lock its publisher takes: reads do not race with the
  lock-free atomic loads, and the lock keeps the writes out. A plain write
  under that lock still races with the atomic loads and is reported. The
  lock may be an RWMutex: the reader holds it for reading or writing, and
  every atomic write holds it for writing, there or in every caller of
  the function that writes, up to three calls up (a `storeLocked` helper
  that its callers run under `mu.Lock()`). A write under the read lock
  keeps the plain reads reported: readers share that lock. Nor is a plain
  read or write made holding an RWMutex for writing (or a Mutex) that
  every atomic access of the variable, loads included, holds in either
  mode: atomic adds and loads under `mu.RLock()` run side by side, and
  `mu.Lock()` keeps them all out (a store rewound under the write lock
  while appenders bump it atomically under the read lock). Where
  a variable is only ever loaded atomically (never stored, added or
  swapped), its plain writes are reported and its plain reads are not:
  reads do not race with reads. Two fields of one type side by side in a
  bigger struct (`b.first.seq`, `b.last.seq`) are different variables,
  unless an access reaches the field through a pointer to its own type.

  Nor is a plain access to an object that no other goroutine can reach
  yet: one the function made, or got from a constructor that returns what
  it allocated (itself or through another such constructor) without
  handing it to anything, and then never handed on itself (it only calls
  its methods, reads its fields, passes it to helpers that do the same,
  or returns it, as a snapshot `Copy` that fills a fresh object from
  atomic loads does), in a function that starts no goroutine,
  directly or through what it calls. A test that builds a counter, adds to
  it and reads its fields back is such a function. Passing the object to
  anything else, starting a goroutine, or a constructor that publishes
  what it makes (`Publish(name, v)`) keeps the access reported. So is
  the receiver of a method (starting no goroutine) that only ever runs on
  such an object, called before its caller hands the object on or starts
  a goroutine (`db := &DB{}; db.replay(); go db.compact()`). An object
  that only comes to hold itself is not handed on: `s.root =
  newNode(s, "/")` or `s.root.add(newNode(s, ns))`, where `newNode`
  keeps `s` in the node it returns and nowhere else.

  Fix: use atomic.LoadInt64 / StoreInt64 / SwapInt64 for every access
  (`atomic.SwapInt64(&s.hits, 0)` reads and resets in one step), or switch
  the field to atomic.Int64, which cannot be accessed plainly.

  Known false positives: plain accesses that are ordered by other means
  (after a WaitGroup.Wait that all the atomic updaters called Done for,
  after a load-acquire of another variable published after this one, in
  code that runs with the world stopped, under a one-slot channel used
  as a lock), and values that are not shared yet in a way
  the rule does not see (a constructor of another package filling a value
  before it is published, or a read right after a constructor that
  published the value, as in a test's `reqs := NewFloat("x"); if reqs.f
  != 0`: nothing ordered that read with the goroutines that may find it
  in the registry, even if none is running yet). Missed: a constructor
  whose methods keep the object somewhere other goroutines look.
tags: [sync, atomic, data-race]
precision: medium
since: "0.1.0"
analysis: structural
examples:
  bad:
    # Handlers count atomically, but a merge adds with a plain +=.
    - |
      package stats

      import "sync/atomic"

      // Stats counts requests from every handler goroutine.
      type Stats struct {
      	served int64
      }

      // Served is called by each handler when it finishes.
      func (s *Stats) Served() {
      	atomic.AddInt64(&s.served, 1)
      }

      // Merge adds the count of a finished shard.
      func (s *Stats) Merge(n int64) {
      	↓s.served += n
      }
    # A counter flushed with a plain read and reset.
    - |
      package stats

      import "sync/atomic"

      type Stats struct {
      	requests int64
      }

      func (s *Stats) Inc() { atomic.AddInt64(&s.requests, 1) }

      // Flush reports the count since the last flush and starts over.
      func (s *Stats) Flush(report func(int64)) {
      	↓report(s.requests)
      	↓s.requests = 0
      }
    # A package-level flag set atomically and read plainly.
    - |
      package shutdown

      import "sync/atomic"

      var stopping int32

      // Begin marks the process as stopping.
      func Begin() { atomic.StoreInt32(&stopping, 1) }

      // State returns 1 when the process is stopping.
      func State() int32 {
      	↓return stopping
      }
    # A plain copy in a closure run as a goroutine.
    - |
      package pool

      import (
      	"log"
      	"sync/atomic"
      )

      type Pool struct {
      	busy int64
      }

      func (p *Pool) Acquire() { atomic.AddInt64(&p.busy, 1) }

      // Report logs the number of busy workers from a goroutine.
      func (p *Pool) Report() {
      	go func() {
      		↓n := p.busy
      		log.Printf("%d busy", n)
      	}()
      }
    # A pointer published with atomic.StorePointer and read plainly.
    - |
      package cache

      import (
      	"sync/atomic"
      	"unsafe"
      )

      type entry struct {
      	value string
      }

      type Cache struct {
      	head unsafe.Pointer // *entry
      }

      // Publish makes e the head.
      func (c *Cache) Publish(e *entry) {
      	atomic.StorePointer(&c.head, unsafe.Pointer(e))
      }

      // Head returns the current head.
      func (c *Cache) Head() *entry {
      	↓p := c.head
      	return (*entry)(p)
      }
    # A plain write under the publishers' lock still races with the lock-free loads.
    - |
      package table

      import (
      	"sync"
      	"sync/atomic"
      	"unsafe"
      )

      var growMu sync.Mutex

      type Table struct {
      	entries unsafe.Pointer // *[]string
      }

      // Lookup reads the table without the lock.
      func (t *Table) Lookup() *[]string {
      	return (*[]string)(atomic.LoadPointer(&t.entries))
      }

      // Publish sets the first table.
      func (t *Table) Publish(names []string) {
      	growMu.Lock()
      	defer growMu.Unlock()
      	atomic.StorePointer(&t.entries, unsafe.Pointer(&names))
      }

      // Reset drops the table.
      func (t *Table) Reset() {
      	growMu.Lock()
      	↓t.entries = nil
      	growMu.Unlock()
      }
    # A setter on a value in use is not an initialiser: its plain write races.
    - |
      package poll

      import "sync/atomic"

      type FD struct {
      	Sysfd      int
      	isBlocking uint32
      }

      // Init prepares the FD before it is shared.
      func (fd *FD) Init(pollable bool) {
      	if !pollable {
      		fd.isBlocking = 1
      	}
      }

      // SetBlocking puts the FD in blocking mode.
      func (fd *FD) SetBlocking() {
      	atomic.StoreUint32(&fd.isBlocking, 1)
      }

      // Unblock is called while other goroutines read and write the FD.
      func (fd *FD) Unblock() {
      	↓fd.isBlocking = 0
      }
    # An Init method that hands the receiver to a goroutine shares it.
    - |
      package ticker

      import "sync/atomic"

      type Ticker struct {
      	ticks int64
      }

      func (t *Ticker) run() {
      	for {
      		atomic.AddInt64(&t.ticks, 1)
      	}
      }

      // Init starts counting.
      func (t *Ticker) Init() {
      	go t.run()
      	↓t.ticks = 0
      }
    # The test reads the counter plainly while its goroutine still adds to it.
    - |
      package metrics

      import (
      	"sync"
      	"sync/atomic"
      	"testing"
      )

      type counter struct{ n uint64 }

      func newCounter() *counter { return &counter{} }

      func (c *counter) Inc() { atomic.AddUint64(&c.n, 1) }

      func TestInc(t *testing.T) {
      	c := newCounter()
      	var wg sync.WaitGroup
      	wg.Add(1)
      	go func() {
      		defer wg.Done()
      		c.Inc()
      	}()
      	if ↓got := c.n; got > 1 {
      		t.Errorf("n = %d", got)
      	}
      	wg.Wait()
      }
    # The constructor publishes the gauge in a registry that a scraper reads.
    - |
      package expose

      import "sync/atomic"

      type Gauge struct{ v int64 }

      var registry = map[string]*Gauge{}

      // NewGauge makes a gauge and publishes it under name.
      func NewGauge(name string) *Gauge {
      	g := &Gauge{}
      	registry[name] = g
      	return g
      }

      func (g *Gauge) Set(v int64) { atomic.StoreInt64(&g.v, v) }

      // Reset makes a fresh gauge and reads its value back.
      func Reset(name string) int64 {
      	g := NewGauge(name)
      	g.Set(0)
      	↓return g.v
      }
    # The store's root node points back at it, but the node is also
    # published in a global index that another goroutine walks.
    - |
      package kv

      import "sync/atomic"

      type node struct {
      	path  string
      	store *Store
      }

      type Store struct {
      	root *node
      	gets uint64
      }

      var roots []*node

      func newNode(s *Store, path string) *node {
      	return &node{path: path, store: s}
      }

      func newStore() *Store {
      	s := new(Store)
      	s.root = newNode(s, "/")
      	roots = append(roots, s.root)
      	return s
      }

      func (s *Store) Get(path string) string {
      	atomic.AddUint64(&s.gets, 1)
      	return path
      }

      // Gets makes a store, reads a key and returns how many reads it counted.
      func Gets() uint64 {
      	s := newStore()
      	s.Get("/a")
      	↓return s.gets
      }
    # The atomic add holds only the read lock, which other readers share:
    # the plain read under the read lock can overlap it.
    - |
      package store

      import (
      	"sync"
      	"sync/atomic"
      )

      // Block counts the reads of its messages.
      type Block struct {
      	mu    sync.RWMutex
      	reads uint64
      	msgs  []string
      }

      // Get returns message i and counts the read.
      func (b *Block) Get(i int) string {
      	b.mu.RLock()
      	defer b.mu.RUnlock()
      	atomic.AddUint64(&b.reads, 1)
      	return b.msgs[i]
      }

      // Reads reports the count under the read lock.
      func (b *Block) Reads() uint64 {
      	b.mu.RLock()
      	defer b.mu.RUnlock()
      	↓n := b.reads
      	return n
      }
    # The replay runs after the compactor started: it races with it.
    - |
      package store

      import "sync/atomic"

      // DB is a store whose sequence its compactor bumps atomically.
      type DB struct {
      	seq  uint64
      	logs []string
      }

      // Open makes a DB, starts its compactor and replays its journal.
      func Open(logs []string) *DB {
      	db := &DB{logs: logs}
      	go db.compact()
      	db.replay()
      	return db
      }

      func (db *DB) replay() {
      	↓db.seq = uint64(len(db.logs))
      }

      func (db *DB) compact() {
      	for {
      		atomic.AddUint64(&db.seq, 1)
      	}
      }
    # Fresh counters published in a global before they are filled: a sender may add to them in between.
    - |
      package stats

      import "sync/atomic"

      // Counters are added to atomically by every sender.
      type Counters struct{ Sent uint64 }

      func newCounters() *Counters { return new(Counters) }

      // Current is the period that senders add to.
      var Current = newCounters()

      // Add counts n bytes sent in the current period.
      func Add(n uint64) { atomic.AddUint64(&Current.Sent, n) }

      // Rotate starts a new period carrying the old count over; the new
      // counters are published before they are filled, so a sender may add
      // to them in between.
      func Rotate() *Counters {
      	prev := Current
      	d := newCounters()
      	Current = d
      	↓d.Sent = atomic.LoadUint64(&prev.Sent)
      	return d
      }
  good:
    # Atomics under the read lock, the plain write under the write lock:
    # no atomic access can run while it is held.
    - |
      package filestore

      import (
      	"sync"
      	"sync/atomic"
      )

      type Store struct {
      	mu   sync.RWMutex
      	last uint64
      }

      // Append publishes the new last sequence to readers holding RLock.
      func (s *Store) Append(seq uint64) {
      	s.mu.RLock()
      	defer s.mu.RUnlock()
      	atomic.StoreUint64(&s.last, seq)
      }

      // Reset rewinds under the write lock.
      func (s *Store) Reset() {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	s.last = 0
      }

      // Last reads under the read lock.
      func (s *Store) Last() uint64 {
      	s.mu.RLock()
      	defer s.mu.RUnlock()
      	return atomic.LoadUint64(&s.last)
      }
    # Two fields of one type side by side: only the last one is read without the lock, atomically.
    - |
      package store

      import (
      	"sync"
      	"sync/atomic"
      )

      type marker struct {
      	seq uint64
      	ts  int64
      }

      // Block holds a run of messages.
      type Block struct {
      	mu    sync.RWMutex
      	first marker
      	last  marker
      }

      // Append records seq as the block's last message; the first is set once.
      func (b *Block) Append(seq uint64, ts int64) {
      	b.mu.Lock()
      	defer b.mu.Unlock()
      	if b.first.seq == 0 {
      		b.first.seq, b.first.ts = seq, ts
      	}
      	atomic.StoreUint64(&b.last.seq, seq)
      	atomic.StoreInt64(&b.last.ts, ts)
      }

      // Covers reports, without the lock, whether seq may be in the block.
      func (b *Block) Covers(seq uint64) bool {
      	return seq <= atomic.LoadUint64(&b.last.seq)
      }
    # Set once at construction and only read afterwards, atomically by some readers: reads do not race with reads.
    - |
      package clock

      import (
      	"sync/atomic"
      	"time"
      )

      // Clock reports times relative to its start.
      type Clock struct {
      	start int64
      }

      // New starts a clock now.
      func New() *Clock {
      	return &Clock{start: time.Now().UnixNano()}
      }

      // Since is the time elapsed since the start.
      func (c *Clock) Since() time.Duration {
      	return time.Duration(time.Now().UnixNano() - atomic.LoadInt64(&c.start))
      }

      // Start is when the clock started.
      func (c *Clock) Start() time.Time {
      	return time.Unix(0, c.start)
      }
    # An Init method prepares its receiver before the value is shared.
    - |
      package poll

      import "sync/atomic"

      type FD struct {
      	Sysfd      int
      	isBlocking uint32
      }

      // Init initializes the FD; the constructor calls it before returning the FD.
      func (fd *FD) Init(pollable bool) error {
      	if !pollable {
      		fd.isBlocking = 1
      		return nil
      	}
      	return nil
      }

      // SetBlocking puts the FD in blocking mode.
      func (fd *FD) SetBlocking() {
      	atomic.StoreUint32(&fd.isBlocking, 1)
      }

      // Blocking reports whether the FD is in blocking mode.
      func (fd *FD) Blocking() bool {
      	return atomic.LoadUint32(&fd.isBlocking) == 1
      }
    # The same in an unexported init method.
    - |
      package list

      import "sync/atomic"

      type List struct {
      	len int64
      }

      func (l *List) init() *List {
      	l.len = 0
      	return l
      }

      // New returns an empty list.
      func New() *List { return new(List).init() }

      // Grow counts one more element.
      func (l *List) Grow() { atomic.AddInt64(&l.len, 1) }
    # The slow path re-reads under the mutex that every atomic store holds.
    - |
      package table

      import (
      	"sync"
      	"sync/atomic"
      	"unsafe"
      )

      var growMu sync.Mutex

      type Table struct {
      	entries unsafe.Pointer // *[]string
      }

      // Lookup reads the table without the lock.
      func (t *Table) Lookup() *[]string {
      	return (*[]string)(atomic.LoadPointer(&t.entries))
      }

      // Add publishes a copy of the table with one more name.
      func (t *Table) Add(name string) {
      	growMu.Lock()
      	defer growMu.Unlock()
      	old := t.entries
      	var next []string
      	if old != nil {
      		next = append(next, *(*[]string)(old)...)
      	}
      	next = append(next, name)
      	atomic.StorePointer(&t.entries, unsafe.Pointer(&next))
      }
    # Swap reads and resets in one step.
    - |
      package stats

      import "sync/atomic"

      type Stats struct {
      	requests int64
      }

      func (s *Stats) Inc() { atomic.AddInt64(&s.requests, 1) }

      // Flush reports the count since the last flush and starts over.
      func (s *Stats) Flush(report func(int64)) {
      	report(atomic.SwapInt64(&s.requests, 0))
      }
    # A typed atomic cannot be accessed plainly.
    - |
      package shutdown

      import "sync/atomic"

      var stopping atomic.Bool

      // Begin marks the process as stopping.
      func Begin() { stopping.Store(true) }

      // Stopping reports whether the process is stopping.
      func Stopping() bool {
      	return stopping.Load()
      }
    # A test builds its own counter, adds through the methods and a helper,
    # and reads the fields back: no other goroutine can reach that counter.
    - |
      package metrics

      import (
      	"math"
      	"sync/atomic"
      	"testing"
      )

      type counter struct {
      	bits uint64
      	ints uint64
      }

      func newCounter() *counter { return &counter{} }

      func (c *counter) Add(v float64) {
      	if u := uint64(v); float64(u) == v {
      		atomic.AddUint64(&c.ints, u)
      		return
      	}
      	for {
      		old := atomic.LoadUint64(&c.bits)
      		next := math.Float64bits(math.Float64frombits(old) + v)
      		if atomic.CompareAndSwapUint64(&c.bits, old, next) {
      			return
      		}
      	}
      }

      func addTwice(c *counter, v float64) {
      	c.Add(v)
      	c.Add(v)
      }

      func TestAdd(t *testing.T) {
      	c := newCounter()
      	addTwice(c, 1)
      	if got := c.ints; got != 2 {
      		t.Errorf("ints = %d, want 2", got)
      	}
      	c.Add(0.5)
      	if got := math.Float64frombits(c.bits); got != 0.5 {
      		t.Errorf("bits = %v, want 0.5", got)
      	}
      }
    # A test reads back a counter of a store it made. The store's
    # constructor links the root node and each namespace's node (whose
    # parent is the root) back to the store, as etcd's v2store does: the
    # store holds itself, nobody else holds it.
    - |
      package kv

      import (
      	"sync/atomic"
      	"testing"
      )

      type node struct {
      	path     string
      	parent   *node
      	children []*node
      	store    *Store
      }

      func newNode(s *Store, path string, parent *node) *node {
      	n := &node{path: path, parent: parent}
      	n.store = s
      	return n
      }

      func (n *node) add(child *node) { n.children = append(n.children, child) }

      type Store struct {
      	root *node
      	gets uint64
      }

      func newStore(namespaces ...string) *Store {
      	s := new(Store)
      	s.root = newNode(s, "/", nil)
      	for _, ns := range namespaces {
      		s.root.add(newNode(s, ns, s.root))
      	}
      	return s
      }

      func (s *Store) Get(path string) string {
      	atomic.AddUint64(&s.gets, 1)
      	return path
      }

      func TestGetCounts(t *testing.T) {
      	s := newStore("/ns")
      	s.Get("/a")
      	got := s.gets
      	if got != 1 {
      		t.Errorf("gets = %d, want 1", got)
      	}
      }
    # The atomic store is made by a helper that every caller runs under the
    # write lock; the plain read holds the read lock, so they never overlap.
    - |
      package store

      import (
      	"sync"
      	"sync/atomic"
      )

      // Block keeps its last sequence readable without the lock too.
      type Block struct {
      	mu   sync.RWMutex
      	last uint64
      	msgs []string
      }

      // Append adds a message under the write lock.
      func (b *Block) Append(m string) {
      	b.mu.Lock()
      	b.appendLocked(m)
      	b.mu.Unlock()
      }

      // appendLocked needs b.mu held for writing.
      func (b *Block) appendLocked(m string) {
      	b.msgs = append(b.msgs, m)
      	atomic.StoreUint64(&b.last, uint64(len(b.msgs)))
      }

      // Last does not lock.
      func (b *Block) Last() uint64 { return atomic.LoadUint64(&b.last) }

      // Snapshot reads the state under the read lock.
      func (b *Block) Snapshot() (uint64, int) {
      	b.mu.RLock()
      	defer b.mu.RUnlock()
      	last := b.last
      	return last, len(b.msgs)
      }
    # The constructor replays the journal through a method before it starts
    # the goroutine that bumps the sequence: nothing else can see db yet.
    - |
      package store

      import "sync/atomic"

      // DB is a store whose sequence its compactor bumps atomically.
      type DB struct {
      	seq  uint64
      	logs []string
      }

      // Open makes a DB, replays its journal and starts its compactor.
      func Open(logs []string) *DB {
      	db := &DB{logs: logs}
      	db.replay()
      	go db.compact()
      	return db
      }

      func (db *DB) replay() {
      	for range db.logs {
      		db.seq++
      	}
      }

      func (db *DB) compact() {
      	for {
      		atomic.AddUint64(&db.seq, 1)
      	}
      }
    # A constructor fills the field before the value is shared.
    - |
      package pool

      import "sync/atomic"

      type Pool struct {
      	busy int64
      	size int64
      }

      // New returns a pool with size workers, none busy.
      func New(size int64) *Pool {
      	p := &Pool{}
      	p.busy = 0
      	p.size = size
      	return p
      }

      func (p *Pool) Acquire() { atomic.AddInt64(&p.busy, 1) }

      // Size is never updated atomically.
      func (p *Pool) Size() int64 { return p.size }
    # Every access atomic, through a helper too.
    - |
      package limits

      import "sync/atomic"

      var inflight int64

      func Enter() { atomic.AddInt64(&inflight, 1) }

      func Leave() { atomic.AddInt64(&inflight, -1) }

      // Inflight returns the number of requests in flight.
      func Inflight() int64 {
      	return atomic.LoadInt64(&inflight)
      }
    # The address passed to helpers that load and store it atomically.
    - |
      package queue

      import (
      	"sync/atomic"
      	"unsafe"
      )

      type node struct {
      	next *node
      }

      type Queue struct {
      	tail *node
      }

      func storeNode(pp **node, v *node) {
      	atomic.StorePointer((*unsafe.Pointer)(unsafe.Pointer(pp)), unsafe.Pointer(v))
      }

      func loadNode(pp **node) *node {
      	return (*node)(atomic.LoadPointer((*unsafe.Pointer)(unsafe.Pointer(pp))))
      }

      // Push makes n the tail.
      func (q *Queue) Push(n *node) {
      	storeNode(&q.tail, n)
      }

      // Tail returns the current tail.
      func (q *Queue) Tail() *node {
      	return loadNode(&q.tail)
      }

      func (q *Queue) reset() {
      	atomic.StorePointer((*unsafe.Pointer)(unsafe.Pointer(&q.tail)), nil)
      }
    # The counter is what the field points to: copying the pointer reads the
    # field, which nothing updates atomically.
    - |
      package jobs

      import (
      	"sync"
      	"sync/atomic"
      )

      // job counts its runs in a counter it shares with its copies: the field
      // holds a pointer, and only the counter it points to is atomic.
      type job struct {
      	name    string
      	running *int64
      }

      func (j *job) run(f func()) {
      	atomic.AddInt64(j.running, 1)
      	defer atomic.AddInt64(j.running, -1)
      	f()
      }

      // copy shares the counter: it copies the pointer, not the count.
      func (j *job) copy() job {
      	return job{name: j.name, running: j.running}
      }

      // RunTwice runs f on two goroutines, through the job and a copy of it.
      func RunTwice(f func()) int64 {
      	var n int64
      	j := &job{name: "sync", running: &n}
      	c := j.copy()
      	var wg sync.WaitGroup
      	wg.Add(2)
      	go func() { defer wg.Done(); j.run(f) }()
      	go func() { defer wg.Done(); c.run(f) }()
      	wg.Wait()
      	return atomic.LoadInt64(&n)
      }
    # An init function sets the variable before any goroutine runs.
    - |
      package limits

      import (
      	"runtime"
      	"sync/atomic"
      )

      var maxOpen int32 = 1 << 20

      func init() {
      	if runtime.GOOS == "linux" {
      		maxOpen = 30000
      	}
      }

      // Lower lowers the limit.
      func Lower(n int32) { atomic.StoreInt32(&maxOpen, n) }
    # The words of a local result, written through a pointer to it.
    - |
      package box

      import (
      	"sync/atomic"
      	"unsafe"
      )

      type words struct {
      	typ  unsafe.Pointer
      	data unsafe.Pointer
      }

      type Box struct {
      	v any
      }

      // Load returns the value in the box.
      func (b *Box) Load() (val any) {
      	bp := (*words)(unsafe.Pointer(&b.v))
      	typ := atomic.LoadPointer(&bp.typ)
      	data := atomic.LoadPointer(&bp.data)
      	vp := (*words)(unsafe.Pointer(&val))
      	vp.typ = typ
      	vp.data = data
      	return
      }
    # A snapshot filled before it is returned, made by a constructor that allocates it, and read by a caller that keeps it to itself.
    - |
      package kcp

      import (
      	"fmt"
      	"sync/atomic"
      )

      // Snmp holds counters that every connection adds to atomically.
      type Snmp struct {
      	BytesSent     uint64
      	BytesReceived uint64
      }

      func newSnmp() *Snmp { return new(Snmp) }

      // DefaultSnmp is shared by every connection.
      var DefaultSnmp = newSnmp()

      func onSend(n int) { atomic.AddUint64(&DefaultSnmp.BytesSent, uint64(n)) }

      func onReceive(n int) { atomic.AddUint64(&DefaultSnmp.BytesReceived, uint64(n)) }

      // Copy takes a snapshot, filled before anything else can see it.
      func (s *Snmp) Copy() *Snmp {
      	d := newSnmp()
      	d.BytesSent = atomic.LoadUint64(&s.BytesSent)
      	d.BytesReceived = atomic.LoadUint64(&s.BytesReceived)
      	return d
      }

      // ToSlice formats a snapshot, read plainly: nothing else has it.
      func (s *Snmp) ToSlice() []string {
      	snmp := s.Copy()
      	return []string{fmt.Sprint(snmp.BytesSent), fmt.Sprint(snmp.BytesReceived)}
      }

"""#),
        RuleFileText(relativePath: "sync/SY1008-sync-value-copied.yaml", text: #"""
# A sync.Once, Cond, Pool, Map or sync/atomic value copied. The format of
# this file is described in rules/README.md.
id: SY1008
name: sync-value-copied
category: sync
level: error
summary: A sync.Once, sync.Cond, sync.Pool, sync.Map or sync/atomic value is copied, so the copy has its own state.
description: |
  These types must not be copied after first use: the copy has its own
  state. A copied Once runs its function again (the "initialise once"
  client dials on every call), waiters on a copied Cond are never woken by
  the original (and Wait panics: "sync.Cond is copied"), what is stored in
  a copied Pool or Map is not in the original, and updates to a copied
  atomic.Int64 are lost to the original.

  The rule reports: a method with a value receiver, or a function with a
  value parameter, whose type holds one of them (directly, in a struct
  field, embedded, or in an array); and a call, assignment, range or return
  that copies such a value out of a variable or field. go vet's copylocks
  finds the same shapes; this rule reports them in the sync category
  (WaitGroups and mutexes have WG1054 and MU1005).

  Fix: use a pointer receiver or pass a pointer.

  Known false positives: a copy made before first use (a zero value copied
  into a struct literal), which is harmless but still reported by vet too.
tags: [sync, copy, correctness]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A value receiver copies the client's Once: every call dials again.
    - |
      package client

      import "sync"

      type Client struct {
      	connectOnce sync.Once
      	conn        string
      }

      func dial() string { return "conn" }

      ↓func (c Client) Connection() string {
      	c.connectOnce.Do(func() { c.conn = dial() })
      	return c.conn
      }
    # A counter struct with a typed atomic passed by value.
    - |
      package metrics

      import "sync/atomic"

      type Counter struct {
      	name string
      	n    atomic.Int64
      }

      ↓func report(c Counter) string {
      	return c.name
      }

      // Report describes a counter.
      func Report(c *Counter) string {
      	return ↓report(*c)
      }
    # Ranging over a slice of structs copies each Cond.
    - |
      package gates

      import "sync"

      type Gate struct {
      	cond *sync.Cond
      	busy sync.Cond
      }

      // Count returns how many gates there are.
      func Count(gates []Gate) int {
      	n := 0
      	↓for _, g := range gates {
      		_ = g
      		n++
      	}
      	return n
      }
    # Assigning a struct that holds a sync.Map.
    - |
      package registry

      import "sync"

      type Registry struct {
      	entries sync.Map
      }

      var global Registry

      // Snapshot returns a copy of the global registry.
      func Snapshot() *Registry {
      	↓r := global
      	return &r
      }
  good:
    # A pointer receiver.
    - |
      package client

      import "sync"

      type Client struct {
      	connectOnce sync.Once
      	conn        string
      }

      func dial() string { return "conn" }

      func (c *Client) Connection() string {
      	c.connectOnce.Do(func() { c.conn = dial() })
      	return c.conn
      }
    # A pointer parameter.
    - |
      package metrics

      import "sync/atomic"

      type Counter struct {
      	name string
      	n    atomic.Int64
      }

      func report(c *Counter) string {
      	return c.name
      }

      // Report describes a counter.
      func Report(c *Counter) string {
      	return report(c)
      }
    # Ranging by index.
    - |
      package gates

      import "sync"

      type Gate struct {
      	busy sync.Cond
      }

      // Wake wakes every gate's waiters.
      func Wake(gates []Gate) {
      	for i := range gates {
      		gates[i].busy.Broadcast()
      	}
      }
    # A struct holding a *sync.Cond and a *sync.Once is copied freely.
    - |
      package pipeline

      import "sync"

      type Stage struct {
      	name string
      	cond *sync.Cond
      	once *sync.Once
      }

      // Rename returns a copy of the stage with another name.
      func Rename(s Stage, name string) Stage {
      	s.name = name
      	return s
      }

"""#),
        RuleFileText(relativePath: "sync/SY1009-once-do-reentered.yaml", text: #"""
# sync.Once.Do called again from inside its own function. The format of
# this file is described in rules/README.md.
id: SY1009
name: once-do-reentered
category: sync
level: error
summary: "once.Do is called again, on the same Once, from inside the function it runs: a deadlock."
description: |
  `once.Do(f)` holds the Once's mutex while f runs. When f, or anything f
  calls, calls Do on the same Once, the inner Do waits for the outer one to
  finish, which waits for f: the goroutine blocks for ever ("fatal error:
  all goroutines are asleep - deadlock!" when nothing else runs, a hung
  request otherwise). The usual shape is a lazy singleton whose
  initialisation goes through the public getter (`Default()` registering
  built-ins by calling `Default().Register(...)`).

  The rule follows the calls (and defers) from the function given to Do,
  up to the call-depth limit, through functions and concrete methods (a
  call through an interface or a function value may reach any
  implementation of the program, as `fmt` calling `String` on what it
  prints: a possibility, not a call the function makes), and reports a Do on the same Once (the same
  package variable, or the same field of the same named type; a local
  Once through the closures that capture it). The finding carries the
  chain of calls from the outer Do to the inner one.

  Fix: initialise through a plain function that does not go through Do,
  and have the getter call it inside Do.

  Known false positives: a Do on the same field of a different value (a
  tree of lazily built nodes where a node's initialisation initialises its
  children), which the rule cannot tell apart.
tags: [sync, once, deadlock]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A lazy registry whose initialisation calls the getter.
    - |
      package plugins

      import "sync"

      type Registry struct {
      	plugins map[string]func() string
      }

      var (
      	once     sync.Once
      	registry *Registry
      )

      // Default returns the process-wide registry, building it on first use.
      func Default() *Registry {
      	↓once.Do(func() {
      		registry = &Registry{plugins: map[string]func() string{}}
      		registerBuiltins()
      	})
      	return registry
      }

      func registerBuiltins() {
      	Default().Register("echo", func() string { return "echo" })
      }

      func (r *Registry) Register(name string, f func() string) {
      	r.plugins[name] = f
      }
    # A method whose lazy init calls another method that needs the init.
    - |
      package db

      import "sync"

      type Client struct {
      	initOnce sync.Once
      	tables   []string
      }

      func (c *Client) init() {
      	c.tables = []string{"users"}
      	c.warm()
      }

      func (c *Client) warm() {
      	for range c.Tables() {
      	}
      }

      // Tables lists the tables, loading them on first use.
      func (c *Client) Tables() []string {
      	↓c.initOnce.Do(c.init)
      	return c.tables
      }
    # Two getters share one Once; the build step calls the other getter.
    - |
      package catalog

      import "sync"

      type Catalog struct {
      	once  sync.Once
      	items []string
      	index map[string]int
      }

      func (c *Catalog) build() {
      	c.items = []string{"apple", "pear"}
      	c.index = map[string]int{}
      	for i, it := range c.Items() {
      		c.index[it] = i
      	}
      }

      // Index maps items to positions.
      func (c *Catalog) Index() map[string]int {
      	c.once.Do(c.build)
      	return c.index
      }

      // Items lists the items.
      func (c *Catalog) Items() []string {
      	↓c.once.Do(c.build)
      	return c.items
      }
    # Re-entered through a deferred call.
    - |
      package cache

      import "sync"

      var (
      	loadOnce sync.Once
      	entries  map[string]string
      )

      func load() {
      	entries = map[string]string{}
      	defer report()
      }

      func report() {
      	_ = len(Entries())
      }

      // Entries returns the cache, loading it on first use.
      func Entries() map[string]string {
      	↓loadOnce.Do(load)
      	return entries
      }
  good:
    # The function run by Do works on a new node, which has its own Once.
    - |
      package tree

      import "sync"

      type Node struct {
      	childOnce sync.Once
      	child     *Node
      	depth     int
      }

      // Child builds the node's child on first use.
      func (n *Node) Child() *Node {
      	n.childOnce.Do(func() {
      		n.child = &Node{depth: n.depth + 1}
      		n.child.warm()
      	})
      	return n.child
      }

      func (n *Node) warm() {
      	if n.depth < 3 {
      		n.Child()
      	}
      }
    # The Do function hands another package's record, not its own, to a helper that loads it.
    - |
      package loader

      import "sync"

      type pkg struct {
      	path     string
      	testOnce sync.Once
      	test     *pkg
      }

      type loader struct{ loaded map[string]*pkg }

      func (ld *loader) apply(p *pkg) {
      	if p.test == nil && len(p.path) < 10 {
      		ld.pkgTest(p)
      	}
      }

      // pkgTest returns the test package of p, creating it once.
      func (ld *loader) pkgTest(p *pkg) *pkg {
      	p.testOnce.Do(func() {
      		p.test = &pkg{path: p.path + "_test"}
      		ld.apply(p.test)
      	})
      	return p.test
      }
    # The initialisation registers through the value it builds.
    - |
      package plugins

      import "sync"

      type Registry struct {
      	plugins map[string]func() string
      }

      var (
      	once     sync.Once
      	registry *Registry
      )

      // Default returns the process-wide registry, building it on first use.
      func Default() *Registry {
      	once.Do(func() {
      		registry = &Registry{plugins: map[string]func() string{}}
      		registerBuiltins(registry)
      	})
      	return registry
      }

      func registerBuiltins(r *Registry) {
      	r.Register("echo", func() string { return "echo" })
      }

      func (r *Registry) Register(name string, f func() string) {
      	r.plugins[name] = f
      }
    # Two different Onces: the second depends on the first.
    - |
      package config

      import "sync"

      var (
      	baseOnce sync.Once
      	base     map[string]string
      	fullOnce sync.Once
      	full     map[string]string
      )

      func Base() map[string]string {
      	baseOnce.Do(func() { base = map[string]string{"region": "eu"} })
      	return base
      }

      // Full returns the base config plus derived keys.
      func Full() map[string]string {
      	fullOnce.Do(func() {
      		full = map[string]string{}
      		for k, v := range Base() {
      			full[k] = v
      		}
      		full["zone"] = full["region"] + "-1"
      	})
      	return full
      }
    # The getter is called after Do returns.
    - |
      package db

      import "sync"

      type Client struct {
      	initOnce sync.Once
      	tables   []string
      }

      func (c *Client) init() {
      	c.tables = []string{"users"}
      }

      // Tables lists the tables, loading them on first use.
      func (c *Client) Tables() []string {
      	c.initOnce.Do(c.init)
      	return c.tables
      }

      // Count loads and counts the tables.
      func (c *Client) Count() int {
      	return len(c.Tables())
      }
    # The function run by Do starts a goroutine that uses the getter later.
    - |
      package metrics

      import (
      	"sync"
      	"time"
      )

      var (
      	startOnce sync.Once
      	samples   []float64
      	mu        sync.Mutex
      )

      // Samples starts the sampler once and returns what it has so far.
      func Samples() []float64 {
      	startOnce.Do(func() {
      		go func() {
      			time.Sleep(time.Second)
      			_ = Samples()
      		}()
      	})
      	mu.Lock()
      	defer mu.Unlock()
      	return append([]float64(nil), samples...)
      }
    # The initialisation reports through an interface; the only way back to the getter is a method of
    # that interface, reached from a fresh value: the graph of every implementation is no call chain.
    - |
      package tz

      import (
      	"os"
      	"sync"
      )

      type Named interface {
      	Name() string
      }

      type Zone struct {
      	name string
      }

      var (
      	local     Zone
      	localOnce sync.Once
      )

      // Local returns the zone named by $TZ.
      func Local() *Zone {
      	localOnce.Do(initLocal)
      	return &local
      }

      // Name returns the zone's name; the local zone is loaded first.
      func (z *Zone) Name() string {
      	if z == &local {
      		return Local().name
      	}
      	return z.name
      }

      func warn(n Named) {
      	os.Stderr.WriteString("unknown zone " + n.Name() + ", using UTC\n")
      }

      func initLocal() {
      	z := &Zone{name: os.Getenv("TZ")}
      	if _, err := os.Stat("/usr/share/zoneinfo/" + z.name); err != nil {
      		warn(z)
      		z.name = "UTC"
      	}
      	local = *z
      }

"""#),
        RuleFileText(relativePath: "sync/SY1010-once-function-panics.yaml", text: #"""
# The function given to sync.Once.Do can panic. The format of
# this file is described in rules/README.md.
id: SY1010
name: once-function-panics
category: sync
level: warning
summary: The function given to once.Do can panic; the Once then counts as done and later callers get an unset value.
description: |
  A Once whose function panics counts as done: every later `Do` returns at
  once without running it. When the panic is recovered somewhere (an HTTP
  server recovers handler panics; worker pools and RPC frameworks recover
  tasks), the process goes on with the value the function was to
  initialise left unset: nil maps, nil clients, empty tables, for the rest
  of its life, even after the cause (a missing file, an unreachable
  service) has gone.

  The rule reports a `Do` whose function (a function literal or a named
  function) reaches an explicit `panic` on some path, itself or in a
  function it calls directly, unless that function defers a call (which
  may recover), and when the panic reports a failure: its value is
  computed at run time (`panic(err)`, a formatted message), or a constant
  one (a message, an error literal of constants) sits on the failing side
  of a test of a call's status: the non-nil side of `if err != nil`, the
  false side of `if !ok` after `v, ok := f()`. In the Once function
  itself, a constant panic that no condition guards counts too.

  Panics that are not failures a caller recovers from are not reported: a
  constant panic under any other condition, which asserts the program's
  own state (`if _, ok := obj.(*lazy); ok { panic("recursive lazy
  object") }`, a module count, an argument's precondition such as
  NewFloat's NaN check); a message that says it cannot happen
  ("unreachable", "impossible", "internal error", "should not happen");
  and panics in functions of other packages, whose API panics on
  programmer error (Must on a constant pattern, a reflect field index,
  testing.Short before flag.Parse).

  Fix: return the error instead of panicking and keep it next to the value
  (`once.Do(func() { v, err = load() })`, then check err), or use
  sync.OnceValues (Go 1.21+), which panics again on every call instead of
  returning an unset value.

  Known false positives: an assertion whose message is formatted at run
  time (`panic(fmt.Sprintf("unexpected kind %v", k))`), and programs that
  do not recover panics (a command, a test binary whose setup panics when
  a file is missing), where the panic ends the process anyway; whether a
  caller somewhere recovers is not visible to a package-level check (a
  library's importer may recover), so they are left to suppression
  comments. Known false negatives: a failure reported by a panic in
  another package's function (a Must on input read at run time), and a
  constant panic under a test of something other than a call's status
  (`if cfg == nil { panic("no config") }` after a lookup).
tags: [sync, once, panic, reliability]
precision: medium
since: "0.1.0"
analysis: structural
examples:
  bad:
    # Settings loaded once; a missing file panics.
    - |
      package settings

      import (
      	"fmt"
      	"os"
      	"sync"
      )

      var (
      	once     sync.Once
      	settings []byte
      )

      // Current returns the settings file, loading it on first use.
      func Current(path string) []byte {
      	↓once.Do(func() {
      		data, err := os.ReadFile(path)
      		if err != nil {
      			panic(fmt.Sprintf("settings: %v", err))
      		}
      		settings = data
      	})
      	return settings
      }
    # A named init method that panics through a helper.
    - |
      package templates

      import (
      	"errors"
      	"sync"
      )

      type Renderer struct {
      	once  sync.Once
      	pages map[string]string
      	dir   string
      }

      func mustLoad(dir string) map[string]string {
      	if dir == "" {
      		panic(errors.New("templates: no directory"))
      	}
      	return map[string]string{"index": dir + "/index.html"}
      }

      func (r *Renderer) load() {
      	r.pages = mustLoad(r.dir)
      }

      // Page returns the template path of a page.
      func (r *Renderer) Page(name string) string {
      	↓r.once.Do(r.load)
      	return r.pages[name]
      }
    # A connection pool created once; a bad address panics.
    - |
      package store

      import (
      	"net/url"
      	"sync"
      )

      type Pool struct {
      	addr *url.URL
      }

      var (
      	poolOnce sync.Once
      	pool     *Pool
      )

      // Get returns the shared pool.
      func Get(raw string) *Pool {
      	↓poolOnce.Do(func() {
      		u, err := url.Parse(raw)
      		if err != nil {
      			panic(err)
      		}
      		pool = &Pool{addr: u}
      	})
      	return pool
      }
    # A generic lazy value whose constructor is checked with a panic.
    - |
      package lazy

      import "sync"

      type Value[T any] struct {
      	once sync.Once
      	v    T
      	make func() (T, bool)
      }

      // Get builds the value on first use.
      func (l *Value[T]) Get() T {
      	↓l.once.Do(func() {
      		v, ok := l.make()
      		if !ok {
      			panic("lazy: constructor failed")
      		}
      		l.v = v
      	})
      	return l.v
      }
    # A helper that reads a file and panics with a fixed message when it fails.
    - |
      package keys

      import (
      	"os"
      	"sync"
      )

      var (
      	keyOnce sync.Once
      	key     []byte
      )

      func mustRead(path string) []byte {
      	data, err := os.ReadFile(path)
      	if err != nil {
      		panic("keys: cannot read the key file")
      	}
      	return data
      }

      // Key returns the signing key.
      func Key(path string) []byte {
      	↓keyOnce.Do(func() {
      		key = mustRead(path)
      	})
      	return key
      }
    # A fixed message on the error path of the Once function itself.
    - |
      package tlsconf

      import (
      	"crypto/tls"
      	"sync"
      )

      var (
      	certOnce sync.Once
      	cert     tls.Certificate
      )

      // Certificate loads the server's key pair once.
      func Certificate(certFile, keyFile string) tls.Certificate {
      	↓certOnce.Do(func() {
      		c, err := tls.LoadX509KeyPair(certFile, keyFile)
      		if err != nil {
      			panic("tlsconf: cannot load the key pair")
      		}
      		cert = c
      	})
      	return cert
      }
  good:
    # The error is kept next to the value.
    - |
      package settings

      import (
      	"os"
      	"sync"
      )

      var (
      	once        sync.Once
      	settings    []byte
      	settingsErr error
      )

      // Current returns the settings file, loading it on first use.
      func Current(path string) ([]byte, error) {
      	once.Do(func() {
      		settings, settingsErr = os.ReadFile(path)
      	})
      	return settings, settingsErr
      }
    # The function recovers its own panic.
    - |
      package templates

      import (
      	"errors"
      	"sync"
      )

      type Renderer struct {
      	once  sync.Once
      	pages map[string]string
      	err   error
      	dir   string
      }

      func (r *Renderer) load() {
      	defer func() {
      		if p := recover(); p != nil {
      			r.err = errors.New("templates: load failed")
      		}
      	}()
      	if r.dir == "" {
      		panic("no directory")
      	}
      	r.pages = map[string]string{"index": r.dir + "/index.html"}
      }

      // Page returns the template path of a page.
      func (r *Renderer) Page(name string) (string, error) {
      	r.once.Do(r.load)
      	return r.pages[name], r.err
      }
    # The panic is outside the Once, on every call.
    - |
      package store

      import (
      	"net/url"
      	"sync"
      )

      type Pool struct {
      	addr *url.URL
      }

      var (
      	poolOnce sync.Once
      	pool     *Pool
      	poolErr  error
      )

      // MustGet returns the shared pool or panics, on every call, while it is broken.
      func MustGet(raw string) *Pool {
      	poolOnce.Do(func() {
      		u, err := url.Parse(raw)
      		pool, poolErr = &Pool{addr: u}, err
      	})
      	if poolErr != nil {
      		panic(poolErr)
      	}
      	return pool
      }
    # Nothing in the function panics.
    - |
      package counter

      import "sync"

      var (
      	once   sync.Once
      	counts map[string]int
      	mu     sync.Mutex
      )

      // Add counts one more of key.
      func Add(key string) {
      	once.Do(func() { counts = map[string]int{} })
      	mu.Lock()
      	counts[key]++
      	mu.Unlock()
      }
    # An invariant check that says it cannot happen.
    - |
      package huffman

      import "sync"

      var (
      	fixedOnce sync.Once
      	fixed     []uint16
      )

      func lengths() []uint16 {
      	out := make([]uint16, 288)
      	for i := range out {
      		out[i] = uint16(i%9 + 1)
      	}
      	return out
      }

      // Fixed returns the fixed code lengths, building them on first use.
      func Fixed() []uint16 {
      	fixedOnce.Do(func() {
      		l := lengths()
      		if len(l) != 288 {
      			panic("impossible: the fixed table has 288 codes")
      		}
      		fixed = l
      	})
      	return fixed
      }
    # A helper's precondition check, which the Do function makes first.
    - |
      package crc

      import "sync"

      var (
      	tableOnce sync.Once
      	table     []uint32
      	hasFast   bool
      )

      // Detect records whether the fast tables can be used.
      func Detect(fast bool) { hasFast = fast }

      func fill(t []uint32) {
      	for i := range t {
      		t[i] = uint32(i) * 0x04c11db7
      	}
      }

      func initFast() {
      	if !hasFast {
      		panic("crc: fast tables not available")
      	}
      	table = make([]uint32, 256)
      	fill(table)
      }

      func initSlow() {
      	table = make([]uint32, 16)
      	fill(table)
      }

      // Table returns the table, building it on first use.
      func Table() []uint32 {
      	tableOnce.Do(func() {
      		if hasFast {
      			initFast()
      		} else {
      			initSlow()
      		}
      	})
      	return table
      }
    # An assertion on the program's own state: a resolver must not return
    # another lazy object.
    - |
      package scope

      import "sync"

      // Object is a declared name.
      type Object interface{ Name() string }

      type lazyObject struct {
      	once    sync.Once
      	resolve func() Object
      	name    string
      }

      func (l *lazyObject) Name() string { return l.name }

      // Resolve returns the object obj stands for, resolving it on first use.
      func Resolve(obj Object) Object {
      	lazy, ok := obj.(*lazyObject)
      	if !ok {
      		return obj
      	}
      	var resolved Object
      	lazy.once.Do(func() {
      		resolved = lazy.resolve()
      		if _, ok := resolved.(*lazyObject); ok {
      			panic("recursive lazy object")
      		}
      	})
      	return resolved
      }
    # A callee's precondition on its argument, with an error literal of
    # constants; the Once function passes a constant that meets it.
    - |
      package bigf

      import (
      	"math"
      	"sync"
      )

      // ErrNaN is the panic value of an operation that would produce a NaN.
      type ErrNaN struct{ msg string }

      func (e ErrNaN) Error() string { return e.msg }

      // Float is a number.
      type Float struct{ v float64 }

      // NewFloat returns x as a Float; it panics with ErrNaN if x is a NaN.
      func NewFloat(x float64) *Float {
      	if math.IsNaN(x) {
      		panic(ErrNaN{"NewFloat(NaN)"})
      	}
      	return &Float{v: x}
      }

      var threeOnce struct {
      	sync.Once
      	v *Float
      }

      func three() *Float {
      	threeOnce.Do(func() {
      		threeOnce.v = NewFloat(3.0)
      	})
      	return threeOnce.v
      }
    # A test's assertion inside the Once function: t.Fatalf ends the
    # test's goroutine (runtime.Goexit), it does not panic.
    - |
      package cache

      import (
      	"sync"
      	"testing"
      )

      func TestDoRunsOnce(t *testing.T) {
      	var once sync.Once
      	calls := 0
      	once.Do(func() { calls++ })
      	once.Do(func() {
      		t.Fatalf("Do ran its function twice")
      	})
      	if calls != 1 {
      		t.Errorf("calls = %d", calls)
      	}
      }

"""#),
        RuleFileText(relativePath: "sync/SY1011-cond-wait-not-in-loop.yaml", text: #"""
# sync.Cond.Wait that is not inside a loop re-checking the condition. The format of
# this file is described in rules/README.md.
id: SY1011
name: cond-wait-not-in-loop
category: sync
level: error
summary: cond.Wait() is not inside a loop that re-checks the condition.
description: |
  Wait returns when the goroutine is woken, not when the condition holds:
  Broadcast wakes every waiter and the first one to get the lock may
  consume what the others were waiting for; a Signal may be sent for
  another condition; the docs require "Because c.L is not locked while
  Wait is waiting, the caller typically cannot assume that the condition
  is true when Wait returns. Instead, the caller should Wait in a loop". An
  `if !cond { c.Wait() }` followed by taking an item takes from an empty
  queue (an index out of range panic) or acts on a state that changed.

  The rule reports a Wait that is not in any loop of its function and is
  guarded by a condition checked once (a branch outside any loop, one arm
  leading to the Wait, the other skipping it to the code after it), unless
  the function is only ever called from inside loops and hands back
  nothing but a `bool` or an `error` (a helper that just waits). A
  `Pop` that waits once and returns the item it took is reported even
  when a worker's loop calls it: that loop handles the item, it does not
  re-check the condition. A bare Wait with no check around it is not
  reported: Go's Cond has no spurious wake-ups, and a test of Cond or a
  goroutine parked on purpose waits for exactly one wake-up.

  Fix: `for !condition { c.Wait() }`.

  Known false positives: a Wait whose caller re-checks the condition in a
  loop through a function value or an interface the rule cannot follow.
tags: [sync, cond, correctness]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A queue that takes an item after an if.
    - |
      package queue

      import "sync"

      type Queue struct {
      	mu       sync.Mutex
      	nonEmpty *sync.Cond
      	items    []string
      }

      // Get removes the oldest item, waiting for one.
      func (q *Queue) Get() string {
      	q.mu.Lock()
      	defer q.mu.Unlock()
      	if len(q.items) == 0 {
      		↓q.nonEmpty.Wait()
      	}
      	item := q.items[0]
      	q.items = q.items[1:]
      	return item
      }
    # A start gate waited on once.
    - |
      package gate

      import "sync"

      type Gate struct {
      	mu   sync.Mutex
      	cond *sync.Cond
      	open bool
      }

      // Await blocks until the gate opens.
      func (g *Gate) Await() {
      	g.mu.Lock()
      	if !g.open {
      		↓g.cond.Wait()
      	}
      	g.mu.Unlock()
      }
    # A token bucket that waits once when empty and then takes a token.
    - |
      package bucket

      import "sync"

      type Bucket struct {
      	mu     sync.Mutex
      	cond   *sync.Cond
      	tokens int
      	closed bool
      }

      // Take waits for a token when none is left, then takes one.
      func (b *Bucket) Take() bool {
      	b.mu.Lock()
      	defer b.mu.Unlock()
      	if b.tokens == 0 && !b.closed {
      		↓b.cond.Wait()
      	}
      	if b.closed {
      		return false
      	}
      	b.tokens--
      	return true
      }
    # A closure that waits once for a batch.
    - |
      package batch

      import "sync"

      // Collector gathers items until Flush.
      type Collector struct {
      	mu    sync.Mutex
      	full  *sync.Cond
      	items []int
      	size  int
      }

      // Waiter returns a function that blocks until a batch is full.
      func (c *Collector) Waiter() func() []int {
      	return func() []int {
      		c.mu.Lock()
      		defer c.mu.Unlock()
      		if len(c.items) < c.size {
      			↓c.full.Wait()
      		}
      		return c.items
      	}
      }
    # The Pop that waits once is called from a worker's loop: the loop
    # handles each item, it does not re-check that the queue has one.
    - |
      package jobs

      import "sync"

      type Queue struct {
      	mu    sync.Mutex
      	ready *sync.Cond
      	jobs  []func()
      }

      func (q *Queue) pop() func() {
      	q.mu.Lock()
      	defer q.mu.Unlock()
      	if len(q.jobs) == 0 {
      		↓q.ready.Wait()
      	}
      	job := q.jobs[0]
      	q.jobs = q.jobs[1:]
      	return job
      }

      // Work runs jobs until the process ends.
      func (q *Queue) Work() {
      	for {
      		job := q.pop()
      		job()
      	}
      }
  good:
    # A bare Wait with no check around it: it waits for one wake-up on
    # purpose (Go's Cond has no spurious wake-ups), and there is no
    # condition checked once that a loop should re-check.
    - |
      package ready

      import "sync"

      var (
      	mu    sync.Mutex
      	cond  = sync.NewCond(&mu)
      	ready bool
      )

      // Block waits for the next broadcast.
      func Block() bool {
      	mu.Lock()
      	defer mu.Unlock()
      	cond.Wait()
      	return ready
      }
    # A goroutine parked in Wait on purpose, woken once (a test's helper).
    - |
      package park

      import "sync"

      // Park blocks a goroutine in Wait until wake is called once.
      func Park() (wake func()) {
      	var mu sync.Mutex
      	c := sync.NewCond(&mu)
      	started := make(chan struct{})
      	go func() {
      		mu.Lock()
      		close(started)
      		c.Wait()
      		mu.Unlock()
      	}()
      	<-started
      	return func() {
      		mu.Lock()
      		c.Signal()
      		mu.Unlock()
      	}
      }
    # An early return on an error is not a check of the condition.
    - |
      package gate

      import (
      	"errors"
      	"sync"
      )

      type Gate struct {
      	mu   sync.Mutex
      	cond *sync.Cond
      	shut bool
      }

      // Pause waits for one wake-up, unless the gate is shut.
      func (g *Gate) Pause() error {
      	g.mu.Lock()
      	defer g.mu.Unlock()
      	if g.shut {
      		return errors.New("shut")
      	}
      	g.cond.Wait()
      	return nil
      }
    # Wait in a for loop.
    - |
      package queue

      import "sync"

      type Queue struct {
      	mu       sync.Mutex
      	nonEmpty *sync.Cond
      	items    []string
      }

      // Get removes the oldest item, waiting for one.
      func (q *Queue) Get() string {
      	q.mu.Lock()
      	defer q.mu.Unlock()
      	for len(q.items) == 0 {
      		q.nonEmpty.Wait()
      	}
      	item := q.items[0]
      	q.items = q.items[1:]
      	return item
      }
    # A helper that only waits, called from a loop.
    - |
      package gate

      import "sync"

      type Gate struct {
      	mu   sync.Mutex
      	cond *sync.Cond
      	open bool
      }

      func (g *Gate) waitLocked() {
      	g.cond.Wait()
      }

      // Await blocks until the gate opens.
      func (g *Gate) Await() {
      	g.mu.Lock()
      	for !g.open {
      		g.waitLocked()
      	}
      	g.mu.Unlock()
      }
    # An endless loop with a check and break.
    - |
      package ready

      import "sync"

      var (
      	mu    sync.Mutex
      	cond  = sync.NewCond(&mu)
      	ready bool
      )

      // Block waits until ready is set.
      func Block() {
      	mu.Lock()
      	defer mu.Unlock()
      	for {
      		if ready {
      			break
      		}
      		cond.Wait()
      	}
      }
    # A closure that waits in a loop.
    - |
      package batch

      import "sync"

      type Collector struct {
      	mu    sync.Mutex
      	full  *sync.Cond
      	items []int
      	size  int
      }

      // Waiter returns a function that blocks until a batch is full.
      func (c *Collector) Waiter() func() []int {
      	return func() []int {
      		c.mu.Lock()
      		defer c.mu.Unlock()
      		for len(c.items) < c.size {
      			c.full.Wait()
      		}
      		return c.items
      	}
      }

"""#),
        RuleFileText(relativePath: "sync/SY1012-cond-wait-without-lock.yaml", text: #"""
# sync.Cond.Wait called without holding the Cond's lock. The format of
# this file is described in rules/README.md.
id: SY1012
name: cond-wait-without-lock
category: sync
level: error
summary: cond.Wait() is called without holding the Cond's lock.
description: |
  Wait unlocks `c.L` before it sleeps and locks it again before returning.
  Called without the lock, it unlocks a mutex nobody holds: "fatal error:
  sync: unlock of unlocked mutex" for a sync.Mutex, which no recover can
  catch. Even where it does not crash, the condition checked before the
  Wait was read without the lock, racing with the goroutine that changes
  it, and a wake-up sent between the check and the Wait is lost.

  The rule reports a Wait reached on some path where no lock is held
  (`mu.Lock()`, `c.L.Lock()`, a Lock/RLock method of any value), unless
  every caller of the function holds a lock where it calls it. Which lock
  is held is not compared with `c.L`.

  Fix: lock `c.L` (the mutex given to sync.NewCond) before checking the
  condition, and unlock after: `c.L.Lock(); for !cond { c.Wait() };
  c.L.Unlock()`.

  Known false positives: a function whose callers lock through a path the
  rule cannot see (a callback, an interface method).
tags: [sync, cond, crash]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A gate that checks and waits without the lock.
    - |
      package gate

      import "sync"

      type Gate struct {
      	mu   sync.Mutex
      	cond *sync.Cond
      	open bool
      }

      // Await blocks until the gate opens.
      func (g *Gate) Await() {
      	for !g.open {
      		↓g.cond.Wait()
      	}
      }
    # The lock is released before waiting.
    - |
      package queue

      import "sync"

      type Queue struct {
      	mu       sync.Mutex
      	nonEmpty *sync.Cond
      	items    []int
      }

      // Next waits until the queue has an item and returns how many there are.
      func (q *Queue) Next() int {
      	q.mu.Lock()
      	n := len(q.items)
      	q.mu.Unlock()
      	for n == 0 {
      		↓q.nonEmpty.Wait()
      		n = len(q.items)
      	}
      	return n
      }
    # The lock is taken on one branch only.
    - |
      package jobs

      import "sync"

      var (
      	mu   sync.Mutex
      	cond = sync.NewCond(&mu)
      	done bool
      )

      // Await waits for done; locked says whether the caller already holds mu.
      func Await(fast bool) {
      	if !fast {
      		mu.Lock()
      		defer mu.Unlock()
      	}
      	for !done {
      		↓cond.Wait()
      	}
      }
    # A goroutine waits on a package Cond with nobody's lock held.
    - |
      package notify

      import (
      	"log"
      	"sync"
      )

      var (
      	mu      sync.Mutex
      	changed = sync.NewCond(&mu)
      	version int
      )

      // Watch logs every new version in the background.
      func Watch() {
      	go func() {
      		seen := 0
      		for {
      			for version == seen {
      				↓changed.Wait()
      			}
      			seen = version
      			log.Printf("version %d", seen)
      		}
      	}()
      }
  good:
    # Lock, check and wait, unlock.
    - |
      package gate

      import "sync"

      type Gate struct {
      	mu   sync.Mutex
      	cond *sync.Cond
      	open bool
      }

      // Await blocks until the gate opens.
      func (g *Gate) Await() {
      	g.mu.Lock()
      	defer g.mu.Unlock()
      	for !g.open {
      		g.cond.Wait()
      	}
      }
    # Locking through the Cond's L.
    - |
      package queue

      import "sync"

      type Queue struct {
      	nonEmpty *sync.Cond
      	items    []int
      }

      // Next waits until the queue has an item and returns how many there are.
      func (q *Queue) Next() int {
      	q.nonEmpty.L.Lock()
      	defer q.nonEmpty.L.Unlock()
      	for len(q.items) == 0 {
      		q.nonEmpty.Wait()
      	}
      	return len(q.items)
      }
    # A helper whose callers hold the lock.
    - |
      package jobs

      import "sync"

      type Jobs struct {
      	mu      sync.Mutex
      	cond    *sync.Cond
      	pending int
      }

      func (j *Jobs) waitIdleLocked() {
      	for j.pending > 0 {
      		j.cond.Wait()
      	}
      }

      // Drain waits until no job is pending.
      func (j *Jobs) Drain() {
      	j.mu.Lock()
      	j.waitIdleLocked()
      	j.mu.Unlock()
      }
    # A goroutine started under the lock waits for the caller: Wait
    # releases the lock the caller took (Go's mutexes belong to no goroutine).
    - |
      package pool

      import (
      	"context"
      	"sync"
      )

      // Pool hands out idle values; Get waits for one until ctx ends.
      type Pool struct {
      	cond *sync.Cond
      	idle []int
      }

      func New() *Pool {
      	return &Pool{cond: sync.NewCond(new(sync.Mutex))}
      }

      // Get takes an idle value. Wait is made selectable by a goroutine that
      // starts while Get holds the lock: its Wait releases the lock and takes
      // it back when Put signals.
      func (p *Pool) Get(ctx context.Context) (int, error) {
      	p.cond.L.Lock()
      	for len(p.idle) == 0 {
      		woken := make(chan struct{}, 1)
      		go func() {
      			p.cond.Wait()
      			woken <- struct{}{}
      		}()
      		select {
      		case <-ctx.Done():
      			go func() {
      				<-woken
      				p.cond.Signal()
      				p.cond.L.Unlock()
      			}()
      			return 0, ctx.Err()
      		case <-woken:
      		}
      	}
      	v := p.idle[len(p.idle)-1]
      	p.idle = p.idle[:len(p.idle)-1]
      	p.cond.L.Unlock()
      	return v, nil
      }

      // Put returns a value and wakes one waiter.
      func (p *Pool) Put(v int) {
      	p.cond.L.Lock()
      	p.idle = append(p.idle, v)
      	p.cond.L.Unlock()
      	p.cond.Signal()
      }
    # An RWMutex's write lock.
    - |
      package notify

      import "sync"

      type Feed struct {
      	mu      sync.RWMutex
      	changed *sync.Cond
      	version int
      }

      // Next waits for a version newer than seen.
      func (f *Feed) Next(seen int) int {
      	f.mu.Lock()
      	defer f.mu.Unlock()
      	for f.version == seen {
      		f.changed.Wait()
      	}
      	return f.version
      }

"""#),
        RuleFileText(relativePath: "sync/SY1013-cond-signal-shared-conditions.yaml", text: #"""
# Signal on a Cond that goroutines wait on for different conditions. The format of
# this file is described in rules/README.md.
id: SY1013
name: cond-signal-shared-conditions
category: sync
level: warning
summary: "cond.Signal() on a Cond that goroutines wait on for different conditions: the wake-up can be lost."
description: |
  Signal wakes one waiter, whichever has waited longest. When producers
  wait on a Cond for "not full" and consumers wait on the same Cond for
  "not empty", a consumer's Signal meant for a producer can wake another
  consumer, which finds the queue still empty and waits again: the wake-up
  is lost. With every goroutine ending up waiting, the program deadlocks
  ("all goroutines are asleep"), or a request hangs until some unrelated
  event wakes things up.

  The rule reports each Signal on a Cond (a package variable or a field of
  a named type) that is waited on in two or more functions (a function and
  its closures count as one), taken as waits for different conditions.

  Fix: use Broadcast (each waiter re-checks its own condition in its loop),
  or one Cond per condition sharing the same mutex (`notFull`,
  `notEmpty`), each signalled for its own condition.

  Known false positives: different functions that wait for the same
  condition (two getters of one queue), where any waiter may take the
  wake-up.
tags: [sync, cond, deadlock, lost-wakeup]
precision: medium
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A bounded queue with one Cond for both directions.
    - |
      package bounded

      import "sync"

      type Queue struct {
      	mu    sync.Mutex
      	cond  *sync.Cond
      	items []int
      	limit int
      }

      func (q *Queue) Put(v int) {
      	q.mu.Lock()
      	for len(q.items) == q.limit {
      		q.cond.Wait()
      	}
      	q.items = append(q.items, v)
      	↓q.cond.Signal()
      	q.mu.Unlock()
      }

      func (q *Queue) Take() int {
      	q.mu.Lock()
      	for len(q.items) == 0 {
      		q.cond.Wait()
      	}
      	v := q.items[0]
      	q.items = q.items[1:]
      	↓q.cond.Signal()
      	q.mu.Unlock()
      	return v
      }
    # A package Cond: workers wait for jobs, the closer waits for idle.
    - |
      package workers

      import "sync"

      var (
      	mu      sync.Mutex
      	cond    = sync.NewCond(&mu)
      	jobs    []func()
      	running int
      )

      // Work runs jobs as they come.
      func Work() {
      	mu.Lock()
      	for len(jobs) == 0 {
      		cond.Wait()
      	}
      	job := jobs[0]
      	jobs = jobs[1:]
      	running++
      	mu.Unlock()
      	job()
      	mu.Lock()
      	running--
      	↓cond.Signal()
      	mu.Unlock()
      }

      // WaitIdle blocks until nothing runs.
      func WaitIdle() {
      	mu.Lock()
      	for running > 0 {
      		cond.Wait()
      	}
      	mu.Unlock()
      }
    # Readers and writers of a resource share one Cond.
    - |
      package rw

      import "sync"

      type Resource struct {
      	mu      sync.Mutex
      	turn    *sync.Cond
      	readers int
      	writing bool
      }

      func (r *Resource) StartRead() {
      	r.mu.Lock()
      	for r.writing {
      		r.turn.Wait()
      	}
      	r.readers++
      	r.mu.Unlock()
      }

      func (r *Resource) StartWrite() {
      	r.mu.Lock()
      	for r.writing || r.readers > 0 {
      		r.turn.Wait()
      	}
      	r.writing = true
      	r.mu.Unlock()
      }

      func (r *Resource) EndRead() {
      	r.mu.Lock()
      	r.readers--
      	↓r.turn.Signal()
      	r.mu.Unlock()
      }
    # A closure waiting in a goroutine and a method waiting for another state.
    - |
      package session

      import "sync"

      type Session struct {
      	mu     sync.Mutex
      	state  *sync.Cond
      	ready  bool
      	closed bool
      }

      // OnReady runs f in the background once the session is ready.
      func (s *Session) OnReady(f func()) {
      	go func() {
      		s.mu.Lock()
      		for !s.ready {
      			s.state.Wait()
      		}
      		s.mu.Unlock()
      		f()
      	}()
      }

      // AwaitClose blocks until the session is closed.
      func (s *Session) AwaitClose() {
      	s.mu.Lock()
      	for !s.closed {
      		s.state.Wait()
      	}
      	s.mu.Unlock()
      }

      // MarkReady wakes one waiter.
      func (s *Session) MarkReady() {
      	s.mu.Lock()
      	s.ready = true
      	↓s.state.Signal()
      	s.mu.Unlock()
      }
  good:
    # One Cond per condition.
    - |
      package bounded

      import "sync"

      type Queue struct {
      	mu       sync.Mutex
      	notFull  *sync.Cond
      	notEmpty *sync.Cond
      	items    []int
      	limit    int
      }

      func (q *Queue) Put(v int) {
      	q.mu.Lock()
      	for len(q.items) == q.limit {
      		q.notFull.Wait()
      	}
      	q.items = append(q.items, v)
      	q.notEmpty.Signal()
      	q.mu.Unlock()
      }

      func (q *Queue) Take() int {
      	q.mu.Lock()
      	for len(q.items) == 0 {
      		q.notEmpty.Wait()
      	}
      	v := q.items[0]
      	q.items = q.items[1:]
      	q.notFull.Signal()
      	q.mu.Unlock()
      	return v
      }
    # Broadcast wakes everyone; each re-checks its own condition.
    - |
      package workers

      import "sync"

      var (
      	mu      sync.Mutex
      	cond    = sync.NewCond(&mu)
      	jobs    []func()
      	running int
      )

      func Work() {
      	mu.Lock()
      	for len(jobs) == 0 {
      		cond.Wait()
      	}
      	job := jobs[0]
      	jobs = jobs[1:]
      	running++
      	mu.Unlock()
      	job()
      	mu.Lock()
      	running--
      	cond.Broadcast()
      	mu.Unlock()
      }

      func WaitIdle() {
      	mu.Lock()
      	for running > 0 {
      		cond.Wait()
      	}
      	mu.Unlock()
      }
    # Only one function waits; Signal hands work to one of its goroutines.
    - |
      package pool

      import "sync"

      type Pool struct {
      	mu    sync.Mutex
      	ready *sync.Cond
      	tasks []func()
      }

      func (p *Pool) worker() {
      	for {
      		p.mu.Lock()
      		for len(p.tasks) == 0 {
      			p.ready.Wait()
      		}
      		t := p.tasks[0]
      		p.tasks = p.tasks[1:]
      		p.mu.Unlock()
      		t()
      	}
      }

      // Submit queues a task and wakes one worker.
      func (p *Pool) Submit(t func()) {
      	p.mu.Lock()
      	p.tasks = append(p.tasks, t)
      	p.ready.Signal()
      	p.mu.Unlock()
      }
    # A local Cond in one function.
    - |
      package once

      import "sync"

      // Wait runs f in a goroutine and waits for it with a local Cond.
      func Wait(f func()) {
      	var mu sync.Mutex
      	cond := sync.NewCond(&mu)
      	done := false
      	go func() {
      		f()
      		mu.Lock()
      		done = true
      		cond.Signal()
      		mu.Unlock()
      	}()
      	mu.Lock()
      	for !done {
      		cond.Wait()
      	}
      	mu.Unlock()
      }

"""#),
        RuleFileText(relativePath: "timer/TM1001-ticker-not-stopped.yaml", text: #"""
# A timer or ticker created in a function and left running on some path out
# of it. The format of this file is described in rules/README.md.
id: TM1001
name: ticker-not-stopped
category: timer
level: warning
summary: A time.Ticker or time.Timer is not stopped on some path out of the function that created it.
description: |
  A ticker created with time.NewTicker keeps firing until Stop is called,
  and a timer created with time.NewTimer stays scheduled until it fires or
  is stopped. Before Go 1.23 the runtime's timer heap keeps both alive even
  when nothing refers to them any more: an unstopped ticker is never
  collected and wakes the runtime at every tick for the rest of the process,
  and an unstopped timer pins its memory until it fires. In code that runs
  per request, per connection or per loop iteration these add up to
  growing memory and CPU that no profile of the caller explains.

  The rule follows every path from the call that creates the timer to each
  return of the function (early returns, `continue` in a loop that creates
  one per iteration, select cases) and reports the creation when some path
  neither stops it nor hands it to an owner: returning it, storing it in a
  struct field or a global, passing it to a function that stops it, or
  capturing it in a goroutine or closure that stops it. A timer whose
  channel has been received from has fired and needs no Stop on that path,
  and a timer whose channel is returned (`return t.C`, as time.After does)
  leaves the caller that wait; a ticker's channel returned alone is still
  reported (nobody can stop that ticker).
  A function that never returns (a `for range t.C` loop in main) is not
  reported, nor are the returns of main itself.

  Fix: `defer t.Stop()` right after creating it, or stop it on every path;
  when a struct or goroutine owns it, make that owner stop it. Since Go 1.23
  the timer channel is unbuffered, so `Stop` needs no drain.

  A timer made and stopped under the same test of a variable the function
  does not change (`if every != 0 { t = time.NewTicker(every) } ... if
  every != 0 { t.Stop() }`) is paired up: a path takes the same side both
  times.

  Known false positives: the timer is stopped by code the analysis cannot
  see (a call through an interface or a function value, or a method of a
  type outside the analysed packages); it is stored in a map or slice
  element (not counted as handing it over); a path that cannot run in
  practice (after a helper that always calls os.Exit).
tags: [timer, resource-leak, lifecycle]
precision: high
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 an unreferenced timer or ticker is garbage collected, so this wastes wake-ups until then rather than leaking)"
lifecycle:
  resource: ticker
  acquire:
    - call: time.NewTicker
      result: 0
    - call: time.NewTimer
      result: 0
  release:
    - call: (*time.Ticker).Stop
    - call: (*time.Timer).Stop
      receiver: true
  transfer: [return, field, global, argument-if-released, goroutine-if-released, closure-if-released, channel]
  messages:
    # {call}, not {resource}: the rule covers tickers and timers alike, and
    # "ticker created by time.NewTimer" named the wrong kind.
    leak: "{call}(...) is not stopped on the path through line {line}"
    use-after-release: "{call}(...) is used after Stop on the path through line {line}"
  options:
    defer-release-ok: true
    loop-scoped: true
    panic-paths: false
examples:
  bad:
    # An early return inside the polling loop skips the Stop at the end.
    - |
      package poller

      import (
      	"errors"
      	"time"
      )

      // Source is something that becomes ready after a while.
      type Source interface {
      	Ready() bool
      	Fetch() ([]byte, error)
      }

      var ErrNotReady = errors.New("poller: source never became ready")

      // Poll checks src every interval, at most attempts times.
      func Poll(src Source, interval time.Duration, attempts int) ([]byte, error) {
      	ticker := ↓time.NewTicker(interval)
      	for i := 0; i < attempts; i++ {
      		<-ticker.C
      		if src.Ready() {
      			return src.Fetch() // returns with the ticker still running
      		}
      	}
      	ticker.Stop()
      	return nil, ErrNotReady
      }
    # A helper that returns on a send error before its defers are registered.
    - |
      package rpc

      import (
      	"context"
      	"errors"
      	"time"
      )

      // Conn is a message connection.
      type Conn interface {
      	Send(msg []byte) error
      	Recv() <-chan []byte
      }

      var errTimeout = errors.New("rpc: timed out")

      // call sends msg and waits for the reply, pinging the peer meanwhile.
      func call(ctx context.Context, c Conn, msg []byte, timeout time.Duration) ([]byte, error) {
      	deadline := ↓time.NewTimer(timeout)
      	keepalive := ↓time.NewTicker(timeout / 4)
      	if err := c.Send(msg); err != nil {
      		return nil, err // both are left running
      	}
      	defer deadline.Stop()
      	defer keepalive.Stop()
      	for {
      		select {
      		case reply := <-c.Recv():
      			return reply, nil
      		case <-keepalive.C:
      			if err := c.Send(nil); err != nil {
      				return nil, err
      			}
      		case <-deadline.C:
      			return nil, errTimeout
      		case <-ctx.Done():
      			return nil, ctx.Err()
      		}
      	}
      }
    # A struct field: the ticker is handed to the struct on one path only.
    - |
      package heartbeat

      import (
      	"errors"
      	"sync"
      	"time"
      )

      var errClosed = errors.New("heartbeat: connection closed")

      // Pinger is the peer being watched.
      type Pinger interface{ Ping() error }

      // Heartbeat pings a peer at a fixed interval until Stop is called.
      type Heartbeat struct {
      	mu       sync.Mutex
      	peer     Pinger
      	interval time.Duration
      	ticker   *time.Ticker
      	done     chan struct{}
      }

      // Start begins pinging. It fails when the peer is gone.
      func (h *Heartbeat) Start() error {
      	t := ↓time.NewTicker(h.interval)
      	h.mu.Lock()
      	defer h.mu.Unlock()
      	if h.peer == nil {
      		return errClosed // t was never handed to h: nobody will stop it
      	}
      	h.ticker = t
      	h.done = make(chan struct{})
      	go h.loop(t, h.done)
      	return nil
      }

      func (h *Heartbeat) loop(t *time.Ticker, done <-chan struct{}) {
      	for {
      		select {
      		case <-t.C:
      			_ = h.peer.Ping()
      		case <-done:
      			return
      		}
      	}
      }

      // Stop ends the pings.
      func (h *Heartbeat) Stop() {
      	h.mu.Lock()
      	defer h.mu.Unlock()
      	if h.ticker != nil {
      		h.ticker.Stop()
      		close(h.done)
      		h.ticker = nil
      	}
      }
    # A closure: each request's timeout timer outlives a cancelled request.
    - |
      package api

      import (
      	"encoding/json"
      	"net/http"
      	"time"
      )

      // Store looks values up asynchronously.
      type Store interface {
      	Lookup(key string) (<-chan string, error)
      }

      // lookupHandler answers with the value for ?key=, or 504 after two seconds.
      func lookupHandler(store Store) http.HandlerFunc {
      	return func(w http.ResponseWriter, r *http.Request) {
      		timeout := ↓time.NewTimer(2 * time.Second)
      		result, err := store.Lookup(r.URL.Query().Get("key"))
      		if err != nil {
      			http.Error(w, err.Error(), http.StatusBadRequest)
      			return
      		}
      		select {
      		case v := <-result:
      			timeout.Stop()
      			_ = json.NewEncoder(w).Encode(map[string]string{"value": v})
      		case <-timeout.C:
      			http.Error(w, "lookup timed out", http.StatusGatewayTimeout)
      		case <-r.Context().Done():
      			return // the client went away; the timer stays scheduled
      		}
      	}
      }
    # A loop: `continue` skips the Stop, leaving one ticker per unreachable host.
    - |
      package health

      import "time"

      // reachable probes each host up to three times, one probe per interval.
      func reachable(hosts []string, interval time.Duration, ping func(string) bool) []string {
      	var up []string
      	for _, host := range hosts {
      		probe := ↓time.NewTicker(interval)
      		ok := false
      		for i := 0; i < 3 && !ok; i++ {
      			<-probe.C
      			ok = ping(host)
      		}
      		if !ok {
      			continue
      		}
      		probe.Stop()
      		up = append(up, host)
      	}
      	return up
      }
    # Generics: the cancellation path of a generic poller.
    - |
      package retry

      import (
      	"context"
      	"time"
      )

      // Until calls fetch every period until it reports ok or ctx ends.
      func Until[T any](ctx context.Context, period time.Duration, fetch func() (T, bool)) (T, error) {
      	tick := ↓time.NewTicker(period)
      	for {
      		if v, ok := fetch(); ok {
      			tick.Stop()
      			return v, nil
      		}
      		select {
      		case <-ctx.Done():
      			var zero T
      			return zero, ctx.Err() // tick keeps firing
      		case <-tick.C:
      		}
      	}
      }
    # The loop above in the IR: `continue` starts the next iteration with the ticker running.
    - lang: cir
      code: |
        package example.com/health
        go 1.22

        func example.com/health.reachable(hosts []string, interval int64, ping func(string) bool) []string {
            var up []string
            var probe *time.Ticker
            var ok bool
        b0:
            jump b1
        b1: loop len(hosts)
            if ? then b2 else b6
        b2:
            ↓probe = ticker.new interval
            jump b3
        b3: loop 3
            if ? then b4 else b5
        b4:
            chan.recv probe.C
            ok = call (ping)(?)
            jump b3
        b5:
            if ok then b7 else b1
        b7:
            ticker.stop probe
            jump b1
        b6:
            return up
        }
    # Only the ticker's channel is returned: nobody can stop the ticker.
    - |
      package pulse

      import "time"

      // Every returns a channel that delivers the time every d.
      func Every(d time.Duration) <-chan time.Time {
      	t := ↓time.NewTicker(d)
      	return t.C
      }
  good:
    # A flag declared with var: the loop ends only after the timer fired.
    - |
      package logs

      import "time"

      // CollectQuiet gathers errors until none came for the quiet period.
      func CollectQuiet(errs <-chan string, quiet time.Duration) []string {
      	var got []string
      	tm := time.NewTimer(quiet)
      	var done bool
      	for !done {
      		select {
      		case e := <-errs:
      			got = append(got, e)
      		case <-tm.C:
      			done = true
      		}
      	}
      	return got
      }
    # An optional deadline: the timer's channel is read through a variable
    # that stays nil without one, and the timeout case means it fired.
    - |
      package stream

      import (
      	"errors"
      	"time"
      )

      var errTimeout = errors.New("i/o deadline reached")

      // waitWritable blocks until the peer opens the window or the deadline passes.
      func waitWritable(notify <-chan struct{}, deadline time.Time) error {
      	var timeout <-chan time.Time
      	var timer *time.Timer
      	if !deadline.IsZero() {
      		timer = time.NewTimer(time.Until(deadline))
      		timeout = timer.C
      	}
      	select {
      	case <-notify:
      		if timer != nil {
      			timer.Stop()
      		}
      		return nil
      	case <-timeout:
      		return errTimeout
      	}
      }
    # An optional ticker: made, waited on and stopped under the same
    # comparison of a parameter the function does not change.
    - |
      package poll

      import "time"

      func Poll(every time.Duration, n int, f func()) {
      	var t *time.Ticker
      	if every != 0 {
      		t = time.NewTicker(every)
      	}
      	for i := 0; i < n; i++ {
      		if every != 0 {
      			<-t.C
      		}
      		f()
      	}
      	if every != 0 {
      		t.Stop()
      	}
      }
    # A non-positive constant interval panics before any ticker exists (a test of that panic).
    - |
      package ticks

      import "time"

      // NegativePanics reports whether time.NewTicker(-1) panics.
      func NegativePanics() (panicked bool) {
      	defer func() { panicked = recover() != nil }()
      	time.NewTicker(-1)
      	return false
      }
    # A timer of zero duration fires at once: nothing stays scheduled.
    - |
      package yield

      import "time"

      // Soon returns a channel that is ready at once, as a timer's channel.
      func Soon() <-chan time.Time {
      	t := time.NewTimer(0)
      	return wrap(t.C)
      }

      func wrap(c <-chan time.Time) <-chan time.Time { return c }
    # Stopped by a defer on every path.
    - |
      package poller

      import (
      	"errors"
      	"time"
      )

      // Source is something that becomes ready after a while.
      type Source interface {
      	Ready() bool
      	Fetch() ([]byte, error)
      }

      var ErrNotReady = errors.New("poller: source never became ready")

      // Poll checks src every interval, at most attempts times.
      func Poll(src Source, interval time.Duration, attempts int) ([]byte, error) {
      	ticker := time.NewTicker(interval)
      	defer ticker.Stop()
      	for i := 0; i < attempts; i++ {
      		<-ticker.C
      		if src.Ready() {
      			return src.Fetch()
      		}
      	}
      	return nil, ErrNotReady
      }
    # Stopped on the early return as well as after the select.
    - |
      package rpc

      import (
      	"errors"
      	"time"
      )

      // Conn is a message connection.
      type Conn interface {
      	Send(msg []byte) error
      	Recv() <-chan []byte
      }

      var errTimeout = errors.New("rpc: timed out")

      // call sends msg and waits for the reply until the timeout.
      func call(c Conn, msg []byte, timeout time.Duration) ([]byte, error) {
      	deadline := time.NewTimer(timeout)
      	if err := c.Send(msg); err != nil {
      		deadline.Stop()
      		return nil, err
      	}
      	select {
      	case reply := <-c.Recv():
      		if !deadline.Stop() {
      			<-deadline.C
      		}
      		return reply, nil
      	case <-deadline.C:
      		return nil, errTimeout
      	}
      }
    # Owned by a struct whose Close stops it.
    - |
      package metrics

      import "time"

      // Flusher calls flush on every tick until Close.
      type Flusher struct {
      	tick *time.Ticker
      	stop chan struct{}
      }

      // NewFlusher starts flushing every period; the caller must Close it.
      func NewFlusher(period time.Duration, flush func()) *Flusher {
      	f := &Flusher{tick: time.NewTicker(period), stop: make(chan struct{})}
      	go func() {
      		for {
      			select {
      			case <-f.tick.C:
      				flush()
      			case <-f.stop:
      				return
      			}
      		}
      	}()
      	return f
      }

      // Close stops the ticker and the flushing goroutine.
      func (f *Flusher) Close() {
      	f.tick.Stop()
      	close(f.stop)
      }
    # Returned to the caller, who owns it from then on.
    - |
      package clock

      import "time"

      // Clock hands out tickers so that tests can substitute fake time.
      type Clock interface {
      	NewTicker(d time.Duration) *time.Ticker
      }

      // Real is the wall clock.
      type Real struct{}

      // NewTicker returns a running ticker; stopping it is the caller's job.
      func (Real) NewTicker(d time.Duration) *time.Ticker {
      	t := time.NewTicker(d)
      	return t
      }
    # Captured by a goroutine that stops it when it exits.
    - |
      package watch

      import (
      	"context"
      	"time"
      )

      // Every runs fn each period in the background until ctx is cancelled.
      func Every(ctx context.Context, period time.Duration, fn func()) {
      	t := time.NewTicker(period)
      	go func() {
      		defer t.Stop()
      		for {
      			select {
      			case <-t.C:
      				fn()
      			case <-ctx.Done():
      				return
      			}
      		}
      	}()
      }
    # Stopped before every `continue` and every return of the loop.
    - |
      package health

      import "time"

      // reachable probes each host up to three times, one probe per interval.
      func reachable(hosts []string, interval time.Duration, ping func(string) bool) []string {
      	var up []string
      	for _, host := range hosts {
      		probe := time.NewTicker(interval)
      		ok := false
      		for i := 0; i < 3 && !ok; i++ {
      			<-probe.C
      			ok = ping(host)
      		}
      		probe.Stop()
      		if !ok {
      			continue
      		}
      		up = append(up, host)
      	}
      	return up
      }
    # A program-long ticker in a function that never returns.
    - |
      package main

      import (
      	"log"
      	"time"
      )

      func main() {
      	t := time.NewTicker(time.Minute)
      	for range t.C {
      		log.Println("still alive")
      	}
      }
    # main of a program in a module (named by its import path, not main.main):
    # the ticker ends with the process when main returns.
    - |
      package main

      import (
      	"log"
      	"time"
      )

      // A load test: progress is logged every few seconds until the work is
      // done, and the ticker goes with the process when main returns.
      func main() {
      	ticker := time.NewTicker(5 * time.Second)
      	done := make(chan struct{})
      	go func() {
      		defer close(done)
      		time.Sleep(time.Minute)
      	}()
      	for {
      		select {
      		case <-ticker.C:
      			log.Println("still running")
      		case <-done:
      			log.Println("finished")
      			return
      		}
      	}
      }
    # The goroutine example above in the IR: the closure stops the ticker it captures.
    - lang: cir
      code: |
        package example.com/watch
        go 1.22

        func example.com/watch.Every(ctx context.Context, period int64, fn func()) {
            var t *time.Ticker
        b0:
            t = ticker.new period
            go example.com/watch.Every.func1()
            return
        }

        func example.com/watch.Every.func1() {
            parent example.com/watch.Every
            capture t *time.Ticker
            capture ctx context.Context
            capture fn func()
        b0:
            defer ticker.stop t
            jump b1
        b1: loop
            %1 = ctx.done ctx
            select { case recv t.C -> b2; case recv %1 -> b3 }
        b2:
            call (fn)()
            jump b1
        b3:
            return
        }
    # A timer's channel returned to the caller, as time.After does: the caller
    # waits for it to fire, and a fired timer has nothing left to stop.
    - |
      package deadline

      import "time"

      // After returns a channel that delivers the time once d has passed.
      func After(d time.Duration) <-chan time.Time {
      	t := time.NewTimer(d)
      	return t.C
      }

"""#),
        RuleFileText(relativePath: "timer/TM1002-time-tick-leak.yaml", text: #"""
# time.Tick in a function that returns. The format of this file is
# described in rules/README.md.
id: TM1002
name: time-tick-leak
category: timer
level: warning
summary: time.Tick is used in a function that can return, so its ticker keeps running after it.
description: |
  time.Tick returns only the channel of a new ticker; the ticker itself can
  never be stopped. Before Go 1.23 the runtime keeps it for ever: every call
  of a function that uses time.Tick and then returns leaves one more ticker
  firing for the rest of the process, costing a wake-up per tick and the
  memory of the ticker. In a handler or a per-connection loop these pile up.

  The rule reports time.Tick in a function that can still return after the
  call. It is fine, and not reported, where the ticker is meant to live as
  long as the process: in package main, in tests, in a package-level
  variable, and in a function that never returns (a `for range
  time.Tick(d)` loop with no way out, as staticcheck's SA1015 allows).

  Fix: `t := time.NewTicker(d)` with `defer t.Stop()`, and read `t.C`.

  Known false positives: a function that returns only in theory (its
  loop's exit is guarded by a condition that never becomes true, or it
  ends in a call to a helper that never returns); a library function that
  is in fact only ever called once at start-up.
tags: [timer, resource-leak]
precision: high
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 an unreferenced ticker is garbage collected, so this wastes wake-ups until then rather than leaking)"
analysis: structural
examples:
  bad:
    # A helper that polls until ready: every call leaves a ticker behind.
    - |
      package probe

      import "time"

      // WaitReady polls check every 100ms, at most attempts times.
      func WaitReady(check func() bool, attempts int) bool {
      	tick := ↓time.Tick(100 * time.Millisecond)
      	for i := 0; i < attempts; i++ {
      		<-tick
      		if check() {
      			return true
      		}
      	}
      	return false
      }
    # A method that stops on cancellation: the ticker does not.
    - |
      package scan

      import (
      	"context"
      	"time"
      )

      // Watcher rescans a directory at a fixed interval.
      type Watcher struct {
      	Dir      string
      	Interval time.Duration
      	scan     func(dir string) error
      }

      // Run scans until ctx is cancelled or a scan fails.
      func (w *Watcher) Run(ctx context.Context) error {
      	ticks := ↓time.Tick(w.Interval)
      	for {
      		select {
      		case <-ctx.Done():
      			return ctx.Err()
      		case <-ticks:
      			if err := w.scan(w.Dir); err != nil {
      				return err
      			}
      		}
      	}
      }
    # A closure: one ticker per client that ever connected to the stream.
    - |
      package sse

      import (
      	"fmt"
      	"net/http"
      	"time"
      )

      // Events streams events to the client, with a keep-alive comment every 15 seconds.
      func Events(events <-chan string) http.HandlerFunc {
      	return func(w http.ResponseWriter, r *http.Request) {
      		keepalive := ↓time.Tick(15 * time.Second)
      		for {
      			select {
      			case <-r.Context().Done():
      				return
      			case e := <-events:
      				fmt.Fprintf(w, "data: %s\n\n", e)
      			case <-keepalive:
      				fmt.Fprint(w, ": keepalive\n\n")
      			}
      		}
      	}
      }
    # Generics: a batching helper that flushes on a tick and ends with its input.
    - |
      package batch

      import "time"

      // Collect groups values from in into batches, flushing every period.
      func Collect[T any](in <-chan T, period time.Duration, flush func([]T)) {
      	flushes := ↓time.Tick(period)
      	var pending []T
      	for {
      		select {
      		case v, ok := <-in:
      			if !ok {
      				flush(pending)
      				return
      			}
      			pending = append(pending, v)
      		case <-flushes:
      			flush(pending)
      			pending = nil
      		}
      	}
      }
    # A loop: one ticker per queue, each left running after the queue is drained.
    - |
      package drain

      import "time"

      // Queue is a rate-limited work queue.
      type Queue interface {
      	Empty() bool
      	Pop()
      }

      // All drains every queue at one item per interval.
      func All(queues []Queue, interval time.Duration) {
      	for _, q := range queues {
      		for range ↓time.Tick(interval) {
      			if q.Empty() {
      				break
      			}
      			q.Pop()
      		}
      	}
      }
    - lang: cir
      code: |
        package example.com/probe
        go 1.22

        func example.com/probe.WaitReady(check func() bool, attempts int) bool {
            var tick <-chan time.Time
        b0:
            ↓tick = time.tick 100000000
            jump b1
        b1: loop
            if ? then b2 else b4
        b2:
            chan.recv tick
            %1 = call (check)()
            if %1 then b3 else b1
        b3:
            return true
        b4:
            return false
        }
  good:
    # package main: the ticker lives as long as the process anyway.
    - |
      package main

      import (
      	"log"
      	"time"
      )

      func main() {
      	for now := range time.Tick(time.Minute) {
      		log.Println("still alive at", now)
      	}
      }
    # A function that never returns: the ticker is meant to live for ever.
    - |
      package monitor

      import (
      	"log"
      	"time"
      )

      // Monitor logs the size of a queue.
      type Monitor struct {
      	Interval time.Duration
      	Size     func() int
      }

      // Loop logs the size at every tick, for the life of the process.
      func (m *Monitor) Loop() {
      	for range time.Tick(m.Interval) {
      		log.Printf("queue size: %d", m.Size())
      	}
      }
    # The replacement: a ticker stopped when the function returns.
    - |
      package probe

      import "time"

      // WaitReady polls check every 100ms, at most attempts times.
      func WaitReady(check func() bool, attempts int) bool {
      	ticker := time.NewTicker(100 * time.Millisecond)
      	defer ticker.Stop()
      	for i := 0; i < attempts; i++ {
      		<-ticker.C
      		if check() {
      			return true
      		}
      	}
      	return false
      }
    # A package-level ticker channel, shared by the whole process.
    - |
      package clock

      import "time"

      // seconds ticks once a second for as long as the process runs.
      var seconds = time.Tick(time.Second)

      // NextSecond blocks until the next tick of the shared clock.
      func NextSecond() time.Time {
      	return <-seconds
      }
    # A goroutine that runs for the life of the program.
    - |
      package stats

      import (
      	"sync/atomic"
      	"time"
      )

      var requests, perSecond atomic.Int64

      func init() {
      	go func() {
      		for range time.Tick(time.Second) {
      			perSecond.Store(requests.Swap(0))
      		}
      	}()
      }
    - lang: cir
      code: |
        package example.com/monitor
        go 1.22

        func example.com/monitor.Loop(size func() int) {
            var ticks <-chan time.Time
            var ok bool
        b0:
            ticks = time.tick 1000000000
            jump b1
        b1: loop
            _, ok = range chan.recv ticks
            if ok then b2 else b3
        b2:
            call (size)()
            jump b1
        b3:
            return
        }

"""#),
        RuleFileText(relativePath: "timer/TM1003-time-after-in-loop.yaml", text: #"""
# time.After re-evaluated on every turn of a for-select loop. The format of
# this file is described in rules/README.md.
id: TM1003
name: time-after-in-loop
category: timer
level: warning
summary: time.After in a for-select loop creates a new timer on every iteration.
description: |
  `case <-time.After(d):` inside `for { select { ... } }` evaluates
  time.After each time the select is entered: a new timer per iteration.
  When another case wins, that timer is neither stopped nor received from;
  before Go 1.23 it stays in the runtime's timer heap until it fires, d
  later. A loop that handles a thousand messages a second with a one-minute
  idle timeout keeps sixty thousand timers alive, and the idle timeout
  measures the time since the last message rather than since the loop
  started.

  The rule reports a time.After call that runs on every turn of a loop and
  whose channel is a case of a select in the same loop.

  Fix: create one timer before the loop (`t := time.NewTimer(d)`, `defer
  t.Stop()`) and Reset it where the timeout should restart; or compute a
  deadline once (`deadline := time.After(total)`) when the timeout is for
  the whole loop; or use a context with a timeout.

  Not reported: a loop that comes back to time.After only after the timer
  fired, every other case of the select (and its default) leaving the
  loop (returning, breaking out, or ending a test with t.Fatal or
  t.FailNow), as in a retry loop with a backoff or a test polling until a
  deadline: each turn's timer has fired
  before the next one is made, so at most the last one is left unfired.
  A case that sets a flag the loop's condition tests (`done = true` in
  `for ...; !done; ...`) leaves it too. Nor a loop whose function fixes a small number of turns, 16 at most
  (`for i := 0; i < 2; i++`, a range over a slice made with a constant
  length or over a short slice literal): a timer per try of a two-try
  wait is no pile-up.

  Known false positives: a loop that in practice runs once or twice but
  whose bound the function does not fix (a retry count from a
  configuration), where the extra timers do not matter.
tags: [timer, resource-leak, performance]
precision: high
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 the unused timers are collected once the select moves on, so this is allocation churn rather than a leak)"
analysis: structural
examples:
  bad:
    # A quiet period re-armed on every event: each event leaves the
    # previous, unfired timer behind.
    - |
      package coalesce

      import "time"

      // Settle flushes once no value has arrived for 50ms.
      func Settle(in <-chan int, flush func([]int), stop <-chan struct{}) {
      	var quiet <-chan time.Time
      	var pending []int
      	for {
      		select {
      		case v := <-in:
      			pending = append(pending, v)
      			quiet = ↓time.After(50 * time.Millisecond)
      		case <-quiet:
      			flush(pending)
      			pending, quiet = nil, nil
      		case <-stop:
      			return
      		}
      	}
      }
    # A consumer with an idle timeout: one timer per message.
    - |
      package consumer

      import "time"

      // Consumer hands messages to handle until none arrives for Idle.
      type Consumer struct {
      	In     <-chan []byte
      	Idle   time.Duration
      	handle func([]byte)
      }

      // Run returns when the input is idle or closed.
      func (c *Consumer) Run() {
      	for {
      		select {
      		case m, ok := <-c.In:
      			if !ok {
      				return
      			}
      			c.handle(m)
      		case <-↓time.After(c.Idle):
      			return
      		}
      	}
      }
    # A helper that waits for several replies, each with its own timeout.
    - |
      package gather

      import (
      	"errors"
      	"time"
      )

      var ErrTimeout = errors.New("gather: timed out")

      // Replies reads n replies, giving up when one takes longer than wait.
      func Replies(replies <-chan string, n int, wait time.Duration) ([]string, error) {
      	var out []string
      	for len(out) < n {
      		select {
      		case r := <-replies:
      			out = append(out, r)
      		case <-↓time.After(wait):
      			return out, ErrTimeout
      		}
      	}
      	return out, nil
      }
    # A constant bound, but a large one: a thousand timers of a minute each.
    - |
      package probe

      import "time"

      // Drain reads up to 1000 results, giving each a minute to arrive.
      func Drain(results <-chan int) (sum int) {
      	for i := 0; i < 1000; i++ {
      		select {
      		case r := <-results:
      			sum += r
      		case <-↓time.After(time.Minute):
      		}
      	}
      	return sum
      }
    # A closure run as a goroutine that logs when a worker goes quiet.
    - |
      package workers

      import (
      	"log"
      	"time"
      )

      // Watch logs a line whenever jobs stays silent for a minute.
      func Watch(name string, jobs <-chan func(), quit <-chan struct{}) {
      	go func() {
      		for {
      			select {
      			case job := <-jobs:
      				job()
      			case <-↓time.After(time.Minute):
      				log.Printf("%s: idle for a minute", name)
      			case <-quit:
      				return
      			}
      		}
      	}()
      }
    # Generics: forwarding values with a per-value deadline.
    - |
      package pipe

      import "time"

      // Forward copies in to out, dropping a value nobody takes within d.
      func Forward[T any](in <-chan T, out chan<- T, d time.Duration) int {
      	dropped := 0
      	for v := range in {
      		select {
      		case out <- v:
      		case <-↓time.After(d):
      			dropped++
      		}
      	}
      	return dropped
      }
    - lang: cir
      code: |
        package example.com/consumer
        go 1.22

        func example.com/consumer.Run(in <-chan []byte, idle int64, handle func([]byte)) {
            var m []byte
            var ok bool
        b0:
            jump b1
        b1: loop
            ↓%1 = time.after idle
            select { case m, ok = recv in -> b2; case recv %1 -> b4 }
        b2:
            if ok then b3 else b4
        b3:
            call (handle)(m)
            jump b1
        b4:
            return
        }
  good:
    # The other case ends the loop through a flag its condition tests.
    - |
      package cluster

      import (
      	"testing"
      	"time"
      )

      func waitReconnects(t *testing.T, reconnected <-chan string, clients int) {
      	done := false
      	for i := 0; i < clients && !done; i++ {
      		select {
      		case id := <-reconnected:
      			t.Logf("%s is back", id)
      			done = true
      		case <-time.After(3 * time.Second):
      			t.Fatal("no client reconnected")
      		}
      	}
      }
    # A range over a table of three endpoints: three timers at most.
    - |
      package health

      import (
      	"errors"
      	"time"
      )

      // CheckAll probes each endpoint and waits a second for its answer.
      func CheckAll(probe func(string) <-chan error) error {
      	for _, ep := range []string{"/live", "/ready", "/metrics"} {
      		select {
      		case err := <-probe(ep):
      			if err != nil {
      				return err
      			}
      		case <-time.After(time.Second):
      			return errors.New("no answer from " + ep)
      		}
      	}
      	return nil
      }
    # A poll timer made again only in its own case, after it fired.
    - |
      package discovery

      import "time"

      // Watch reports each host it hears of and polls for more every minute.
      func Watch(found <-chan string, poll func(), report func(string), stop <-chan struct{}) {
      	next := time.After(0)
      	for {
      		select {
      		case h := <-found:
      			report(h)
      		case <-next:
      			next = time.After(time.Minute)
      			poll()
      		case <-stop:
      			return
      		}
      	}
      }
    # A batching window armed only when none is pending: one timer per batch.
    - |
      package coalesce

      import "time"

      // Batch flushes what arrived within 10ms of the first value of a batch.
      func Batch(in <-chan int, flush func([]int), stop <-chan struct{}) {
      	var window <-chan time.Time
      	var pending []int
      	for {
      		select {
      		case v := <-in:
      			pending = append(pending, v)
      			if window == nil {
      				window = time.After(10 * time.Millisecond)
      			}
      		case <-window:
      			flush(pending)
      			pending, window = nil, nil
      		case <-stop:
      			return
      		}
      	}
      }
    # A retry loop that goes round again only after the backoff timer fired: the other case returns.
    - |
      package retry

      import (
      	"context"
      	"time"
      )

      // Do calls f until it succeeds or ctx ends, waiting backoff between tries.
      func Do(ctx context.Context, backoff time.Duration, f func() error) error {
      	for {
      		err := f()
      		if err == nil {
      			return nil
      		}
      		select {
      		case <-time.After(backoff):
      		case <-ctx.Done():
      			return ctx.Err()
      		}
      	}
      }
    # A test polling every 100ms until done, failing at an overall deadline.
    - |
      package gc_test

      import (
      	"runtime"
      	"testing"
      	"time"
      )

      func waitGC(t *testing.T, done <-chan bool) {
      	timeout := time.NewTimer(5 * time.Second)
      	defer timeout.Stop()
      	for {
      		select {
      		case <-done:
      			return
      		case <-time.After(100 * time.Millisecond):
      			runtime.GC()
      		case <-timeout.C:
      			t.Fatal("never saw the collection")
      		}
      	}
      }
    # A test that waits for two getters, each with its own timeout: two
    # timers at most, fixed by the loop.
    - |
      package groupcache

      import (
      	"testing"
      	"time"
      )

      func TestTwoGetters(t *testing.T) {
      	resc := make(chan string, 2)
      	for i := 0; i < 2; i++ {
      		go func() { resc <- "ECHO:foo" }()
      	}
      	for i := 0; i < 2; i++ {
      		select {
      		case v := <-resc:
      			if v != "ECHO:foo" {
      				t.Errorf("got %q", v)
      			}
      		case <-time.After(5 * time.Second):
      			t.Errorf("timeout waiting on getter #%d of 2", i+1)
      		}
      	}
      }
    # One timer made before the loop and reset after each message.
    - |
      package consumer

      import "time"

      // Consumer hands messages to handle until none arrives for Idle.
      type Consumer struct {
      	In     <-chan []byte
      	Idle   time.Duration
      	handle func([]byte)
      }

      // Run returns when the input is idle or closed.
      func (c *Consumer) Run() {
      	idle := time.NewTimer(c.Idle)
      	defer idle.Stop()
      	for {
      		select {
      		case m, ok := <-c.In:
      			if !ok {
      				return
      			}
      			c.handle(m)
      			if !idle.Stop() {
      				<-idle.C
      			}
      			idle.Reset(c.Idle)
      		case <-idle.C:
      			return
      		}
      	}
      }
    # One deadline for the whole loop, computed once.
    - |
      package gather

      import (
      	"errors"
      	"time"
      )

      var ErrTimeout = errors.New("gather: timed out")

      // Replies reads n replies within total.
      func Replies(replies <-chan string, n int, total time.Duration) ([]string, error) {
      	deadline := time.After(total)
      	var out []string
      	for len(out) < n {
      		select {
      		case r := <-replies:
      			out = append(out, r)
      		case <-deadline:
      			return out, ErrTimeout
      		}
      	}
      	return out, nil
      }
    # A select outside any loop: one timer, once.
    - |
      package rpc

      import (
      	"errors"
      	"time"
      )

      var errTimeout = errors.New("rpc: no reply")

      // Await waits for one reply for at most d.
      func Await(reply <-chan []byte, d time.Duration) ([]byte, error) {
      	select {
      	case r := <-reply:
      		return r, nil
      	case <-time.After(d):
      		return nil, errTimeout
      	}
      }
    # time.After as a pause in a loop: received every time, nothing left behind.
    - |
      package retry

      import "time"

      // Do calls f until it succeeds, pausing backoff between attempts.
      func Do(f func() error, attempts int, backoff time.Duration) error {
      	var err error
      	for i := 0; i < attempts; i++ {
      		if err = f(); err == nil {
      			return nil
      		}
      		<-time.After(backoff)
      	}
      	return err
      }
    # A context deadline instead of a timer per iteration.
    - |
      package pipe

      import (
      	"context"
      	"time"
      )

      // Forward copies in to out until in closes or d has passed in total.
      func Forward(in <-chan int, out chan<- int, d time.Duration) error {
      	ctx, cancel := context.WithTimeout(context.Background(), d)
      	defer cancel()
      	for v := range in {
      		select {
      		case out <- v:
      		case <-ctx.Done():
      			return ctx.Err()
      		}
      	}
      	return nil
      }
    - lang: cir
      code: |
        package example.com/gather

        func example.com/gather.Replies(replies <-chan string, n int, total int64) []string {
            var out []string
            var deadline <-chan time.Time
            var r string
        b0:
            deadline = time.after total
            jump b1
        b1: loop
            if ? then b2 else b4
        b2:
            select { case r = recv replies -> b3; case recv deadline -> b4 }
        b3:
            jump b1
        b4:
            return out
        }

"""#),
        RuleFileText(relativePath: "timer/TM1004-timer-reset-undrained.yaml", text: #"""
# Reset on a timer that may be running or undrained. The format of this
# file is described in rules/README.md.
id: TM1004
name: timer-reset-undrained
category: timer
level: warning
summary: Timer.Reset is called on a timer that may still be running, or stopped with a value left in its channel.
description: |
  Before Go 1.23, Reset on a timer made by time.NewTimer is only safe once
  the timer is stopped or has expired and its channel has been drained.
  Otherwise the value the old setting sent (or is about to send) is still
  in the channel after the Reset, and the next receive from `t.C` returns
  at once: the program acts on a timeout that did not happen. The race is
  rare and timing-dependent, which is what makes it expensive.

  The rule follows each timer created in the function along every path:
  running after NewTimer and after Reset, safe after a receive from `t.C`
  (it expired and was drained) and after the drain idiom `if !t.Stop() {
  <-t.C }`, and "stopped but maybe undrained" after a Stop whose result is
  ignored. A Reset reached while the timer may be running or undrained is
  reported, unless its result is used (the code asks whether the timer had
  fired) or nothing can receive a stale value: a local timer whose channel
  is never read and that is not copied, passed, returned or captured.

  Fix: `if !t.Stop() { <-t.C }` right before the Reset (when no other
  goroutine receives from `t.C`), or Reset only where `t.C` was just
  received from. Since Go 1.23 the channel is unbuffered and Reset discards
  the old value, so this is only a matter for older Go.

  Known false positives: a Stop result tested in another block than the
  one that stops the timer; a timer whose channel is drained by a
  select in another function. Timers from fields or parameters are not
  followed (no report).
tags: [timer, race]
precision: medium
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 Reset discards the value of the old setting, so this only matters for older Go)"
analysis: structural
examples:
  bad:
    # A read loop that restarts its idle timer on every message.
    - |
      package conn

      import "time"

      // Conn closes itself when no message arrives for Timeout.
      type Conn struct {
      	In      <-chan []byte
      	Timeout time.Duration
      	handle  func([]byte)
      	close   func()
      }

      func (c *Conn) readLoop() {
      	idle := time.NewTimer(c.Timeout)
      	defer idle.Stop()
      	for {
      		select {
      		case m := <-c.In:
      			c.handle(m)
      			↓idle.Reset(c.Timeout)
      		case <-idle.C:
      			c.close()
      			return
      		}
      	}
      }
    # A retry helper that stops the timer but never drains it.
    - |
      package retry

      import "time"

      // Do calls f until it succeeds, waiting backoff after a failure.
      func Do(f func() error, attempts int, backoff time.Duration) error {
      	wait := time.NewTimer(backoff)
      	defer wait.Stop()
      	var err error
      	for i := 0; i < attempts; i++ {
      		if err = f(); err == nil {
      			return nil
      		}
      		wait.Stop()
      		↓wait.Reset(backoff)
      		<-wait.C
      	}
      	return err
      }
    # A closure run as a goroutine: a heartbeat postponed by activity.
    - |
      package session

      import "time"

      // KeepAlive sends a ping after quiet periods of d; activity postpones it.
      func KeepAlive(activity <-chan struct{}, d time.Duration, ping func()) {
      	go func() {
      		quiet := time.NewTimer(d)
      		for {
      			select {
      			case _, ok := <-activity:
      				if !ok {
      					quiet.Stop()
      					return
      				}
      				↓quiet.Reset(d)
      			case <-quiet.C:
      				ping()
      				quiet.Reset(d)
      			}
      		}
      	}()
      }
    # Generics: a debouncer that emits the last value after a quiet period.
    - |
      package debounce

      import "time"

      // Run emits the last value of in once in has been quiet for d.
      func Run[T any](in <-chan T, d time.Duration, emit func(T)) {
      	var last T
      	t := time.NewTimer(d)
      	defer t.Stop()
      	for {
      		select {
      		case v, ok := <-in:
      			if !ok {
      				return
      			}
      			last = v
      			↓t.Reset(d)
      		case <-t.C:
      			emit(last)
      		}
      	}
      }
    - lang: cir
      go: "1.22"
      code: |
        package example.com/conn

        func example.com/conn.readLoop(in <-chan []byte, timeout int64, handle func([]byte)) {
            var idle *time.Timer
            var m []byte
        b0:
            idle = timer.new timeout
            defer timer.stop idle
            jump b1
        b1: loop
            select { case m = recv in -> b2; case recv idle.C -> b3 }
        b2:
            call (handle)(m)
            ↓timer.reset idle, timeout
            jump b1
        b3:
            return
        }
  good:
    # Stop and drain before Reset.
    - |
      package conn

      import "time"

      // Conn closes itself when no message arrives for Timeout.
      type Conn struct {
      	In      <-chan []byte
      	Timeout time.Duration
      	handle  func([]byte)
      	close   func()
      }

      func (c *Conn) readLoop() {
      	idle := time.NewTimer(c.Timeout)
      	defer idle.Stop()
      	for {
      		select {
      		case m := <-c.In:
      			c.handle(m)
      			if !idle.Stop() {
      				<-idle.C
      			}
      			idle.Reset(c.Timeout)
      		case <-idle.C:
      			c.close()
      			return
      		}
      	}
      }
    # The drain idiom with a flag: the select case that took the value says
    # so, and the drain is skipped then.
    - |
      package sched

      import "time"

      // Job runs at a time.
      type Job struct {
      	At  time.Time
      	Run func()
      }

      // Loop runs each job when its time comes, one at a time.
      func Loop(jobs <-chan Job, quit <-chan struct{}) {
      	var pending []Job
      	wake := time.NewTimer(time.Hour)
      	taken := false
      	for {
      		select {
      		case j := <-jobs:
      			pending = append(pending, j)
      			stopped := wake.Stop()
      			if !stopped && !taken {
      				<-wake.C
      			}
      			wake.Reset(time.Until(pending[0].At))
      			taken = false
      		case <-wake.C:
      			taken = true
      			if len(pending) > 0 {
      				pending[0].Run()
      				pending = pending[1:]
      			}
      		case <-quit:
      			wake.Stop()
      			return
      		}
      	}
      }
    # Stop's result kept in a variable, then tested.
    - |
      package idle

      import "time"

      // Watch calls expire when nothing arrives on beat for d.
      func Watch(beat <-chan struct{}, d time.Duration, expire func()) {
      	t := time.NewTimer(d)
      	for {
      		select {
      		case <-beat:
      			if active := t.Stop(); !active {
      				<-t.C
      			}
      			t.Reset(d)
      		case <-t.C:
      			expire()
      			return
      		}
      	}
      }
    # Reset only right after the timer fired and was received from.
    - |
      package tick

      import "time"

      // Every calls f every d, the next period starting when f returns.
      func Every(d time.Duration, f func() bool) {
      	t := time.NewTimer(d)
      	defer t.Stop()
      	for {
      		<-t.C
      		if !f() {
      			return
      		}
      		t.Reset(d)
      	}
      }
    # An AfterFunc timer has no channel to drain: Reset is fine.
    - |
      package lease

      import (
      	"sync"
      	"time"
      )

      // Lease calls expire unless renewed within ttl.
      type Lease struct {
      	mu    sync.Mutex
      	ttl   time.Duration
      	timer *time.Timer
      }

      // Grant starts the lease.
      func Grant(ttl time.Duration, expire func()) *Lease {
      	l := &Lease{ttl: ttl}
      	l.timer = time.AfterFunc(ttl, expire)
      	return l
      }

      // Renew pushes the expiry back by ttl.
      func (l *Lease) Renew() {
      	l.mu.Lock()
      	defer l.mu.Unlock()
      	l.timer.Reset(l.ttl)
      }
    # A fresh timer per wait instead of Reset.
    - |
      package retry

      import "time"

      // Do calls f until it succeeds, waiting backoff after a failure.
      func Do(f func() error, attempts int, backoff time.Duration) error {
      	var err error
      	for i := 0; i < attempts; i++ {
      		if err = f(); err == nil {
      			return nil
      		}
      		wait := time.NewTimer(backoff)
      		<-wait.C
      	}
      	return err
      }
    # Nobody receives from the timer's channel: no stale value can be taken.
    - |
      package bench

      import "time"

      // ResetMany resets a timer that is never waited on, n times.
      func ResetMany(n int, d time.Duration) {
      	t := time.NewTimer(d)
      	for i := 0; i < n; i++ {
      		t.Reset(d)
      	}
      	t.Stop()
      }
    # Reset's result says whether the timer had fired; both answers are handled.
    - |
      package probe

      import (
      	"errors"
      	"time"
      )

      // Check fails when a timer of 2d fires before d has passed.
      func Check(d time.Duration) error {
      	t := time.NewTimer(2 * d)
      	time.Sleep(d)
      	if !t.Reset(3 * d) {
      		return errors.New("the timer fired early")
      	}
      	<-t.C
      	return nil
      }
    - lang: cir
      go: "1.22"
      code: |
        package example.com/conn

        func example.com/conn.readLoop(in <-chan []byte, timeout int64, handle func([]byte)) {
            var idle *time.Timer
            var m []byte
        b0:
            idle = timer.new timeout
            defer timer.stop idle
            jump b1
        b1: loop
            select { case m = recv in -> b2; case recv idle.C -> b5 }
        b2:
            call (handle)(m)
            %1 = timer.stop idle
            if %1 then b4 else b3
        b3:
            chan.recv idle.C
            jump b4
        b4:
            timer.reset idle, timeout
            jump b1
        b5:
            return
        }

"""#),
        RuleFileText(relativePath: "timer/TM1005-afterfunc-timer-dropped.yaml", text: #"""
# time.AfterFunc whose timer is dropped by a type that can be closed. The
# format of this file is described in rules/README.md.
id: TM1005
name: afterfunc-timer-dropped
category: timer
level: warning
summary: A time.AfterFunc callback on a closable value is scheduled and its timer dropped, so Close cannot cancel it.
description: |
  The *time.Timer returned by time.AfterFunc is the only handle that can
  cancel its callback. When a method of a type that has a Close (or Stop,
  Shutdown, Cancel) method schedules a callback that uses the receiver and
  drops that timer, Close has no way to cancel it: the callback fires after
  the value was closed and works on a closed connection, a drained pool or
  a reset state, or keeps the whole value reachable until it fires.

  The rule reports time.AfterFunc in a method (or a closure in one) whose
  callback is a closure capturing the receiver or a method of the same
  type, when the returned timer is discarded or never read, and the type
  has a Close, Stop, Shutdown or Cancel method.

  Fix: keep the timer in a field and stop it in Close (and make the
  callback check a closed flag under the same lock, since Stop cannot
  cancel a callback that has already started).

  Known false positives: a callback that is harmless after Close (it only
  checks a closed flag and returns); a Close method that waits for pending
  callbacks some other way.
tags: [timer, lifecycle]
precision: medium
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A session that arms an idle timeout and forgets the timer.
    - |
      package session

      import (
      	"net"
      	"sync"
      	"time"
      )

      // Session is one client connection.
      type Session struct {
      	mu     sync.Mutex
      	conn   net.Conn
      	closed bool
      }

      // ArmIdle closes the connection if the client stays idle for d.
      func (s *Session) ArmIdle(d time.Duration) {
      	↓time.AfterFunc(d, func() {
      		s.mu.Lock()
      		defer s.mu.Unlock()
      		s.conn.Close()
      	})
      }

      // Close ends the session.
      func (s *Session) Close() error {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	s.closed = true
      	return s.conn.Close()
      }
    # Generics: a cache whose expiry callbacks outlive Close.
    - |
      package cache

      import (
      	"sync"
      	"time"
      )

      // Cache holds values for a limited time.
      type Cache[K comparable, V any] struct {
      	mu    sync.Mutex
      	items map[K]V
      }

      // Set stores v under k for ttl.
      func (c *Cache[K, V]) Set(k K, v V, ttl time.Duration) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.items[k] = v
      	↓time.AfterFunc(ttl, func() {
      		c.mu.Lock()
      		defer c.mu.Unlock()
      		delete(c.items, k)
      	})
      }

      // Close drops every item.
      func (c *Cache[K, V]) Close() {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.items = nil
      }
    # A loop: one retry per pending message, none of them cancellable.
    - |
      package outbox

      import (
      	"sync"
      	"time"
      )

      // Outbox resends unacknowledged messages.
      type Outbox struct {
      	mu      sync.Mutex
      	pending map[int][]byte
      	send    func([]byte) error
      }

      // RetryLater resends every pending message after d.
      func (o *Outbox) RetryLater(d time.Duration) {
      	o.mu.Lock()
      	defer o.mu.Unlock()
      	for id, msg := range o.pending {
      		id, msg := id, msg
      		↓time.AfterFunc(d, func() {
      			if o.send(msg) == nil {
      				o.mu.Lock()
      				delete(o.pending, id)
      				o.mu.Unlock()
      			}
      		})
      	}
      }

      // Stop drops the pending messages.
      func (o *Outbox) Stop() {
      	o.mu.Lock()
      	defer o.mu.Unlock()
      	o.pending = nil
      }
    # A timer kept in a local variable and never used again.
    - |
      package pool

      import (
      	"sync"
      	"time"
      )

      // Pool keeps idle workers for a while before letting them go.
      type Pool struct {
      	mu   sync.Mutex
      	idle []chan struct{}
      }

      // Release parks w and lets it go after linger.
      func (p *Pool) Release(w chan struct{}, linger time.Duration) {
      	p.mu.Lock()
      	p.idle = append(p.idle, w)
      	p.mu.Unlock()
      	t := ↓time.AfterFunc(linger, func() {
      		p.mu.Lock()
      		defer p.mu.Unlock()
      		close(w)
      	})
      	_ = t
      }

      // Shutdown lets every idle worker go.
      func (p *Pool) Shutdown() {
      	p.mu.Lock()
      	defer p.mu.Unlock()
      	for _, w := range p.idle {
      		close(w)
      	}
      	p.idle = nil
      }
    - lang: cir
      code: |
        package example.com/session
        type example.com/session.Session struct{ closed bool }

        func (s *example.com/session.Session) ArmIdle(d int64) {
        b0:
            ↓time.afterfunc d, func (*example.com/session.Session).ArmIdle.func1
            return
        }

        func (*example.com/session.Session).ArmIdle.func1() {
            parent (*example.com/session.Session).ArmIdle
            capture s *example.com/session.Session
        b0:
            call (*example.com/session.Session).Close(s)
            return
        }

        func (s *example.com/session.Session) Close() {
        b0:
            return
        }
  good:
    # The timer is kept and stopped by Close.
    - |
      package session

      import (
      	"net"
      	"sync"
      	"time"
      )

      // Session is one client connection.
      type Session struct {
      	mu   sync.Mutex
      	conn net.Conn
      	idle *time.Timer
      }

      // ArmIdle closes the connection if the client stays idle for d.
      func (s *Session) ArmIdle(d time.Duration) {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	s.idle = time.AfterFunc(d, func() { s.conn.Close() })
      }

      // Close ends the session and cancels the idle timeout.
      func (s *Session) Close() error {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	if s.idle != nil {
      		s.idle.Stop()
      	}
      	return s.conn.Close()
      }
    # A plain function: there is no owner to close.
    - |
      package notify

      import (
      	"log"
      	"time"
      )

      // Later logs msg after d.
      func Later(msg string, d time.Duration) {
      	time.AfterFunc(d, func() { log.Println(msg) })
      }
    # The timer is returned: the caller decides when to stop it.
    - |
      package reminders

      import "time"

      // Reminders schedules reminders.
      type Reminders struct {
      	notify func(string)
      }

      // Schedule reminds about what after d; stopping the timer cancels it.
      func (r *Reminders) Schedule(what string, d time.Duration) *time.Timer {
      	return time.AfterFunc(d, func() { r.notify(what) })
      }

      // Close does nothing: scheduled reminders belong to their callers.
      func (r *Reminders) Close() {}
    # A type that cannot be closed: nothing outlives it by surprise.
    - |
      package metrics

      import (
      	"sync/atomic"
      	"time"
      )

      // Counter counts events and resets itself every period.
      type Counter struct {
      	n atomic.Int64
      }

      // Inc counts one event and forgets it after window.
      func (c *Counter) Inc(window time.Duration) {
      	c.n.Add(1)
      	time.AfterFunc(window, func() { c.n.Add(-1) })
      }
    - lang: cir
      code: |
        package example.com/session
        type example.com/session.Session struct{ idle *time.Timer }

        func (s *example.com/session.Session) ArmIdle(d int64) {
        b0:
            %1 = time.afterfunc d, func (*example.com/session.Session).ArmIdle.func1
            assign s.idle = %1
            return
        }

        func (*example.com/session.Session).ArmIdle.func1() {
            parent (*example.com/session.Session).ArmIdle
            capture s *example.com/session.Session
        b0:
            return
        }

        func (s *example.com/session.Session) Close() {
        b0:
            %1 = timer.stop s.idle
            return
        }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1001-wait-never-returns.yaml", text: ##"""
# A sync.WaitGroup Wait that can never return: some Done is missing.
# The format of this file is described in rules/README.md.
id: WG1001
name: wait-never-returns
category: waitgroup
level: error
summary: "WaitGroup.Wait can never return: on some path a counted goroutine never calls Done."
description: |
  `wg.Wait()` returns when the counter drops to zero. When a goroutine that
  was counted with `wg.Add` returns on an error path without `wg.Done()`,
  or `Add` counts more goroutines than are started, Wait blocks forever:
  the caller hangs (and with it, often, a request or the whole program).

  The rule reports the Wait when an interleaving ends with it blocked,
  every counted goroutine finished or blocked, and the counter above zero.
  The message gives the counter that is left; the code flow shows the
  Adds, the Dones that did run and the path that skipped one.

  Fix: `defer wg.Done()` as the first statement of the goroutine, and
  `wg.Add(1)` right before each `go` statement (or `wg.Add(n)` with the
  exact number started).

  Known false positives: a WaitGroup that reaches code outside the
  analysed packages (a parameter, a field of the receiver, a global) is
  never reported, since that code may call Done; an Add by an amount the
  analysis cannot compute stops the judgement of that WaitGroup.
tags: [waitgroup, deadlock, goroutine-leak]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # The error path returns without Done.
    - |
      package process

      import (
      	"log"
      	"sync"
      )

      // All processes every item concurrently and waits for them.
      func All(items []string, process func(string) error) {
      	var wg sync.WaitGroup
      	for _, it := range items {
      		wg.Add(1)
      		go func(it string) {
      			if err := process(it); err != nil {
      				log.Println(err)
      				return
      			}
      			wg.Done()
      		}(it)
      	}
      	↓wg.Wait()
      }
    # Add counts three goroutines, two are started.
    - |
      package warm

      import "sync"

      // Cache loads tables.
      type Cache struct {
      	load func(table string)
      }

      // Warmup loads the hot tables in parallel.
      func Warmup(c *Cache) {
      	var wg sync.WaitGroup
      	wg.Add(3)
      	go func() {
      		defer wg.Done()
      		c.load("users")
      	}()
      	go func() {
      		defer wg.Done()
      		c.load("orders")
      	}()
      	↓wg.Wait()
      }
    # A crawler struct: a skipped URL returns before the deferred Done is registered.
    - |
      package crawl

      import (
      	"strings"
      	"sync"
      )

      type crawler struct {
      	wg    sync.WaitGroup
      	fetch func(string)
      }

      func (c *crawler) visit(u string) {
      	if strings.HasPrefix(u, "#") {
      		return
      	}
      	defer c.wg.Done()
      	c.fetch(u)
      }

      // Crawl fetches every URL concurrently.
      func Crawl(urls []string, fetch func(string)) {
      	c := &crawler{fetch: fetch}
      	for _, u := range urls {
      		c.wg.Add(1)
      		go c.visit(u)
      	}
      	↓c.wg.Wait()
      }
    # A generic parallel map whose workers give up on cancellation without Done.
    - |
      package par

      import (
      	"context"
      	"sync"
      )

      // Map applies f to every element in parallel.
      func Map[T, U any](ctx context.Context, in []T, f func(T) U) []U {
      	out := make([]U, len(in))
      	var wg sync.WaitGroup
      	for i, v := range in {
      		wg.Add(1)
      		go func(i int, v T) {
      			select {
      			case <-ctx.Done():
      				return
      			default:
      			}
      			out[i] = f(v)
      			wg.Done()
      		}(i, v)
      	}
      	↓wg.Wait()
      	return out
      }
    # The IR pins counting: Add(2) with one Done leaves the counter at 1.
    - lang: cir
      code: |
        package example.com/wg1001/bad

        func example.com/wg1001/bad.Run() {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 2
            go example.com/wg1001/bad.Run.func1()
            ↓wg.wait wg
            return
        }

        func example.com/wg1001/bad.Run.func1() {
            parent example.com/wg1001/bad.Run
            capture wg sync.WaitGroup
        b0:
            wg.done wg
            return
        }
    # Add(len(items)) before the loop, and a worker that skips an item
    # returns before its Done.
    - |
      package batch

      import "sync"

      // Each calls f on every non-negative item concurrently.
      func Each(items []int, f func(int)) {
      	var wg sync.WaitGroup
      	wg.Add(len(items))
      	for _, it := range items {
      		go func(it int) {
      			if it < 0 {
      				return
      			}
      			f(it)
      			wg.Done()
      		}(it)
      	}
      	↓wg.Wait()
      }
  good:
    # A counter declared before the loop (`i = 0`, not `i := 0`) counts the
    # same: five goroutines for Add(5).
    - |
      package stress

      import "sync"

      func appendEntries() error { return nil }

      // Rounds runs two rounds of five parallel appends.
      func Rounds() {
      	var round, i int
      	for round = 0; round < 2; round++ {
      		var wg sync.WaitGroup
      		wg.Add(5)
      		for i = 0; i < 5; i++ {
      			go func() {
      				defer wg.Done()
      				_ = appendEntries()
      			}()
      		}
      		wg.Wait()
      	}
      }
    # defer wg.Done() covers the error path.
    - |
      package process

      import (
      	"log"
      	"sync"
      )

      // All processes every item concurrently and waits for them.
      func All(items []string, process func(string) error) {
      	var wg sync.WaitGroup
      	for _, it := range items {
      		wg.Add(1)
      		go func(it string) {
      			defer wg.Done()
      			if err := process(it); err != nil {
      				log.Println(err)
      			}
      		}(it)
      	}
      	wg.Wait()
      }
    # Add(2) for the two goroutines started.
    - |
      package warm

      import "sync"

      // Warmup loads the hot tables in parallel.
      func Warmup(load func(string)) {
      	var wg sync.WaitGroup
      	wg.Add(2)
      	go func() {
      		defer wg.Done()
      		load("users")
      	}()
      	go func() {
      		defer wg.Done()
      		load("orders")
      	}()
      	wg.Wait()
      }
    # Add(len(items)) with one goroutine per item.
    - |
      package batch

      import "sync"

      // Each calls f on every item concurrently and waits.
      func Each(items []int, f func(int)) {
      	var wg sync.WaitGroup
      	wg.Add(len(items))
      	for _, it := range items {
      		go func(it int) {
      			defer wg.Done()
      			f(it)
      		}(it)
      	}
      	wg.Wait()
      }
    # The WaitGroup belongs to the caller, who may call Done elsewhere.
    - |
      package crawl

      import "sync"

      // Start starts a visit counted on the caller's WaitGroup.
      func Start(wg *sync.WaitGroup, u string, fetch func(string)) {
      	wg.Add(1)
      	go func() {
      		defer wg.Done()
      		fetch(u)
      	}()
      }
    # The IR pins unknown counts: Add(n) with a loop of n goroutines agrees for every n.
    - lang: cir
      code: |
        package example.com/wg1001/good

        func example.com/wg1001/good.Run(n int) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, n
            jump b1
        b1: loop n
            if ? then b2 else b3
        b2:
            go example.com/wg1001/good.Run.func1()
            jump b1
        b3:
            wg.wait wg
            return
        }

        func example.com/wg1001/good.Run.func1() {
            parent example.com/wg1001/good.Run
            capture wg sync.WaitGroup
        b0:
            wg.done wg
            return
        }
    # Done as a method value, deferred: the goroutine's receiver is the caller's wg.
    - |
      package guard

      import "sync"

      // Run runs f on a goroutine and waits for it.
      func Run(f func()) {
      	var wg sync.WaitGroup
      	wg.Add(1)
      	go func() {
      		done := wg.Done
      		defer done()
      		f()
      	}()
      	wg.Wait()
      }

"""##),
        RuleFileText(relativePath: "waitgroup/WG1002-wait-inside-counted-goroutine.yaml", text: #"""
# A goroutine waits on the WaitGroup that counts it: it waits for itself.
# The format of this file is described in rules/README.md.
id: WG1002
name: wait-inside-counted-goroutine
category: waitgroup
level: error
summary: "A goroutine calls Wait on a WaitGroup that still counts it, so it waits for its own Done forever."
description: |
  A goroutine counted by a WaitGroup (it was Added for, and calls Done,
  often deferred) that calls `Wait` on the same WaitGroup waits for its
  own Done, which runs only after Wait returns: it deadlocks, and so does
  everyone else waiting on that group. Recursive fan-out (a tree walk
  where each node waits for its children on a shared WaitGroup) is the
  usual shape.

  The rule reports the Wait when an interleaving ends with it blocked in a
  goroutine that still owes a Done on the same WaitGroup (a deferred
  Done, a Done later in its function, or `wg.Go`).

  Fix: wait on a WaitGroup per level (each node makes its own for its
  children), or let only the goroutine that started the work call Wait.

  Known false positives: a Done on the same operand in the waiting
  function that belongs to a different WaitGroup value at run time.
tags: [waitgroup, deadlock]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # A tree walk where every node waits for the shared group.
    - |
      package tree

      import "sync"

      // Node is a tree node.
      type Node struct {
      	Children []*Node
      	Visit    func()
      }

      // Walk visits every node concurrently.
      func Walk(root *Node) {
      	var wg sync.WaitGroup
      	var visit func(n *Node)
      	visit = func(n *Node) {
      		defer wg.Done()
      		n.Visit()
      		for _, c := range n.Children {
      			wg.Add(1)
      			go visit(c)
      		}
      		↓wg.Wait()
      	}
      	wg.Add(1)
      	go visit(root)
      }
    # A pool worker waits for the pool before reporting its own Done.
    - |
      package pool

      import "sync"

      type pool struct {
      	wg      sync.WaitGroup
      	results chan int
      }

      func (p *pool) worker(n int) {
      	p.results <- n * n
      	↓p.wg.Wait()
      	p.wg.Done()
      }

      // Squares computes n squares with one worker each.
      func Squares(n int) int {
      	p := &pool{}
      	p.results = make(chan int, n)
      	for i := 0; i < n; i++ {
      		p.wg.Add(1)
      		go p.worker(i)
      	}
      	return len(p.results)
      }
    # A closure that waits for its siblings before finishing.
    - |
      package stage

      import "sync"

      // Run runs every step and lets each wait for the others to finish.
      func Run(steps []func()) {
      	var wg sync.WaitGroup
      	for _, s := range steps {
      		wg.Add(1)
      		go func(s func()) {
      			defer wg.Done()
      			s()
      			↓wg.Wait()
      		}(s)
      	}
      }
    # A generic batch whose item handler waits on the batch group.
    - |
      package batch

      import "sync"

      // Batch processes items with one goroutine each.
      type Batch[T any] struct {
      	wg sync.WaitGroup
      }

      func (b *Batch[T]) handle(v T, f func(T)) {
      	defer b.wg.Done()
      	f(v)
      	↓b.wg.Wait()
      }

      // Run starts one goroutine per item.
      func Run[T any](items []T, f func(T)) {
      	b := &Batch[T]{}
      	for _, it := range items {
      		b.wg.Add(1)
      		go b.handle(it, f)
      	}
      }
    # The IR pins wg.Go: the goroutine it starts owes the Done that runs when it returns.
    - lang: cir
      code: |
        package example.com/wg1002/bad

        func example.com/wg1002/bad.Run() {
            var wg sync.WaitGroup
        b0:
            wg.go wg, func example.com/wg1002/bad.Run.func1
            return
        }

        func example.com/wg1002/bad.Run.func1() {
            parent example.com/wg1002/bad.Run
            capture wg sync.WaitGroup
        b0:
            ↓wg.wait wg
            return
        }
  good:
    # Each node waits on its own WaitGroup for its children.
    - |
      package tree

      import "sync"

      // Node is a tree node.
      type Node struct {
      	Children []*Node
      	Visit    func()
      }

      // Walk visits n and its subtree concurrently.
      func Walk(n *Node) {
      	n.Visit()
      	var wg sync.WaitGroup
      	for _, c := range n.Children {
      		wg.Add(1)
      		go func(c *Node) {
      			defer wg.Done()
      			Walk(c)
      		}(c)
      	}
      	wg.Wait()
      }
    # Only the goroutine that started the workers waits.
    - |
      package pool

      import "sync"

      // Squares computes n squares with one worker each.
      func Squares(n int) []int {
      	out := make([]int, n)
      	var wg sync.WaitGroup
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go func(i int) {
      			defer wg.Done()
      			out[i] = i * i
      		}(i)
      	}
      	wg.Wait()
      	return out
      }
    # A worker waits on a different group (the previous stage).
    - |
      package stage

      import "sync"

      // Run runs the first steps, then the second ones after all first ones.
      func Run(first, second []func()) {
      	var before, after sync.WaitGroup
      	for _, f := range first {
      		before.Add(1)
      		go func(f func()) {
      			defer before.Done()
      			f()
      		}(f)
      	}
      	for _, s := range second {
      		after.Add(1)
      		go func(s func()) {
      			defer after.Done()
      			before.Wait()
      			s()
      		}(s)
      	}
      	after.Wait()
      }
    # Done before Wait in the same goroutine.
    - |
      package barrier

      import "sync"

      // Meet lets n goroutines wait until all of them have arrived.
      func Meet(n int, arrive func(int)) {
      	var wg sync.WaitGroup
      	wg.Add(n)
      	for i := 0; i < n; i++ {
      		go func(i int) {
      			arrive(i)
      			wg.Done()
      			wg.Wait()
      		}(i)
      	}
      	wg.Wait()
      }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1003-add-after-wait.yaml", text: #"""
# wg.Add from zero in a goroutine that may run after Wait returned.
# The format of this file is described in rules/README.md.
id: WG1003
name: add-after-wait
category: waitgroup
level: warning
summary: "wg.Add runs from a zero counter in a goroutine that may start after Wait has returned, so Wait does not wait for it."
description: |
  The WaitGroup documentation: calls with a positive delta that occur when
  the counter is zero must happen before a Wait. When `wg.Add(1)` is called
  inside the goroutine it counts (or after a Done that may have brought
  the counter to zero), `Wait` can see a zero counter and return before
  the Add runs: the caller goes on while the work still runs (reading
  results that are not there yet), and a reused WaitGroup may panic.

  The rule reports the Add when an interleaving runs a Wait that returns,
  then the Add from zero in a goroutine that was already running when
  Wait returned (a goroutine started after Wait returned, by the waiter,
  is ordered and is not reported).

  Fix: call `wg.Add(1)` before the `go` statement, in the goroutine that
  calls Wait (or before its own Done when a worker starts sub-work).

  Known false positives: an Add from zero that other synchronisation the
  analysis does not follow (a mutex, an atomic) orders after the Wait.
tags: [waitgroup, race]
precision: high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # Add inside the goroutine it counts.
    - |
      package notify

      import "sync"

      // All notifies every user and waits for the notifications.
      func All(users []string, send func(string)) {
      	var wg sync.WaitGroup
      	for _, u := range users {
      		go func(u string) {
      			↓wg.Add(1)
      			defer wg.Done()
      			send(u)
      		}(u)
      	}
      	wg.Wait()
      }
    # A worker signals Done before adding its sub-work.
    - |
      package crawl

      import "sync"

      type crawler struct {
      	wg    sync.WaitGroup
      	links func(string) []string
      }

      func (c *crawler) fetch(u string) {
      	links := c.links(u)
      	c.wg.Done()
      	for _, l := range links {
      		↓c.wg.Add(1)
      		go c.fetch(l)
      	}
      }

      // Crawl follows links from start.
      func Crawl(start string, links func(string) []string) {
      	c := &crawler{links: links}
      	c.wg.Add(1)
      	go c.fetch(start)
      	c.wg.Wait()
      }
    # A struct method starts background work counted too late.
    - |
      package flush

      import "sync"

      type writer struct {
      	wg    sync.WaitGroup
      	flush func()
      }

      func (w *writer) background() {
      	↓w.wg.Add(1)
      	defer w.wg.Done()
      	w.flush()
      }

      // Close starts a last flush and waits for pending flushes.
      func Close(flush func()) {
      	w := &writer{flush: flush}
      	go w.background()
      	w.wg.Wait()
      }
    # A generic fan-out helper that counts inside the goroutine.
    - |
      package fan

      import "sync"

      // Out runs f on every item and waits.
      func Out[T any](items []T, f func(T)) {
      	var wg sync.WaitGroup
      	for _, it := range items {
      		go func(it T) {
      			↓wg.Add(1)
      			f(it)
      			wg.Done()
      		}(it)
      	}
      	wg.Wait()
      }
  good:
    # Add before go.
    - |
      package notify

      import "sync"

      // All notifies every user and waits for the notifications.
      func All(users []string, send func(string)) {
      	var wg sync.WaitGroup
      	for _, u := range users {
      		wg.Add(1)
      		go func(u string) {
      			defer wg.Done()
      			send(u)
      		}(u)
      	}
      	wg.Wait()
      }
    # A worker adds for its sub-work before its own Done.
    - |
      package crawl

      import "sync"

      type crawler struct {
      	wg    sync.WaitGroup
      	links func(string) []string
      }

      func (c *crawler) fetch(u string) {
      	defer c.wg.Done()
      	for _, l := range c.links(u) {
      		c.wg.Add(1)
      		go c.fetch(l)
      	}
      }

      // Crawl follows links from start.
      func Crawl(start string, links func(string) []string) {
      	c := &crawler{links: links}
      	c.wg.Add(1)
      	go c.fetch(start)
      	c.wg.Wait()
      }
    # A WaitGroup reused after Wait, by the goroutine that waited.
    - |
      package rounds

      import "sync"

      // Two runs two rounds of work, one after the other.
      func Two(work func(round int)) {
      	var wg sync.WaitGroup
      	for round := 0; round < 2; round++ {
      		wg.Add(1)
      		go func(round int) {
      			defer wg.Done()
      			work(round)
      		}(round)
      		wg.Wait()
      	}
      }
    # wg.Add with the total before starting.
    - |
      package fan

      import "sync"

      // Out runs f on every item and waits.
      func Out[T any](items []T, f func(T)) {
      	var wg sync.WaitGroup
      	wg.Add(len(items))
      	for _, it := range items {
      		go func(it T) {
      			defer wg.Done()
      			f(it)
      		}(it)
      	}
      	wg.Wait()
      }
    # The IR pins ordering: a goroutine started after Wait returned may Add from zero.
    - lang: cir
      code: |
        package example.com/wg1003/good

        func example.com/wg1003/good.Run() {
            var wg sync.WaitGroup
        b0:
            wg.wait wg
            go example.com/wg1003/good.Run.func1()
            return
        }

        func example.com/wg1003/good.Run.func1() {
            parent example.com/wg1003/good.Run
            capture wg sync.WaitGroup
        b0:
            wg.add wg, 1
            wg.done wg
            return
        }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1004-negative-waitgroup-counter.yaml", text: #"""
# More Done than Add: the WaitGroup counter goes negative and the program panics.
# The format of this file is described in rules/README.md.
id: WG1004
name: negative-waitgroup-counter
category: waitgroup
level: error
summary: "A WaitGroup counter goes negative (more Done than Add), which panics."
description: |
  `Done` (or `Add` with a negative delta) that takes the counter below
  zero panics with "sync: negative WaitGroup counter", killing the
  program. It happens with a deferred Done plus an explicit one, one Add
  for several goroutines, or a Done per item in a goroutine counted once.

  The rule reports the Done or Add that takes the counter below zero in
  some interleaving (a deferred Done is reported at its defer, a Done
  taken as a method value, `finish := wg.Done`, where it is taken). When
  either of two Dones can be the one that goes below zero, depending on
  the interleaving, both are reported.

  Fix: exactly one Done per counted goroutine, best as `defer wg.Done()`
  right at its start, and one `Add(1)` per `go` statement.

  Known false positives: a WaitGroup that reaches code outside the
  analysed packages is never reported; an Add by an amount the analysis
  cannot compute stops the judgement of that WaitGroup.
tags: [waitgroup, panic]
precision: very-high
since: "0.1.0"
analysis: leak
examples:
  bad:
    # A deferred Done plus an explicit one.
    - |
      package save

      import "sync"

      // Save writes every record concurrently.
      func Save(records []string, write func(string) error) {
      	var wg sync.WaitGroup
      	for _, r := range records {
      		wg.Add(1)
      		go func(r string) {
      			↓defer wg.Done()
      			if err := write(r); err != nil {
      				return
      			}
      			↓wg.Done()
      		}(r)
      	}
      	wg.Wait()
      }
    # One Add for two goroutines.
    - |
      package pair

      import "sync"

      // Both runs a and b and waits for them.
      func Both(a, b func()) {
      	var wg sync.WaitGroup
      	wg.Add(1)
      	go func() {
      		a()
      		↓wg.Done()
      	}()
      	go func() {
      		b()
      		↓wg.Done()
      	}()
      	wg.Wait()
      }
    # A Done per item in a goroutine counted once.
    - |
      package chunk

      import "sync"

      // Process handles a chunk of items on one goroutine.
      func Process(items []int, handle func(int)) {
      	var wg sync.WaitGroup
      	wg.Add(1)
      	go func() {
      		for _, it := range items {
      			handle(it)
      			↓wg.Done()
      		}
      	}()
      	wg.Wait()
      }
    # A struct's worker calls Done twice through a helper.
    - |
      package job

      import "sync"

      type runner struct {
      	wg sync.WaitGroup
      }

      func (r *runner) finish() {
      	↓r.wg.Done()
      }

      func (r *runner) run(job func() error) {
      	defer r.finish()
      	if job() != nil {
      		r.finish()
      	}
      }

      // Run runs one job and waits for it.
      func Run(job func() error) {
      	r := &runner{}
      	r.wg.Add(1)
      	go r.run(job)
      	r.wg.Wait()
      }
    # The IR pins the counter: a second Done after one Add panics.
    - lang: cir
      code: |
        package example.com/wg1004/bad

        func example.com/wg1004/bad.Run() {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            go example.com/wg1004/bad.Run.func1()
            wg.wait wg
            return
        }

        func example.com/wg1004/bad.Run.func1() {
            parent example.com/wg1004/bad.Run
            capture wg sync.WaitGroup
        b0:
            wg.done wg
            ↓wg.done wg
            return
        }
    # Done taken as a method value and called twice (reported where the
    # method value is taken: its calls run the Done written there).
    - |
      package rows

      import "sync"

      // InsertAll inserts every row on its own goroutine.
      func InsertAll(rows []string, insert func(string) error) {
      	var wg sync.WaitGroup
      	for _, r := range rows {
      		wg.Add(1)
      		go func(r string) {
      			finish := ↓wg.Done
      			defer finish()
      			if insert(r) != nil {
      				finish()
      				return
      			}
      		}(r)
      	}
      	wg.Wait()
      }
  good:
    # One deferred Done per goroutine.
    - |
      package save

      import "sync"

      // Save writes every record concurrently.
      func Save(records []string, write func(string) error) {
      	var wg sync.WaitGroup
      	for _, r := range records {
      		wg.Add(1)
      		go func(r string) {
      			defer wg.Done()
      			_ = write(r)
      		}(r)
      	}
      	wg.Wait()
      }
    # Add(2) for two goroutines.
    - |
      package pair

      import "sync"

      // Both runs a and b and waits for them.
      func Both(a, b func()) {
      	var wg sync.WaitGroup
      	wg.Add(2)
      	go func() {
      		defer wg.Done()
      		a()
      	}()
      	go func() {
      		defer wg.Done()
      		b()
      	}()
      	wg.Wait()
      }
    # Add(len(items)) before one Done per item.
    - |
      package chunk

      import "sync"

      // Process handles a chunk of items on one goroutine.
      func Process(items []int, handle func(int)) {
      	var wg sync.WaitGroup
      	wg.Add(len(items))
      	go func() {
      		for _, it := range items {
      			handle(it)
      			wg.Done()
      		}
      	}()
      	wg.Wait()
      }
    # Done on exactly one of two exclusive paths.
    - |
      package job

      import "sync"

      // Run runs one job and waits for it.
      func Run(job func() error) error {
      	var wg sync.WaitGroup
      	var err error
      	wg.Add(1)
      	go func() {
      		if e := job(); e != nil {
      			err = e
      			wg.Done()
      			return
      		}
      		wg.Done()
      	}()
      	wg.Wait()
      	return err
      }
    # A batch filled by append from nil, one goroutine per element: Add(len(batch)) counts them.
    - |
      package batch

      import "sync"

      // Run collects what in delivers, then runs each on its own goroutine.
      func Run(in <-chan int, run func(int)) {
      	var batch []int
      	for v := range in {
      		batch = append(batch, v)
      	}
      	var wg sync.WaitGroup
      	wg.Add(len(batch))
      	for _, v := range batch {
      		go func(v int) {
      			defer wg.Done()
      			run(v)
      		}(v)
      	}
      	wg.Wait()
      }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1050-add-inside-goroutine.yaml", text: #"""
# wg.Add called by the goroutine it counts. The format of this file is
# described in rules/README.md.
id: WG1050
name: add-inside-goroutine
category: waitgroup
level: error
summary: wg.Add is called inside the goroutine it counts, so Wait can return before the goroutine has started.
description: |
  `go func() { wg.Add(1); defer wg.Done(); ... }()` races with the
  spawner's `wg.Wait()`: nothing orders the goroutine's Add before the Wait,
  so Wait can see a zero counter and return while the work has not even
  started. The results are read before they are written, or the program
  exits with work half done. The race is rare on an idle machine and common
  under load.

  The rule reports an Add in a goroutine (a function started by `go`) on a
  WaitGroup it was given (captured, passed or global), when the same
  goroutine also calls Done on it: the goroutine counts itself. A goroutine
  that calls Add for goroutines it starts itself is fine and not reported,
  and so is a goroutine counted by the same WaitGroup (a `defer wg.Done()`
  before the Add) that adds for a goroutine it starts after the Add: its own
  count keeps Wait from returning before the Add.

  Fix: call `wg.Add(1)` before the `go` statement (or `wg.Add(n)` once
  before the loop). conclint offers the move as a fix for a closure started
  from one place. With Go 1.25, `wg.Go(f)` does both and cannot get it
  wrong.

  Known false positives: a goroutine that calls Add and Done on a
  WaitGroup whose Wait is only called after some other synchronisation
  guarantees the Add happened (a channel receive the goroutine sends on
  after its Add).
tags: [waitgroup, race]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # The classic: Add inside the closure started per URL.
    - |
      package crawl

      import "sync"

      // FetchAll fetches every URL concurrently and waits for all of them.
      func FetchAll(urls []string, fetch func(string)) {
      	var wg sync.WaitGroup
      	for _, u := range urls {
      		u := u
      		go func() {
      			↓wg.Add(1)
      			defer wg.Done()
      			fetch(u)
      		}()
      	}
      	wg.Wait()
      }
    # A helper started with go that counts itself.
    - |
      package jobs

      import "sync"

      // Job is a unit of work.
      type Job interface{ Run() }

      func worker(wg *sync.WaitGroup, job Job) {
      	↓wg.Add(1)
      	defer wg.Done()
      	job.Run()
      }

      // RunAll runs the jobs concurrently and waits for them.
      func RunAll(jobs []Job) {
      	var wg sync.WaitGroup
      	for _, j := range jobs {
      		go worker(&wg, j)
      	}
      	wg.Wait()
      }
    # A struct field: Shutdown can return while a connection handler starts.
    - |
      package server

      import (
      	"net"
      	"sync"
      )

      // Server serves connections until Shutdown.
      type Server struct {
      	ln      net.Listener
      	handle  func(net.Conn)
      	running sync.WaitGroup
      }

      func (s *Server) serve(c net.Conn) {
      	↓s.running.Add(1)
      	defer s.running.Done()
      	defer c.Close()
      	s.handle(c)
      }

      // Serve accepts connections until the listener is closed.
      func (s *Server) Serve() {
      	for {
      		c, err := s.ln.Accept()
      		if err != nil {
      			return
      		}
      		go s.serve(c)
      	}
      }

      // Shutdown stops accepting and waits for the handlers.
      func (s *Server) Shutdown() {
      	s.ln.Close()
      	s.running.Wait()
      }
    # Generics: a parallel map whose results may be read before they are written.
    - |
      package par

      import "sync"

      // Map applies f to every element concurrently.
      func Map[T, U any](xs []T, f func(T) U) []U {
      	out := make([]U, len(xs))
      	var wg sync.WaitGroup
      	for i := range xs {
      		go func(i int) {
      			↓wg.Add(1)
      			defer wg.Done()
      			out[i] = f(xs[i])
      		}(i)
      	}
      	wg.Wait()
      	return out
      }
    - lang: cir
      code: |
        package example.com/crawl

        func example.com/crawl.FetchAll(urls []string, fetch func(string)) {
            var wg sync.WaitGroup
        b0:
            jump b1
        b1: loop len(urls)
            if ? then b2 else b3
        b2:
            go example.com/crawl.FetchAll.func1()
            jump b1
        b3:
            wg.wait wg
            return
        }

        func example.com/crawl.FetchAll.func1() {
            parent example.com/crawl.FetchAll
            capture wg sync.WaitGroup
            capture fetch func(string)
        b0:
            ↓wg.add wg, 1
            defer wg.done wg
            call (fetch)(?)
            return
        }
  good:
    # Add before the go statement.
    - |
      package crawl

      import "sync"

      // FetchAll fetches every URL concurrently and waits for all of them.
      func FetchAll(urls []string, fetch func(string)) {
      	var wg sync.WaitGroup
      	for _, u := range urls {
      		wg.Add(1)
      		go func(u string) {
      			defer wg.Done()
      			fetch(u)
      		}(u)
      	}
      	wg.Wait()
      }
    # One Add for all of them, before the loop.
    - |
      package jobs

      import "sync"

      // Job is a unit of work.
      type Job interface{ Run() }

      func worker(wg *sync.WaitGroup, job Job) {
      	defer wg.Done()
      	job.Run()
      }

      // RunAll runs the jobs concurrently and waits for them.
      func RunAll(jobs []Job) {
      	var wg sync.WaitGroup
      	wg.Add(len(jobs))
      	for _, j := range jobs {
      		go worker(&wg, j)
      	}
      	wg.Wait()
      }
    # A goroutine that adds for the goroutines it starts itself.
    - |
      package fanout

      import "sync"

      // Start feeds every item to its own worker from a background goroutine;
      // done is closed when all workers have finished.
      func Start(items <-chan int, work func(int)) (done <-chan struct{}) {
      	finished := make(chan struct{})
      	var wg sync.WaitGroup
      	go func() {
      		for it := range items {
      			wg.Add(1)
      			go func(it int) {
      				defer wg.Done()
      				work(it)
      			}(it)
      		}
      		wg.Wait()
      		close(finished)
      	}()
      	return finished
      }
    # The goroutine's own WaitGroup, for helpers it runs.
    - |
      package pipeline

      import "sync"

      // Stage runs both halves of a job in parallel on a goroutine and reports on done.
      func Stage(left, right func(), done chan<- struct{}) {
      	go func() {
      		var wg sync.WaitGroup
      		wg.Add(2)
      		go func() { defer wg.Done(); left() }()
      		go func() { defer wg.Done(); right() }()
      		wg.Wait()
      		done <- struct{}{}
      	}()
      }
    # A counted goroutine (its Done deferred) adds for the goroutine it starts.
    - |
      package accept

      import (
      	"net"
      	"sync"
      )

      // Serve handles every connection of ln on its own goroutine; Wait on
      // the result returns once ln is closed and every handler has finished.
      func Serve(ln net.Listener, handle func(net.Conn)) *sync.WaitGroup {
      	wg := new(sync.WaitGroup)
      	wg.Add(1)
      	go func() {
      		defer wg.Done()
      		for {
      			c, err := ln.Accept()
      			if err != nil {
      				return
      			}
      			wg.Add(1)
      			go func() {
      				defer wg.Done()
      				handle(c)
      			}()
      		}
      	}()
      	return wg
      }
    - lang: cir
      code: |
        package example.com/crawl

        func example.com/crawl.FetchAll(urls []string, fetch func(string)) {
            var wg sync.WaitGroup
        b0:
            jump b1
        b1: loop len(urls)
            if ? then b2 else b3
        b2:
            wg.add wg, 1
            go example.com/crawl.FetchAll.func1()
            jump b1
        b3:
            wg.wait wg
            return
        }

        func example.com/crawl.FetchAll.func1() {
            parent example.com/crawl.FetchAll
            capture wg sync.WaitGroup
            capture fetch func(string)
        b0:
            defer wg.done wg
            call (fetch)(?)
            return
        }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1051-done-missing-on-path.yaml", text: #"""
# A goroutine that can leave without calling Done. The format of this file
# is described in rules/README.md.
id: WG1051
name: done-missing-on-path
category: waitgroup
level: error
summary: A goroutine calls wg.Done on some paths but can return or panic without it, so Wait blocks for ever.
description: |
  A goroutine that owes a Done must pay it on every way out. An early
  return before a Done at the end of the function, or a panic (recovered
  further up the goroutine) when the Done is not deferred, leaves the
  counter one too high: `wg.Wait()` never returns and whatever waits
  behind it (a shutdown, a request) hangs.

  The rule follows every path of each goroutine (a function started by
  `go`) that calls Done on a WaitGroup it was given, from its start to each
  return and panic. Done calls through helpers that call Done on every
  path, and handing the WaitGroup to another goroutine that does, count.
  The finding points at the exit that skips the Done. Paths on which the
  WaitGroup is nil (`if wg != nil { defer wg.Done() }`) owe nothing, and a
  worker whose every Done is inside a `for range ch` loop pays one per
  received item, so its return when the channel closes owes none.

  Fix: `defer wg.Done()` as the goroutine's first statement.

  A panic nothing can recover ends the whole program, so the Done it skips
  does not matter: the goroutine's function runs only as a goroutine (a
  function literal, or an unexported function every call of which is a
  `go`) and defers no call that could recover (a deferred `t.Stop()` or
  `mu.Unlock()` cannot). `t.Fatal` and runtime.Goexit end the goroutine
  alone and are still reported.

  Known false positives: a path that cannot run in practice (its condition
  is always false); a panic in a function that defers a call that does
  not recover (`defer f.Close()`).
tags: [waitgroup, deadlock]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # An early return for skipped items.
    - |
      package batch

      import "sync"

      // Item is one unit of a batch.
      type Item struct {
      	Skip bool
      	Data []byte
      }

      // Process handles every item concurrently.
      func Process(items []Item, handle func([]byte)) {
      	var wg sync.WaitGroup
      	for _, it := range items {
      		wg.Add(1)
      		go func(it Item) {
      			if it.Skip {
      				↓return
      			}
      			handle(it.Data)
      			wg.Done()
      		}(it)
      	}
      	wg.Wait()
      }
    # A recovered panic skips the Done that is not deferred.
    - |
      package safe

      import (
      	"log"
      	"sync"
      )

      // Go runs f on a goroutine that survives panics.
      func Go(wg *sync.WaitGroup, f func() error) {
      	wg.Add(1)
      	go func() {
      		defer func() {
      			if r := recover(); r != nil {
      				log.Printf("recovered: %v", r)
      			}
      		}()
      		if err := f(); err != nil {
      			↓panic(err)
      		}
      		wg.Done()
      	}()
      }
    # t.Fatal on a goroutine ends it through runtime.Goexit: no panic ends
    # the program, and Wait blocks the test for ever.
    - |
      package store_test

      import (
      	"sync"
      	"testing"
      )

      func TestConcurrentPuts(t *testing.T) {
      	put := func(k string) error { return nil }
      	var wg sync.WaitGroup
      	for _, k := range []string{"a", "b", "c"} {
      		wg.Add(1)
      		go func(k string) {
      			if err := put(k); err != nil {
      				↓t.Fatal(err)
      			}
      			wg.Done()
      		}(k)
      	}
      	wg.Wait()
      }
    # A helper started with go: an error return before the Done.
    - |
      package workers

      import (
      	"log"
      	"sync"
      )

      // Job is a unit of work.
      type Job interface{ Run() error }

      func worker(id int, jobs <-chan Job, wg *sync.WaitGroup) {
      	for j := range jobs {
      		if err := j.Run(); err != nil {
      			log.Printf("worker %d: %v", id, err)
      			↓return
      		}
      	}
      	wg.Done()
      }

      // Start runs n workers over jobs; Wait on the result waits for them.
      func Start(n int, jobs <-chan Job) *sync.WaitGroup {
      	wg := new(sync.WaitGroup)
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go worker(i, jobs, wg)
      	}
      	return wg
      }
    # A struct field: a closed pool leaves its loop without Done.
    - |
      package pool

      import "sync"

      // Pool runs tasks on a fixed set of goroutines.
      type Pool struct {
      	mu     sync.Mutex
      	closed bool
      	tasks  chan func()
      	wg     sync.WaitGroup
      }

      func (p *Pool) loop() {
      	for t := range p.tasks {
      		p.mu.Lock()
      		closed := p.closed
      		p.mu.Unlock()
      		if closed {
      			↓return
      		}
      		t()
      	}
      	p.wg.Done()
      }

      // Start starts n goroutines.
      func (p *Pool) Start(n int) {
      	for i := 0; i < n; i++ {
      		p.wg.Add(1)
      		go p.loop()
      	}
      }
    # Generics: the filter path returns before the Done.
    - |
      package stream

      import "sync"

      // Filter sends the values that pass keep to out, one goroutine per value.
      func Filter[T any](in []T, keep func(T) bool, out chan<- T) {
      	var wg sync.WaitGroup
      	for _, v := range in {
      		wg.Add(1)
      		go func(v T) {
      			if !keep(v) {
      				↓return
      			}
      			out <- v
      			wg.Done()
      		}(v)
      	}
      	wg.Wait()
      }
    - lang: cir
      code: |
        package example.com/batch

        func example.com/batch.Process.func1(skip bool) {
            parent example.com/batch.Process
            capture wg sync.WaitGroup
        b0:
            if skip then b1 else b2
        b1:
            ↓return
        b2:
            wg.done wg
            return
        }

        func example.com/batch.Process(items []int) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            go example.com/batch.Process.func1(true)
            wg.wait wg
            return
        }
  good:
    # Done deferred first: every path pays it, panics too.
    - |
      package batch

      import "sync"

      // Item is one unit of a batch.
      type Item struct {
      	Skip bool
      	Data []byte
      }

      // Process handles every item concurrently.
      func Process(items []Item, handle func([]byte)) {
      	var wg sync.WaitGroup
      	for _, it := range items {
      		wg.Add(1)
      		go func(it Item) {
      			defer wg.Done()
      			if it.Skip {
      				return
      			}
      			handle(it.Data)
      		}(it)
      	}
      	wg.Wait()
      }
    # Done on both paths, explicitly.
    - |
      package workers

      import (
      	"log"
      	"sync"
      )

      // Job is a unit of work.
      type Job interface{ Run() error }

      func worker(id int, jobs <-chan Job, wg *sync.WaitGroup) {
      	for j := range jobs {
      		if err := j.Run(); err != nil {
      			log.Printf("worker %d: %v", id, err)
      			wg.Done()
      			return
      		}
      	}
      	wg.Done()
      }

      // Start runs n workers over jobs; Wait on the result waits for them.
      func Start(n int, jobs <-chan Job) *sync.WaitGroup {
      	wg := new(sync.WaitGroup)
      	for i := 0; i < n; i++ {
      		wg.Add(1)
      		go worker(i, jobs, wg)
      	}
      	return wg
      }
    # A helper that always calls Done pays it for the goroutine.
    - |
      package fetch

      import "sync"

      func finish(wg *sync.WaitGroup, results chan<- string, r string) {
      	defer wg.Done()
      	results <- r
      }

      // All fetches every key concurrently into results.
      func All(keys []string, get func(string) string, results chan<- string) {
      	var wg sync.WaitGroup
      	for _, k := range keys {
      		wg.Add(1)
      		go func(k string) {
      			if k == "" {
      				finish(&wg, results, "")
      				return
      			}
      			finish(&wg, results, get(k))
      		}(k)
      	}
      	wg.Wait()
      }
    # A goroutine that calls no Done at all is not this rule's business.
    - |
      package logs

      import "log"

      // Drain logs every line until lines is closed, skipping empty ones.
      func Drain(lines <-chan string) {
      	go func() {
      		for l := range lines {
      			if l == "" {
      				continue
      			}
      			log.Print(l)
      		}
      	}()
      }
    # No WaitGroup, no Done owed: the Done is deferred when there is one.
    - |
      package rpc

      import "sync"

      func call(wg *sync.WaitGroup, f func()) {
      	if wg != nil {
      		defer wg.Done()
      	}
      	f()
      }

      // Serve runs every request on its own goroutine; wg, if given, counts them.
      func Serve(reqs []func(), wg *sync.WaitGroup) {
      	for _, r := range reqs {
      		if wg != nil {
      			wg.Add(1)
      		}
      		go call(wg, r)
      	}
      }
    # A panic nothing recovers ends the whole program, Wait included: the
    # goroutine runs only as a goroutine and defers nothing.
    - |
      package echo_test

      import (
      	"net"
      	"sync"
      	"testing"
      )

      func TestManyClients(t *testing.T) {
      	var wg sync.WaitGroup
      	wg.Add(64)
      	for i := 0; i < 64; i++ {
      		go client(&wg, "127.0.0.1:7000")
      	}
      	wg.Wait()
      }

      func client(wg *sync.WaitGroup, addr string) {
      	conn, err := net.Dial("tcp", addr)
      	if err != nil {
      		panic(err)
      	}
      	conn.Write([]byte("ping"))
      	conn.Close()
      	wg.Done()
      }
    # A deferred Stop cannot recover: the invariant's panic ends the program.
    - |
      package refs

      import (
      	"sync"
      	"time"
      )

      // Tracker counts references by id and reports them every second.
      type Tracker struct {
      	add    chan int
      	closed chan struct{}
      	done   sync.WaitGroup
      	report func(map[int]int)
      }

      // Start runs the tracker's loop.
      func (t *Tracker) Start() {
      	t.done.Add(1)
      	go t.loop()
      }

      func (t *Tracker) loop() {
      	counts := map[int]int{}
      	tick := time.NewTimer(time.Second)
      	defer tick.Stop()
      	for {
      		select {
      		case id := <-t.add:
      			if id < 0 {
      				panic("negative reference id")
      			}
      			counts[id]++
      		case <-tick.C:
      			t.report(counts)
      			tick.Reset(time.Second)
      		case <-t.closed:
      			t.done.Done()
      			return
      		}
      	}
      }
    # One Done per received item: the return when the channel closes owes none.
    - |
      package pool

      import "sync"

      // Run runs every request of reqs on one of n workers; wg counts requests.
      func Run(n int, reqs <-chan func() error, wg *sync.WaitGroup, failed func(error)) {
      	for i := 0; i < n; i++ {
      		go func() {
      			for r := range reqs {
      				if err := r(); err != nil {
      					failed(err)
      					wg.Done()
      					continue
      				}
      				wg.Done()
      			}
      		}()
      	}
      }
    - lang: cir
      code: |
        package example.com/batch

        func example.com/batch.Process.func1(skip bool) {
            parent example.com/batch.Process
            capture wg sync.WaitGroup
        b0:
            defer wg.done wg
            if skip then b1 else b2
        b1:
            return
        b2:
            panic "bad item"
        }

        func example.com/batch.Process(items []int) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            go example.com/batch.Process.func1(true)
            wg.wait wg
            return
        }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1052-add-count-mismatch.yaml", text: #"""
# wg.Add(n) that does not match the goroutines started. The format of this
# file is described in rules/README.md.
id: WG1052
name: add-count-mismatch
category: waitgroup
level: error
summary: wg.Add(n) does not match the number of goroutines started after it that call Done.
description: |
  The number given to Add must equal the number of Done calls that will
  follow. `wg.Add(1)` before a loop that starts one goroutine per element
  lets Wait return after the first one finishes (or panics with a negative
  counter); `wg.Add(3)` for two goroutines makes Wait block for ever;
  `wg.Add(len(a))` before a range over `b` is right only while the two
  happen to have the same length.

  The rule follows the paths from an Add to the next Wait or Add of the
  same WaitGroup and counts the goroutines started there whose function
  calls Done on it. A goroutine started in a loop counts as many times as
  the loop runs when the IR knows its trip count (a constant, `for i := 0;
  i < n; i++`, a range over a map or slice). The two sides are compared:
  both constants, a single Add(1) against a per-iteration count, or two
  different lengths. An Add of a sum or difference (`wg.Add(len(xs) - 1)`,
  `total := readers + writers`) counts its parts, and Adds of the same
  WaitGroup one right after another, with nothing between them that could
  start a goroutine, count together (`wg.Add(len(in)); wg.Add(len(in))`
  before a loop that starts a reader and a writer per element).

  Fix: `wg.Add(1)` right before each `go` statement, or Add the loop's own
  count (`wg.Add(len(xs))` before `for ... range xs`). With Go 1.25,
  `wg.Go(f)` counts for itself.

  Not reported (count unknown): goroutines started only on some paths, in
  loops that can be left early (`break`, `return`), or in loops whose trip
  count the IR does not know; an Add whose count is computed otherwise
  (`wg.Add(n * 2)`). `wg.Go` never needs an Add.

  A slice made with a length and never replaced has that length: `b :=
  make([]T, len(a))` counts as len(a), whether the Add or the loop names b.

  Known false positives: two lengths equal by construction in a way the
  rule does not follow (`b := append([]T(nil), a...)`, a slice filled
  element by element) but held by different variables.
tags: [waitgroup, deadlock]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # One goroutine per shard, but Add counts one fewer: Wait returns
    # while the last write may still run.
    - |
      package shards

      import "sync"

      // Flush writes every shard concurrently and waits for them.
      func Flush(shards [][]byte, write func([]byte)) {
      	var wg sync.WaitGroup
      	↓wg.Add(len(shards) - 1)
      	for _, s := range shards {
      		go func(s []byte) {
      			defer wg.Done()
      			write(s)
      		}(s)
      	}
      	wg.Wait()
      }
    # Two goroutines per key of a slice n long, but Add(n).
    - |
      package cachebench

      import "sync"

      // GetSet reads and writes n keys concurrently.
      func GetSet(n int, name func(int) string, get, set func(string)) {
      	keys := make([]string, n)
      	for i := range keys {
      		keys[i] = name(i)
      	}
      	var wg sync.WaitGroup
      	↓wg.Add(n)
      	for _, k := range keys {
      		go func(k string) {
      			defer wg.Done()
      			get(k)
      		}(k)
      		go func(k string) {
      			defer wg.Done()
      			set(k)
      		}(k)
      	}
      	wg.Wait()
      }
    # One Add for a goroutine per element.
    - |
      package resize

      import "sync"

      // All resizes every image concurrently.
      func All(images map[string][]byte, resize func(string, []byte)) {
      	var wg sync.WaitGroup
      	↓wg.Add(1)
      	for name, img := range images {
      		go func(name string, img []byte) {
      			defer wg.Done()
      			resize(name, img)
      		}(name, img)
      	}
      	wg.Wait()
      }
    # Helpers: three goroutines, but Add(2).
    - |
      package boot

      import "sync"

      func loadConfig(wg *sync.WaitGroup) { defer wg.Done() }
      func warmCache(wg *sync.WaitGroup)  { defer wg.Done() }
      func dialDB(wg *sync.WaitGroup)     { defer wg.Done() }

      // Start runs the start-up steps in parallel.
      func Start() {
      	var wg sync.WaitGroup
      	↓wg.Add(2)
      	go loadConfig(&wg)
      	go warmCache(&wg)
      	go dialDB(&wg)
      	wg.Wait()
      }
    # A struct field: the count of one map, the range over another.
    - |
      package cluster

      import "sync"

      // Cluster talks to its peers.
      type Cluster struct {
      	peers map[string]string
      	conns map[string]func() error
      	wg    sync.WaitGroup
      }

      // PingAll pings every open connection.
      func (c *Cluster) PingAll() {
      	↓c.wg.Add(len(c.peers))
      	for _, ping := range c.conns {
      		go func(ping func() error) {
      			defer c.wg.Done()
      			_ = ping()
      		}(ping)
      	}
      	c.wg.Wait()
      }
    # A loop: two goroutines per iteration, one Add.
    - |
      package mirror

      import "sync"

      // Copy mirrors every object to both replicas.
      func Copy(objects []string, primary, backup func(string)) {
      	var wg sync.WaitGroup
      	for _, o := range objects {
      		↓wg.Add(1)
      		go func(o string) {
      			defer wg.Done()
      			primary(o)
      		}(o)
      		go func(o string) {
      			defer wg.Done()
      			backup(o)
      		}(o)
      	}
      	wg.Wait()
      }
    # Generics: a constant count for a counted loop of another size.
    - |
      package probe

      import "sync"

      // Three probes f three times concurrently and collects the results.
      func Three[T any](f func() T) []T {
      	out := make([]T, 3)
      	var wg sync.WaitGroup
      	↓wg.Add(2)
      	for i := 0; i < 3; i++ {
      		go func(i int) {
      			defer wg.Done()
      			out[i] = f()
      		}(i)
      	}
      	wg.Wait()
      	return out
      }
    # A local given a constant once stands for it: three workers, two started.
    - |
      package crawl

      import "sync"

      // Crawl fetches with a fixed pool of workers.
      func Crawl(urls <-chan string, fetch func(string)) {
      	workers := 3
      	var wg sync.WaitGroup
      	↓wg.Add(workers)
      	for i := 0; i < 2; i++ {
      		go func() {
      			defer wg.Done()
      			for u := range urls {
      				fetch(u)
      			}
      		}()
      	}
      	wg.Wait()
      }
    - lang: cir
      code: |
        package example.com/resize

        func example.com/resize.All(images map[string][]byte) {
            var wg sync.WaitGroup
        b0:
            ↓wg.add wg, 1
            jump b1
        b1: loop len(images)
            if ? then b2 else b3
        b2:
            go example.com/resize.All.func1()
            jump b1
        b3:
            wg.wait wg
            return
        }

        func example.com/resize.All.func1() {
            parent example.com/resize.All
            capture wg sync.WaitGroup
        b0:
            defer wg.done wg
            return
        }
    # Two Adds of the same length, as if each element had a reader and a
    # writer, before a loop that starts only the reader: Wait never returns.
    - |
      package pump

      import "sync"

      func Drain(in []chan int) {
      	var wg sync.WaitGroup
      	wg.Add(len(in))
      	↓wg.Add(len(in))
      	for i := range in {
      		go func(i int) {
      			defer wg.Done()
      			for range in[i] {
      			}
      		}(i)
      	}
      	wg.Wait()
      }
  good:
    # One Add per kind of goroutine, one right after the other: together
    # they count the two goroutines each element starts.
    - |
      package pump

      import (
      	"strings"
      	"sync"
      )

      func Sum(in []chan int, labels []string) []int {
      	sums := make([]int, len(in))
      	var wg sync.WaitGroup
      	wg.Add(len(in))
      	wg.Add(len(in))
      	for i := range in {
      		go func(i int) {
      			defer wg.Done()
      			for v := range in[i] {
      				sums[i] += v
      			}
      		}(i)
      		go func(i int) {
      			defer wg.Done()
      			labels[i] = strings.ToUpper(labels[i])
      		}(i)
      	}
      	wg.Wait()
      	return sums
      }
    # A copy made with the original's length: Add names the copy, the
    # loop ranges over the original, and both are len(a) long.
    - |
      package fanout

      import "sync"

      // Each calls f on a snapshot of a's elements, one goroutine each.
      func Each(a []int, f func(int)) {
      	b := make([]int, len(a))
      	copy(b, a)
      	var wg sync.WaitGroup
      	wg.Add(len(b))
      	for _, x := range a {
      		go func(x int) {
      			defer wg.Done()
      			f(x)
      		}(x)
      	}
      	wg.Wait()
      }
    # The loop's bound is the length Add counts, under another name.
    - |
      package units

      import "sync"

      // Generate runs one generator per unit, at most four at a time.
      func Generate(units []string, gen func(string)) {
      	var wg sync.WaitGroup
      	sema := make(chan struct{}, 4)
      	n := len(units)
      	wg.Add(len(units))
      	for i := 0; i < n; i++ {
      		go func(u string) {
      			sema <- struct{}{}
      			defer func() {
      				<-sema
      				wg.Done()
      			}()
      			gen(u)
      		}(units[i])
      	}
      	wg.Wait()
      }
    # One goroutine per replica plus the primary, as Add counts.
    - |
      package replicate

      import "sync"

      // Write stores the value on the primary (index 0) and n replicas.
      func Write(n int, store func(int)) {
      	var wg sync.WaitGroup
      	wg.Add(n + 1)
      	for i := 0; i <= n; i++ {
      		go func(i int) {
      			defer wg.Done()
      			store(i)
      		}(i)
      	}
      	wg.Wait()
      }
    # A range over a slice made with the length that Add counts.
    - |
      package cachebench

      import "sync"

      // Fetch gets n keys concurrently.
      func Fetch(n int, name func(int) string, get func(string)) {
      	keys := make([]string, n)
      	for i := range keys {
      		keys[i] = name(i)
      	}
      	var wg sync.WaitGroup
      	wg.Add(n)
      	for _, k := range keys {
      		go func(k string) {
      			defer wg.Done()
      			get(k)
      		}(k)
      	}
      	wg.Wait()
      }
    # The count of the map that is ranged over.
    - |
      package resize

      import "sync"

      // All resizes every image concurrently.
      func All(images map[string][]byte, resize func(string, []byte)) {
      	var wg sync.WaitGroup
      	wg.Add(len(images))
      	for name, img := range images {
      		go func(name string, img []byte) {
      			defer wg.Done()
      			resize(name, img)
      		}(name, img)
      	}
      	wg.Wait()
      }
    # One Add per goroutine, right before it.
    - |
      package mirror

      import "sync"

      // Copy mirrors every object to both replicas.
      func Copy(objects []string, primary, backup func(string)) {
      	var wg sync.WaitGroup
      	for _, o := range objects {
      		wg.Add(2)
      		go func(o string) {
      			defer wg.Done()
      			primary(o)
      		}(o)
      		go func(o string) {
      			defer wg.Done()
      			backup(o)
      		}(o)
      	}
      	wg.Wait()
      }
    # A counted loop and the same count.
    - |
      package probe

      import "sync"

      // N probes f n times concurrently and collects the results.
      func N[T any](f func() T, n int) []T {
      	out := make([]T, n)
      	var wg sync.WaitGroup
      	wg.Add(n)
      	for i := 0; i < n; i++ {
      		go func(i int) {
      			defer wg.Done()
      			out[i] = f()
      		}(i)
      	}
      	wg.Wait()
      	return out
      }
    # The count summed in a local, in another order than the loops: the
    # IR does not show arithmetic, so the sum is not taken for another number.
    - |
      package contention

      import "sync"

      // Run starts the readers and the writers and waits for all of them.
      func Run(readers, writers int, read, write func()) {
      	var wg sync.WaitGroup
      	total := readers + writers
      	wg.Add(total)
      	for i := 0; i < writers; i++ {
      		go func() {
      			defer wg.Done()
      			write()
      		}()
      	}
      	for i := 0; i < readers; i++ {
      		go func() {
      			defer wg.Done()
      			read()
      		}()
      	}
      	wg.Wait()
      }
    # A length kept in a local before ranging over the same slice.
    - |
      package thumbs

      import "sync"

      // Make renders a thumbnail of every picture.
      func Make(pictures []string, render func(string)) {
      	n := len(pictures)
      	var wg sync.WaitGroup
      	wg.Add(n)
      	for _, p := range pictures {
      		go func(p string) {
      			defer wg.Done()
      			render(p)
      		}(p)
      	}
      	wg.Wait()
      }
    # Goroutines started only for some items: the count is not known, nothing is said.
    - |
      package index

      import "sync"

      // Rebuild reindexes the stale documents, one goroutine each.
      func Rebuild(docs map[string]bool, reindex func(string)) {
      	var wg sync.WaitGroup
      	for id, stale := range docs {
      		if !stale {
      			continue
      		}
      		wg.Add(1)
      		go func(id string) {
      			defer wg.Done()
      			reindex(id)
      		}(id)
      	}
      	wg.Wait()
      }
    - lang: cir
      code: |
        package example.com/resize

        func example.com/resize.All(images map[string][]byte) {
            var wg sync.WaitGroup
        b0:
            %1 = map.len images
            wg.add wg, %1
            jump b1
        b1: loop len(images)
            if ? then b2 else b3
        b2:
            go example.com/resize.All.func1()
            jump b1
        b3:
            wg.wait wg
            return
        }

        func example.com/resize.All.func1() {
            parent example.com/resize.All
            capture wg sync.WaitGroup
        b0:
            defer wg.done wg
            return
        }
    # Go 1.25: wg.Go adds and calls Done itself; nothing to count.
    - lang: cir
      go: "1.25"
      code: |
        package example.com/par

        func example.com/par.Each(xs []int, f func(int)) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            jump b1
        b1: loop len(xs)
            if ? then b2 else b3
        b2:
            wg.go wg, func example.com/par.Each.func1
            jump b1
        b3:
            wg.done wg
            wg.wait wg
            return
        }

        func example.com/par.Each.func1() {
            parent example.com/par.Each
            capture f func(int)
        b0:
            call (f)(0)
            return
        }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1053-done-more-than-add.yaml", text: #"""
# More Done than Add on a path. The format of this file is described in
# rules/README.md.
id: WG1053
name: done-more-than-add
category: waitgroup
level: error
summary: wg.Done is called more often than wg.Add on a path, so the counter goes negative.
description: |
  Every Done undoes one unit of an Add. A path that calls Done twice for
  one Add (typically `defer wg.Done()` at the top and a forgotten
  `wg.Done()` before an early return, or a Done in two branches that both
  run) makes the counter negative: the process panics with "sync: negative
  WaitGroup counter", or, when another goroutine's unit is still
  outstanding, Wait returns while that goroutine is still running.

  The rule counts, along each path of one function, the Done calls of a
  WaitGroup minus its constant Adds, deferred Done calls at the exit. A
  function may owe one Done (its caller's Add); a path that reaches two is
  reported, at the second Done (or at the exit when one is deferred). Done
  calls in loops are not counted (their number depends on the data).

  Fix: keep exactly one Done per Add, usually `defer wg.Done()` alone.

  Known false positives: an Add of two (or more) done in the caller for a
  function that calls Done twice on purpose; an Add through a helper the
  rule does not follow.
tags: [waitgroup, panic]
precision: high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A deferred Done plus an explicit one on the error path.
    - |
      package upload

      import (
      	"log"
      	"sync"
      )

      // All uploads every file concurrently.
      func All(files []string, put func(string) error) {
      	var wg sync.WaitGroup
      	for _, f := range files {
      		wg.Add(1)
      		go func(f string) {
      			defer wg.Done()
      			if err := put(f); err != nil {
      				log.Printf("upload %s: %v", f, err)
      				wg.Done()
      				↓return
      			}
      		}(f)
      	}
      	wg.Wait()
      }
    # A struct field: both branches of the cleanup call Done.
    - |
      package worker

      import "sync"

      // Worker runs one task and reports on its WaitGroup.
      type Worker struct {
      	wg     *sync.WaitGroup
      	task   func() error
      	failed bool
      }

      func (w *Worker) run() {
      	if err := w.task(); err != nil {
      		w.failed = true
      		w.wg.Done()
      	}
      	↓w.wg.Done()
      }

      // Start runs the worker on its own goroutine.
      func (w *Worker) Start() {
      	w.wg.Add(1)
      	go w.run()
      }
    # A helper started per job that calls Done twice when the job is retried.
    - |
      package queue

      import "sync"

      // Job can be retried once.
      type Job interface {
      	Run() error
      	Retry() error
      }

      func runJob(j Job, wg *sync.WaitGroup) {
      	if err := j.Run(); err != nil {
      		wg.Done()
      		if err := j.Retry(); err != nil {
      			return
      		}
      	}
      	↓wg.Done()
      }

      // RunAll runs every job on its own goroutine.
      func RunAll(jobs []Job) {
      	var wg sync.WaitGroup
      	for _, j := range jobs {
      		wg.Add(1)
      		go runJob(j, &wg)
      	}
      	wg.Wait()
      }
    # Generics: the closure defers Done and also calls it when the value is dropped.
    - |
      package sink

      import "sync"

      // Send delivers every value to out on its own goroutine, dropping the zero ones.
      func Send[T comparable](values []T, out chan<- T) {
      	var wg sync.WaitGroup
      	for _, v := range values {
      		wg.Add(1)
      		go func(v T) {
      			defer wg.Done()
      			var zero T
      			if v == zero {
      				wg.Done()
      				↓return
      			}
      			out <- v
      		}(v)
      	}
      	wg.Wait()
      }
    - lang: cir
      code: |
        package example.com/upload

        func example.com/upload.All.func1(f string) {
            parent example.com/upload.All
            capture wg sync.WaitGroup
        b0:
            defer wg.done wg
            if ? then b1 else b2
        b1:
            wg.done wg
            ↓return
        b2:
            return
        }

        func example.com/upload.All(files []string) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            go example.com/upload.All.func1("a")
            wg.wait wg
            return
        }
  good:
    # One deferred Done and nothing else.
    - |
      package upload

      import (
      	"log"
      	"sync"
      )

      // All uploads every file concurrently.
      func All(files []string, put func(string) error) {
      	var wg sync.WaitGroup
      	for _, f := range files {
      		wg.Add(1)
      		go func(f string) {
      			defer wg.Done()
      			if err := put(f); err != nil {
      				log.Printf("upload %s: %v", f, err)
      				return
      			}
      		}(f)
      	}
      	wg.Wait()
      }
    # One explicit Done on each path.
    - |
      package worker

      import "sync"

      // Worker runs one task and reports on its WaitGroup.
      type Worker struct {
      	wg     *sync.WaitGroup
      	task   func() error
      	failed bool
      }

      func (w *Worker) run() {
      	if err := w.task(); err != nil {
      		w.failed = true
      		w.wg.Done()
      		return
      	}
      	w.wg.Done()
      }

      // Start runs the worker on its own goroutine.
      func (w *Worker) Start() {
      	w.wg.Add(1)
      	go w.run()
      }
    # Two WaitGroups, one Done each.
    - |
      package phases

      import "sync"

      // Run starts n workers; started is done when all have begun, finished when all have ended.
      func Run(n int, work func(int)) (started, finished *sync.WaitGroup) {
      	started, finished = new(sync.WaitGroup), new(sync.WaitGroup)
      	for i := 0; i < n; i++ {
      		started.Add(1)
      		finished.Add(1)
      		go func(i int) {
      			defer finished.Done()
      			started.Done()
      			work(i)
      		}(i)
      	}
      	return started, finished
      }
    # Done in a loop, one per item, matching an Add of the item count.
    - |
      package drain

      import "sync"

      // Consume handles every item on one goroutine, marking each as done.
      func Consume(items []string, handle func(string)) {
      	var wg sync.WaitGroup
      	wg.Add(len(items))
      	go func() {
      		for _, it := range items {
      			handle(it)
      			wg.Done()
      		}
      	}()
      	wg.Wait()
      }
    - lang: cir
      code: |
        package example.com/upload

        func example.com/upload.All.func1(f string) {
            parent example.com/upload.All
            capture wg sync.WaitGroup
        b0:
            if ? then b1 else b2
        b1:
            wg.done wg
            return
        b2:
            wg.done wg
            return
        }

        func example.com/upload.All(files []string) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            go example.com/upload.All.func1("a")
            wg.wait wg
            return
        }

"""#),
        RuleFileText(relativePath: "waitgroup/WG1054-waitgroup-copied.yaml", text: #"""
# A sync.WaitGroup copied by value. The format of this file is described in
# rules/README.md.
id: WG1054
name: waitgroup-copied
category: waitgroup
level: error
summary: A sync.WaitGroup is copied (passed, received, assigned or returned by value), so Done and Wait act on different counters.
description: |
  A sync.WaitGroup is a counter; a copy is a second, independent counter.
  A goroutine that receives the WaitGroup by value calls Done on its copy,
  and the original's Wait blocks for ever; a helper that receives a struct
  holding a WaitGroup by value waits on a copy that nobody ever adds to,
  and returns at once.

  The rule reports functions and methods that receive a WaitGroup by value
  (a parameter, a value receiver, or a struct or array holding one), and
  calls, go statements, assignments and returns that copy one. It is go
  vet's copylocks for the waitgroup category.

  Fix: pass and store a *sync.WaitGroup, use pointer receivers on types
  that hold one, and let closures capture the WaitGroup instead of taking
  it as an argument.

  Known false positives: copying a WaitGroup that is provably never used
  again (a zero value being moved before its first Add).
tags: [waitgroup, copy]
precision: very-high
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A helper that takes the WaitGroup by value, and the go statement that copies it.
    - |
      package fetch

      import "sync"

      ↓func worker(url string, wg sync.WaitGroup, get func(string)) {
      	defer wg.Done()
      	get(url)
      }

      // All fetches every URL and waits for all of them.
      func All(urls []string, get func(string)) {
      	var wg sync.WaitGroup
      	for _, u := range urls {
      		wg.Add(1)
      		↓go worker(u, wg, get)
      	}
      	wg.Wait()
      }
    # A value receiver on a struct holding the WaitGroup.
    - |
      package group

      import "sync"

      // Group runs tasks and waits for them.
      type Group struct {
      	wg sync.WaitGroup
      }

      // Go runs f on a new goroutine.
      func (g *Group) Go(f func()) {
      	g.wg.Add(1)
      	go func() {
      		defer g.wg.Done()
      		f()
      	}()
      }

      // Wait waits for the tasks: on a copy, so it returns at once.
      ↓func (g Group) Wait() {
      	g.wg.Wait()
      }
    # A value-receiver method called on the variable: the call copies it.
    - |
      package batch

      import "sync"

      // Batch counts its jobs.
      type Batch struct {
      	wg sync.WaitGroup
      }

      // Wait waits on a copy of the batch's counter.
      ↓func (b Batch) Wait() {
      	b.wg.Wait()
      }

      // Run runs the jobs and waits for them.
      func Run(jobs []func()) {
      	var b Batch
      	for _, j := range jobs {
      		b.wg.Add(1)
      		go func(j func()) {
      			defer b.wg.Done()
      			j()
      		}(j)
      	}
      	↓b.Wait()
      }
    # A closure parameter: the goroutine gets its own counter.
    - |
      package notify

      import "sync"

      // All notifies every subscriber concurrently.
      func All(subs []func(), wg *sync.WaitGroup) {
      	for _, s := range subs {
      		wg.Add(1)
      		↓go ↓func(s func(), wg sync.WaitGroup) {
      			defer wg.Done()
      			s()
      		}(s, *wg)
      	}
      }
    # Generics: a batch holding a WaitGroup is passed by value and assigned.
    - |
      package batch

      import "sync"

      // Batch is a set of items processed together.
      type Batch[T any] struct {
      	Items []T
      	wg    sync.WaitGroup
      }

      ↓func wait[T any](b Batch[T]) {
      	b.wg.Wait()
      }

      // Run processes every item concurrently and waits.
      func Run[T any](b *Batch[T], f func(T)) {
      	for _, it := range b.Items {
      		b.wg.Add(1)
      		go func(it T) {
      			defer b.wg.Done()
      			f(it)
      		}(it)
      	}
      	↓snapshot := *b
      	↓wait(snapshot)
      }
    - lang: cir
      code: |
        package example.com/fetch

        ↓func example.com/fetch.worker(url string, wg sync.WaitGroup) {
        b0:
            defer wg.done wg
            return
        }

        func example.com/fetch.All(urls []string) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            ↓go example.com/fetch.worker("u", wg)
            wg.wait wg
            return
        }
  good:
    # A pointer to the WaitGroup.
    - |
      package fetch

      import "sync"

      func worker(url string, wg *sync.WaitGroup, get func(string)) {
      	defer wg.Done()
      	get(url)
      }

      // All fetches every URL and waits for all of them.
      func All(urls []string, get func(string)) {
      	var wg sync.WaitGroup
      	for _, u := range urls {
      		wg.Add(1)
      		go worker(u, &wg, get)
      	}
      	wg.Wait()
      }
    # Pointer receivers on the type that holds it.
    - |
      package group

      import "sync"

      // Group runs tasks and waits for them.
      type Group struct {
      	wg sync.WaitGroup
      }

      // Go runs f on a new goroutine.
      func (g *Group) Go(f func()) {
      	g.wg.Add(1)
      	go func() {
      		defer g.wg.Done()
      		f()
      	}()
      }

      // Wait waits for the tasks.
      func (g *Group) Wait() {
      	g.wg.Wait()
      }
    # A struct value holding a *sync.WaitGroup: the copy shares the counter.
    - |
      package task

      import "sync"

      // Task knows which group it belongs to.
      type Task struct {
      	Name string
      	wg   *sync.WaitGroup
      }

      func run(t Task, f func(string)) {
      	defer t.wg.Done()
      	f(t.Name)
      }

      // Start runs every named task.
      func Start(names []string, f func(string)) *sync.WaitGroup {
      	wg := new(sync.WaitGroup)
      	for _, n := range names {
      		wg.Add(1)
      		go run(Task{Name: n, wg: wg}, f)
      	}
      	return wg
      }
    # Pointer-receiver methods called on a struct variable (an http.Server
    # declared by value): the call takes the variable's address.
    - |
      package serve

      import "sync"

      // Server serves until it is shut down.
      type Server struct {
      	Addr string
      	wg   sync.WaitGroup
      }

      func (s *Server) Serve(conns <-chan int) error {
      	for c := range conns {
      		_ = c
      	}
      	return nil
      }

      func (s *Server) Shutdown() {
      	s.wg.Wait()
      }

      // Run serves on a fresh server in the background and stops it.
      func Run(conns <-chan int) error {
      	srv := Server{Addr: ":8080"}
      	var s2 Server
      	go srv.Serve(conns)
      	go func() { s2.Serve(conns) }()
      	if err := s2.Serve(conns); err != nil {
      		return err
      	}
      	srv.Shutdown()
      	return nil
      }
    # A closure captures the WaitGroup: no copy.
    - |
      package notify

      import "sync"

      // All notifies every subscriber concurrently and waits.
      func All(subs []func()) {
      	var wg sync.WaitGroup
      	for _, s := range subs {
      		wg.Add(1)
      		go func(s func()) {
      			defer wg.Done()
      			s()
      		}(s)
      	}
      	wg.Wait()
      }
    - lang: cir
      code: |
        package example.com/fetch

        func example.com/fetch.worker(url string, wg *sync.WaitGroup) {
        b0:
            defer wg.done wg
            return
        }

        func example.com/fetch.All(urls []string) {
            var wg sync.WaitGroup
        b0:
            wg.add wg, 1
            %1 = addr wg
            go example.com/fetch.worker("u", %1)
            wg.wait wg
            return
        }

"""#),
    ]
}
