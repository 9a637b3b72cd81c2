import Foundation
import TestSupport
import Testing
@testable import Driver

/// The structural analysis's per-function cache: when the run as a whole
/// misses, a function keeps the findings of the function-local checks
/// when nothing its walk reads changed (its text, what it reaches, the
/// functions around it and its callers, and the comments and method
/// names it looked at); the output is byte for byte that of a run without
/// cache.
@Suite(.enabled(if: parserIsReal, "needs the real parser"))
struct StructuralMemoTests {
    static let util = """
        package util

        import "sync"

        // Queue hands items to waiting goroutines.
        type Queue struct {
        \tmu    sync.Mutex
        \tcond  *sync.Cond
        \titems []int
        }

        // waitLocked waits for an item; its callers hold q.mu.
        func (q *Queue) waitLocked() {
        \tfor len(q.items) == 0 {
        \t\tq.cond.Wait()
        \t}
        }

        // Take removes the first item.
        func (q *Queue) Take() int {
        \tq.mu.Lock()
        \tq.waitLocked()
        \tv := q.items[0]
        \tq.items = q.items[1:]
        \tq.mu.Unlock()
        \treturn v
        }

        """

    static let poller = """
        package poller

        import "time"

        // Poller counts ticks.
        type Poller struct{ n int }

        func (p *Poller) tick() { p.n++ }

        // Start schedules a tick and drops the timer.
        func (p *Poller) Start() {
        \ttime.AfterFunc(time.Second, p.tick)
        }

        """

    static let barrier = """
        package barrier

        import "sync"

        // Gate orders readers after writers.
        type Gate struct{ mu sync.Mutex }

        // Pass goes through the gate.
        func (g *Gate) Pass() {
        \t// a sync point
        \tg.mu.Lock()
        \tg.mu.Unlock()
        }

        """

    /// Ping and Pong call themselves and each other: one call-graph
    /// component, the same callers; only Ping has a finding.
    static let cycle = """
        package cyc

        import "time"

        func Ping(n int) <-chan time.Time {
        \tif n > 1 {
        \t\tPing(n - 2)
        \t}
        \tif n > 0 {
        \t\tPong(n - 1)
        \t}
        \treturn time.Tick(time.Second)
        }

        func Pong(n int) {
        \tif n > 1 {
        \t\tPong(n - 2)
        \t}
        \tif n > 0 {
        \t\tPing(n - 1)
        \t}
        }

        """

    /// add writes atomically; its caller's caller holds the lock Read holds.
    static let counter = """
        package counter

        import (
        \t"sync"
        \t"sync/atomic"
        )

        // Counter counts under a lock its callers take.
        type Counter struct {
        \tmu sync.Mutex
        \tn  int64
        }

        func (c *Counter) add() { atomic.AddInt64(&c.n, 1) }

        func (c *Counter) incLocked() { c.add() }

        // Inc counts one.
        func (c *Counter) Inc() {
        \tc.mu.Lock()
        \tc.incLocked()
        \tc.mu.Unlock()
        }

        // Read reads the count under the lock every write holds.
        func (c *Counter) Read() int64 {
        \tc.mu.Lock()
        \tv := c.n
        \tc.mu.Unlock()
        \treturn v
        }

        """

    /// Peek reads plainly what only atomic loads touch: no race yet.
    static let gauge = """
        package gauge

        import "sync/atomic"

        // Gauge is read atomically and plainly.
        type Gauge struct{ v int64 }

        // Load reads atomically.
        func (g *Gauge) Load() int64 { return atomic.LoadInt64(&g.v) }

        // Peek reads plainly: fine while nobody writes atomically.
        func (g *Gauge) Peek() int64 { return g.v }

        """

    /// Stop, last in the file, is the only reader of the cancel field.
    static let worker = """
        package ctxfield

        import "context"

        // Worker keeps a cancel func.
        type Worker struct {
        \tcancel context.CancelFunc
        }

        // Start starts the worker's context.
        func (w *Worker) Start(parent context.Context) context.Context {
        \tctx, cancel := context.WithCancel(parent)
        \tw.cancel = cancel
        \treturn ctx
        }

        // Stop stops the worker.
        func (w *Worker) Stop() { w.cancel() }

        """

