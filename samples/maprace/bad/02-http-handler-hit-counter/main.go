// Sample: an HTTP handler counts hits per path in a package-level map; net/http runs it once per request, each on its own goroutine.
//
// want MR1001 at 19:2
// race lines: 19
// runtime: DATA RACE
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

var hits = map[string]int{}

func count(w http.ResponseWriter, r *http.Request) {
	hits[r.URL.Path]++
	time.Sleep(100 * time.Millisecond)
	fmt.Fprintln(w, "ok")
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", count)
	srv := httptest.NewServer(mux)
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
