import ConcIR
import Foundation
import Lowering
import TestSupport
import Testing

/// `x == nil` and `x != nil` in a condition are kept as an `isnil` test
/// whose true branch is the nil side; comparisons of anything else stay
/// `if ?`. The testing methods that end the test's goroutine (t.Fatal,
/// b.FailNow, tb.Skipf) end their block like a panic.
@Suite struct NilTestLoweringTests {
    static func lowered(_ source: String, goroot: String? = nil) -> Function? {
        OneFilePackage.function("f", of: source, name: "nils", file: "nils_test.go", goroot: goroot)
    }

    /// For each branch: the tested variable and what its nil side (the
    /// `then` target) does, `send` or `skip`; `?` for a branch on anything
    /// but a nil test.
    static func branches(_ f: Function) -> [String] {
        f.blocks.compactMap { block -> String? in
            guard case .branch(let condition, let yes, _)? = block.terminator else { return nil }
            guard case .place(let c) = condition, case .place(let tested)? = block.nilTested(by: c),
                  case .variable(let name) = tested.root else { return "?" }
            let nilSide = f.blocks[yes].instructions.contains { $0.op == .chanSend } ? "send" : "skip"
            return "\(name) nil:\(nilSide)"
        }
    }

    @Test func nilComparisonsAreKept() throws {
        let f = try #require(Self.lowered("""
            package nils

            func f(done chan int, err error, n int) {
            \tif done == nil {
            \t\tdone <- 1
            \t}
            \tif nil != err {
            \t\treturn
            \t}
            \tif n > 0 {
            \t\treturn
            \t}
            }
            """))
        #expect(Self.branches(f) == ["done nil:send", "err nil:skip", "?"])
        #expect(f.blocks.flatMap(\.instructions).filter { $0.op == .isNil }.count == 2)
    }

    @Test(.enabled(if: Goroot.isAvailable, "needs GOROOT (the testing package's methods)"))
    func fatalEndsTheBlockLikeAPanic() throws {
        let root = Goroot.root.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        let f = try #require(Self.lowered("""
            package nils

            import "testing"

            func f(t *testing.T, tb testing.TB, err error) {
            \tif err != nil {
            \t\tt.Fatalf("setup: %v", err)
            \t}
            \tif err == nil {
            \t\ttb.SkipNow()
            \t}
            \tt.Log("not an ending")
            }
            """, goroot: root))
        let panics = f.blocks.filter { if case .panic? = $0.terminator { return true } else { return false } }
        #expect(panics.count == 2)
        #expect(panics.allSatisfy { $0.instructions.last?.op == .call })
    }
}
