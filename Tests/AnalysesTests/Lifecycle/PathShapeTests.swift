import ConcIR
import Findings
import Testing
@testable import Analyses

/// How the engine judges the shapes of paths: defers, select cases, error
/// results, overwritten and discarded resources, loops, programs that end.
@Suite struct PathShapeTests {
    private func tm1001(_ body: String, extra: String = "") -> [String] {
        Harness.summary(Harness.findings("""
        package p
        go 1.22

        \(extra)
        func p.f(d int64, ch chan *time.Ticker, out chan int) *time.Ticker {
            var t *time.Ticker
            var u *time.Ticker
        \(body)
        }
        """, only: ["TM1001"]))
    }

    @Test func deferRegisteredOnEveryPathCoversEveryExit() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            defer ticker.stop t
            if ? then b1 else b2
        b1:
            return nil
        b2:
            panic "x"
        """).isEmpty)
    }

    @Test func deferRegisteredOnOneBranchOnlyLeaksOnTheOther() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            if ? then b1 else b2
        b1:
            defer ticker.stop t
            return nil
        b2:
            return nil
        """) == ["TM1001@5:9"])
    }

    @Test func sentOnAChannelInASelectCaseIsHandedOver() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            select { case send ch, t -> b1; case recv out -> b2 }
        b1:
            return nil
        b2:
            ticker.stop t
            return nil
        """).isEmpty)
    }

    @Test func returnedThroughACopyIsHandedOver() {
        #expect(tm1001("""
        b0:
            %1 = ticker.new d @5:9
            assign u = %1
            return u
        """).isEmpty)
    }

    @Test func overwritingTheOnlyReferenceLosesIt() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            t = ticker.new d @6:9
            ticker.stop t
            return nil
        """) == ["TM1001@5:9"])
    }

    @Test func discardedResultLeaksAtOnce() {
        #expect(tm1001("""
        b0:
            _ = ticker.new d @5:9
            ticker.new d @6:9
            return nil
        """) == ["TM1001@5:9", "TM1001@6:9"])
    }

    @Test func panicPathsAreNotCheckedUnlessTheRuleAsks() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            if ? then b1 else b2
        b1:
            panic "bad input"
        b2:
            ticker.stop t
            return nil
        """).isEmpty)
    }

    @Test func endlessLoopWithoutExitIsNotALeak() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            jump b1
        b1: loop
            chan.recv t.C
            jump b1
        """).isEmpty)
    }

    @Test func rangeOverTheTickerChannelNeverEnds() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            jump b1
        b1: loop
            %1, %2 = range chan.recv t.C
            if %2 then b1 else b2
        b2:
            return nil
        """).isEmpty)
    }

    @Test func mainReturningEndsTheProcess() {
        let findings = Harness.findings("""
        package main
        func main.main() {
            var t *time.Ticker
        b0:
            t = ticker.new 1 @3:9
            chan.recv t.C
            return
        }
        """, only: ["TM1001"])
        #expect(findings.isEmpty)
    }

    @Test func storedInAFieldOfAFreshStructIsHandedOver() {
        #expect(tm1001("""
        b0:
            %1 = alloc.lit *p.Holder
            %2 = ticker.new d @5:9
            assign %1.t = %2
            return nil
        """).isEmpty)
    }

    @Test func storedInAGlobalIsHandedOver() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            assign global(p.shared) = t
            return nil
        """, extra: "global p.shared *time.Ticker").isEmpty)
    }

    @Test func stoppedThroughAnAliasCounts() {
        #expect(tm1001("""
        b0:
            t = ticker.new d @5:9
            assign u = t
            ticker.stop u
            return nil
        """).isEmpty)
    }

    /// GR9001: where Query's error result is non-nil, nothing was acquired.
    @Test func errorResultPathsAcquireNothing() {
        let text = """
        package users
        func users.Names(db *database/sql.DB) ([]string, error) {
            var rows *database/sql.Rows
            var err error
        b0:
            rows, err = call (*database/sql.DB).Query(db, "q") @4:18
            if ? then b1 else b2
        b1:
            return nil, err
        b2:
            %1 = call (*database/sql.Rows).Next(rows)
            if %1 then b3 else b4
        b3:
            err = call (*database/sql.Rows).Scan(rows, ?)
            if ? then b5 else b2
        b5:
            return nil, err @12:4
        b4:
            call (*database/sql.Rows).Close(rows)
            return nil, nil
        }
        """
        let findings = Harness.findings(text, only: ["GR9001"])
        #expect(Harness.summary(findings) == ["GR9001@4:18"])
        #expect(findings.first?.message.contains("line 12") == true)
    }

    /// The condition convention: `if err then` is `if err != nil`.
    @Test func branchOnTheErrorResultIsTheFailurePath() {
        let text = """
        package users
        func users.Count(db *database/sql.DB) (int, error) {
            var rows *database/sql.Rows
            var err error
        b0:
            rows, err = call (*database/sql.DB).Query(db, "q") @4:18
            if err then b1 else b2
        b1:
            call log.Print(err)
            return 0, nil
        b2:
            defer (*database/sql.Rows).Close(rows)
            return 1, nil
        }
        """
        #expect(Harness.findings(text, only: ["GR9001"]).isEmpty)
    }

    @Test func lockHeldIntoTheNextIterationIsReportedAtTheContinue() throws {
        let text = """
        package p
        type p.R struct{ mu sync.Mutex }
        func (r *p.R) Prune(names []string) {
        b0:
            jump b1
        b1: loop len(names)
            if ? then b2 else b5
        b2:
            mutex.lock r.mu @7:3
            if ? then b3 else b4 @8:3
        b3:
            jump b1 @9:4
        b4:
            mutex.unlock r.mu
            jump b1
        b5:
            return
        }
        """
        let findings = Harness.findings(text, only: ["MU1001"])
        #expect(Harness.summary(findings) == ["MU1001@7:3"])
        let message = try #require(findings.first?.message)
        #expect(message == "r.mu is locked by (*sync.Mutex).Lock and not unlocked on the path through line 9: the next Lock blocks for ever")
    }

    /// On a package-level mutex, with one path that releases it right (a
    /// lock held on every path would be a lock helper's, checked at its
    /// callers; a local one no other goroutine can reach is not reported
    /// at all, see `privateLocalMutexIsNotReported`).
    @Test func readLockIsNotReleasedByUnlock() {
        let text = """
        package p
        global p.mu sync.RWMutex
        func p.get(fast bool) {
        b0:
            mutex.rlock global(p.mu) @4:2
            if fast then b1 else b2
        b1:
            mutex.runlock global(p.mu)
            return
        b2:
            mutex.unlock global(p.mu)
            return
        }
        """
        #expect(Harness.summary(Harness.findings(text, only: ["MU1001", "MU1002"])) == ["MU1002@4:2"])
    }

    /// A local mutex held by value, captured by nothing, left read-locked:
    /// it dies with the call and no other goroutine could ever wait for it.
    /// The same lock through a pointer parameter may be shared, and is reported.
    @Test func privateLocalMutexIsNotReported() {
        let local = """
        package p
        func p.get(m map[string]int) {
            var mu sync.RWMutex
        b0:
            mutex.rlock mu @4:2
            mutex.unlock mu
            return
        }
        """
        #expect(Harness.summary(Harness.findings(local, only: ["MU1001", "MU1002"])) == [])
        let shared = """
        package p
        func p.get(mu *sync.RWMutex, fast bool) {
        b0:
            mutex.rlock mu @4:2
            if fast then b1 else b2
        b1:
            mutex.runlock mu
            return
        b2:
            mutex.unlock mu
            return
        }
        """
        #expect(Harness.summary(Harness.findings(shared, only: ["MU1001", "MU1002"])) == ["MU1002@4:2"])
    }

    /// A function that leaves a lock of its receiver held on every path is
    /// a lock helper, not a leak; held on some paths only, it is reported.
    @Test func lockHelperHeuristicNeedsEveryPathToHoldIt() {
        let text = """
        package p
        type p.T struct{ mu sync.RWMutex }
        func (t *p.T) rlock() {
        b0:
            mutex.rlock t.mu @4:2
            return
        }
        func (t *p.T) sometimes() {
        b0:
            mutex.rlock t.mu @9:2
            if ? then b1 else b2
        b1:
            mutex.runlock t.mu
            return
        b2:
            return
        }
        """
        #expect(Harness.summary(Harness.findings(text, only: ["MU1002"])) == ["MU1002@9:2"])
    }

    /// The level follows the package's Go version (TM1001's note from 1.23).
    @Test func levelFollowsTheGoVersion() {
        func level(_ version: String) -> Level? {
            Harness.findings("""
            package p
            go \(version)
            func p.f(d int64) {
            b0:
                ticker.new d @3:5
                return
            }
            """, only: ["TM1001"]).first?.level
        }
        #expect(level("1.22") == .warning)
        #expect(level("1.23") == .note)
    }

    /// `if err != nil` is `if ?` in the IR: the path that uses the error
    /// result (here: stores it) while leaving the rows alone is the failure path.
    @Test func errorResultUsedOnItsOwnIsTheFailurePath() {
        let text = """
        package p
        type p.Row struct{ rows *database/sql.Rows; err error }
        func p.q(db *database/sql.DB) *p.Row {
            var rows *database/sql.Rows
            var err error
        b0:
            rows, err = call (*database/sql.DB).Query(db, "x") @6:15
            if ? then b1 else b2
        b1:
            %1 = alloc.lit *p.Row
            assign %1.err = err
            return %1
        b2:
            %2 = alloc.lit *p.Row
            assign %2.rows = rows
            return %2
        }
        """
        #expect(Harness.findings(text, only: ["GR9001"]).isEmpty)
    }

    /// `check(err)` reads only the error too, but the success path goes on
    /// to use the rows: it is not the failure path, and the missing Close
    /// is reported.
    @Test func errorCheckedByAHelperStillLeaksTheRows() {
        let text = """
        package p
        func p.check(err error) {
        b0:
            return
        }
        func p.first(db *database/sql.DB) bool {
            var rows *database/sql.Rows
            var err error
        b0:
            rows, err = call (*database/sql.DB).Query(db, "x") @9:15
            call p.check(err)
            %1 = call (*database/sql.Rows).Next(rows)
            return %1 @12:2
        }
        """
        let findings = Harness.findings(text, only: ["GR9001"])
        #expect(Harness.summary(findings) == ["GR9001@9:15"])
        #expect(findings.first?.message.contains("line 12") == true)
    }

    /// A function that returns with the read lock held and hands back the
    /// method value that releases it.
    @Test func returningTheReleaseFunctionHandsTheLockOver() {
        let text = """
        package p
        type p.Tx struct{ closemu sync.RWMutex }
        func (tx *p.Tx) release(_ error) {
        b0:
            mutex.runlock tx.closemu
            return
        }
        func (tx *p.Tx) grab(done bool) (func(error), error) {
        b0:
            mutex.rlock tx.closemu @10:2
            if done then b1 else b2
        b1:
            mutex.runlock tx.closemu
            return nil, nil
        b2:
            return func (*p.Tx).release, nil
        }
        func (tx *p.Tx) leaky(done bool) error {
        b0:
            mutex.rlock tx.closemu @19:2
            if done then b1 else b2
        b1:
            mutex.runlock tx.closemu
            return nil
        b2:
            return nil
        }
        """
        #expect(Harness.summary(Harness.findings(text, only: ["MU1002"])) == ["MU1002@19:2"])
    }
}
