import ConcIR

/// Whether an edge of the whole-program call graph surely enters its
/// target when its site runs. A call of a function or a concrete method
/// (and a function handed to `once.Do`, or deferred by name) does; a call
/// through an interface or a function value enters one of the functions
/// the graph finds for it (every implementation of the interface in the
/// program, every function stored where the value comes from), which is a
/// possibility, not a fact: `fmt` calls `String` on whatever it prints,
/// `io.Reader.Read` reaches every reader. Rules that claim a function
/// calls itself (a recursion, a Once re-entered) follow only sure edges.
enum CertainCall {
    static func isStatic(_ edge: CallGraph.Edge, _ program: AnalysedProgram) -> Bool {
        let block = program.function(edge.from).blocks[edge.site.block]
        // A value in a terminator (returned, sent) is no call at all.
        guard edge.site.instruction < block.instructions.count else { return false }
        let inst = block.instructions[edge.site.instruction]
        guard inst.op == .call || inst.op == .cgoCall else { return true }
        switch inst.callee {
        case .function?, .method?: return true
        case .dynamic(.function(let f), _)?: return program.callGraph.node(named: f) == edge.to
        default: return false
        }
    }
}
