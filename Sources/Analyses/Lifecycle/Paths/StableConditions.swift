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
/// A comparison of a length (`len(xs) > 0`, `len(tw.changes) != 0`) is one
/// too: of a plain variable as above, or of a field reached from one, which
/// only a write to that field or to what holds it changes, or a call handed
/// what holds it (`tw.tx.Unlock()` does not change `tw.changes`; `tw.put()`
/// may). A field is trusted not to change behind the path's back through
/// an alias or another goroutine, as the code that tests it twice trusts it.
/// (The tracker forgets a decision when the path writes the variable, and
/// learns it again when the write is a constant: `held = true` after a
/// `Lock` decides a later `if held { mu.Unlock() }`.)
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
        /// The place whose length the variable's side is (`tw.changes` for
        /// `len(tw.changes)`, rooted at `variable`), or for a condition
        /// without a test the bool field tested (`c.safe`); nil when that
        /// side is the variable itself.
        var measured: Place?
        /// The comparison; nil when the variable itself is the condition.
        var test: Opcode?
        /// The comparison's operands, `_` (blank) on the side of a variable
        /// compared with a constant.
        var left: Operand = .blank
        var right: Operand = .blank

        /// Whether the condition is a plain bool variable (`if held`), which
        /// a constant assignment decides.
        var isFlag: Bool { test == nil && measured == nil }

        /// Whether writing `name` changes the condition.
        func depends(on name: String) -> Bool { variable == name || other == name }

        /// Whether the condition is of a field: its length (`len(s.items)`)
        /// or its value (`c.safe`).
        var measuresField: Bool { measured.map { !$0.path.isEmpty } ?? false }

        /// Whether the instruction may change what the condition tests: it
        /// writes the variable, or for a field's length writes the field or
        /// what holds it (or a field of that name elsewhere, which may be an
        /// alias), or hands what holds it to a call.
        func isChanged(by inst: Instruction) -> Bool {
            guard let measured, !measured.path.isEmpty else {
                return StableConditions.written(by: inst).contains(where: depends)
            }
            if let other, StableConditions.written(by: inst).contains(other) { return true }
            for r in inst.results {
                guard let p = r.place else { continue }
                if p.contains(measured) || (p.root != measured.root && p.path.last == measured.path.last) { return true }
            }
            guard inst.op == .call || inst.op == .cgoCall else { return false }
            return inst.operands.contains { $0.place.map { $0.contains(measured) } ?? false }
        }
    }

    /// For each block, the stable condition its branch tests; empty when
    /// the function has none.
    static func byBlock(_ function: Function, program: AnalysedProgram) -> [Condition?] {
        let conditions = function.blocks.map(branchCondition)
        var tested: [Condition: Int] = [:]
        for case let condition? in conditions { tested[condition, default: 0] += 1 }
        // A flag the function sets to a constant is worth tracking even
        // when it is tested once: `held := false; if !ok { mu.Lock(); held
        // = true }; ...; if held { mu.Unlock() }`.
        let flags = constantFlagVariables(function)
        let repeated = tested.filter { c, count in count >= 2 || (c.isFlag && flags.contains(c.variable)) }.keys
        guard !repeated.isEmpty else { return [] }
        let captured = Set(function.captures.map(\.name)).union(program.capturedByClosures(of: function.name))
        var unstable = captured
        var addressed: [Place] = []
        for block in function.blocks {
            for inst in block.instructions where inst.op == .addr {
                for case .place(let p) in inst.operands { addressed.append(p) }
            }
        }
        for p in addressed { if case .variable(let name) = p.root { unstable.insert(name) } }
        // A field's length changes through a pointer to it or to what holds
        // it (`&s.items`, `&s` of a struct value), not through `&s.mu`.
        func isStable(_ c: Condition) -> Bool {
            if c.other.map(unstable.contains) == true { return false }
            guard let measured = c.measured, c.measuresField else { return !unstable.contains(c.variable) }
            return !captured.contains(c.variable) && !addressed.contains { $0.contains(measured) }
        }
        let stable = Set(repeated.filter(isStable))
        guard !stable.isEmpty else { return [] }
        return conditions.map { c in c.flatMap { stable.contains($0) ? $0 : nil } }
    }

    /// The condition a block's two-way branch tests: a plain variable, or
    /// the block's comparison of a plain variable with a constant or with
    /// another plain variable.
    static func branchCondition(_ block: Block) -> Condition? {
        if let name = branchVariable(block.terminator) { return Condition(variable: name) }
        // `if c.safe { c.mu.Lock() } ... if c.safe { c.mu.Unlock() }`: a
        // bool field of a variable, trusted as a length of one is.
        if case .branch(.place(let c), let yes, let no)? = block.terminator, yes != no, !c.path.isEmpty,
           c.path.allSatisfy({ if case .field = $0 { return true } else { return false } }),
           case .variable(let name) = c.root {
            return Condition(variable: name, measured: c)
        }
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
        // `len(xs) > 0`, `len(s.items) != 0`, `len(s.items) > n`: a length
        // the block measured, compared with a constant or a variable.
        if let measured = measuredLength(left, in: block), case .variable(let name) = measured.root {
            if right.isConstant { return Condition(variable: name, measured: measured, test: test.op, right: right) }
            if let b = plainVariable(right), b != name {
                return Condition(variable: name, other: b, measured: measured, test: test.op, right: right)
            }
        }
        if let measured = measuredLength(right, in: block), case .variable(let name) = measured.root {
            if left.isConstant { return Condition(variable: name, measured: measured, test: test.op, left: left) }
            if let a = plainVariable(left), a != name {
                return Condition(variable: name, other: a, measured: measured, test: test.op, left: left)
            }
        }
        return nil
    }

    /// The place whose `len` the block computed into this operand.
    private static func measuredLength(_ operand: Operand, in block: Block) -> Place? {
        guard case .place(let t) = operand, t.path.isEmpty, case .temp = t.root,
              let inst = block.instruction(producing: t), inst.op == .len else { return nil }
        return inst.operands.first?.place
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

    /// The plain variable an instruction sets to a boolean constant and the
    /// constant (`assign held = true`).
    static func constantFlag(_ inst: Instruction) -> (variable: String, value: Bool)? {
        guard inst.op == .assign, inst.results.count == 1, case .bool(let value)? = inst.operands.first,
              let name = plainVariable(inst.results[0]) else { return nil }
        return (name, value)
    }

    /// The variables the function sets to a boolean constant somewhere.
    private static func constantFlagVariables(_ function: Function) -> Set<String> {
        var names: Set<String> = []
        for block in function.blocks {
            for inst in block.instructions { if let flag = constantFlag(inst) { names.insert(flag.variable) } }
        }
        return names
    }

    /// The variables an instruction writes (its results' roots).
    static func written(by inst: Instruction) -> [String] {
        inst.results.compactMap { r in
            guard case .variable(let name)? = r.place?.root else { return nil }
            return name
        }
    }
}
