import ConcIR

/// The variables a function branches on more than once that nothing
/// changes behind the path's back: not a capture of the function, not
/// captured by a closure it makes, and never having their address taken.
/// A path that branches on one of them twice takes the same side both
/// times unless it wrote the variable in between, so
/// `if lock { mu.Lock() } ... if lock { mu.Unlock() }` pairs up and
/// `if !hasLock { mu.Lock() } ... if !hasLock { mu.Unlock() }` too.
/// (The tracker forgets a decision when the path writes the variable.)
enum StableConditions {
    static func of(_ function: Function, program: AnalysedProgram) -> Set<String> {
        var tested: [String: Int] = [:]
        for block in function.blocks {
            if let name = branchVariable(block.terminator) { tested[name, default: 0] += 1 }
        }
        var stable = Set(tested.filter { $0.value >= 2 }.keys)
        guard !stable.isEmpty else { return [] }
        stable.subtract(function.captures.map(\.name))
        stable.subtract(program.capturedByClosures(of: function.name))
        guard !stable.isEmpty else { return [] }
        for block in function.blocks {
            for inst in block.instructions where inst.op == .addr {
                for case .place(let p) in inst.operands { if case .variable(let name) = p.root { stable.remove(name) } }
            }
        }
        return stable
    }

    /// The variable a block's two-way branch tests, if it is a plain variable.
    static func branchVariable(_ terminator: Terminator?) -> String? {
        guard case .branch(.place(let c), let yes, let no)? = terminator, yes != no, c.path.isEmpty,
              case .variable(let name) = c.root else { return nil }
        return name
    }

    /// The variables an instruction writes (its results' roots).
    static func written(by inst: Instruction) -> [String] {
        inst.results.compactMap { r in
            guard case .variable(let name)? = r.place?.root else { return nil }
            return name
        }
    }
}
