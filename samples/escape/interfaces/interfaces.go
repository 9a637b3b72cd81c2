// Package interfaces: values stored in interfaces, calls through them,
// method values and type switches.
package interfaces

import "fmt"

type Shape interface{ Area() float64 }

type Square struct{ Side float64 }

func (s Square) Area() float64 { return s.Side * s.Side }

var sink interface{}

// Store keeps a value in a global interface: the value escapes.
func Store(v int) { sink = v }

// Describe formats its arguments: fmt's parameters leak.
func Describe(name string, n int) string {
	return fmt.Sprintf("%s has %d", name, n)
}

// Total calls through an interface: the interface value leaks.
func Total(shapes []Shape) float64 {
	sum := 0.0
	for _, s := range shapes {
		sum += s.Area()
	}
	return sum
}

// Method keeps a method value.
func Method(s Square) func() float64 {
	return s.Area
}

// Kind inspects a dynamic type.
func Kind(x interface{}) string {
	switch v := x.(type) {
	case *Square:
		sink = v
		return "pointer"
	case Square:
		return "value"
	}
	return "other"
}
