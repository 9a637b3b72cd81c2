// Sample: a background refresh writes the cache two calls deep while an HTTP handler reads it.
//
// want MR1002 at 30:2
// race lines: 26 30
// runtime: DATA RACE
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Server answers lookups from a cache refreshed in the background.
type Server struct {
	mu    sync.RWMutex
	cache map[string]string
}

// Get reads the cache under the read lock.
func (s *Server) Get(k string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cache[k]
}

func (s *Server) store(k, v string) {
	s.cache[k] = v
}

func (s *Server) reload() {
	s.store("greeting", "hello")
}

func (s *Server) refresh() {
	for i := 0; i < 3; i++ {
		s.reload()
		time.Sleep(20 * time.Millisecond)
	}
}

func main() {
	s := &Server{cache: map[string]string{}}
	go s.refresh()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, s.Get("greeting"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for i := 0; i < 3; i++ {
		if resp, err := http.Get(srv.URL); err == nil {
			resp.Body.Close()
		}
		time.Sleep(20 * time.Millisecond)
	}
}
