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
    # The loop above in the IR: `continue` starts the next iteration with the ticker running.
    - lang: cir
      code: |
        package example.com/health
        go 1.22

        func example.com/health.reachable(hosts []string, interval int64, ping func(string) bool) []string {
            var up []string
            var probe *time.Ticker
            var ok bool
        b0:
            jump b1
        b1: loop len(hosts)
            if ? then b2 else b6
        b2:
            ↓probe = ticker.new interval
            jump b3
        b3: loop 3
            if ? then b4 else b5
        b4:
            chan.recv probe.C
            ok = call (ping)(?)
            jump b3
        b5:
            if ok then b7 else b1
        b7:
            ticker.stop probe
            jump b1
        b6:
            return up
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
    # The goroutine example above in the IR: the closure stops the ticker it captures.
    - lang: cir
      code: |
        package example.com/watch
        go 1.22

        func example.com/watch.Every(ctx context.Context, period int64, fn func()) {
            var t *time.Ticker
        b0:
            t = ticker.new period
            go example.com/watch.Every.func1()
            return
        }

        func example.com/watch.Every.func1() {
            parent example.com/watch.Every
            capture t *time.Ticker
            capture ctx context.Context
            capture fn func()
        b0:
            defer ticker.stop t
            jump b1
        b1: loop
            %1 = ctx.done ctx
            select { case recv t.C -> b2; case recv %1 -> b3 }
        b2:
            call (fn)()
            jump b1
        b3:
            return
        }

"""#),
        RuleFileText(relativePath: "timer/TM1002-time-tick-leak.yaml", text: #"""
# time.Tick in a function that returns. The format of this file is
# described in rules/README.md.
id: TM1002
name: time-tick-leak
category: timer
level: warning
summary: time.Tick is used in a function that can return, so its ticker keeps running after it.
description: |
  time.Tick returns only the channel of a new ticker; the ticker itself can
  never be stopped. Before Go 1.23 the runtime keeps it for ever: every call
  of a function that uses time.Tick and then returns leaves one more ticker
  firing for the rest of the process, costing a wake-up per tick and the
  memory of the ticker. In a handler or a per-connection loop these pile up.

  The rule reports time.Tick in a function that can still return after the
  call. It is fine, and not reported, where the ticker is meant to live as
  long as the process: in package main, in tests, in a package-level
  variable, and in a function that never returns (a `for range
  time.Tick(d)` loop with no way out, as staticcheck's SA1015 allows).

  Fix: `t := time.NewTicker(d)` with `defer t.Stop()`, and read `t.C`.

  Known false positives: a function that returns only in theory (its
  loop's exit is guarded by a condition that never becomes true, or it
  ends in a call to a helper that never returns); a library function that
  is in fact only ever called once at start-up.
tags: [timer, resource-leak]
precision: high
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 an unreferenced ticker is garbage collected, so this wastes wake-ups until then rather than leaking)"
analysis: structural
examples:
  bad:
    # A helper that polls until ready: every call leaves a ticker behind.
    - |
      package probe

      import "time"

      // WaitReady polls check every 100ms, at most attempts times.
      func WaitReady(check func() bool, attempts int) bool {
      	tick := ↓time.Tick(100 * time.Millisecond)
      	for i := 0; i < attempts; i++ {
      		<-tick
      		if check() {
      			return true
      		}
      	}
      	return false
      }
    # A method that stops on cancellation: the ticker does not.
    - |
      package scan

      import (
      	"context"
      	"time"
      )

      // Watcher rescans a directory at a fixed interval.
      type Watcher struct {
      	Dir      string
      	Interval time.Duration
      	scan     func(dir string) error
      }

      // Run scans until ctx is cancelled or a scan fails.
      func (w *Watcher) Run(ctx context.Context) error {
      	ticks := ↓time.Tick(w.Interval)
      	for {
      		select {
      		case <-ctx.Done():
      			return ctx.Err()
      		case <-ticks:
      			if err := w.scan(w.Dir); err != nil {
      				return err
      			}
      		}
      	}
      }
    # A closure: one ticker per client that ever connected to the stream.
    - |
      package sse

      import (
      	"fmt"
      	"net/http"
      	"time"
      )

      // Events streams events to the client, with a keep-alive comment every 15 seconds.
      func Events(events <-chan string) http.HandlerFunc {
      	return func(w http.ResponseWriter, r *http.Request) {
      		keepalive := ↓time.Tick(15 * time.Second)
      		for {
      			select {
      			case <-r.Context().Done():
      				return
      			case e := <-events:
      				fmt.Fprintf(w, "data: %s\n\n", e)
      			case <-keepalive:
      				fmt.Fprint(w, ": keepalive\n\n")
      			}
      		}
      	}
      }
    # Generics: a batching helper that flushes on a tick and ends with its input.
    - |
      package batch

      import "time"

      // Collect groups values from in into batches, flushing every period.
      func Collect[T any](in <-chan T, period time.Duration, flush func([]T)) {
      	flushes := ↓time.Tick(period)
      	var pending []T
      	for {
      		select {
      		case v, ok := <-in:
      			if !ok {
      				flush(pending)
      				return
      			}
      			pending = append(pending, v)
      		case <-flushes:
      			flush(pending)
      			pending = nil
      		}
      	}
      }
    # A loop: one ticker per queue, each left running after the queue is drained.
    - |
      package drain

      import "time"

      // Queue is a rate-limited work queue.
      type Queue interface {
      	Empty() bool
      	Pop()
      }

      // All drains every queue at one item per interval.
      func All(queues []Queue, interval time.Duration) {
      	for _, q := range queues {
      		for range ↓time.Tick(interval) {
      			if q.Empty() {
      				break
      			}
      			q.Pop()
      		}
      	}
      }
    - lang: cir
      code: |
        package example.com/probe
        go 1.22

        func example.com/probe.WaitReady(check func() bool, attempts int) bool {
            var tick <-chan time.Time
        b0:
            ↓tick = time.tick 100000000
            jump b1
        b1: loop
            if ? then b2 else b4
        b2:
            chan.recv tick
            %1 = call (check)()
            if %1 then b3 else b1
        b3:
            return true
        b4:
            return false
        }
  good:
    # package main: the ticker lives as long as the process anyway.
    - |
      package main

      import (
      	"log"
      	"time"
      )

      func main() {
      	for now := range time.Tick(time.Minute) {
      		log.Println("still alive at", now)
      	}
      }
    # A function that never returns: the ticker is meant to live for ever.
    - |
      package monitor

      import (
      	"log"
      	"time"
      )

      // Monitor logs the size of a queue.
      type Monitor struct {
      	Interval time.Duration
      	Size     func() int
      }

      // Loop logs the size at every tick, for the life of the process.
      func (m *Monitor) Loop() {
      	for range time.Tick(m.Interval) {
      		log.Printf("queue size: %d", m.Size())
      	}
      }
    # The replacement: a ticker stopped when the function returns.
    - |
      package probe

      import "time"

      // WaitReady polls check every 100ms, at most attempts times.
      func WaitReady(check func() bool, attempts int) bool {
      	ticker := time.NewTicker(100 * time.Millisecond)
      	defer ticker.Stop()
      	for i := 0; i < attempts; i++ {
      		<-ticker.C
      		if check() {
      			return true
      		}
      	}
      	return false
      }
    # A package-level ticker channel, shared by the whole process.
    - |
      package clock

      import "time"

      // seconds ticks once a second for as long as the process runs.
      var seconds = time.Tick(time.Second)

      // NextSecond blocks until the next tick of the shared clock.
      func NextSecond() time.Time {
      	return <-seconds
      }
    # A goroutine that runs for the life of the program.
    - |
      package stats

      import (
      	"sync/atomic"
      	"time"
      )

      var requests, perSecond atomic.Int64

      func init() {
      	go func() {
      		for range time.Tick(time.Second) {
      			perSecond.Store(requests.Swap(0))
      		}
      	}()
      }
    - lang: cir
      code: |
        package example.com/monitor
        go 1.22

        func example.com/monitor.Loop(size func() int) {
            var ticks <-chan time.Time
            var ok bool
        b0:
            ticks = time.tick 1000000000
            jump b1
        b1: loop
            _, ok = range chan.recv ticks
            if ok then b2 else b3
        b2:
            call (size)()
            jump b1
        b3:
            return
        }

"""#),
        RuleFileText(relativePath: "timer/TM1003-time-after-in-loop.yaml", text: #"""
# time.After re-evaluated on every turn of a for-select loop. The format of
# this file is described in rules/README.md.
id: TM1003
name: time-after-in-loop
category: timer
level: warning
summary: time.After in a for-select loop creates a new timer on every iteration.
description: |
  `case <-time.After(d):` inside `for { select { ... } }` evaluates
  time.After each time the select is entered: a new timer per iteration.
  When another case wins, that timer is neither stopped nor received from;
  before Go 1.23 it stays in the runtime's timer heap until it fires, d
  later. A loop that handles a thousand messages a second with a one-minute
  idle timeout keeps sixty thousand timers alive, and the idle timeout
  measures the time since the last message rather than since the loop
  started.

  The rule reports a time.After call that runs on every turn of a loop and
  whose channel is a case of a select in the same loop.

  Fix: create one timer before the loop (`t := time.NewTimer(d)`, `defer
  t.Stop()`) and Reset it where the timeout should restart; or compute a
  deadline once (`deadline := time.After(total)`) when the timeout is for
  the whole loop; or use a context with a timeout.

  Known false positives: a loop that in practice runs once or twice (a
  retry loop bounded by a small count), where the extra timers do not
  matter.
tags: [timer, resource-leak, performance]
precision: high
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 the unused timers are collected once the select moves on, so this is allocation churn rather than a leak)"
analysis: structural
examples:
  bad:
    # A consumer with an idle timeout: one timer per message.
    - |
      package consumer

      import "time"

      // Consumer hands messages to handle until none arrives for Idle.
      type Consumer struct {
      	In     <-chan []byte
      	Idle   time.Duration
      	handle func([]byte)
      }

      // Run returns when the input is idle or closed.
      func (c *Consumer) Run() {
      	for {
      		select {
      		case m, ok := <-c.In:
      			if !ok {
      				return
      			}
      			c.handle(m)
      		case <-↓time.After(c.Idle):
      			return
      		}
      	}
      }
    # A helper that waits for several replies, each with its own timeout.
    - |
      package gather

      import (
      	"errors"
      	"time"
      )

      var ErrTimeout = errors.New("gather: timed out")

      // Replies reads n replies, giving up when one takes longer than wait.
      func Replies(replies <-chan string, n int, wait time.Duration) ([]string, error) {
      	var out []string
      	for len(out) < n {
      		select {
      		case r := <-replies:
      			out = append(out, r)
      		case <-↓time.After(wait):
      			return out, ErrTimeout
      		}
      	}
      	return out, nil
      }
    # A closure run as a goroutine that logs when a worker goes quiet.
    - |
      package workers

      import (
      	"log"
      	"time"
      )

      // Watch logs a line whenever jobs stays silent for a minute.
      func Watch(name string, jobs <-chan func(), quit <-chan struct{}) {
      	go func() {
      		for {
      			select {
      			case job := <-jobs:
      				job()
      			case <-↓time.After(time.Minute):
      				log.Printf("%s: idle for a minute", name)
      			case <-quit:
      				return
      			}
      		}
      	}()
      }
    # Generics: forwarding values with a per-value deadline.
    - |
      package pipe

      import "time"

      // Forward copies in to out, dropping a value nobody takes within d.
      func Forward[T any](in <-chan T, out chan<- T, d time.Duration) int {
      	dropped := 0
      	for v := range in {
      		select {
      		case out <- v:
      		case <-↓time.After(d):
      			dropped++
      		}
      	}
      	return dropped
      }
    - lang: cir
      code: |
        package example.com/consumer
        go 1.22

        func example.com/consumer.Run(in <-chan []byte, idle int64, handle func([]byte)) {
            var m []byte
            var ok bool
        b0:
            jump b1
        b1: loop
            ↓%1 = time.after idle
            select { case m, ok = recv in -> b2; case recv %1 -> b4 }
        b2:
            if ok then b3 else b4
        b3:
            call (handle)(m)
            jump b1
        b4:
            return
        }
  good:
    # One timer made before the loop and reset after each message.
    - |
      package consumer

      import "time"

      // Consumer hands messages to handle until none arrives for Idle.
      type Consumer struct {
      	In     <-chan []byte
      	Idle   time.Duration
      	handle func([]byte)
      }

      // Run returns when the input is idle or closed.
      func (c *Consumer) Run() {
      	idle := time.NewTimer(c.Idle)
      	defer idle.Stop()
      	for {
      		select {
      		case m, ok := <-c.In:
      			if !ok {
      				return
      			}
      			c.handle(m)
      			if !idle.Stop() {
      				<-idle.C
      			}
      			idle.Reset(c.Idle)
      		case <-idle.C:
      			return
      		}
      	}
      }
    # One deadline for the whole loop, computed once.
    - |
      package gather

      import (
      	"errors"
      	"time"
      )

      var ErrTimeout = errors.New("gather: timed out")

      // Replies reads n replies within total.
      func Replies(replies <-chan string, n int, total time.Duration) ([]string, error) {
      	deadline := time.After(total)
      	var out []string
      	for len(out) < n {
      		select {
      		case r := <-replies:
      			out = append(out, r)
      		case <-deadline:
      			return out, ErrTimeout
      		}
      	}
      	return out, nil
      }
    # A select outside any loop: one timer, once.
    - |
      package rpc

      import (
      	"errors"
      	"time"
      )

      var errTimeout = errors.New("rpc: no reply")

      // Await waits for one reply for at most d.
      func Await(reply <-chan []byte, d time.Duration) ([]byte, error) {
      	select {
      	case r := <-reply:
      		return r, nil
      	case <-time.After(d):
      		return nil, errTimeout
      	}
      }
    # time.After as a pause in a loop: received every time, nothing left behind.
    - |
      package retry

      import "time"

      // Do calls f until it succeeds, pausing backoff between attempts.
      func Do(f func() error, attempts int, backoff time.Duration) error {
      	var err error
      	for i := 0; i < attempts; i++ {
      		if err = f(); err == nil {
      			return nil
      		}
      		<-time.After(backoff)
      	}
      	return err
      }
    # A context deadline instead of a timer per iteration.
    - |
      package pipe

      import (
      	"context"
      	"time"
      )

      // Forward copies in to out until in closes or d has passed in total.
      func Forward(in <-chan int, out chan<- int, d time.Duration) error {
      	ctx, cancel := context.WithTimeout(context.Background(), d)
      	defer cancel()
      	for v := range in {
      		select {
      		case out <- v:
      		case <-ctx.Done():
      			return ctx.Err()
      		}
      	}
      	return nil
      }
    - lang: cir
      code: |
        package example.com/gather

        func example.com/gather.Replies(replies <-chan string, n int, total int64) []string {
            var out []string
            var deadline <-chan time.Time
            var r string
        b0:
            deadline = time.after total
            jump b1
        b1: loop
            if ? then b2 else b4
        b2:
            select { case r = recv replies -> b3; case recv deadline -> b4 }
        b3:
            jump b1
        b4:
            return out
        }

