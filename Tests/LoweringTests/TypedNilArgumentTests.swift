import ConcIR
import Lowering
import Testing

/// A nil converted to a non-interface type and passed to an interface-typed
/// parameter (`v.Store((*T)(nil))`) is a non-nil interface holding a typed
/// nil, so the argument is `?`, not `nil`. An untyped nil, a nil of
/// interface type (`any(nil)`) and a typed nil passed to a parameter of a
/// non-interface type stay `nil`.
@Suite struct TypedNilArgumentTests {
    static func lowered(_ source: String) -> Function? {
        OneFilePackage.function("f", of: source, name: "nils", file: "nils.go")
    }

    /// The arguments of each call, `nil`, `?` or `other`.
    static func arguments(_ f: Function) -> [[String]] {
        f.blocks.flatMap(\.instructions).filter { $0.op == .call }.map { inst in
            inst.operands.map { o in
                switch o {
                case .nil: return "nil"
                case .unknown: return "?"
                default: return "other"
                }
            }
        }
    }

    @Test func typedNilGivenToAnInterfaceIsNotNil() throws {
        let f = try #require(Self.lowered("""
            package nils

            type T struct{ n int }

            func take(x any)           {}
            func takePtr(p *T)         {}
            func takeAll(xs ...any)    {}
            func takeHook(h func(int)) {}

            func f() {
            \ttake((*T)(nil))
            \ttake((func(int))(nil))
            \ttake(nil)
            \ttake(any(nil))
            \ttakePtr((*T)(nil))
            \ttakeHook((func(int))(nil))
            \ttakeAll(nil, (*T)(nil))
            }
            """))
        #expect(Self.arguments(f) == [["?"], ["?"], ["nil"], ["nil"], ["nil"], ["nil"], ["nil", "?"]])
    }
}
