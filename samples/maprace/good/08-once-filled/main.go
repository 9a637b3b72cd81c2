// Sample: a lookup table is filled inside sync.Once; every reader calls Do before reading.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

// Table is loaded on first use.
type Table struct {
	once sync.Once
	rows map[string]int
}

func (t *Table) load() {
	t.rows = map[string]int{}
	for i, k := range []string{"a", "b", "c"} {
		t.rows[k] = i
	}
}

// Row returns the row of k, loading the table first.
func (t *Table) Row(k string) int {
	t.once.Do(func() { t.load() })
	return t.rows[k]
}

func main() {
	t := &Table{}
	var wg sync.WaitGroup
	for _, k := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			_ = t.Row(k)
		}(k)
	}
	wg.Wait()
	fmt.Println(t.Row("c"))
}
