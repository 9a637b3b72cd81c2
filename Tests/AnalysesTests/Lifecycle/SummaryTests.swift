import ConcIR
import Findings
import Testing
@testable import Analyses

/// Summaries bottom-up over the call graph: helpers that release, hand
/// over, return a fresh resource or keep a lock; recursion.
@Suite struct SummaryTests {
    private func tm1001(_ text: String) -> [String] {
        Harness.summary(Harness.findings(text, only: ["TM1001"]))
    }

    @Test func helperThatStopsItsParameterReleases() {
        #expect(tm1001("""
        package p
        func p.stop(t *time.Ticker) {
        b0:
            ticker.stop t
            return
        }
        func p.use(d int64) {
            var t *time.Ticker
        b0:
            t = ticker.new d @8:9
            call p.stop(t)
            return
        }
        """).isEmpty)
    }

    @Test func helperThatStopsOnlySometimesDoesNot() {
        #expect(tm1001("""
        package p
        func p.maybeStop(t *time.Ticker, really bool) {
        b0:
            if really then b1 else b2
        b1:
            ticker.stop t
            return
        b2:
            return
        }
        func p.use(d int64) {
            var t *time.Ticker
        b0:
            t = ticker.new d @13:9
            call p.maybeStop(t, false)
            return
        }
        """) == ["TM1001@13:9"])
    }

    @Test func helperThatReturnsAFreshTickerIsAnAcquisition() throws {
        let findings = Harness.findings("""
        package p
        func p.newTicker(d int64) *time.Ticker {
            var t *time.Ticker
        b0:
            t = ticker.new d @4:9
            return t
        }
        func p.poll(d int64, ready func() bool) {
            var t *time.Ticker
        b0:
            t = call p.newTicker(d) @10:9
            jump b1
        b1: loop
            chan.recv t.C
            %1 = call (ready)()
            if %1 then b2 else b1
        b2:
            return @16:5
        }
        """, only: ["TM1001"])
        #expect(Harness.summary(findings) == ["TM1001@10:9"])
        #expect(try #require(findings.first).message == "p.newTicker(...) is not stopped on the path through line 16")
    }

    @Test func freshnessPropagatesThroughWrappers() {
        #expect(tm1001("""
        package p
        func p.inner(d int64) *time.Ticker {
        b0:
            %1 = ticker.new d @3:10
            return %1
        }
        func p.outer(d int64) *time.Ticker {
        b0:
            %1 = call p.inner(d) @8:10
            return %1
        }
        func p.use(d int64) {
        b0:
            %1 = call p.outer(d) @13:5
            return
        }
        """) == ["TM1001@13:5"])
    }

    @Test func methodStoringItsParameterInAFieldHandsItOver() {
        #expect(tm1001("""
        package p
        type p.H struct{ t *time.Ticker }
        func (h *p.H) adopt(t *time.Ticker) {
        b0:
            assign h.t = t
            return
        }
        func p.use(h *p.H, d int64) {
            var t *time.Ticker
        b0:
            t = ticker.new d @10:9
            call (*p.H).adopt(h, t)
            return
        }
        """).isEmpty)
    }

    @Test func goroutineThatStopsItsArgumentTakesOwnership() {
        #expect(tm1001("""
        package p
        func p.loop(t *time.Ticker, done chan struct{}) {
        b0:
            defer ticker.stop t
            jump b1
        b1: loop
            select { case recv t.C -> b1; case recv done -> b2 }
        b2:
            return
        }
        func p.start(d int64, done chan struct{}) {
            var t *time.Ticker
        b0:
            t = ticker.new d @14:9
            go p.loop(t, done)
            return
        }
        """).isEmpty)
    }

    @Test func closureCalledLaterThatStopsItsCaptureCounts() {
        #expect(tm1001("""
        package p
        func p.use(d int64) {
            var t *time.Ticker
            var stop func()
        b0:
            t = ticker.new d @5:9
            assign stop = func p.use.func1
            call (stop)() targets [p.use.func1]
            return
        }
        func p.use.func1() {
            parent p.use
            capture t *time.Ticker
        b0:
            ticker.stop t
            return
        }
        """).isEmpty)
    }

    /// A recursive helper releases on every path once its own summary is known.
    @Test func recursiveHelperThatReleasesAtTheBottom() {
        #expect(tm1001("""
        package p
        func p.drain(t *time.Ticker, n int) {
        b0:
            if ? then b1 else b2
        b1:
            ticker.stop t
            return
        b2:
            chan.recv t.C
            call p.drain(t, n)
            return
        }
        func p.use(d int64) {
            var t *time.Ticker
        b0:
            t = ticker.new d @15:9
            call p.drain(t, 3)
            return
        }
        """).isEmpty)
    }

    /// Mutual recursion that never releases stays a leak, and terminates.
    @Test func mutualRecursionWithoutReleaseStaysALeak() {
        #expect(tm1001("""
        package p
        func p.ping(t *time.Ticker) {
        b0:
            call p.pong(t)
            return
        }
        func p.pong(t *time.Ticker) {
        b0:
            if ? then b1 else b2
        b1:
            call p.ping(t)
            return
        b2:
            return
        }
        func p.use(d int64) {
            var t *time.Ticker
        b0:
            t = ticker.new d @18:9
            call p.ping(t)
            return
        }
        """) == ["TM1001@18:9"])
    }

    @Test func lockHelpersAreCheckedAtTheirCallers() {
        let text = """
        package p
        type p.S struct{ mu sync.Mutex }
        func (s *p.S) lock() {
        b0:
            mutex.lock s.mu
            return
        }
        func (s *p.S) unlock() {
        b0:
            mutex.unlock s.mu
            return
        }
        func (s *p.S) good() {
        b0:
            call (*p.S).lock(s) @15:5
            call (*p.S).unlock(s)
            return
        }
        func (s *p.S) bad() {
        b0:
            call (*p.S).lock(s) @21:5
            if ? then b1 else b2
        b1:
            return
        b2:
            call (*p.S).unlock(s)
            return
        }
        """
        let findings = Harness.findings(text, only: ["MU1001"])
        #expect(Harness.summary(findings) == ["MU1001@21:5"])
        #expect(findings.first?.message.hasPrefix("s.mu is locked by (*p.S).lock") == true)
    }

    /// A lock taken on a value Go code cannot name (a call's result) is
    /// called "the lock" in the message, not left blank.
    @Test func aLockWithoutAGoSpellingIsNamedByItsResource() {
        let text = """
        package p
        type p.S struct{ mu sync.Mutex }
        func p.current() *p.S {
            var s *p.S
        b0:
            return s
        }
        func (s *p.S) lock() {
        b0:
            mutex.lock s.mu
            return
        }
        func p.bad() {
        b0:
            %1 = call p.current() @14:5
            call (*p.S).lock(%1) @14:15
            return
        }
        """
        let findings = Harness.findings(text, only: ["MU1001"])
        #expect(Harness.summary(findings) == ["MU1001@14:15"])
        #expect(findings.first?.message.hasPrefix("the lock is locked by (*p.S).lock") == true, "\(findings.map(\.message))")
    }

    @Test func cancelFuncPassedToAnyFunctionIsHandedOverAsInVet() {
        let text = """
        package p
        func p.use(parent context.Context, register func(context.CancelFunc)) {
            var ctx context.Context
            var cancel context.CancelFunc
        b0:
            ctx, cancel = ctx.withcancel parent @5:19
            call (register)(cancel)
            return
        }
        """
        #expect(Harness.findings(text, only: ["CX1001"]).isEmpty)
    }
}
