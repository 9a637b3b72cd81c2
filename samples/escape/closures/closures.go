// Package closures: captured variables, go and defer.
package closures

import "sync"

// Counter returns a closure that outlives its frame: the captured
// variable moves to the heap.
func Counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

// Apply calls a closure in place: nothing escapes.
func Apply(xs []int) int {
	total := 0
	add := func(x int) { total += x }
	for _, x := range xs {
		add(x)
	}
	return total
}

// Spawn shares a variable with a goroutine.
func Spawn(wg *sync.WaitGroup) *int {
	result := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		result = 42
	}()
	return &result
}

// Deferred defers a closure at the top level and in a loop.
func Deferred(mu *sync.Mutex, n int) (count int) {
	mu.Lock()
	defer mu.Unlock()
	for i := 0; i < n; i++ {
		defer func() { count++ }()
	}
	return 0
}
