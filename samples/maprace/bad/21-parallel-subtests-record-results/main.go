// Sample: table-driven subtests run in parallel and record their timings in one map the test owns; t.Parallel lets them run at once.
//
// want MR1001 at 40:4
// race lines: 40
// runtime: DATA RACE
package main

import (
	"flag"
	"strings"
	"testing"
	"time"
)

type normalizeCase struct {
	name, in, want string
}

var cases = []normalizeCase{
	{"lower", "Hello", "hello"},
	{"trim", "  go  ", "go"},
	{"both", " Gopher ", "gopher"},
	{"empty", "", ""},
}

func normalize(s string) string {
	time.Sleep(20 * time.Millisecond) // a slow dependency, as real tests have
	return strings.ToLower(strings.TrimSpace(s))
}

// TestNormalize keeps how long each case took, to print the slowest.
func TestNormalize(t *testing.T) {
	took := map[string]time.Duration{}
	for _, tc := range cases {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			got := normalize(tc.in)
			took[tc.name] = time.Since(start)
			if got != tc.want {
				t.Errorf("normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func main() {
	// What `go test -race -parallel 4` would do with this test.
	testing.Init()
	_ = flag.Set("test.parallel", "4")
	testing.Main(func(pattern, name string) (bool, error) { return true, nil },
		[]testing.InternalTest{{Name: "TestNormalize", F: TestNormalize}}, nil, nil)
}
