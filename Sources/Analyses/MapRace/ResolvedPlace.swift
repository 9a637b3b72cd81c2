/// A place resolved in one function, with what the resolution learned about
/// loops: whether each iteration of a loop sees a different object there.
struct ResolvedPlace: Hashable, Sendable {
    var place: AbstractPlace
    /// Headers of loops in which the object differs from one iteration to
    /// the next in every Go version (made in the body, an element picked per
    /// iteration, a variable declared inside the body).
    var varying: Set<Int> = []
    /// Headers of loops whose own iteration variable (`for _, v := range`,
    /// `for p := x; ...; p = p.next`) holds the object. Go 1.22 gives each
    /// iteration its own variable; before, a goroutine that captures it
    /// shares it with every other iteration.
    var clauseVarying: Set<Int> = []

    init(_ place: AbstractPlace, varying: Set<Int> = [], clauseVarying: Set<Int> = []) {
        self.place = place
        self.varying = varying
        self.clauseVarying = clauseVarying
    }

    /// Whether goroutines started at a site inside `loops` each see their
    /// own object. `lateBound`: the goroutine reads the variable when it
    /// runs (a capture), not when it is started (an argument).
    func isPerIteration(of loops: [Int], lateBound: Bool, perIterationLoopVariables: Bool) -> Bool {
        for l in loops {
            if varying.contains(l) { return true }
            if clauseVarying.contains(l) && (!lateBound || perIterationLoopVariables) { return true }
        }
        return false
    }
}