    /// Load's SY1010 finding shows where setup, in another file, panics.
    static let load = "package cfg\n\nimport \"sync\"\n\nvar once sync.Once\n\n// Load reads the configuration once.\nfunc Load() {\n\tonce.Do(setup)\n}\n"
    static let setup = """
        package cfg

        import "os"

        var data []byte

        func setup() {
        \tb, err := os.ReadFile("/etc/app.conf")
        \tif err != nil {
        \t\tpanic(err)
        \t}
        \tdata = b
        }

        """

    /// Run calls gauge, which it imports.
    static let app = "package app\n\nimport \"example.com/m/gauge\"\n\n// Run reads a gauge.\nfunc Run(g *gauge.Gauge) int64 { return g.Load() }\n"

    static let other = "package other\n\nimport \"time\"\n\n// Wait sleeps.\nfunc Wait() { time.Sleep(time.Second) }\n"

    static func module() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        try tree.write("util/util.go", util)
        try tree.write("poller/poller.go", poller)
        try tree.write("barrier/barrier.go", barrier)
        try tree.write("cyc/cyc.go", cycle)
        try tree.write("other/other.go", other)
        try tree.write("counter/counter.go", counter)
        try tree.write("gauge/gauge.go", gauge)
        try tree.write("ctxfield/ctxfield.go", worker)
        try tree.write("cfg/load.go", load)
        try tree.write("cfg/setup.go", setup)
        try tree.write("app/app.go", app)
        return tree
    }

    static func run(_ tree: TemporaryTree, _ paths: [String] = ["./..."], cache: String?) -> AnalysisMemoTests.Run {
        AnalysisMemoTests.run(tree, paths, cache: cache)
    }

    /// Functions walked by every check in a run, and functions whose findings were reused.
    static func functions(_ run: AnalysisMemoTests.Run) -> (walked: Int, reused: Int) {
        (run.stats["structural.functions-walked"] ?? -1, run.stats["cache.structural-functions-reused"] ?? -1)
    }


    @Test func anEditReWalksOnlyTheFunctionsItReaches() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = Self.run(tree, cache: cache)
        let all = Self.functions(first).walked
        #expect(all > 0)
        #expect(Self.functions(first).reused == 0)
        #expect(!CacheTests.entries(cache, kind: "structural").isEmpty)

        // Nothing the IR holds changes: no function is walked again.
        try tree.write("util/util.go", Self.util + "// trailing\n")
        #expect(Self.functions(AnalysisMemoTests.cachedRun(tree, cache: cache)) == (0, all))

        // Every function of a package nothing imports moves down a line:
        // those are walked again, as many as a run over it alone walks.
        try tree.write("other/other.go", Self.other.replacingOccurrences(of: "package other\n", with: "package other\n\n// moved\n"))
        let alone = Self.functions(Self.run(tree, ["./other"], cache: nil)).walked
        #expect(alone > 0)
        #expect(Self.functions(AnalysisMemoTests.cachedRun(tree, cache: cache)) == (alone, all - alone))
    }

    /// waitLocked's own text and what it calls stay the same; only its
    /// caller stops holding the lock, which decides SY1012 in waitLocked.
    @Test func aCallerThatStopsLockingReachesTheFunctionItCalls() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let before = Self.run(tree, cache: cache)
        #expect(!before.stdout.contains("SY1012"))
        try tree.write("util/util.go", Self.util.replacingOccurrences(of: "\tq.mu.Lock()\n", with: "\t// unlocked\n")
            .replacingOccurrences(of: "\tq.mu.Unlock()\n", with: "\t// unlocked\n"))
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout.contains("SY1012"))
    }

    /// Start's text, key and callees stay the same; a Close method added
    /// below it makes its dropped AfterFunc timer a finding (TM1005).
    @Test func aMethodAddedToTheTypeReachesTheFunctionThatLookedItUp() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        #expect(!Self.run(tree, cache: cache).stdout.contains("TM1005"))
        try tree.write("poller/poller.go", Self.poller + "// Close stops the poller.\nfunc (p *Poller) Close() {}\n")
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout.contains("TM1005"))
    }

    /// The IR keeps no comments: a comment saying the empty critical
    /// section waits for someone silences MU1004, and the file is read again.
    @Test func aCommentThatDecidesAFindingIsComparedBeforeReuse() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        #expect(Self.run(tree, cache: cache).stdout.contains("MU1004"))
        try tree.write("barrier/barrier.go", Self.barrier.replacingOccurrences(of: "// a sync point", with: "// wait for writers"))
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(!after.stdout.contains("MU1004"))
    }

    /// Two functions of one call cycle with the same callers share the
    /// cycle's closure key and the callers' digests; each keeps its own
    /// findings (a shared entry lost Ping's).
    @Test func twoFunctionsOfOneCallCycleKeepTheirOwnFindings() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = Self.run(tree, cache: cache)
        #expect(first.stdout.contains("cyc.Ping returns"))
        try tree.write("other/other.go", Self.other + "// edited\n")
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout == first.stdout)
        #expect(Self.functions(after).walked == 0)
    }

    /// Start is not walked again: the cancel field it stores comes from its
    /// kept facts, and with Stop gone no function of the package reads it.
    @Test func aJoiningCheckJoinsTheKeptFactsOfFunctionsNotWalked() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        #expect(!Self.run(tree, cache: cache).stdout.contains("CX1002"))
        try tree.write("ctxfield/ctxfield.go", Self.worker.replacingOccurrences(of: "// Stop stops the worker.\nfunc (w *Worker) Stop() { w.cancel() }\n", with: ""))
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout.contains("CX1002"))
        #expect(Self.functions(after).reused > 0)
    }

    /// Peek is not walked again, but an atomic write added beside it
    /// changes what the look at its plain read joins: the look is made again.
    @Test func aLookIsMadeAgainWhenTheFactsItJoinsChange() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let before = Self.run(tree, cache: cache)
        #expect(!before.stdout.contains("SY1007"))
        try tree.write("gauge/gauge.go", Self.gauge + "// Add adds atomically.\nfunc (g *Gauge) Add() { atomic.AddInt64(&g.v, 1) }\n")
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout.contains("SY1007"))
        // Unrelated looks (Counter.Read's) are reused.
        #expect((after.stats["cache.structural-looks-reused"] ?? 0) > 0)
    }

    /// add's key holds its callers (incLocked), not theirs: Inc dropping
    /// the lock reaches add's write guard through the callers add's walk
    /// read further up, and Read's plain read becomes a race.
    @Test func callersReadFurtherUpThanTheKeyAreComparedBeforeReuse() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        #expect(!Self.run(tree, cache: cache).stdout.contains("SY1007"))
        try tree.write("counter/counter.go", Self.counter.replacingOccurrences(of: "\tc.mu.Lock()\n\tc.incLocked()\n\tc.mu.Unlock()",
                                                                               with: "\t// unlocked\n\tc.incLocked()\n\t// unlocked"))
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout.contains("SY1007"))
    }

    /// A line added at the top of gauge moves its functions but changes
    /// nothing Run reads of them: Run, in a package that imports gauge, is
    /// not walked again.
    @Test func aMovedCalleeDoesNotReachItsCallers() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        _ = Self.run(tree, cache: cache)
        try tree.write("gauge/gauge.go", Self.gauge.replacingOccurrences(of: "package gauge\n", with: "package gauge\n\n// moved\n"))
        let alone = Self.functions(Self.run(tree, ["./gauge"], cache: nil)).walked
        #expect(alone > 0)
        #expect(Self.functions(AnalysisMemoTests.cachedRun(tree, cache: cache)).walked == alone)
    }

    /// Load's key does not change when setup, in another file, moves down
    /// two lines; its finding shows where setup panics, so the positions
    /// of setup's file are compared, and the finding is made again.
    @Test func aFindingThatShowsAnotherFunctionsPositionsIsMadeAgainWhenTheyMove() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let before = Self.run(tree, cache: cache)
        #expect(before.stdout.contains("SY1010"))
        try tree.write("cfg/setup.go", Self.setup.replacingOccurrences(of: "package cfg\n", with: "package cfg\n\n// setup reads the file.\n"))
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout != before.stdout)
    }
}
