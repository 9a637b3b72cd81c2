// Sample: request structs are pooled, but the tag list is appended to
// without being cleared: one request's tags show up in the next.
//
// want SY1001 at 23:7
// runtime: DEFECT
package main

import (
	"fmt"
	"strings"
	"sync"
)

type request struct {
	id   int
	tags []string
}

var requests = sync.Pool{New: func() any { return new(request) }}

// describe parses a request's tags and renders it.
func describe(id int, rawTags string) string {
	r := requests.Get().(*request)
	defer requests.Put(r)
	r.id = id
	for _, t := range strings.Split(rawTags, ",") {
		r.tags = append(r.tags, t)
	}
	return fmt.Sprintf("request %d tagged %s", r.id, strings.Join(r.tags, "+"))
}

func main() {
	fmt.Println(describe(1, "urgent,billing"))
	second := describe(2, "support")
	fmt.Println(second)
	if strings.Contains(second, "billing") {
		fmt.Println("DEFECT: request 2 carries request 1's tags")
	}
}
