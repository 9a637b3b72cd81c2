import ConcIR

/// The conditions a function branches on more than once that nothing
/// changes behind the path's back: a variable, or a comparison of one with
/// a constant (`b == 10`, `n > 0`) or with another (`n > limit`), whose
/// variables are not captures of the function, not captured by a closure
/// it makes, and never have their address taken. A path that branches on
/// one of them twice takes the same side both times unless it wrote the
/// variable in between, so
/// `if lock { mu.Lock() } ... if lock { mu.Unlock() }` pairs up,
/// `if !hasLock { mu.Lock() } ... if !hasLock { mu.Unlock() }` too, and
/// `if b == 10 { cache.Lock() } ... if b == 10 { cache.Unlock() }`.
/// (The tracker forgets a decision when the path writes the variable.)
enum StableConditions {
    /// What a branch tests, as the tracker keys its decisions: a variable
    /// itself, or a comparison of it with a constant (the variable's side
    /// written `_`, so `b == 10` is `cmp.eq _, 10`) or with another
    /// variable (`n > limit` is `cmp.lt limit, n`).
    struct Condition: Hashable {
        /// What a write changes.
        var variable: String
        /// The second variable of a comparison of two.
        var other: String?
        /// The comparison; nil when the variable itself is the condition.
        var test: Opcode?
        /// The comparison's operands, `_` (blank) on the side of a variable
        /// compared with a constant.
        var left: Operand = .blank
        var right: Operand = .blank

        /// Whether writing `name` changes the condition.
        func depends(on name: String) -> Bool { variable == name || other == name }
    }

    /// For each block, the stable condition its branch tests; empty when
    /// the function has none.
    static func byBlock(_ function: Function, program: AnalysedProgram) -> [Condition?] {
        let conditions = function.blocks.map(branchCondition)
        var tested: [Condition: Int] = [:]
        for case let condition? in conditions { tested[condition, default: 0] += 1 }
        let repeated = tested.filter { $0.value >= 2 }.keys
        guard !repeated.isEmpty else { return [] }
        var unstable = Set(function.captures.map(\.name))
        unstable.formUnion(program.capturedByClosures(of: function.name))
        for block in function.blocks {
            for inst in block.instructions where inst.op == .addr {
                for case .place(let p) in inst.operands { if case .variable(let name) = p.root { unstable.insert(name) } }
            }
        }
        let stable = Set(repeated.filter { c in !unstable.contains(c.variable) && !(c.other.map(unstable.contains) ?? false) })
        guard !stable.isEmpty else { return [] }
        return conditions.map { c in c.flatMap { stable.contains($0) ? $0 : nil } }
    }

    /// The condition a block's two-way branch tests: a plain variable, or
    /// the block's comparison of a plain variable with a constant or with
    /// another plain variable.
    static func branchCondition(_ block: Block) -> Condition? {
        if let name = branchVariable(block.terminator) { return Condition(variable: name) }
        guard case .branch(.place(let c), let yes, let no)? = block.terminator, yes != no, c.path.isEmpty, case .temp = c.root,
              let test = block.comparison(producing: c), test.operands.count == 2 else { return nil }
        let (left, right) = (test.operands[0], test.operands[1])
        if let name = plainVariable(left), right.isConstant {
            return Condition(variable: name, test: test.op, right: right)
        }
        if let name = plainVariable(right), left.isConstant {
            return Condition(variable: name, test: test.op, left: left)
        }
        if let a = plainVariable(left), let b = plainVariable(right), a != b {
            return Condition(variable: a, other: b, test: test.op, left: left, right: right)
        }
        return nil
    }

    private static func plainVariable(_ operand: Operand) -> String? {
        guard case .place(let p) = operand, p.path.isEmpty, case .variable(let name) = p.root else { return nil }
        return name
    }

    /// The variable a block's two-way branch tests, if it is a plain variable.
    static func branchVariable(_ terminator: Terminator?) -> String? {
        guard case .branch(let condition, let yes, let no)? = terminator, yes != no else { return nil }
        return plainVariable(condition)
    }

    /// The variables an instruction writes (its results' roots).
    static func written(by inst: Instruction) -> [String] {
        inst.results.compactMap { r in
            guard case .variable(let name)? = r.place?.root else { return nil }
            return name
        }
    }
}
