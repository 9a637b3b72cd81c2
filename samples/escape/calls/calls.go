// Package calls: tags across calls, variadic calls, append, strings.
package calls

import (
	"strings"
)

type Buffer struct{ data []byte }

// Write appends to the buffer's slice: the bytes' backing array leaks.
func (b *Buffer) Write(p []byte) {
	b.data = append(b.data, p...)
}

func first(xs ...*int) *int {
	if len(xs) == 0 {
		return nil
	}
	return xs[0]
}

// Pick passes addresses through a variadic call.
func Pick() int {
	a, b := 1, 2
	p := first(&a, &b)
	return *p
}

// Join concatenates strings.
func Join(parts []string, sep string) string {
	s := strings.Join(parts, sep)
	return s + sep
}

// Bytes converts between strings and byte slices.
func Bytes(s string) int {
	b := []byte(s)
	t := string(b)
	return len(t)
}

// Collect appends pointers to a slice that is returned.
func Collect(n int) []*int {
	var out []*int
	for i := 0; i < n; i++ {
		v := i
		out = append(out, &v)
	}
	return out
}
