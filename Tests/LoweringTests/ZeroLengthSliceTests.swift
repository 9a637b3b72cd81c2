import ConcIR
import Lowering
import Testing

/// A zero-length slice expression (`b[:0]`) lowers to `?` (docs/ir.md,
/// "Places"): nothing of the old contents is reachable through it, which
/// is how the pool rules tell `b = b[:0]` (a reset) from
/// `b = append(b, x)` (building on the old contents). Other slice
/// expressions keep the identity of what they slice.
@Suite struct ZeroLengthSliceTests {
    static func lowered(_ source: String) -> Function? {
        OneFilePackage.function("f", of: source, name: "slices", file: "slices.go")
    }

    /// The sources of the `assign` instructions, printed, in order.
    static func assignedValues(_ f: Function) -> [String] {
        f.blocks.flatMap(\.instructions).filter { $0.op == .assign }.map { inst in
            switch inst.operands.first {
            case .place(let p)?: return Self.spelled(p)
            case .unknown?: return "?"
            default: return "const"
            }
        }
    }

    private static func spelled(_ p: Place) -> String {
        var s: String
        switch p.root {
        case .variable(let v): s = v
        case .global(let g): s = g
        case .temp(let t): s = "%\(t)"
        }
        for sel in p.path {
            switch sel {
            case .field(let f): s += "." + f
            case .element: s += "[]"
            case .deref: s = "*" + s
            }
        }
        return s
    }

    @Test func truncationToZeroIsUnknown() throws {
        let f = try #require(Self.lowered("""
            package slices

            type rec struct{ tags []string }

            func f(b []byte, r *rec, n int) ([]byte, []string) {
            \tb = b[:0]
            \tr.tags = r.tags[0:0]
            \tb = append(b, 'x')
            \tc := b[1:n]
            \treturn c, r.tags
            }
            """))
        #expect(Self.assignedValues(f) == ["?", "?", "b", "b"])
    }
}
