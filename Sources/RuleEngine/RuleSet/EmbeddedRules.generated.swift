// Generated from rules/ by EmbeddedRulesRenderer; do not edit.
// Regenerate: CONCLINT_UPDATE_GENERATED=1 swift test --filter GeneratedFilesAreCurrent

/// The built-in rule files, as they were in rules/ at build time.
enum EmbeddedRules {
    static let files: [RuleFileText] = [
        RuleFileText(relativePath: "custom/GR9001-sql-rows-not-closed.yaml", text: #"""
# A team's own lifecycle rule, added as a file with no Swift code and no
# rebuild (conclint --rules DIR, or rules-dirs: in .conclint.yml). It lives
# in rules/ to show the format; ids 9000-9999 of every category are left to
# teams and never used by conclint's own rules.
#
# Category: an unclosed *sql.Rows is not a timer, lock or context, so none of
# those categories owns it. It belongs to `goroutine`, DESIGN.md's category
# for "what a goroutine holds until it returns": the rows hold one of the
# pool's connections, and once the pool is exhausted (db.SetMaxOpenConns)
# every other goroutine calling db.Query blocks waiting for a connection
# that is never given back.
id: GR9001
name: sql-rows-not-closed
category: goroutine
level: warning
summary: A *sql.Rows is not closed on some path, so its database connection is never given back to the pool.
description: |
  Every *sql.Rows returned by Query holds a connection from the database
  pool until Close is called or Next has returned false. A path that
  returns or moves on while the rows are still open (an error from Scan,
  reading only the first row, a `continue`) keeps that connection busy
  for as long as the process runs. With a bounded pool the service then
  stops: every goroutine that needs the database waits in Query forever.

  Fix: `defer rows.Close()` right after checking the error of Query, or
  close the rows on every path; when they are returned or passed on, the
  receiver closes them. Check rows.Err() after the loop.

  Known false positives: rows read until Next returns false are closed by
  database/sql itself, but the rule asks for an explicit Close on every
  path anyway, because any early exit from such a loop leaks. Rows from a
  *sql.Tx are closed when the transaction ends and are not checked.
tags: [database, resource-leak, lifecycle, custom]
precision: high
since: "0.1.0"
lifecycle:
  resource: rows
  acquire:
    - call: (*database/sql.DB).Query
      result: 0
      error-result: 1
    - call: (*database/sql.DB).QueryContext
      result: 0
      error-result: 1
    - call: (*database/sql.Conn).QueryContext
      result: 0
      error-result: 1
    - call: (*database/sql.Stmt).Query
      result: 0
      error-result: 1
    - call: (*database/sql.Stmt).QueryContext
      result: 0
      error-result: 1
  release:
    - call: (*database/sql.Rows).Close
  transfer: [return, field, argument-if-released, goroutine-if-released, closure-if-released, channel]
  messages:
    leak: "{resource} returned by {call} are not closed on the path through line {line}; the connection stays busy"
    use-after-release: "{resource} are used after Close on the path through line {line}"
  options:
    defer-release-ok: true
    loop-scoped: true
examples:
  bad:
    # A Scan error returns while the rows are open.
    - |
      package users

      import (
      	"context"
      	"database/sql"
      )

      // ActiveNames lists the names of active users.
      func ActiveNames(ctx context.Context, db *sql.DB) ([]string, error) {
      	rows, err := ↓db.QueryContext(ctx, "SELECT name FROM users WHERE active")
      	if err != nil {
      		return nil, err
      	}
      	var names []string
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			return nil, err // the connection is never given back
      		}
      		names = append(names, name)
      	}
      	return names, rows.Err()
      }
    # A helper that only wants the column names and never reads the rows.
    - |
      package schema

      import "database/sql"

      // Columns returns the column names of table.
      func Columns(db *sql.DB, table string) ([]string, error) {
      	rows, err := ↓db.Query("SELECT * FROM " + table + " LIMIT 0")
      	if err != nil {
      		return nil, err
      	}
      	return rows.Columns()
      }
    # A loop that reads one row per query and moves on.
    - |
      package orders

