import Testing
@testable import Analyses

/// Locksets by lock identity: one mutex guards, two different ones do
/// not, RLock protects reads only, defers and helpers hold across calls.
@Suite struct LocksetTests {
    /// A goroutine and its parent, both writing `s.items` in `Put`, which
    /// runs `body` (the lock handling under test) around the write.
    private func putTwice(_ body: String, extraType: String = "", helpers: String = "") throws -> MapRaceHarness.Result {
        try MapRaceHarness.analyse("""
        package p

        type p.S struct{ mu sync.RWMutex; other sync.Mutex; items map[string]int\(extraType) }

        func (s *p.S) Put() {
        b0:
        \(body)
        \treturn
        }
        \(helpers)
        func p.f(s *p.S) {
        b0:
        \tgo (*p.S).Put(s)
        \tcall (*p.S).Put(s)
        \treturn
        }
        """)
    }

    @Test func oneMutexAroundEveryWriteIsSilent() throws {
        let r = try putTwice("\tmutex.lock s.mu\n\tmap.write s.items\n\tmutex.unlock s.mu")
        #expect(r.findings.isEmpty)
    }

    @Test func deferredUnlockHoldsToTheReturn() throws {
        let r = try putTwice("\tmutex.lock s.mu\n\tdefer mutex.unlock s.mu\n\tmap.write s.items")
        #expect(r.findings.isEmpty)
    }

    @Test func writeAfterTheUnlockRaces() throws {
        let r = try putTwice("\tmutex.lock s.mu\n\tmutex.unlock s.mu\n\t↓map.write s.items")
        #expect(r.actual == r.expectedWith(["MR1001"]))
        #expect(r.finding("MR1001")?.message.hasSuffix("by two goroutines that may run at the same time, with no common lock") == true)
    }

    @Test func twoWritesUnderTheReadLockRace() throws {
        let r = try putTwice("\tmutex.rlock s.mu\n\t↓map.write s.items\n\tmutex.runlock s.mu")
        #expect(r.actual == r.expectedWith(["MR1001"]))
        #expect(r.finding("MR1001")?.message.hasSuffix("both hold only the read lock s.mu, which does not exclude the other") == true)
    }

    /// Readers under RLock and the writer under Lock exclude each other.
    @Test func readLockReadersAgainstTheWriteLockAreSilent() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.S struct{ mu sync.RWMutex; items map[string]int }

        func (s *p.S) Get() int {
        b0:
        \tmutex.rlock s.mu
        \tdefer mutex.runlock s.mu
        \t%1 = map.read s.items
        \treturn %1
        }

        func (s *p.S) Set() {
        b0:
        \tmutex.lock s.mu
        \tmap.write s.items
        \tmutex.unlock s.mu
        \treturn
        }

