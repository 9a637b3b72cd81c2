// Package basics: pointers to locals, parameters that leak, allocations
// that stay on the stack or go to the heap, and the stack size limits.
package basics

type Node struct {
	Value int
	Next  *Node
}

var global *Node

// NewNode returns a pointer to a local: the local moves to the heap.
func NewNode(v int) *Node {
	n := Node{Value: v}
	return &n
}

// Keep stores its parameter in a global: the parameter leaks.
func Keep(n *Node) { global = n }

// Identity returns its parameter: it leaks to the result only.
func Identity(n *Node) *Node { return n }

// NextOf returns what its parameter points to: content to the result.
func NextOf(n *Node) *Node { return n.Next }

// Sum reads through its parameter: nothing escapes.
func Sum(n *Node) int {
	total := 0
	for p := n; p != nil; p = p.Next {
		total += p.Value
	}
	return total
}

// Buffers allocates slices of constant and non-constant sizes.
func Buffers(n int) int {
	small := make([]byte, 64)
	sized := make([]byte, n)
	huge := make([]byte, 1<<20)
	return len(small) + len(sized) + len(huge)
}

// Local builds a list that never leaves the frame.
func Local() int {
	a := &Node{Value: 1}
	b := &Node{Value: 2, Next: a}
	return Sum(b)
}

// Chain builds a list that is returned: both nodes go to the heap.
func Chain() *Node {
	a := &Node{Value: 1}
	return &Node{Value: 2, Next: a}
}

// Big has a local array too large for the stack.
func Big() int {
	var table [11 << 20]byte
	table[0] = 1
	return int(table[0])
}