      import (
      	"context"
      	"database/sql"
      )

      // FirstOrders maps each customer to the id of their first order.
      func FirstOrders(ctx context.Context, db *sql.DB, customers []int64) (map[int64]int64, error) {
      	first := make(map[int64]int64)
      	for _, id := range customers {
      		rows, err := ↓db.QueryContext(ctx,
      			"SELECT id FROM orders WHERE customer = $1 ORDER BY created LIMIT 1", id)
      		if err != nil {
      			return nil, err
      		}
      		if rows.Next() {
      			var order int64
      			if err := rows.Scan(&order); err != nil {
      				return nil, err
      			}
      			first[id] = order
      		}
      	}
      	return first, nil
      }
    # A closure over a prepared statement that reads a single row.
    - |
      package lookup

      import (
      	"context"
      	"database/sql"
      )

      // IDs maps each name to its user id.
      func IDs(ctx context.Context, db *sql.DB, names []string) (map[string]int64, error) {
      	stmt, err := db.PrepareContext(ctx, "SELECT id FROM users WHERE name = ?")
      	if err != nil {
      		return nil, err
      	}
      	defer stmt.Close()
      	ids := make(map[string]int64)
      	lookup := func(name string) error {
      		rows, err := ↓stmt.QueryContext(ctx, name)
      		if err != nil {
      			return err
      		}
      		if !rows.Next() {
      			return rows.Err()
      		}
      		var id int64
      		if err := rows.Scan(&id); err != nil {
      			return err
      		}
      		ids[name] = id
      		return nil
      	}
      	for _, name := range names {
      		if err := lookup(name); err != nil {
      			return nil, err
      		}
      	}
      	return ids, nil
      }
  good:
    # Closed by a defer once Query succeeded.
    - |
      package users

      import (
      	"context"
      	"database/sql"
      )

      // ActiveNames lists the names of active users.
      func ActiveNames(ctx context.Context, db *sql.DB) ([]string, error) {
      	rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE active")
      	if err != nil {
      		return nil, err
      	}
      	defer rows.Close()
      	var names []string
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			return nil, err
      		}
      		names = append(names, name)
      	}
      	return names, rows.Err()
      }
    # Returned to the caller, who closes them.
    - |
      package posts

      import (
      	"context"
      	"database/sql"
      )

      // Recent returns the open rows of the latest posts; the caller closes them.
      func Recent(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
      	rows, err := db.QueryContext(ctx, "SELECT id, title FROM posts ORDER BY created DESC LIMIT 20")
      	if err != nil {
      		return nil, err
      	}
      	return rows, nil
      }
    # Passed to a helper whose defer closes them.
    - |
      package tags

      import "database/sql"

      func scanNames(rows *sql.Rows) ([]string, error) {
      	defer rows.Close()
      	var names []string
      	for rows.Next() {
      		var name string
      		if err := rows.Scan(&name); err != nil {
      			return nil, err
      		}
      		names = append(names, name)
      	}
      	return names, rows.Err()
      }

      // All lists every tag.
      func All(db *sql.DB) ([]string, error) {
      	rows, err := db.Query("SELECT name FROM tags")
      	if err != nil {
      		return nil, err
      	}
      	return scanNames(rows)
      }
    # Closed explicitly on the error path and at the end.
    - |
      package totals

      import (
      	"context"
      	"database/sql"
      )

      // Sum adds up the amounts of an account's payments.
      func Sum(ctx context.Context, db *sql.DB, account int64) (int64, error) {
      	rows, err := db.QueryContext(ctx, "SELECT amount FROM payments WHERE account = $1", account)
      	if err != nil {
      		return 0, err
      	}
      	var total int64
      	for rows.Next() {
      		var amount int64
      		if err := rows.Scan(&amount); err != nil {
      			rows.Close()
      			return 0, err
      		}
      		total += amount
      	}
      	if err := rows.Err(); err != nil {
      		rows.Close()
      		return 0, err
      	}
      	return total, rows.Close()
      }

"""#),
        RuleFileText(relativePath: "timer/TM1001-ticker-not-stopped.yaml", text: #"""
