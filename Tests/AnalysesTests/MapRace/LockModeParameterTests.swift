import ConcIR
import Testing
@testable import Analyses

/// Lock-mode parameters: `put(doLock bool)` locks only when asked to. Each
/// call keeps the variant its constant argument chooses; any other
/// argument keeps both.
@Suite struct LockModeParameterTests {
    /// `put` writes `s.items`, locking `s.mu` around the write when
    /// `doLock` is true, after `prologue`; `callers` call it.
    private func program(_ callers: String, prologue: String = "") throws -> MapRaceHarness.Result {
        try MapRaceHarness.analyse("""
        package p

        type p.S struct{ mu sync.Mutex; items map[string]int }

        func (s *p.S) put(doLock bool) {
        b0:
        \(prologue)\tif doLock then b1 else b2
        b1:
        \tmutex.lock s.mu
        \tjump b2
        b2:
        \t↓map.write s.items
        \tif doLock then b3 else b4
        b3:
        \tmutex.unlock s.mu
        \tjump b4
        b4:
        \treturn
        }

        func (s *p.S) Put() {
        b0:
        \tcall (*p.S).put(s, true)
        \treturn
        }
        \(callers)
        """)
    }

    /// Starts `Put` on a goroutine and calls `name` on this one.
    private func against(_ name: String) -> String {
        """

        func p.f(s *p.S) {
        b0:
        \tgo (*p.S).Put(s)
        \tcall (*p.S).\(name)(s)
        \treturn
        }
        """
    }

    private let lockedCaller = """

    func (s *p.S) Reset() {
    b0:
    \tmutex.lock s.mu
    \tcall (*p.S).put(s, false)
    \tmutex.unlock s.mu
    \treturn
    }
    """

    @Test func callersThatLockOrHoldTheLockAreSilent() throws {
        let r = try program(lockedCaller + against("Reset"))
        #expect(r.findings.isEmpty)
    }

    @Test func passingFalseWithoutTheLockRaces() throws {
        let r = try program("""

        func (s *p.S) Reset() {
        b0:
        \tcall (*p.S).put(s, false)
        \treturn
        }
        """ + against("Reset"))
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    @Test func anArgumentThatIsNotAConstantKeepsBothVariants() throws {
        let r = try program("""

        func (s *p.S) Maybe(fast bool) {
        b0:
        \tcall (*p.S).put(s, fast)
        \treturn
        }

        func p.f(s *p.S, fast bool) {
        b0:
        \tgo (*p.S).Put(s)
        \tcall (*p.S).Maybe(s, fast)
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    /// The caller forwards its own lock-mode parameter: each of its
    /// variants passes a constant on.
    @Test func aForwardedLockModeParameterIsFollowed() throws {
        let r = try program("""

        func (s *p.S) relay(locked bool) {
        b0:
        \tif locked then b2 else b1
        b1:
        \tmutex.lock s.mu
        \tjump b2
        b2:
        \tcall (*p.S).put(s, locked)
        \tif locked then b4 else b3
        b3:
        \tmutex.unlock s.mu
        \tjump b4
        b4:
        \treturn
        }

        func (s *p.S) Relay() {
        b0:
        \tcall (*p.S).relay(s, false)
        \treturn
        }
        """ + against("Relay"))
        // relay(false) locks, then calls put(false): the write holds s.mu.
        #expect(r.findings.isEmpty)
    }

    @Test func aParameterAssignedInTheBodyIsNotFollowed() throws {
        let r = try program(lockedCaller + against("Reset"), prologue: "\tassign doLock = ?\n")
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    // MARK: - Which parameters qualify

    private func parameters(_ text: String) throws -> [String] {
        let module = try DSL.parse(text, path: "test.cir")
        let function = try #require(module.functions.first { $0.name.hasSuffix(".put") })
        let closures = module.functions.filter { $0.parent == function.name }
        return LockModeParameters.find(in: function, closures: { closures }).map(\.name)
    }

    private func put(_ body: String, parameters: String = "doLock bool, quiet bool") -> String {
        """
        package p

        type p.S struct{ mu sync.Mutex; items map[string]int }

        func (s *p.S) put(\(parameters)) {
        b0:
        \(body)
        }
        """
    }

    private let lockIfDoLock = "\tif doLock then b1 else b2\nb1:\n\tmutex.lock s.mu\n\tjump b2\nb2:\n\treturn"

    @Test func aBoolBranchedOnAroundALockQualifies() throws {
        #expect(try parameters(put(lockIfDoLock)) == ["doLock"])
    }

    @Test func aBoolThatGuardsNoLockDoesNotQualify() throws {
        let body = "\tif quiet then b1 else b2\nb1:\n\tmap.write s.items\n\tjump b2\nb2:\n\treturn"
        #expect(try parameters(put(body)).isEmpty)
    }

    @Test func aParameterWhoseAddressIsTakenDoesNotQualify() throws {
        #expect(try parameters(put("\t%1 = addr doLock\n" + lockIfDoLock)).isEmpty)
    }

    @Test func aParameterAClosureAssignsDoesNotQualify() throws {
        let text = put("\tcall (*p.S).put.func1()\n" + lockIfDoLock) + """


        func (*p.S).put.func1() {
        \tparent (*p.S).put
        \tcapture doLock bool
        b0:
        \tassign doLock = true
        \treturn
        }
        """
        #expect(try parameters(text).isEmpty)
    }

    /// A local lock helper (`lock := func() { if doLock { s.mu.Lock() } }`)
    /// tests the parameter it captures; a closure that tests a variable of
    /// its own by that name does not make the parameter qualify.
    @Test func aParameterALockHelperClosureTestsQualifies() throws {
        func helper(_ declaration: String) -> String {
            put("\tassign %1 = func (*p.S).put.func1\n\tcall (%1)()\n\treturn") + """


            func (*p.S).put.func1() {
            \tparent (*p.S).put
            \tcapture s *p.S
            \t\(declaration)
            b0:
            \tif doLock then b1 else b2
            b1:
            \tmutex.lock s.mu
            \tjump b2
            b2:
            \treturn
            }
            """
        }
        #expect(try parameters(helper("capture doLock bool")) == ["doLock"])
        #expect(try parameters(helper("var doLock bool")).isEmpty)
    }

    @Test func aNonBoolParameterDoesNotQualify() throws {
        let body = "\tif doLock then b1 else b2\nb1:\n\tmutex.lock s.mu\n\tjump b2\nb2:\n\treturn"
        #expect(try parameters(put(body, parameters: "doLock int")).isEmpty)
    }
}
