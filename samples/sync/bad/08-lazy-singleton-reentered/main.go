// Sample: a lazily built plugin registry whose initialisation registers
// the built-in plugins through the public getter: Do is entered again
// from its own function and the program deadlocks.
//
// want SY1009 at 25:2
// runtime: all goroutines are asleep
package main

import (
	"fmt"
	"sync"
)

type Registry struct {
	plugins map[string]func() string
}

var (
	once     sync.Once
	registry *Registry
)

// Default returns the process-wide registry, building it on first use.
func Default() *Registry {
	once.Do(func() {
		registry = &Registry{plugins: map[string]func() string{}}
		registerBuiltins()
	})
	return registry
}

func registerBuiltins() {
	Default().Register("echo", func() string { return "echo" })
}

func (r *Registry) Register(name string, f func() string) {
	r.plugins[name] = f
}

func main() {
	fmt.Println(len(Default().plugins), "plugins")
}
