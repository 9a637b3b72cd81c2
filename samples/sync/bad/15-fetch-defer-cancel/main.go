// Sample: each fetch gets its own timeout context, cancelled by a defer
// in the loop: every context (and its timer) stays alive until the last
// fetch is done.
//
// want CX1050 at 21:3
// runtime: DEFECT
package main

import (
	"context"
	"fmt"
	"time"
)

type fetchFunc func(ctx context.Context, url string) error

// fetchAll fetches each URL with a per-request timeout.
func fetchAll(ctx context.Context, urls []string, fetch fetchFunc) error {
	for _, u := range urls {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		if err := fetch(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	var seen []context.Context
	live := 0
	urls := make([]string, 100)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://example.com/item/%d", i)
	}
	err := fetchAll(context.Background(), urls, func(ctx context.Context, url string) error {
		seen = append(seen, ctx)
		if len(seen) == len(urls) {
			for _, c := range seen[:len(seen)-1] {
				if c.Err() == nil {
					live++
				}
			}
		}
		return nil
	})
	fmt.Printf("fetched %d URLs (err %v); %d earlier contexts still live at the last fetch\n", len(seen), err, live)
	if live > 0 {
		fmt.Printf("DEFECT: %d finished requests still hold their context and timer\n", live)
	}
}
