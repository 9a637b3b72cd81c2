import ConcIR

/// A context made with a deadline that has already passed: WithDeadline
/// sees `time.Until(d) <= 0`, cancels the child before returning it and
/// starts no timer, so its cancel func has nothing left to release (a
/// child of a cancellable parent is detached from it again by that
/// cancellation). Tests of expired contexts write exactly this.
enum ExpiredDeadline {
    /// Whether `inst` (at `index` of `block`) is `context.WithTimeout(p,
    /// d)` with a constant `d <= 0`, or `context.WithDeadline(p, t)` with
    /// `t` one of `time.Now()`, `time.Now().Add(d)` with a constant
    /// `d <= 0`, or the zero `time.Time{}`.
    static func isExpired(_ inst: Instruction, at index: Int, in block: Block) -> Bool {
        guard inst.operands.count == 2 else { return false }
        switch inst.op {
        case .ctxWithTimeout:
            return inst.operands[1].intValue.map { $0 <= 0 } ?? false
        case .ctxWithDeadline:
            return isPastTime(inst.operands[1], before: index, in: block, depth: 0)
        default:
            return false
        }
    }

    private static func isPastTime(_ operand: Operand, before index: Int, in block: Block, depth: Int) -> Bool {
        guard depth < 2, let place = operand.place, case .temp = place.root, place.path.isEmpty,
              let def = block.instructions[..<index].lastIndex(where: { $0.results.contains(operand) }) else { return false }
        let inst = block.instructions[def]
        if inst.op == .allocLit {
            return inst.type == .named("time.Time", arguments: []) && !writesInto(place, after: def, before: index, in: block)
        }
        guard inst.op == .call else { return false }
        switch inst.callee {
        case .function("time.Now"):
            return true
        case .method("(time.Time).Add"):
            guard inst.operands.count == 2, let d = inst.operands[1].intValue, d <= 0 else { return false }
            return isPastTime(inst.operands[0], before: def, in: block, depth: depth + 1)
        default:
            return false
        }
    }

    /// Whether a field of the literal is set (`time.Time{wall: w}` is not zero).
    private static func writesInto(_ place: Place, after start: Int, before end: Int, in block: Block) -> Bool {
        block.instructions[(start + 1)..<end].contains { inst in
            inst.results.contains { $0.place.map { $0.root == place.root } ?? false }
        }
    }
}
