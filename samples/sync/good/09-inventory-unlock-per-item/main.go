// Look-alike: the lock is taken once for the whole reservation, and the
// deferred Unlock is outside the loop.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
)

type Inventory struct {
	mu    sync.Mutex
	stock map[string]int
}

func (inv *Inventory) Reserve(items []string) error {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	for _, item := range items {
		if inv.stock[item] == 0 {
			return fmt.Errorf("out of %s", item)
		}
	}
	for _, item := range items {
		inv.stock[item]--
	}
	return nil
}

// Release gives items back, locking per item so readers get in between.
func (inv *Inventory) Release(items []string) {
	for _, item := range items {
		inv.mu.Lock()
		inv.stock[item]++
		inv.mu.Unlock()
	}
}

func main() {
	inv := &Inventory{stock: map[string]int{"apple": 3, "pear": 2}}
	fmt.Println(inv.Reserve([]string{"apple"}))
	fmt.Println(inv.Reserve([]string{"apple", "pear"}))
	inv.Release([]string{"apple", "pear"})
	fmt.Println(inv.stock)
}
