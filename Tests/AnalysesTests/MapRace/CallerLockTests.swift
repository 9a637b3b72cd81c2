import Testing
@testable import Analyses

/// Caller locksets: a helper whose every caller holds a lock runs under it
/// (`startLocked` called with `s.mu` held), as long as every known call
/// site holds that same lock.
@Suite struct CallerLockTests {
    /// `startLocked` starts a worker that writes under `s.mu`, and writes
    /// itself without locking: `callers` are the functions that call it.
    private func program(_ callers: String) throws -> MapRaceHarness.Result {
        try MapRaceHarness.analyse("""
        package p

        type p.S struct{ mu sync.Mutex; other sync.Mutex; items map[string]int }

        func (s *p.S) worker() {
        b0:
        \tmutex.lock s.mu
        \tmap.write s.items
        \tmutex.unlock s.mu
        \treturn
        }

        func (s *p.S) startLocked() {
        b0:
        \tgo (*p.S).worker(s)
        \tmap.write s.items
        \treturn
        }

        func (s *p.S) release() {
        b0:
        \tmutex.unlock s.mu
        \treturn
        }
        \(callers)
        """)
    }

    private let lockedCaller = """

    func (s *p.S) Start() {
    b0:
    \tmutex.lock s.mu
    \tcall (*p.S).startLocked(s)
    \tmutex.unlock s.mu
    \treturn
    }
    """

    @Test func everyCallerHoldsTheLock() throws {
        let r = try program(lockedCaller)
        #expect(r.findings.isEmpty)
    }

    @Test func oneCallerWithoutTheLockRaces() throws {
        let r = try program(lockedCaller + """

        func (s *p.S) StartUnlocked() {
        b0:
        \tcall (*p.S).startLocked(s)
        \treturn
        }
        """)
        #expect(r.findings.contains { $0.ruleID == "MR1001" })
    }

    @Test func aCallerHoldingAnotherLockRaces() throws {
        let r = try program(lockedCaller + """

        func (s *p.S) StartOther() {
        b0:
        \tmutex.lock s.other
        \tcall (*p.S).startLocked(s)
        \tmutex.unlock s.other
        \treturn
        }
        """)
        #expect(r.findings.contains { $0.ruleID == "MR1001" })
    }

    @Test func aCallThatMayReleaseEndsTheLock() throws {
        let r = try program("""

        func (s *p.S) Start() {
        b0:
        \tmutex.lock s.mu
        \tcall (*p.S).release(s)
        \tcall (*p.S).startLocked(s)
        \treturn
        }
        """)
        #expect(r.findings.contains { $0.ruleID == "MR1001" })
    }

    @Test func aHelperCalledAsAGoroutineGetsNothing() throws {
        let r = try program(lockedCaller + """

        func (s *p.S) StartAsync() {
        b0:
        \tmutex.lock s.mu
        \tgo (*p.S).startLocked(s)
        \tmutex.unlock s.mu
        \treturn
        }
        """)
        #expect(r.findings.contains { $0.ruleID == "MR1001" })
    }
}
