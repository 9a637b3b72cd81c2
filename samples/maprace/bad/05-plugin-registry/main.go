// Sample: plugins register themselves from goroutines while main looks them up in the same package-level map.
//
// want MR1002 at 26:2
// race lines: 26 31
// runtime: DATA RACE
package main

import (
	"fmt"
	"sync"
)

// Plugin is one loadable extension.
type Plugin interface {
	Name() string
}

type echo struct{}

func (echo) Name() string { return "echo" }

var registry = map[string]Plugin{}

// Register makes a plugin available by name.
func Register(p Plugin) {
	registry[p.Name()] = p
}

// Lookup finds a registered plugin.
func Lookup(name string) (Plugin, bool) {
	p, ok := registry[name]
	return p, ok
}

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		Register(echo{})
	}()
	_, ok := Lookup("echo")
	wg.Wait()
	fmt.Println(ok || !ok)
}