"""#),
        RuleFileText(relativePath: "timer/TM1004-timer-reset-undrained.yaml", text: #"""
# Reset on a timer that may be running or undrained. The format of this
# file is described in rules/README.md.
id: TM1004
name: timer-reset-undrained
category: timer
level: warning
summary: Timer.Reset is called on a timer that may still be running, or stopped with a value left in its channel.
description: |
  Before Go 1.23, Reset on a timer made by time.NewTimer is only safe once
  the timer is stopped or has expired and its channel has been drained.
  Otherwise the value the old setting sent (or is about to send) is still
  in the channel after the Reset, and the next receive from `t.C` returns
  at once: the program acts on a timeout that did not happen. The race is
  rare and timing-dependent, which is what makes it expensive.

  The rule follows each timer created in the function along every path:
  running after NewTimer and after Reset, safe after a receive from `t.C`
  (it expired and was drained) and after the drain idiom `if !t.Stop() {
  <-t.C }`, and "stopped but maybe undrained" after a Stop whose result is
  ignored. A Reset reached while the timer may be running or undrained is
  reported.

  Fix: `if !t.Stop() { <-t.C }` right before the Reset (when no other
  goroutine receives from `t.C`), or Reset only where `t.C` was just
  received from. Since Go 1.23 the channel is unbuffered and Reset discards
  the old value, so this is only a matter for older Go.

  Known false positives: a Stop result tested in a way the IR does not
  show (stored and tested later); a timer whose channel is drained by a
  select in another function. Timers from fields or parameters are not
  followed (no report).
