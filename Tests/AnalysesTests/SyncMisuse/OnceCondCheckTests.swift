import Findings
import Testing
@testable import Analyses

/// SY1009-SY1013: Do re-entered through calls, functions that panic under
/// Do, Cond waits outside loops or locks, Signal on a Cond with waiters
/// for different conditions.
@Suite struct OnceCondCheckTests {
    static let header = """
        package example.com/o
        file "test.cir"
        type example.com/o.Q struct{ mu sync.Mutex; cond *sync.Cond; items []int }
        global example.com/o.once sync.Once
        global example.com/o.other sync.Once

        """

    @Test func doReenteredTwoCallsDown() {
        let o = SyncHarness.run(Self.header + """
            func example.com/o.Get() {
            b0:
                ↓once.do example.com/o.once, func example.com/o.build
                return
            }

            func example.com/o.build() {
            b0:
                call example.com/o.register()
                return
            }

            func example.com/o.register() {
            b0:
                call example.com/o.Get()
                return
            }
            """, rule: "SY1009")
        #expect(o.actual == o.expected)
        #expect(SyncHarness.steps(o.findings.first) == [
            "8 once.Do runs o.build", "14 calls o.register", "20 calls o.Get", "8 once.Do again: waits for itself for ever",
        ])
    }

    @Test func anotherOnceIsNotReentered() {
        let o = SyncHarness.run(Self.header + """
            func example.com/o.Get() {
            b0:
                once.do example.com/o.once, func example.com/o.build
                return
            }

            func example.com/o.build() {
            b0:
                once.do example.com/o.other, func example.com/o.noop
                return
            }

            func example.com/o.noop() {
            b0:
                return
            }
            """, rule: "SY1009")
        #expect(o.actual.isEmpty)
    }

    @Test func panicsUnderDoUnlessDeferred() {
        let o = SyncHarness.run(Self.header + """
            func example.com/o.Load(ok bool) {
            b0:
                ↓once.do example.com/o.once, func example.com/o.load
                once.do example.com/o.other, func example.com/o.safe
                return
            }

            func example.com/o.load() {
            b0:
                call example.com/o.check()
                return
            }

            func example.com/o.check() {
            b0:
                %1 = call example.com/o.readConfig()
                %2 = isnil %1
                if %2 then b2 else b1
            b1:
                panic "bad config"
            b2:
                return
            }

            func example.com/o.readConfig() error {
            b0:
                return nil
            }

            func example.com/o.safe() {
            b0:
                defer call example.com/o.noop()
                panic "recovered by the deferred call"
            }

            func example.com/o.noop() {
            b0:
                return
            }
            """, rule: "SY1010")
        #expect(o.actual == o.expected)
    }

    @Test func waitOutsideALoopUnlessEveryCallerLoops() {
        let o = SyncHarness.run(Self.header + """
            func (q *example.com/o.Q) Get() {
            b0:
                mutex.lock q.mu
                if ? then b1 else b2
            b1:
                ↓cond.wait q.cond
                jump b2
            b2:
                mutex.unlock q.mu
                return
            }

            func (q *example.com/o.Q) waitLocked() {
            b0:
                cond.wait q.cond
                return
            }

            func (q *example.com/o.Q) Await() {
            b0:
                mutex.lock q.mu
                jump b1
            b1: loop
                if ? then b2 else b3
            b2:
                call (*example.com/o.Q).waitLocked(q)
                jump b1
            b3:
                mutex.unlock q.mu
                return
            }
            """, rule: "SY1011")
        #expect(o.actual == o.expected)
    }

    @Test func waitWithoutTheLockOnOnePath() {
        let o = SyncHarness.run(Self.header + """
            func (q *example.com/o.Q) Await(locked bool) {
            b0:
                if locked then b2 else b1
            b1:
                mutex.lock q.mu
                jump b2
            b2:
                jump b3
            b3: loop
                ↓cond.wait q.cond
                if ? then b3 else b4
            b4:
                return
            }

            func (q *example.com/o.Q) AwaitL() {
            b0:
                call (sync.Locker).Lock(q.cond.L) targets []
                jump b1
            b1: loop
                cond.wait q.cond
                if ? then b1 else b2
            b2:
                return
            }
            """, rule: "SY1012")
        #expect(o.actual == o.expected)
    }

    @Test func signalWithWaitersInTwoFunctions() {
        let o = SyncHarness.run(Self.header + """
            func (q *example.com/o.Q) Put() {
            b0:
                mutex.lock q.mu
                jump b1
            b1: loop
                cond.wait q.cond
                if ? then b1 else b2
            b2:
                ↓cond.signal q.cond
                mutex.unlock q.mu
                return
            }

            func (q *example.com/o.Q) Take() {
            b0:
                mutex.lock q.mu
                jump b1
            b1: loop
                cond.wait q.cond
                if ? then b1 else b2
            b2:
                cond.broadcast q.cond
                mutex.unlock q.mu
                return
            }
            """, rule: "SY1013")
        #expect(o.actual == o.expected)
        #expect(o.findings.first?.related.count == 2)
    }
}
