import ConcIR

/// How many times a loop runs when its function fixes the number: a
/// constant bound (`for i := 0; i < 5; i++`, `for range 3`), or a bound the
/// function gives one value in one place and never changes (a local
/// assigned a constant, `n := 3; for i := 0; i < n; i++`; a slice made
/// with a constant length, `clients := make([]*Conn, 4); for i := range
/// clients`; an array or slice literal). Nil when the IR does not show it.
///
/// The one place must be the only write of the whole variable in the
/// function, its address never taken and no closure assigning it (a
/// closure may read it: `waitFor(func() bool { return n == count })`). Then
/// the loop sees that value or the variable's zero value (the write not
/// reached yet, or on another branch): never more turns than the value,
/// which is what a check that lets small fixed loops pass needs.
struct FixedTripCount {
    let function: Function
    /// Variables of the function that its closures assign or take the
    /// address of.
    let assignedByClosures: Set<String>

    /// The most turns, all loops around a block together, that loops
    /// written with fixed bounds may make for a check to count them as a
    /// handful (files kept open to the end of a test, a timer per try of
    /// a two-try wait): not a pile-up.
    static let fewTurns: Int64 = 16

    /// Whether every loop around the block has a trip count its function
    /// fixes and all of them together run it at most `fewTurns` times.
    static func runsFewTimes(_ block: Int, _ scope: FunctionScope) -> Bool {
        let enclosing = scope.cfg.loops.filter { $0.blocks.contains(block) }
        guard !enclosing.isEmpty else { return false }
        let fixed = FixedTripCount(function: scope.function,
                                   assignedByClosures: scope.program.index.assignedByClosures(of: scope.function.name))
        var turns: Int64 = 1
        for loop in enclosing {
            guard let n = fixed.turns(of: scope.function.blocks[loop.header].loop) else { return false }
            let (product, overflow) = turns.multipliedReportingOverflow(by: n)
            guard !overflow, product <= fewTurns else { return false }
            turns = product
        }
        return true
    }

    func turns(of trips: LoopTrips?) -> Int64? {
        switch trips {
        case .count(let bound)?: return constant(bound, depth: 0)
        case .length(let list)?: return length(list, depth: 0)
        case .lengthPlus(let list, let k)?:
            guard let n = length(list, depth: 0) else { return nil }
            let (sum, overflow) = n.addingReportingOverflow(k)
            return overflow || sum < 0 ? nil : sum
        default: return nil
        }
    }

    /// Copies followed from a variable to the value it was given.
    private static let maxCopies = 4

    private func constant(_ operand: Operand, depth: Int) -> Int64? {
        switch operand {
        case .int(let n):
            return n >= 0 ? n : nil
        case .place(let p):
            guard depth < Self.maxCopies, let write = onlyWrite(of: p), write.op == .assign, let value = write.operands.first else { return nil }
            return constant(value, depth: depth + 1)
        default:
            return nil
        }
    }

    private func length(_ operand: Operand, depth: Int) -> Int64? {
        guard case .place(let p) = operand, depth < Self.maxCopies, let write = onlyWrite(of: p) else { return nil }
        switch write.op {
        case .assign:
            guard let value = write.operands.first else { return nil }
            return length(value, depth: depth + 1)
        case .allocMake:
            // make([]T, n[, cap]): n elements (a map's size is only a hint).
            guard case .slice? = write.type, let first = write.operands.first, case .int(let n) = first, n >= 0 else { return nil }
            return n
        case .allocLit:
            // An array literal's type gives its length, a slice literal's
            // operand (unkeyed elements only).
            if case .array(let count, _)? = write.type { return count >= 0 ? count : nil }
            if case .slice? = write.type, let first = write.operands.first, case .int(let n) = first, n >= 0 { return n }
            return nil
        default:
            return nil
        }
    }

    /// The one instruction that writes the whole of local or temporary
    /// `p`, when there is exactly one, nothing takes its address and no
    /// closure assigns it.
    private func onlyWrite(of p: Place) -> Instruction? {
        guard p.path.isEmpty else { return nil }
        switch p.root {
        case .global:
            return nil
        case .variable(let name):
            guard !assignedByClosures.contains(name), function.locals.contains(where: { $0.name == name }) else { return nil }
        case .temp:
            break
        }
        var found: Instruction?
        for block in function.blocks {
            for inst in block.instructions {
                if inst.op == .addr, inst.operands.contains(where: { $0.place?.root == p.root }) { return nil }
                for case .place(let r) in inst.results where r.root == p.root && r.path.isEmpty {
                    if found != nil { return nil }
                    found = inst
                }
            }
        }
        return found
    }
}
