// Sample: a tree walk where every node waits on the shared WaitGroup it is counted by.
//
// want WG1002 at 29:3
// want WG1001 at 33:2
// runtime: all goroutines are asleep
package main

import (
	"fmt"
	"sync"
)

type node struct {
	name     string
	children []*node
}

// walk visits every node concurrently.
func walk(root *node) {
	var wg sync.WaitGroup
	var visit func(n *node)
	visit = func(n *node) {
		defer wg.Done()
		fmt.Println("visit", n.name)
		for _, c := range n.children {
			wg.Add(1)
			go visit(c)
		}
		wg.Wait()
	}
	wg.Add(1)
	go visit(root)
	wg.Wait()
}

func main() {
	walk(&node{name: "root", children: []*node{{name: "a"}, {name: "b"}}})
}
