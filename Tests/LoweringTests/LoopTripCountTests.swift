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
        let source = "package loops\n\ntype config struct{ limit int }\n\ntype server struct {\n\tworkers int\n\tcfg     config\n}\n\nfunc f(n int, xs []int, s *server) {\n\(body)\n}\n"
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
        ("for i := 10; i > 0; i-- {}", 10),
        ("for i := 9; i >= 0; i-- {}", 10),
        ("for i := 3; i != 0; i-- {}", 3),
    ])
    func constantEnds(loop: String, count: Int64) {
        #expect(Self.trips(loop) == .count(.int(count)))
    }

    /// A variable or field bound, plus or minus what the start and `<=`
    /// add: `n`, `n plus 1`, `n plus -1`. `i != n` counts as `i < n`.
    @Test(arguments: [
        ("for i := 0; i < n; i++ {}", "n", Int64(0)),
        ("for i := 0; i != n; i++ {}", "n", 0),
        ("for i := 0; i <= n; i++ {}", "n", 1),
        ("for i := 1; i < n; i++ {}", "n", -1),
        ("for i := 0; i < n+1; i++ {}", "n", 1),
        ("for i := 0; i < (n - 2); i++ {}", "n", -2),
        ("for i := 0; i < 1+n; i++ {}", "n", 1),
        ("for i := 1; i <= n-1; i++ {}", "n", -1),
        ("for i := 0; i < s.workers; i++ {}", "s.workers", 0),
        ("for i := 0; i < s.cfg.limit+2; i++ {}", "s.cfg.limit", 2),
        ("for i := n; i > 0; i-- {}", "n", 0),
        ("for i := n; i >= 1; i-- {}", "n", 0),
        ("for i := n; i >= 0; i-- {}", "n", 1),
        ("for i := n - 1; i >= 0; i-- {}", "n", 0),
        ("for i := s.workers; i != 0; i-- {}", "s.workers", 0),
    ])
    func variableBounds(loop: String, bound: String, plus: Int64) {
        let trips = Self.trips(loop)
        /// `s.cfg.limit` for a place rooted at variable s through fields cfg and limit.
        func spelled(_ p: Place) -> String {
            guard case .variable(let root) = p.root else { return "\(p)" }
            return ([root] + p.path.compactMap { if case .field(let f) = $0 { return f } else { return nil } }).joined(separator: ".")
        }
        switch trips {
        case .count(.place(let p))?:
            #expect(spelled(p) == bound && plus == 0, "\(loop): \(String(describing: trips))")
        case .countPlus(.place(let p), let k)?:
            #expect(spelled(p) == bound && k == plus && plus != 0, "\(loop): \(String(describing: trips))")
        default:
            Issue.record("\(loop): expected a count of \(bound) plus \(plus), found \(String(describing: trips))")
        }
    }

    @Test func lengthAndUncountedBounds() {
        guard case .length? = Self.trips("for i := 0; i < len(xs); i++ {}") else {
            Issue.record("for i := 0; i < len(xs): expected the length of xs")
            return
        }
        // A length plus or minus a constant counts with the length.
        #expect(Self.trips("for i := 1; i < len(xs); i++ {}") == .lengthPlus(.variable("xs"), -1))
        #expect(Self.trips("for i := 0; i < len(xs)+1; i++ {}") == .lengthPlus(.variable("xs"), 1))
        #expect(Self.trips("for i := 0; i <= len(xs); i++ {}") == .lengthPlus(.variable("xs"), 1))
        // No arithmetic on the bound but a constant, no other steps, no
        // counter moved by the body.
        #expect(Self.trips("for i := 0; i < n*2; i++ {}") == .unknown)
        #expect(Self.trips("for i := 0; i < n+n; i++ {}") == .unknown)
        #expect(Self.trips("for i := 0; i < 10; i += 2 {}") == .unknown)
        #expect(Self.trips("for i := 0; i < n; i++ { i++ }") == .unknown)
        #expect(Self.trips("for i := 0; i < n; i++ { if xs[i] == 0 { i = n } }") == .unknown)
        #expect(Self.trips("for i := 0; i < n; i-- {}") == .unknown)
        #expect(Self.trips("for i := 0; i < n; i++ { p := &i; _ = p }") == .unknown)
        // `i := i` in the body declares another i: the loop is still counted.
        #expect(Self.trips("for i := 0; i < 4; i++ { i := i; i++; _ = i }") == .count(.int(4)))
        // `!=` below its start never stops.
        #expect(Self.trips("for i := 5; i != 3; i++ {}") == .unknown)
        #expect(Self.trips("for i := 3; i != 5; i++ {}") == .count(.int(2)))
        // Counting down to a counted end, or from a constant to a variable, cannot be said.
        #expect(Self.trips("for i := 10; i > n; i-- {}") == .unknown)
        #expect(Self.trips("for i := 0; i > n; i-- {}") == .unknown)
        #expect(Self.trips("for i := n; i < 10; i-- {}") == .unknown)
        #expect(Self.trips("for i := 0; i != 3; i-- {}") == .unknown)
        guard case .length? = Self.trips("for i := len(xs) - 1; i >= 0; i-- {}") else {
            Issue.record("for i := len(xs) - 1; i >= 0; i--: expected the length of xs")
            return
        }
    }
}
