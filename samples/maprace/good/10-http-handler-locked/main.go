// Sample: an HTTP handler counts hits under a mutex.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

type counter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.hits[r.URL.Path]++
	c.mu.Unlock()
	time.Sleep(50 * time.Millisecond)
	fmt.Fprintln(w, "ok")
}

func main() {
	c := &counter{hits: map[string]int{}}
	srv := httptest.NewServer(c)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, err := client.Get(srv.URL + "/a"); err == nil {
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}
