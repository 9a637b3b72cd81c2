import Findings
import Testing
@testable import Analyses

/// SY1010 after the GOROOT triage: panics that are not failures a caller
/// recovers from (invariants that say so, a helper's precondition check
/// with a constant message) are not reported; a helper that panics when a
/// call it made failed still is.
@Suite struct OncePanicPrecisionTests {
    static let header = """
        package example.com/o
        file "test.cir"
        global example.com/o.once sync.Once
        global example.com/o.other sync.Once
        global example.com/o.third sync.Once

        """

    @Test func preconditionsAndInvariantsAreNotFailures() {
        let o = SyncHarness.run(Self.header + """
            func example.com/o.Load() {
            b0:
                once.do example.com/o.once, func example.com/o.fast
                once.do example.com/o.other, func example.com/o.fixed
                ↓once.do example.com/o.third, func example.com/o.read
                return
            }

            func example.com/o.fast() {
            b0:
                call example.com/o.initFast()
                return
            }

            func example.com/o.initFast() {
            b0:
                if ? then b1 else b2
            b1:
                panic "not available"
            b2:
                call example.com/o.fill()
                return
            }

            func example.com/o.fixed() {
            b0:
                if ? then b1 else b2
            b1:
                panic "impossible: missing chunk"
            b2:
                return
            }

            func example.com/o.read() {
            b0:
                call example.com/o.mustRead()
                return
            }

            func example.com/o.mustRead() {
            b0:
                %1 = call example.com/o.readFile()
                %2 = isnil %1
                if %2 then b2 else b1
            b1:
                panic "cannot read the key file"
            b2:
                return
            }

            func example.com/o.readFile() error {
            b0:
                return nil
            }
            """, rule: "SY1010")
        #expect(o.actual == o.expected)
    }

    /// A constant panic reports a failure only on the failing side of a
    /// test of a call's status (an error that is not nil, the ok of `v, ok
    /// := f()` that is false); under a predicate or a nil test of anything
    /// else it asserts the program's own state.
    @Test func constantPanicsReportOnlyAFailedStatus() {
        let o = SyncHarness.run(Self.header + """
            func example.com/o.Load() {
            b0:
                once.do example.com/o.once, func example.com/o.resolve
                ↓once.do example.com/o.other, func example.com/o.build
                once.do example.com/o.third, func example.com/o.lookup
                return
            }

            func example.com/o.resolve() {
            b0:
                %1 = call example.com/o.isLazy()
                if %1 then b1 else b2
            b1:
                panic "recursive lazy object"
            b2:
                return
            }

            func example.com/o.isLazy() bool {
            b0:
                return true
            }

            func example.com/o.build() {
            b0:
                %1, %2 = call example.com/o.make()
                if %2 then b2 else b1
            b1:
                panic "constructor failed"
            b2:
                return
            }

            func example.com/o.make() (int, bool) {
            b0:
                return 1, true
            }

            func example.com/o.lookup() {
            b0:
                %1 = call example.com/o.table()
                %2 = isnil %1
                if %2 then b1 else b2
            b1:
                panic "no table"
            b2:
                return
            }

            func example.com/o.table() map[string]int {
            b0:
                return nil
            }
            """, rule: "SY1010")
        #expect(o.actual == o.expected)
    }

    /// A function of another package panics on its own API's misuse (Must
    /// on a constant pattern, reflect, testing.Short); a panic of the
    /// package's own helper that follows a call is still reported.
    @Test func panicsOfAnotherPackageAreNotReported() throws {
        let main = try #require(Harness.module(Self.header + """
            func example.com/o.Load() {
            b0:
                once.do example.com/o.once, func example.com/o.compile
                once.do example.com/o.other, func example.com/o.read
                return
            }

            func example.com/o.compile() {
            b0:
                call example.com/lib.MustCompile("a+b")
                return
            }

            func example.com/o.read() {
            b0:
                call example.com/o.mustRead()
                return
            }

            func example.com/o.mustRead() {
            b0:
                call example.com/o.readFile()
                if ? then b1 else b2
            b1:
                panic ?
            b2:
                return
            }
            """))
        let lib = try #require(Harness.module("""
            package example.com/lib
            file "lib.cir"

            func example.com/lib.MustCompile(pattern string) {
            b0:
                call example.com/lib.compile(pattern)
                if ? then b1 else b2
            b1:
                panic ?
            b2:
                return
            }
            """, path: "lib.cir"))
        let findings = Harness.findings([main, lib], only: ["SY1010"])
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasPrefix("the function other.Do runs can panic") == true)
    }
}
