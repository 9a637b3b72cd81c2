// Sample: the collector closes the results after a sleep while a slow fetcher still sends.
//
// want CH1005 at 22:4
// runtime: panic: send on closed channel
package main

import (
	"fmt"
	"time"
)

func fetch(url string, delay time.Duration) string {
	time.Sleep(delay)
	return "body of " + url
}

// gather collects what the fetchers return within 20ms.
func gather(urls []string) []string {
	results := make(chan string, len(urls))
	for i, u := range urls {
		go func(u string, delay time.Duration) {
			results <- fetch(u, delay)
		}(u, time.Duration(i)*100*time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(results)
	var out []string
	for r := range results {
		out = append(out, r)
	}
	return out
}

func main() {
	fmt.Println(len(gather([]string{"a", "b"})))
	time.Sleep(200 * time.Millisecond)
}
