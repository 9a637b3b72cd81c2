import ConcIR
import Lowering
import Testing

/// The trip count the lowering writes on a `for` loop's header (`loop N`
/// in docs/ir.md): the runtime model runs counted loops iteration by
/// iteration, and the rules that exempt bounded loops (CG1010's worker
/// pools) read it.
@Suite struct LoopTripCountTests {
    /// The annotation of the first loop header of `f`'s body.
    static func trips(_ body: String) -> LoopTrips? {
        let source = "package loops\n\nfunc f(n int, xs []int) {\n\(body)\n}\n"
        let f = OneFilePackage.function("f", of: source, name: "loops", file: "loops.go")
        return f?.blocks.compactMap(\.loop).first
    }

    @Test(arguments: [
        ("for i := 0; i < 10; i++ {}", Int64(10)),
        ("for fd := 3; fd < 51; fd++ {}", 48),
        ("for fd := 3; fd < 3+48; fd++ {}", 48),
        ("for i := 1; i <= 64; i++ {}", 64),
        ("for i := 5; i < 2; i++ {}", 0),
        ("for i := -2; i <= 2; i++ {}", 5),
    ])
    func constantEnds(loop: String, count: Int64) {
        #expect(Self.trips(loop) == .count(.int(count)))
    }

    /// A variable bound counts the trips only from 0 with `<`; other
    /// starts and `<=` would need `n - a` or `n + 1`, which an operand
    /// cannot say.
    @Test func variableBounds() {
        guard case .count(.place)? = Self.trips("for i := 0; i < n; i++ {}") else {
            Issue.record("for i := 0; i < n: expected a count of n")
            return
        }
        guard case .length? = Self.trips("for i := 0; i < len(xs); i++ {}") else {
            Issue.record("for i := 0; i < len(xs): expected the length of xs")
            return
        }
        #expect(Self.trips("for i := 1; i < n; i++ {}") == .unknown)
        #expect(Self.trips("for i := 0; i <= n; i++ {}") == .unknown)
        #expect(Self.trips("for i := 0; i < 10; i += 2 {}") == .unknown)
    }
}