# A timer or ticker created in a function and left running on some path out
# of it. The format of this file is described in rules/README.md.
id: TM1001
name: ticker-not-stopped
category: timer
level: warning
summary: A time.Ticker or time.Timer is not stopped on some path out of the function that created it.
description: |
  A ticker created with time.NewTicker keeps firing until Stop is called,
  and a timer created with time.NewTimer stays scheduled until it fires or
  is stopped. Before Go 1.23 the runtime's timer heap keeps both alive even
  when nothing refers to them any more: an unstopped ticker is never
  collected and wakes the runtime at every tick for the rest of the process,
  and an unstopped timer pins its memory until it fires. In code that runs
  per request, per connection or per loop iteration these add up to
  growing memory and CPU that no profile of the caller explains.

  The rule follows every path from the call that creates the timer to each
  return of the function (early returns, `continue` in a loop that creates
  one per iteration, select cases) and reports the creation when some path
  neither stops it nor hands it to an owner: returning it, storing it in a
  struct field or a global, passing it to a function that stops it, or
  capturing it in a goroutine or closure that stops it. A function that
  never returns (a `for range t.C` loop in main) is not reported.

  Fix: `defer t.Stop()` right after creating it, or stop it on every path;
  when a struct or goroutine owns it, make that owner stop it. Since Go 1.23
  the timer channel is unbuffered, so `Stop` needs no drain.

  Known false positives: the timer is stopped by code the analysis cannot
  see (a call through an interface or a function value, or a method of a
  type outside the analysed packages); it is stored in a map or slice
  element (not counted as handing it over); a path that cannot run in
  practice (after a helper that always calls os.Exit).
tags: [timer, resource-leak, lifecycle]
precision: high
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 an unreferenced timer or ticker is garbage collected, so this wastes wake-ups until then rather than leaking)"
lifecycle:
  resource: ticker
  acquire:
    - call: time.NewTicker
      result: 0
    - call: time.NewTimer
      result: 0
  release:
    - call: (*time.Ticker).Stop
    - call: (*time.Timer).Stop
      receiver: true
  transfer: [return, field, global, argument-if-released, goroutine-if-released, closure-if-released, channel]
  messages:
    leak: "{resource} created by {call} is not stopped on the path through line {line}"
    use-after-release: "{resource} is used after Stop on the path through line {line}"
  options:
    defer-release-ok: true
    loop-scoped: true
    panic-paths: false
