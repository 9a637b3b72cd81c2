import ConcIR

/// Edges of a function's graph that no execution takes, found from what
/// the runtime guarantees and from constant conditions.
///
/// - A timer's or ticker's channel is never closed, so `for range t.C` (or
///   `range time.Tick(d)`) never leaves through its "channel closed" edge,
///   and a function whose only exit is behind such a loop never returns.
///   Without this, `main` with a program-long ticker would look like it
///   leaks on return.
/// - A branch on a constant (`if false { return }`, `if debug` with `const
///   debug = false`, which the lowering folds) never takes its other side.
enum Feasibility {
    static func infeasibleEdges(of function: Function, types: FunctionTypes) -> Set<ControlFlowGraph.Edge> {
        var out = Set<ControlFlowGraph.Edge>()
        for (b, block) in function.blocks.enumerated() {
            if case .branch(.bool(let value), let then, let otherwise)? = block.terminator, then != otherwise {
                out.insert(ControlFlowGraph.Edge(from: b, to: value ? otherwise : then))
                continue
            }
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