        func p.f(s *p.S) {
        b0:
        \tgo (*p.S).Get(s)
        \tgo (*p.S).Get(s)
        \tcall (*p.S).Set(s)
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    @Test func twoDifferentMutexesDoNotExcludeEachOther() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.S struct{ a sync.Mutex; b sync.Mutex; items map[string]int }

        func (s *p.S) Open() {
        b0:
        \tmutex.lock s.a
        \tmap.write s.items
        \tmutex.unlock s.a
        \treturn
        }

        func (s *p.S) Close() {
        b0:
        \tmutex.lock s.b
        \t↓map.delete s.items
        \tmutex.unlock s.b
        \treturn
        }

        func p.f(s *p.S) {
        b0:
        \tgo (*p.S).Open(s)
        \tcall (*p.S).Close(s)
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
        #expect(r.finding("MR1001")?.message.hasSuffix("holding different locks") == true)
    }

    /// `s.Lock()` on an embedded mutex is a lock of the field `s.Mutex`.
    @Test func embeddedMutexIsOneLock() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.S struct{ sync.Mutex; items map[string]int }

        func (s *p.S) Put() {
        b0:
        \tmutex.lock s.Mutex
        \tmap.write s.items
        \tmutex.unlock s.Mutex
        \treturn
        }

        func p.f(s *p.S) {
        b0:
        \tgo (*p.S).Put(s)
        \tmutex.lock s.Mutex
        \tmap.write s.items
        \tmutex.unlock s.Mutex
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A package-level mutex guards a package-level map.
    @Test func globalMutexGuardsGlobalMap() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        global p.mu sync.Mutex
        global p.registry map[string]int

        func p.Register() {
        b0:
        \tmutex.lock p.mu
        \tmap.write p.registry
        \tmutex.unlock p.mu
        \treturn
        }

        func p.Lookup() int {
        b0:
        \tmutex.lock p.mu
        \t%1 = map.read p.registry
        \tmutex.unlock p.mu
        \treturn %1
        }

        func p.main() {
        b0:
        \tgo p.Register()
        \tcall p.Lookup()
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// The lock is taken by one helper and released by another.
    @Test func lockHeldAcrossHelperCalls() throws {
        let r = try putTwice("\tcall (*p.S).lock(s)\n\tmap.write s.items\n\tcall (*p.S).unlock(s)", helpers: """

        func (s *p.S) lock() {
        b0:
        \tmutex.lock s.other
        \treturn
        }

        func (s *p.S) unlock() {
        b0:
        \tmutex.unlock s.other
        \treturn
        }

        """)
        #expect(r.findings.isEmpty)
    }

    /// The caller holds the lock around a helper that writes.
    @Test func callerHeldLockProtectsTheCalleesWrite() throws {
        let r = try putTwice("\tmutex.lock s.mu\n\tcall (*p.S).setLocked(s)\n\tmutex.unlock s.mu", helpers: """

        func (s *p.S) setLocked() {
        b0:
        \tmap.write s.items
        \treturn
        }

        """)
        #expect(r.findings.isEmpty)
    }

    /// `flush` lets its caller's lock go on one path and takes it back
    /// (`then` is that path's end; `b2` takes the lock back), and a
    /// closure calls it too, so not every caller is known to hold the lock.
    private func flushHelpers(then: String) -> String {
        """

        func (s *p.S) flush() {
        b0:
        \tif ? then b1 else b3
        b1:
        \tmutex.unlock s.mu
        \t\(then)
        b2:
        \tmutex.lock s.mu
        \tjump b3
        b3:
        \treturn
        }

        func (s *p.S) Flush() {
        b0:
        \tmutex.lock s.mu
        \tcall (*p.S).Flush.func1()
        \tmutex.unlock s.mu
        \treturn
        }

        func (*p.S).Flush.func1() {
        \tparent (*p.S).Flush
        \tcapture s *p.S
        b0:
        \tcall (*p.S).flush(s)
        \treturn
        }

        """
    }

    /// Let go for a while and taken back on every path: the caller holds
    /// its lock again after the call.
    @Test func lockLetGoAndTakenBackByACalleeIsStillHeld() throws {
        let r = try putTwice("\tmutex.lock s.mu\n\tcall (*p.S).flush(s)\n\tmap.write s.items\n\tmutex.unlock s.mu",
                             helpers: flushHelpers(then: "jump b2"))
        #expect(r.findings.isEmpty)
    }

    /// One path returns without taking the lock back: the write after the
    /// call may run without it.
    @Test func lockACalleeMayLeaveUnlockedIsNotHeldAfterTheCall() throws {
        let r = try putTwice("\tmutex.lock s.mu\n\tcall (*p.S).flush(s)\n\t↓map.write s.items\n\tmutex.unlock s.mu",
                             helpers: flushHelpers(then: "if ? then b2 else b3"))
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    /// A lock through a pointer variable is the lock it points to.
    @Test func lockThroughAPointerIsTheSameLock() throws {
        let r = try putTwice("\t%1 = addr s.other\n\tmutex.lock %1\n\tmap.write s.items\n\tmutex.unlock s.other")
        #expect(r.findings.isEmpty)
    }

    /// A channel with a buffer of one used as a lock (send, then receive).
    @Test func oneSlotChannelIsALock() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.R struct{ sem chan bool; names map[string]int }

        func p.New() *p.R {
        b0:
        \t%1 = alloc.lit *p.R
        \t%2 = chan.make bool, 1
        \tassign %1.sem = %2
        \treturn %1
        }

        func (r *p.R) Add() {
        b0:
        \tchan.send r.sem, true
        \tmap.write r.names
        \tchan.recv r.sem
        \treturn
        }

        func p.f(r *p.R) {
        b0:
        \tgo (*p.R).Add(r)
        \tcall (*p.R).Add(r)
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A lock the analysis cannot name may be the other's: no finding, and
    /// it is counted.
    @Test func unresolvedLockNeverProducesAFinding() throws {
        let r = try putTwice("\tmutex.lock ?\n\tmap.write s.items\n\tmutex.unlock ?")
        #expect(r.findings.isEmpty)
        #expect((r.statistics["maprace.locks-unresolved"] ?? 0) >= 2)
    }

    /// `dc.db.mu` and `db.mu`: two paths to the same field of one named
    /// struct type may be one lock (a back-pointer), so they exclude each
    /// other; two fields of one type, or one field name of two types, do not.
    @Test func sameFieldOfOneTypeMayBeOneLock() {
        let viaConn = AbstractPlace(.parameter(0), [.field("free"), .element, .field("db"), .field("mu")])
        let direct = AbstractPlace(.parameter(0), [.field("mu")])
        let other = AbstractPlace(.parameter(0), [.field("other")])
        func held(_ p: AbstractPlace, _ key: String?, _ mode: LockMode = .exclusive) -> LockSet {
            LockSet([HeldLock(lock: p, mode: mode, typeKey: key)])
        }
        #expect(held(viaConn, "p.DB.mu").excludes(held(direct, "p.DB.mu")))
        #expect(!held(viaConn, "p.conn.mu").excludes(held(direct, "p.DB.mu")))
        #expect(!held(other, "p.DB.other").excludes(held(direct, "p.DB.mu")))
        #expect(!held(viaConn, nil).excludes(held(direct, nil)))
        // Read locks that may be one still do not exclude each other, and say so.
        let a = held(viaConn, "p.DB.mu", .shared), b = held(direct, "p.DB.mu", .shared)
        #expect(!a.excludes(b))
        #expect(a.sharedOnly(with: b) == [viaConn])
    }
}
