// Sample: reserving several items locks the inventory per item and defers
// the unlock: the second item's Lock waits for the first item's deferred
// Unlock, which runs only when Reserve returns.
//
// want MU1050 at 23:3
// runtime: all goroutines are asleep
package main

import (
	"fmt"
	"sync"
)

type Inventory struct {
	mu    sync.Mutex
	stock map[string]int
}

// Reserve takes one of each item, or fails on the first one out of stock.
func (inv *Inventory) Reserve(items []string) error {
	for _, item := range items {
		inv.mu.Lock()
		defer inv.mu.Unlock()
		if inv.stock[item] == 0 {
			return fmt.Errorf("out of %s", item)
		}
		inv.stock[item]--
	}
	return nil
}

func main() {
	inv := &Inventory{stock: map[string]int{"apple": 3, "pear": 2}}
	fmt.Println(inv.Reserve([]string{"apple"}))
	fmt.Println(inv.Reserve([]string{"apple", "pear"}))
}
