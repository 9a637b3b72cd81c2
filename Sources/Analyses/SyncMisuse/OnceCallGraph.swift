import ConcIR

/// What the Once checks need from the call graph: the function a
/// `once.Do(f)` runs, and a breadth-first walk over what it calls (and
/// defers) on the same goroutine, with the call sites on the way for the
/// witness.
struct OnceCallGraph {
    let program: StructuralProgram

    /// The node of the function `Do` runs: a function or closure named
    /// directly, or the known targets of a function value.
    func callback(of doInstruction: Instruction) -> Int? {
        guard doInstruction.operands.count >= 2 else { return nil }
        switch doInstruction.operands[1] {
        case .function(let name):
            // `once.Do(c.init)`: the method, not the method value's closure.
            guard let node = program.index.node(named: name) else { return nil }
            return program.index.function(node).boundMethod.flatMap { program.index.node(named: $0) } ?? node
        default: return nil
        }
    }

    struct Step {
        var node: Int
        /// The call in the previous function that entered `node` (nil for the root).
        var site: CallGraph.Site?
        var parent: Int
    }

    /// Functions reachable from `root` by calls and defers, up to `depth`
    /// calls deep, in breadth-first order; `stop` ends the walk when it
    /// returns true for a step (which is returned with its chain). With
    /// `sureOnly`, only calls that surely enter their target are followed
    /// (`CertainCall`: not through an interface or a function value).
    func walk(from root: Int, depth: Int, sureOnly: Bool = false, stop: (Int) -> Bool) -> [Step]? {
        let graph = program.index.callGraph
        var steps = [Step(node: root, site: nil, parent: -1)]
        var levels = [0]
        var seen: Set<Int> = [root]
        var i = 0
        while i < steps.count {
            if stop(steps[i].node) { return chain(to: i, steps) }
            if levels[i] < depth {
                for e in graph.outgoing[steps[i].node].map({ graph.edges[$0] }) where e.kind == .call || e.kind == .defer {
                    guard !sureOnly || CertainCall.isStatic(e, program.index), seen.insert(e.to).inserted else { continue }
                    steps.append(Step(node: e.to, site: e.site, parent: i))
                    levels.append(levels[i] + 1)
                }
            }
            i += 1
        }
        return nil
    }

    private func chain(to i: Int, _ steps: [Step]) -> [Step] {
        var out: [Step] = []
        var current = i
        while current >= 0 {
            out.append(steps[current])
            current = steps[current].parent
        }
        return out.reversed()
    }
}
