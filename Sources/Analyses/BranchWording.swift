import ConcIR

/// How a witness step names the side of a two-way branch its path takes.
enum BranchWording {
    /// `err is not nil` for a nil test, else "the condition is true" or
    /// "false". The IR branches on `isnil err` whichever way the source
    /// wrote the test, so "the condition is true" would read backwards
    /// against `if err != nil`: the value and its side read the same
    /// both ways.
    static func side(of terminator: Terminator, in block: Block, takingThen: Bool) -> String {
        if case .branch(.place(let condition), let then, let otherwise) = terminator, then != otherwise,
           let tested = block.nilTested(by: condition)?.place, let name = GoSpelling.expression(tested) {
            return takingThen ? "\(name) is nil" : "\(name) is not nil"
        }
        return takingThen ? "the condition is true" : "the condition is false"
    }
}
