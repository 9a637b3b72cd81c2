// Sample: an HTTP handler encodes its JSON reply into a pooled buffer
// that nobody resets, so the second reply starts with the first one.
//
// want SY1001 at 28:9
// runtime: DEFECT
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type cart struct {
	User  string `json:"user"`
	Items int    `json:"items"`
}

// handleCart replies with the user's cart as JSON.
func handleCart(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user")
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	if err := json.NewEncoder(buf).Encode(cart{User: user, Items: len(user)}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(buf.Bytes())
}

func main() {
	for _, user := range []string{"alice", "bob"} {
		rec := httptest.NewRecorder()
		handleCart(rec, httptest.NewRequest("GET", "/cart?user="+user, nil))
		body := rec.Body.String()
		fmt.Printf("reply for %s: %s", user, body)
		if user == "bob" && strings.Contains(body, "alice") {
			fmt.Println("DEFECT: bob's reply carries alice's cart")
		}
	}
}