tags: [timer, race]
precision: medium
since: "0.1.0"
go:
  - from: "1.23"
    level: note
    message-suffix: "(since Go 1.23 Reset discards the value of the old setting, so this only matters for older Go)"
analysis: structural
examples:
  bad:
    # A read loop that restarts its idle timer on every message.
    - |
      package conn

      import "time"

      // Conn closes itself when no message arrives for Timeout.
      type Conn struct {
      	In      <-chan []byte
      	Timeout time.Duration
      	handle  func([]byte)
      	close   func()
      }

      func (c *Conn) readLoop() {
      	idle := time.NewTimer(c.Timeout)
      	defer idle.Stop()
      	for {
      		select {
      		case m := <-c.In:
      			c.handle(m)
      			↓idle.Reset(c.Timeout)
      		case <-idle.C:
      			c.close()
      			return
      		}
      	}
      }
    # A retry helper that stops the timer but never drains it.
    - |
      package retry

      import "time"

      // Do calls f until it succeeds, waiting backoff after a failure.
      func Do(f func() error, attempts int, backoff time.Duration) error {
      	wait := time.NewTimer(backoff)
      	defer wait.Stop()
      	var err error
      	for i := 0; i < attempts; i++ {
      		if err = f(); err == nil {
      			return nil
      		}
      		wait.Stop()
      		↓wait.Reset(backoff)
      		<-wait.C
      	}
      	return err
      }
    # A closure run as a goroutine: a heartbeat postponed by activity.
    - |
      package session

      import "time"

      // KeepAlive sends a ping after quiet periods of d; activity postpones it.
      func KeepAlive(activity <-chan struct{}, d time.Duration, ping func()) {
      	go func() {
      		quiet := time.NewTimer(d)
      		for {
      			select {
      			case _, ok := <-activity:
      				if !ok {
      					quiet.Stop()
      					return
      				}
      				↓quiet.Reset(d)
      			case <-quiet.C:
      				ping()
      				quiet.Reset(d)
      			}
      		}
      	}()
      }
    # Generics: a debouncer that emits the last value after a quiet period.
    - |
      package debounce

      import "time"

      // Run emits the last value of in once in has been quiet for d.
      func Run[T any](in <-chan T, d time.Duration, emit func(T)) {
      	var last T
      	t := time.NewTimer(d)
      	defer t.Stop()
      	for {
      		select {
      		case v, ok := <-in:
      			if !ok {
      				return
      			}
      			last = v
      			↓t.Reset(d)
      		case <-t.C:
      			emit(last)
      		}
      	}
      }
    - lang: cir
      go: "1.22"
      code: |
        package example.com/conn

        func example.com/conn.readLoop(in <-chan []byte, timeout int64, handle func([]byte)) {
            var idle *time.Timer
            var m []byte
        b0:
            idle = timer.new timeout
            defer timer.stop idle
            jump b1
        b1: loop
            select { case m = recv in -> b2; case recv idle.C -> b3 }
        b2:
            call (handle)(m)
            ↓timer.reset idle, timeout
            jump b1
        b3:
            return
        }
  good:
    # Stop and drain before Reset.
    - |
      package conn

      import "time"

      // Conn closes itself when no message arrives for Timeout.
      type Conn struct {
      	In      <-chan []byte
      	Timeout time.Duration
      	handle  func([]byte)
      	close   func()
      }

      func (c *Conn) readLoop() {
      	idle := time.NewTimer(c.Timeout)
      	defer idle.Stop()
      	for {
      		select {
      		case m := <-c.In:
      			c.handle(m)
      			if !idle.Stop() {
      				<-idle.C
      			}
      			idle.Reset(c.Timeout)
      		case <-idle.C:
      			c.close()
      			return
      		}
      	}
      }
    # Reset only right after the timer fired and was received from.
    - |
      package tick

      import "time"

      // Every calls f every d, the next period starting when f returns.
      func Every(d time.Duration, f func() bool) {
      	t := time.NewTimer(d)
      	defer t.Stop()
      	for {
      		<-t.C
      		if !f() {
      			return
      		}
      		t.Reset(d)
      	}
      }
    # An AfterFunc timer has no channel to drain: Reset is fine.
    - |
      package lease

      import (
      	"sync"
      	"time"
      )

      // Lease calls expire unless renewed within ttl.
      type Lease struct {
      	mu    sync.Mutex
      	ttl   time.Duration
      	timer *time.Timer
      }

      // Grant starts the lease.
      func Grant(ttl time.Duration, expire func()) *Lease {
      	l := &Lease{ttl: ttl}
      	l.timer = time.AfterFunc(ttl, expire)
      	return l
      }

      // Renew pushes the expiry back by ttl.
      func (l *Lease) Renew() {
      	l.mu.Lock()
      	defer l.mu.Unlock()
      	l.timer.Reset(l.ttl)
      }
    # A fresh timer per wait instead of Reset.
    - |
      package retry

      import "time"

      // Do calls f until it succeeds, waiting backoff after a failure.
      func Do(f func() error, attempts int, backoff time.Duration) error {
      	var err error
      	for i := 0; i < attempts; i++ {
      		if err = f(); err == nil {
      			return nil
      		}
      		wait := time.NewTimer(backoff)
      		<-wait.C
      	}
      	return err
      }
    - lang: cir
      go: "1.22"
      code: |
        package example.com/conn

        func example.com/conn.readLoop(in <-chan []byte, timeout int64, handle func([]byte)) {
            var idle *time.Timer
            var m []byte
        b0:
            idle = timer.new timeout
            defer timer.stop idle
            jump b1
        b1: loop
            select { case m = recv in -> b2; case recv idle.C -> b5 }
        b2:
            call (handle)(m)
            %1 = timer.stop idle
            if %1 then b4 else b3
        b3:
            chan.recv idle.C
            jump b4
        b4:
            timer.reset idle, timeout
            jump b1
        b5:
            return
        }

