import Foundation
import TestSupport
import Testing
@testable import Driver

/// The lifecycle analysis's per-component cache: when the run as a whole
/// misses, a call-graph component is taken from the earlier run when its
/// own text, the text of what it calls and the summaries of what it calls
/// are as they were, and what it read besides (the methods of a returned
/// handle) did not change; the output is byte for byte that of a run
/// without cache.
@Suite(.enabled(if: parserIsReal, "needs the real parser"))
struct LifecycleMemoTests {
    static let util = """
        package util

        import "time"

        // Stop ends a ticker for its callers.
        func Stop(t *time.Ticker) {
        \tt.Stop()
        }

        """

    static let app = """
        package app

        import (
        \t"time"

        \t"example.com/m/util"
        )

        // Poll stops its ticker through util.
        func Poll() {
        \tt := time.NewTicker(time.Second)
        \tutil.Stop(t)
        }

        // Run polls under a timer it stops.
        func Run() {
        \tdeadline := time.NewTimer(time.Minute)
        \tdefer deadline.Stop()
        \tPoll()
        }

        """

    static let db = """
        package db

        import (
        \t"errors"
        \t"sync"
        )

        type Store struct {
        \tmu     sync.Mutex
        \tclosed bool
        \tn      int
        }

        type Txn struct {
        \ts *Store
        }

        // Begin locks the store until the transaction ends.
        func (s *Store) Begin() (*Txn, error) {
        \ts.mu.Lock()
        \tif s.closed {
        \t\treturn nil, errors.New("closed")
        \t}
        \treturn &Txn{s: s}, nil
        }

        // Commit ends the transaction.
        func (t *Txn) Commit() {
        \tt.s.mu.Unlock()
        }

        """

    /// `util` <- `app`, and `db`, which imports neither.
    static func module() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        try tree.write("util/util.go", util)
        try tree.write("app/app.go", app)
        try tree.write("db/db.go", db)
        return tree
    }

    @Test func aComponentNothingReadChangedIsTakenAsItWas() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = AnalysisMemoTests.run(tree, cache: cache)
        let all = first.components(of: "lifecycle").all
        #expect(all >= 4, "Stop, Poll, Run and Begin at least: \(all)")
        #expect(first.components(of: "lifecycle").reused == 0)
        #expect(!CacheTests.entries(cache, kind: "lifecycle").isEmpty)
        #expect(first.stdout.contains("MU1001"))

        // Nothing the IR holds changes: every component is reused.
        try tree.write("util/util.go", Self.util + "// trailing\n")
        let comment = AnalysisMemoTests.run(tree, cache: cache)
        #expect(comment.components(of: "lifecycle") == (all, all))
        #expect(comment.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
    }

    @Test func aSummaryThatStaysTheSameStopsTheChangeAtTheDirectCallers() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let all = AnalysisMemoTests.run(tree, cache: cache).components(of: "lifecycle").all

        // Stop's text changes and its summary (it stops its argument) does
        // not: Stop and its caller Poll are analysed again, Run (which
        // calls Poll) and db are not.
        try tree.write("util/util.go", Self.util.replacingOccurrences(of: "\tt.Stop()\n", with: "\tt.Stop()\n\tt = nil\n"))
        let same = AnalysisMemoTests.run(tree, cache: cache)
        #expect(same.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(same.components(of: "lifecycle") == (all, all - 2))

        // Stop no longer stops: Poll's ticker leaks, and a stale Poll would
        // not say so.
        try tree.write("util/util.go", Self.util.replacingOccurrences(of: "\tt.Stop()\n", with: "\tt.Reset(time.Minute)\n"))
        let leaking = AnalysisMemoTests.run(tree, cache: cache)
        let fresh = AnalysisMemoTests.run(tree, cache: nil)
        #expect(leaking.stdout == fresh.stdout)
        #expect(fresh.stdout.contains("app/app.go") && !same.stdout.contains("app/app.go"))
    }

    @Test func theMethodsOfAReturnedHandleAreCheckedBeforeReuse() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = AnalysisMemoTests.run(tree, cache: cache)
        #expect(first.stdout.contains("MU1001"), "Begin's error path keeps the lock")

        // Commit no longer unlocks (on the same line, so Begin's own text
        // and position are as they were, and Begin calls nothing that
        // changed): Begin is a lock helper now, and reports nothing.
        let noUnlock = Self.db.replacingOccurrences(of: "\tt.s.mu.Unlock()\n", with: "\tt.s.n++\n")
        try tree.write("db/db.go", noUnlock)
        let helper = AnalysisMemoTests.run(tree, cache: cache)
        #expect(helper.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(!helper.stdout.contains("MU1001"))

        // A new method of Txn unlocks: the handle takes the lock over again.
        try tree.write("db/db.go", noUnlock + "// Rollback ends the transaction.\nfunc (t *Txn) Rollback() { t.s.mu.Unlock() }\n")
        let rollback = AnalysisMemoTests.run(tree, cache: cache)
        #expect(rollback.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(rollback.stdout.contains("MU1001"))
    }

    /// A `defer` fix copies the indentation of the line it follows, which
    /// the IR does not hold: a tab turned into a space leaves every
    /// position as it was, and the finding's fix must still change.
    @Test func aFixIsMadeAgainWhenItsFileChanged() throws {
        let tree = try Self.module()
        let leak = """
            package tick

            import "context"

            func Derive(parent context.Context) context.Context {
            \tctx, cancel := context.WithCancel(parent)
            \t_ = cancel
            \treturn ctx
            }

            """
        try tree.write("tick/tick.go", leak)
        let cache = tree.path(".cache")
        let first = AnalysisMemoTests.run(tree, cache: cache)
        #expect(first.stdout.contains("defer cancel()"))

        try tree.write("tick/tick.go", leak.replacingOccurrences(of: "\tctx, cancel", with: " ctx, cancel"))
        let respaced = AnalysisMemoTests.run(tree, cache: cache)
        #expect(respaced.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(respaced.stdout != first.stdout)
    }
}
