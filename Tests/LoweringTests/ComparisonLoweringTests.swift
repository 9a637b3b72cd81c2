import ConcIR
import Lowering
import TestSupport
import Testing

/// Comparisons in conditions are kept as `cmp.eq`, `cmp.lt` or `cmp.le`,
/// written one way only, when they compare integers, strings or booleans
/// and one side is a place and the other a place or a constant; a tag
/// switch compares its tag with each case value. Everything else still
/// branches on `?`.
@Suite struct ComparisonLoweringTests {
    static func lowered(_ source: String) -> Function? {
        OneFilePackage.function("f", of: source, name: "cmps", file: "cmps.go")
    }

    /// Each branch as `op left right then/else`, where the branch's then
    /// target is named by what it does first (`lock`, `unlock`, `skip`);
    /// `?` for a branch on anything else.
    static func tests(_ f: Function) -> [String] {
        f.blocks.compactMap { block -> String? in
            guard case .branch(let condition, let yes, _)? = block.terminator else { return nil }
            guard case .place(let c) = condition, let test = block.comparison(producing: c) else { return "?" }
            let side = f.blocks[yes].instructions.first.map { inst -> String in
                switch inst.op {
                case .mutexLock: return "lock"
                case .mutexUnlock: return "unlock"
                default: return inst.op.name
                }
            } ?? "skip"
            let operands = test.operands.map { o -> String in
                switch o {
                case .place(let p):
                    if case .variable(let name) = p.root { return name }
                    return "%"
                case .int(let v): return String(v)
                case .string(let s): return "\"\(s)\""
                case .bool(let b): return String(b)
                default: return "?"
                }
            }
            return ([test.op.name] + operands + [side]).joined(separator: " ")
        }
    }

    @Test func comparisonsAreWrittenOneWay() throws {
        let f = try #require(Self.lowered("""
            package cmps

            import "sync"

            func f(mu *sync.Mutex, b, n int, name string, ok bool) {
            \tif b == 10 {
            \t\tmu.Lock()
            \t}
            \tif 10 != b {
            \t\tmu.Unlock()
            \t}
            \tif n > 0 {
            \t\tmu.Lock()
            \t}
            \tif n >= b {
            \t\tmu.Unlock()
            \t}
            \tif name < "m" {
            \t\tmu.Lock()
            \t}
            \tif ok == false {
            \t\tmu.Unlock()
            \t}
            }
            """))
        #expect(Self.tests(f) == [
            "cmp.eq b 10 lock",
            "cmp.eq b 10 skip",          // != swaps the branches: the equal side skips the Unlock
            "cmp.lt 0 n lock",           // n > 0 is 0 < n
            "cmp.le b n unlock",         // n >= b is b <= n
            "cmp.lt name \"m\" lock",
            "cmp.eq ok false unlock",
        ])
    }

    @Test func whatCannotBeDecidedStaysUnknown() throws {
        let f = try #require(Self.lowered("""
            package cmps

            import "sync"

            func f(mu *sync.Mutex, xs []int, n int, x float64, p, q *int) {
            \tif len(xs)*2 > 0 {
            \t\tmu.Lock()
            \t}
            \tif n*2 == 4 {
            \t\tmu.Lock()
            \t}
            \tif x < 1.5 {
            \t\tmu.Lock()
            \t}
            \tif p == q {
            \t\tmu.Lock()
            \t}
            }
            """))
        #expect(Self.tests(f) == ["?", "?", "?", "?"])
        #expect(!f.blocks.flatMap(\.instructions).contains { $0.op.isComparison })
    }

    /// The length of a slice, string or array compared in a condition is
    /// measured (`%1 = len xs`) so that two tests of it pair up; a length
    /// anywhere else stays `?`.
    @Test func aLengthComparedInAConditionIsMeasured() throws {
        let f = try #require(Self.lowered("""
            package cmps

            import "sync"

            type T struct{ items []int }

            func f(mu *sync.Mutex, xs []int, t *T, s string, a *[4]int, n int) {
            \tif len(xs) > 0 {
            \t\tmu.Lock()
            \t}
            \tif len(t.items) != n {
            \t\tmu.Unlock()
            \t}
            \tif len(s) == 0 {
            \t\tmu.Lock()
            \t}
            \tif len(a) <= n {
            \t\tmu.Unlock()
            \t}
            \tk := len(xs)
            \t_ = k
            }
            """))
        #expect(Self.tests(f) == [
            "cmp.lt 0 % lock",
            "cmp.eq % n skip",
            "cmp.eq % 0 lock",
            "cmp.le 4 n unlock",         // the length of an array (through a pointer) is a constant
        ])
        // Measured in the first three conditions, and where `k := len(xs)`
        // stores it in an integer (docs/ir.md).
        let measured = f.blocks.flatMap(\.instructions).filter { $0.op == .len }.compactMap { $0.operands.first?.place }
        #expect(measured == [Place(.variable("xs")), Place(.variable("t"), path: [.field("items")]), Place(.variable("s")),
                             Place(.variable("xs"))])
    }

    @Test func aTagSwitchComparesEachCaseValue() throws {
        let f = try #require(Self.lowered("""
            package cmps

            import "sync"

            type state int

            const (
            \tidle state = iota
            \trunning
            \tdone
            )

            func f(mu *sync.Mutex, s state) {
            \tswitch s {
            \tcase idle, running:
            \t\tmu.Lock()
            \tcase done:
            \t\tmu.Unlock()
            \t}
            }
            """))
        #expect(Self.tests(f) == ["cmp.eq s 0 lock", "cmp.eq s 2 unlock", "cmp.eq s 1 lock"])
    }

    /// Integer and boolean constants of a struct literal are shown (the
    /// model reads the fields a literal does not assign as zero); a string
    /// is dropped, and so are the constants of a table's rows, which the
    /// model only reaches through elements it does not follow.
    @Test func aStructLiteralShowsItsIntegerAndBooleanConstants() throws {
        let f = try #require(Self.lowered("""
            package cmps

            type kind int

            const kindEOF kind = 3

            type token struct {
            \tkind  kind
            \tcount int
            \tname  string
            \tfinal bool
            }

            func f(out chan token) {
            \tout <- token{kindEOF, 7, "eof", true}
            \tfor _, t := range []token{{kindEOF, 1, "a", false}} {
            \t\tout <- t
            \t}
            }
            """))
        let stores = f.blocks.flatMap(\.instructions).filter { $0.op == .assign && $0.results.first?.place?.path.first != .element }
            .filter { $0.results.first?.place?.path.isEmpty == false }
        #expect(stores.map(\.operands) == [[.int(3)], [.int(7)], [.bool(true)]])
        #expect(stores.compactMap { $0.results.first?.place?.path } == [[.field("kind")], [.field("count")], [.field("final")]])
    }
}