"""#),
        RuleFileText(relativePath: "timer/TM1005-afterfunc-timer-dropped.yaml", text: #"""
# time.AfterFunc whose timer is dropped by a type that can be closed. The
# format of this file is described in rules/README.md.
id: TM1005
name: afterfunc-timer-dropped
category: timer
level: warning
summary: A time.AfterFunc callback on a closable value is scheduled and its timer dropped, so Close cannot cancel it.
description: |
  The *time.Timer returned by time.AfterFunc is the only handle that can
  cancel its callback. When a method of a type that has a Close (or Stop,
  Shutdown, Cancel) method schedules a callback that uses the receiver and
  drops that timer, Close has no way to cancel it: the callback fires after
  the value was closed and works on a closed connection, a drained pool or
  a reset state, or keeps the whole value reachable until it fires.

  The rule reports time.AfterFunc in a method (or a closure in one) whose
  callback is a closure capturing the receiver or a method of the same
  type, when the returned timer is discarded or never read, and the type
  has a Close, Stop, Shutdown or Cancel method.

  Fix: keep the timer in a field and stop it in Close (and make the
  callback check a closed flag under the same lock, since Stop cannot
  cancel a callback that has already started).

  Known false positives: a callback that is harmless after Close (it only
  checks a closed flag and returns); a Close method that waits for pending
  callbacks some other way.
