// Sample: a constructor starts a refresher that writes under the lock; readers take the lock too.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"sync"
	"time"
)

// Rates holds exchange rates refreshed in the background.
type Rates struct {
	mu    sync.Mutex
	rates map[string]float64
	done  chan struct{}
}

// NewRates starts the refresher.
func NewRates() *Rates {
	r := &Rates{rates: map[string]float64{}, done: make(chan struct{})}
	go r.refresh()
	return r
}

func (r *Rates) refresh() {
	defer close(r.done)
	for i := 0; i < 3; i++ {
		r.mu.Lock()
		r.rates["EUR"] = 1 + float64(i)/10
		r.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

// Rate reads one rate.
func (r *Rates) Rate(code string) float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rates[code]
}

func main() {
	r := NewRates()
	for i := 0; i < 3; i++ {
		_ = r.Rate("EUR")
		time.Sleep(5 * time.Millisecond)
	}
	<-r.done
	fmt.Println(r.Rate("EUR") > 0)
}