examples:
  bad:
    # An early return inside the polling loop skips the Stop at the end.
    - |
      package poller

      import (
      	"errors"
      	"time"
      )

      // Source is something that becomes ready after a while.
      type Source interface {
      	Ready() bool
      	Fetch() ([]byte, error)
      }

      var ErrNotReady = errors.New("poller: source never became ready")

      // Poll checks src every interval, at most attempts times.
      func Poll(src Source, interval time.Duration, attempts int) ([]byte, error) {
      	ticker := ↓time.NewTicker(interval)
      	for i := 0; i < attempts; i++ {
      		<-ticker.C
      		if src.Ready() {
      			return src.Fetch() // returns with the ticker still running
      		}
      	}
      	ticker.Stop()
      	return nil, ErrNotReady
      }
    # A helper that returns on a send error before its defers are registered.
    - |
      package rpc

      import (
      	"context"
      	"errors"
      	"time"
      )

      // Conn is a message connection.
      type Conn interface {
      	Send(msg []byte) error
      	Recv() <-chan []byte
      }

      var errTimeout = errors.New("rpc: timed out")

      // call sends msg and waits for the reply, pinging the peer meanwhile.
      func call(ctx context.Context, c Conn, msg []byte, timeout time.Duration) ([]byte, error) {
      	deadline := ↓time.NewTimer(timeout)
      	keepalive := ↓time.NewTicker(timeout / 4)
      	if err := c.Send(msg); err != nil {
      		return nil, err // both are left running
      	}
      	defer deadline.Stop()
      	defer keepalive.Stop()
      	for {
      		select {
      		case reply := <-c.Recv():
      			return reply, nil
      		case <-keepalive.C:
      			if err := c.Send(nil); err != nil {
      				return nil, err
      			}
      		case <-deadline.C:
      			return nil, errTimeout
      		case <-ctx.Done():
      			return nil, ctx.Err()
      		}
      	}
      }
    # A struct field: the ticker is handed to the struct on one path only.
    - |
      package heartbeat

      import (
      	"errors"
      	"sync"
      	"time"
      )

      var errClosed = errors.New("heartbeat: connection closed")

      // Pinger is the peer being watched.
      type Pinger interface{ Ping() error }

      // Heartbeat pings a peer at a fixed interval until Stop is called.
      type Heartbeat struct {
      	mu       sync.Mutex
      	peer     Pinger
      	interval time.Duration
      	ticker   *time.Ticker
      	done     chan struct{}
      }

      // Start begins pinging. It fails when the peer is gone.
      func (h *Heartbeat) Start() error {
      	t := ↓time.NewTicker(h.interval)
      	h.mu.Lock()
      	defer h.mu.Unlock()
      	if h.peer == nil {
      		return errClosed // t was never handed to h: nobody will stop it
      	}
      	h.ticker = t
      	h.done = make(chan struct{})
      	go h.loop(t, h.done)
      	return nil
      }

      func (h *Heartbeat) loop(t *time.Ticker, done <-chan struct{}) {
      	for {
      		select {
      		case <-t.C:
      			_ = h.peer.Ping()
      		case <-done:
      			return
      		}
      	}
      }

      // Stop ends the pings.
      func (h *Heartbeat) Stop() {
      	h.mu.Lock()
      	defer h.mu.Unlock()
      	if h.ticker != nil {
      		h.ticker.Stop()
      		close(h.done)
      		h.ticker = nil
      	}
      }
    # A closure: each request's timeout timer outlives a cancelled request.
    - |
      package api

      import (
      	"encoding/json"
      	"net/http"
      	"time"
      )

      // Store looks values up asynchronously.
      type Store interface {
      	Lookup(key string) (<-chan string, error)
      }

      // lookupHandler answers with the value for ?key=, or 504 after two seconds.
      func lookupHandler(store Store) http.HandlerFunc {
      	return func(w http.ResponseWriter, r *http.Request) {
      		timeout := ↓time.NewTimer(2 * time.Second)
      		result, err := store.Lookup(r.URL.Query().Get("key"))
      		if err != nil {
      			http.Error(w, err.Error(), http.StatusBadRequest)
      			return
      		}
      		select {
      		case v := <-result:
      			timeout.Stop()
      			_ = json.NewEncoder(w).Encode(map[string]string{"value": v})
      		case <-timeout.C:
      			http.Error(w, "lookup timed out", http.StatusGatewayTimeout)
      		case <-r.Context().Done():
      			return // the client went away; the timer stays scheduled
      		}
      	}
      }
    # A loop: `continue` skips the Stop, leaving one ticker per unreachable host.
    - |
      package health

      import "time"

      // reachable probes each host up to three times, one probe per interval.
      func reachable(hosts []string, interval time.Duration, ping func(string) bool) []string {
      	var up []string
      	for _, host := range hosts {
      		probe := ↓time.NewTicker(interval)
      		ok := false
      		for i := 0; i < 3 && !ok; i++ {
      			<-probe.C
      			ok = ping(host)
      		}
      		if !ok {
      			continue
      		}
      		probe.Stop()
      		up = append(up, host)
      	}
      	return up
      }
    # Generics: the cancellation path of a generic poller.
    - |
      package retry

      import (
      	"context"
      	"time"
      )

      // Until calls fetch every period until it reports ok or ctx ends.
      func Until[T any](ctx context.Context, period time.Duration, fetch func() (T, bool)) (T, error) {
      	tick := ↓time.NewTicker(period)
      	for {
      		if v, ok := fetch(); ok {
      			tick.Stop()
      			return v, nil
      		}
      		select {
      		case <-ctx.Done():
      			var zero T
      			return zero, ctx.Err() // tick keeps firing
      		case <-tick.C:
      		}
      	}
      }
  good:
    # Stopped by a defer on every path.
    - |
      package poller

      import (
      	"errors"
      	"time"
      )

      // Source is something that becomes ready after a while.
      type Source interface {
      	Ready() bool
      	Fetch() ([]byte, error)
      }

      var ErrNotReady = errors.New("poller: source never became ready")

      // Poll checks src every interval, at most attempts times.
      func Poll(src Source, interval time.Duration, attempts int) ([]byte, error) {
      	ticker := time.NewTicker(interval)
      	defer ticker.Stop()
      	for i := 0; i < attempts; i++ {
      		<-ticker.C
      		if src.Ready() {
      			return src.Fetch()
      		}
      	}
      	return nil, ErrNotReady
      }
    # Stopped on the early return as well as after the select.
    - |
      package rpc

      import (
      	"errors"
      	"time"
      )

      // Conn is a message connection.
      type Conn interface {
      	Send(msg []byte) error
      	Recv() <-chan []byte
      }

      var errTimeout = errors.New("rpc: timed out")

      // call sends msg and waits for the reply until the timeout.
      func call(c Conn, msg []byte, timeout time.Duration) ([]byte, error) {
      	deadline := time.NewTimer(timeout)
      	if err := c.Send(msg); err != nil {
      		deadline.Stop()
      		return nil, err
      	}
      	select {
      	case reply := <-c.Recv():
      		if !deadline.Stop() {
      			<-deadline.C
      		}
      		return reply, nil
      	case <-deadline.C:
      		return nil, errTimeout
      	}
      }
    # Owned by a struct whose Close stops it.
    - |
      package metrics

      import "time"

      // Flusher calls flush on every tick until Close.
      type Flusher struct {
      	tick *time.Ticker
      	stop chan struct{}
      }

      // NewFlusher starts flushing every period; the caller must Close it.
      func NewFlusher(period time.Duration, flush func()) *Flusher {
      	f := &Flusher{tick: time.NewTicker(period), stop: make(chan struct{})}
      	go func() {
      		for {
      			select {
      			case <-f.tick.C:
      				flush()
      			case <-f.stop:
      				return
      			}
      		}
      	}()
      	return f
      }

      // Close stops the ticker and the flushing goroutine.
      func (f *Flusher) Close() {
      	f.tick.Stop()
      	close(f.stop)
      }
    # Returned to the caller, who owns it from then on.
    - |
      package clock

      import "time"

      // Clock hands out tickers so that tests can substitute fake time.
      type Clock interface {
      	NewTicker(d time.Duration) *time.Ticker
      }

      // Real is the wall clock.
      type Real struct{}

      // NewTicker returns a running ticker; stopping it is the caller's job.
      func (Real) NewTicker(d time.Duration) *time.Ticker {
      	t := time.NewTicker(d)
      	return t
      }
    # Captured by a goroutine that stops it when it exits.
    - |
      package watch

      import (
      	"context"
      	"time"
      )

      // Every runs fn each period in the background until ctx is cancelled.
      func Every(ctx context.Context, period time.Duration, fn func()) {
      	t := time.NewTicker(period)
      	go func() {
      		defer t.Stop()
      		for {
      			select {
      			case <-t.C:
      				fn()
      			case <-ctx.Done():
      				return
      			}
      		}
      	}()
      }
    # Stopped before every `continue` and every return of the loop.
    - |
      package health

      import "time"

      // reachable probes each host up to three times, one probe per interval.
      func reachable(hosts []string, interval time.Duration, ping func(string) bool) []string {
      	var up []string
      	for _, host := range hosts {
      		probe := time.NewTicker(interval)
      		ok := false
      		for i := 0; i < 3 && !ok; i++ {
      			<-probe.C
      			ok = ping(host)
      		}
      		probe.Stop()
      		if !ok {
      			continue
      		}
      		up = append(up, host)
      	}
      	return up
      }
    # A program-long ticker in a function that never returns.
    - |
      package main

      import (
      	"log"
      	"time"
      )

      func main() {
      	t := time.NewTicker(time.Minute)
      	for range t.C {
      		log.Println("still alive")
      	}
      }

"""#),
    ]
}