tags: [timer, lifecycle]
precision: medium
since: "0.1.0"
analysis: structural
examples:
  bad:
    # A session that arms an idle timeout and forgets the timer.
    - |
      package session

      import (
      	"net"
      	"sync"
      	"time"
      )

      // Session is one client connection.
      type Session struct {
      	mu     sync.Mutex
      	conn   net.Conn
      	closed bool
      }

      // ArmIdle closes the connection if the client stays idle for d.
      func (s *Session) ArmIdle(d time.Duration) {
      	↓time.AfterFunc(d, func() {
      		s.mu.Lock()
      		defer s.mu.Unlock()
      		s.conn.Close()
      	})
      }

      // Close ends the session.
      func (s *Session) Close() error {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	s.closed = true
      	return s.conn.Close()
      }
    # Generics: a cache whose expiry callbacks outlive Close.
    - |
      package cache

      import (
      	"sync"
      	"time"
      )

      // Cache holds values for a limited time.
      type Cache[K comparable, V any] struct {
      	mu    sync.Mutex
      	items map[K]V
      }

      // Set stores v under k for ttl.
      func (c *Cache[K, V]) Set(k K, v V, ttl time.Duration) {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.items[k] = v
      	↓time.AfterFunc(ttl, func() {
      		c.mu.Lock()
      		defer c.mu.Unlock()
      		delete(c.items, k)
      	})
      }

      // Close drops every item.
      func (c *Cache[K, V]) Close() {
      	c.mu.Lock()
      	defer c.mu.Unlock()
      	c.items = nil
      }
    # A loop: one retry per pending message, none of them cancellable.
    - |
      package outbox

      import (
      	"sync"
      	"time"
      )

      // Outbox resends unacknowledged messages.
      type Outbox struct {
      	mu      sync.Mutex
      	pending map[int][]byte
      	send    func([]byte) error
      }

      // RetryLater resends every pending message after d.
      func (o *Outbox) RetryLater(d time.Duration) {
      	o.mu.Lock()
      	defer o.mu.Unlock()
      	for id, msg := range o.pending {
      		id, msg := id, msg
      		↓time.AfterFunc(d, func() {
      			if o.send(msg) == nil {
      				o.mu.Lock()
      				delete(o.pending, id)
      				o.mu.Unlock()
      			}
      		})
      	}
      }

      // Stop drops the pending messages.
      func (o *Outbox) Stop() {
      	o.mu.Lock()
      	defer o.mu.Unlock()
      	o.pending = nil
      }
    # A worker pool whose lingering workers are let go after Shutdown as well.
    - |
      package pool

      import (
      	"sync"
      	"time"
      )

      // Pool keeps idle workers for a while before letting them go.
      type Pool struct {
      	mu   sync.Mutex
      	idle []chan struct{}
      }

      // Release parks w and lets it go after linger.
      func (p *Pool) Release(w chan struct{}, linger time.Duration) {
      	p.mu.Lock()
      	p.idle = append(p.idle, w)
      	p.mu.Unlock()
      	t := ↓time.AfterFunc(linger, func() {
      		p.mu.Lock()
      		defer p.mu.Unlock()
      		close(w)
      	})
      	_ = t
      }

      // Shutdown lets every idle worker go.
      func (p *Pool) Shutdown() {
      	p.mu.Lock()
      	defer p.mu.Unlock()
      	for _, w := range p.idle {
      		close(w)
      	}
      	p.idle = nil
      }
    - lang: cir
      code: |
        package example.com/session
        type example.com/session.Session struct{ closed bool }

        func (s *example.com/session.Session) ArmIdle(d int64) {
        b0:
            ↓time.afterfunc d, func (*example.com/session.Session).ArmIdle.func1
            return
        }

        func (*example.com/session.Session).ArmIdle.func1() {
            parent (*example.com/session.Session).ArmIdle
            capture s *example.com/session.Session
        b0:
            call (*example.com/session.Session).Close(s)
            return
        }

        func (s *example.com/session.Session) Close() {
        b0:
            return
        }
  good:
    # The timer is kept and stopped by Close.
    - |
      package session

      import (
      	"net"
      	"sync"
      	"time"
      )

      // Session is one client connection.
      type Session struct {
      	mu   sync.Mutex
      	conn net.Conn
      	idle *time.Timer
      }

      // ArmIdle closes the connection if the client stays idle for d.
      func (s *Session) ArmIdle(d time.Duration) {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	s.idle = time.AfterFunc(d, func() { s.conn.Close() })
      }

      // Close ends the session and cancels the idle timeout.
      func (s *Session) Close() error {
      	s.mu.Lock()
      	defer s.mu.Unlock()
      	if s.idle != nil {
      		s.idle.Stop()
      	}
      	return s.conn.Close()
      }
    # A plain function: there is no owner to close.
    - |
      package notify

      import (
      	"log"
      	"time"
      )

      // Later logs msg after d.
      func Later(msg string, d time.Duration) {
      	time.AfterFunc(d, func() { log.Println(msg) })
      }
    # The timer is returned: the caller decides when to stop it.
    - |
      package reminders

      import "time"

      // Reminders schedules reminders.
      type Reminders struct {
      	notify func(string)
      }

      // Schedule reminds about what after d; stopping the timer cancels it.
      func (r *Reminders) Schedule(what string, d time.Duration) *time.Timer {
      	return time.AfterFunc(d, func() { r.notify(what) })
      }

      // Close does nothing: scheduled reminders belong to their callers.
      func (r *Reminders) Close() {}
    # A type that cannot be closed: nothing outlives it by surprise.
    - |
      package metrics

      import (
      	"sync/atomic"
      	"time"
      )

      // Counter counts events and resets itself every period.
      type Counter struct {
      	n atomic.Int64
      }

      // Inc counts one event and forgets it after window.
      func (c *Counter) Inc(window time.Duration) {
      	c.n.Add(1)
      	time.AfterFunc(window, func() { c.n.Add(-1) })
      }
    - lang: cir
      code: |
        package example.com/session
        type example.com/session.Session struct{ idle *time.Timer }

        func (s *example.com/session.Session) ArmIdle(d int64) {
        b0:
            %1 = time.afterfunc d, func (*example.com/session.Session).ArmIdle.func1
            assign s.idle = %1
            return
        }

        func (*example.com/session.Session).ArmIdle.func1() {
            parent (*example.com/session.Session).ArmIdle
            capture s *example.com/session.Session
        b0:
            return
        }

        func (s *example.com/session.Session) Close() {
        b0:
            %1 = timer.stop s.idle
            return
        }

"""#),
    ]
}
