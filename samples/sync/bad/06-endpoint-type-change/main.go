// Sample: the active endpoint is stored as a value at start-up and as a
// pointer on update: atomic.Value panics on the second Store.
//
// want SY1006 at 24:2
// runtime: inconsistently typed
package main

import (
	"fmt"
	"sync/atomic"
)

type Endpoint struct {
	URL string
}

var active atomic.Value

func useDefault() {
	active.Store(Endpoint{URL: "http://localhost:8080"})
}

func switchTo(url string) {
	active.Store(&Endpoint{URL: url})
}

func main() {
	useDefault()
	fmt.Println("serving", active.Load())
	switchTo("https://api.example.com")
	fmt.Println("serving", active.Load())
}
