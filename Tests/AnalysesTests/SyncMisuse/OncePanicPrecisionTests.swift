import Findings
import Testing
@testable import Analyses

/// SY1010 after the GOROOT triage: panics that are not failures a caller
/// recovers from (invariants that say so, a helper's precondition check
/// with a constant message that no call precedes) are not reported; a
/// helper that calls something and then panics still is.
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
                call example.com/o.readFile()
                if ? then b1 else b2
            b1:
                panic "cannot read the key file"
            b2:
                return
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
