// Sample: parallel subtests each write a map of their own, read what the parent wrote before its function returned, and keep the shared tally under a mutex, which the parent reads in t.Cleanup once they are done.
//
// want nothing
// runtime: ok
package main

import (
	"flag"
	"strings"
	"sync"
	"testing"
	"time"
)

type splitCase struct {
	name, in string
	want int
}

var cases = []splitCase{
	{"one", "a", 1},
	{"two", "a,b", 2},
	{"three", "a,b,c", 3},
	{"empty", "", 1},
}

func split(s string) []string {
	time.Sleep(20 * time.Millisecond)
	return strings.Split(s, ",")
}

func TestSplit(t *testing.T) {
	var mu sync.Mutex
	failures := map[string]int{}
	results := map[string]int{"setup": 0} // written before any subtest starts
	for _, tc := range cases {
		tc := tc
		results[tc.name] = -1
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if results[tc.name] != -1 { // the parent's writes are all done by now
				t.Fatal("setup missing")
			}
			seen := map[string]bool{} // one per subtest
			parts := split(tc.in)
			for _, p := range parts {
				seen[p] = true
			}
			if len(parts) != tc.want {
				mu.Lock()
				failures[tc.name]++
				mu.Unlock()
			}
		})
	}
	results["done"] = len(cases) // the parent's function ends before the parallel subtests run
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) > 0 {
			t.Errorf("%d cases failed", len(failures))
		}
	})
}

func main() {
	testing.Init()
	_ = flag.Set("test.parallel", "4")
	testing.Main(func(pattern, name string) (bool, error) { return true, nil },
		[]testing.InternalTest{{Name: "TestSplit", F: TestSplit}}, nil, nil)
}
