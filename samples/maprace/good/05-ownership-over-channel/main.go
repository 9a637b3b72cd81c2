// Sample: a goroutine builds a map and sends it; it never touches it again, the receiver owns it.
//
// want nothing
// runtime: ok
package main

import "fmt"

func build(n int, out chan<- map[int]string) {
	m := make(map[int]string, n)
	for i := 0; i < n; i++ {
		m[i] = fmt.Sprint(i)
	}
	out <- m
}

func main() {
	ch := make(chan map[int]string)
	go build(5, ch)
	m := <-ch
	m[99] = "ninety-nine"
	fmt.Println(len(m))
}
