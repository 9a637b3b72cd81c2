// Sample: the producer fills the map and closes done; the caller reads after receiving from done.
//
// want nothing
// runtime: ok
package main

import "fmt"

func main() {
	index := map[string]int{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, w := range []string{"x", "y", "z"} {
			index[w] = i
		}
	}()
	<-done
	index["w"] = 3
	fmt.Println(len(index))
}
