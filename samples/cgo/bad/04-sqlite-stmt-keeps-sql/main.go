// Sample: a SQLite-like prepared statement keeps its SQL text in C
// memory, and Close finalizes the statement but never frees the text.
// valgrind: leak
// want CG1004 at 42:2
// runtime: DEFECT
package main

/*
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

typedef struct stmt { const char *sql; int nparams; } stmt;

static stmt *stmt_prepare(const char *sql) {
	stmt *s = calloc(1, sizeof(stmt));
	s->sql = sql;
	for (const char *p = sql; *p; p++) if (*p == '?') s->nparams++;
	return s;
}

static void stmt_finalize(stmt *s) { free(s); }

static size_t heap_in_use(void) { return mallinfo2().uordblks; }
*/
import "C"

import (
	"fmt"
	"strings"
)

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

// NumParams is the number of parameters of the statement.
func (s *Stmt) NumParams() int { return int(s.h.nparams) }

// Close finalizes the statement (but forgets the SQL text).
func (s *Stmt) Close() {
	C.stmt_finalize(s.h)
	s.h = nil
}

func main() {
	query := "SELECT id, name FROM users WHERE id IN (" + strings.Repeat("?,", 200) + "?)"
	before := C.heap_in_use()
	params := 0
	for i := 0; i < 1000; i++ {
		st := Prepare(query)
		params = st.NumParams()
		st.Close()
	}
	grown := int64(C.heap_in_use()) - int64(before)
	fmt.Printf("1000 statements of %d parameters prepared and closed, C heap in use grew by %d bytes\n", params, grown)
	if grown > 256*1024 {
		fmt.Printf("DEFECT: the C heap grew by %d bytes, about %d per closed statement\n", grown, grown/1000)
	}
}
