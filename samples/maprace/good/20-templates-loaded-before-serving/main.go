// Sample: a web app registers its handlers first, then loads the page templates they read, and only then starts serving: no request can see the map being filled.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
)

var pages = map[string]string{}

func page(w http.ResponseWriter, r *http.Request) {
	body, ok := pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	fmt.Fprint(w, body)
}

func loadPages() {
	for _, name := range []string{"/", "/about", "/contact"} {
		pages[name] = "<h1>" + strings.TrimPrefix(name, "/") + "</h1>"
	}
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", page)
	loadPages() // after registration, before serving

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(l)
	defer srv.Close()

	for _, p := range []string{"/", "/about"} {
		resp, err := http.Get("http://" + l.Addr().String() + p)
		if err != nil {
			log.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(p, string(b))
	}
}
