// Sample: a client with a value receiver: each call works on a copy of
// the client, its sync.Once included, so the connection is dialled again
// on every call.
//
// want SY1008 at 26:1
// runtime: DEFECT
package main

import (
	"fmt"
	"sync"
)

var dials int

type Client struct {
	connectOnce sync.Once
	conn        string
}

func dial() string {
	dials++
	return fmt.Sprintf("conn-%d", dials)
}

func (c Client) connection() string {
	c.connectOnce.Do(func() { c.conn = dial() })
	return c.conn
}

func main() {
	c := &Client{}
	for i := 0; i < 3; i++ {
		fmt.Println("using", c.connection())
	}
	if dials > 1 {
		fmt.Printf("DEFECT: dialled %d times\n", dials)
	}
}
