// Sample: a memoising lookup fills missing entries while holding only the read lock.
//
// want MR1001 at 29:2
// want MR1002 at 29:2
// race lines: 25 29
// runtime: DATA RACE
package main

import (
	"fmt"
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
	if v, ok := n.memo[s]; ok {
		return v
	}
	v := strings.ToLower(s)
	n.memo[s] = v
	return v
}

func main() {
	n := &Normalizer{memo: map[string]string{}}
	var wg sync.WaitGroup
	for _, s := range []string{"A", "B", "C"} {
		wg.Add(1)
		go func(s string) {
			defer wg.Done()
			n.Normalize(s)
		}(s)
	}
	wg.Wait()
	fmt.Println(len(n.memo))
}
