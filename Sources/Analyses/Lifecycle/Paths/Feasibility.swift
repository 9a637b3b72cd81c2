import ConcIR

/// Edges of a function's graph that no execution takes, found from what
/// the runtime guarantees rather than from conditions.
///
/// The one case that matters for lifecycles: a timer's or ticker's channel
/// is never closed, so `for range t.C` (or `range time.Tick(d)`) never
/// leaves through its "channel closed" edge, and a function whose only
/// exit is behind such a loop never returns. Without this, `main` with a
/// program-long ticker would look like it leaks on return.
enum Feasibility {
    static func infeasibleEdges(of function: Function, types: FunctionTypes) -> Set<ControlFlowGraph.Edge> {
        var out = Set<ControlFlowGraph.Edge>()
        for (b, block) in function.blocks.enumerated() {
            guard case .branch(let condition, let then, let otherwise)? = block.terminator,
                  let ok = condition.place,
                  let step = block.instructions.last(where: { $0.isRangeStep && $0.op == .chanRecv }),
                  step.results.count == 2, step.results[1].place == ok,
                  let channel = step.operands.first,
                  types.type(of: channel) == .timerChannel,
                  then != otherwise else { continue }
            out.insert(ControlFlowGraph.Edge(from: b, to: otherwise))
        }
        return out
    }
}
