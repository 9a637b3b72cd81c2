// Look-alike: the registry is built once, without calling back into the
// getter, and a failure is kept as an error rather than a panic.
//
// want nothing
// runtime: ok
package main

import (
	"errors"
	"fmt"
	"sync"
)

type Registry struct {
	plugins map[string]func() string
}

var (
	once        sync.Once
	registry    *Registry
	registryErr error
)

func build() (*Registry, error) {
	r := &Registry{plugins: map[string]func() string{}}
	registerBuiltins(r)
	if len(r.plugins) == 0 {
		return nil, errors.New("no plugins")
	}
	return r, nil
}

// Default returns the process-wide registry, building it on first use.
func Default() (*Registry, error) {
	once.Do(func() {
		registry, registryErr = build()
	})
	return registry, registryErr
}

func registerBuiltins(r *Registry) {
	r.Register("echo", func() string { return "echo" })
}

func (r *Registry) Register(name string, f func() string) {
	r.plugins[name] = f
}

func main() {
	r, err := Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(r.plugins), "plugins")
}
