import ConcIR
import Findings
import Testing
@testable import Analyses

/// Lock helpers the GOROOT triage found reported as leaks.
@Suite struct LockHelperShapeTests {
    /// net/http's (*connReader).lock: locks cr.mu and, the first time,
    /// makes a sync.Cond on &cr.mu. Handing the mutex's address to
    /// sync.NewCond neither releases the lock nor gives it away: the helper
    /// leaves it held on every path, as a lock helper does, and its caller
    /// unlocks it.
    @Test func condOnTheLockedMutexKeepsTheHelperALockHelper() {
        let got = Harness.summary(Harness.findings("""
        package p
        go 1.22

        type p.R struct{ mu sync.Mutex; cond *sync.Cond; n int }

        func (cr *p.R) lock() {
        b0:
            mutex.lock cr.mu @3:2
            if ? then b1 else b2
        b1:
            %1 = addr cr.mu
            %2 = cond.new %1
            assign cr.cond = %2
            jump b3
        b2:
            jump b3
        b3:
            return
        }

        func (cr *p.R) unlock() {
        b0:
            mutex.unlock cr.mu
            return
        }

        func (cr *p.R) get() int {
        b0:
            call (*p.R).lock(cr)
            call (*p.R).unlock(cr)
            return 0
        }
        """, only: ["MU1001"]))
        #expect(got.isEmpty, "\(got)")
    }
}
