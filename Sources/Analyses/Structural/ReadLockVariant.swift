import ConcIR

/// What a function with lock-mode parameters (`LockModeParameters`)
/// read-locks for one combination of their values: `needsLock` false
/// skips `if needsLock { c.mu.RLock() }`, so a caller that holds the read
/// lock and passes false takes it only once (MU1006).
struct ReadLockVariant: Sendable {
    /// The values the variant gives the parameters, by summary index.
    let assumption: ParameterAssumption
    let places: Set<SummaryPlace>

    /// The blocks the function can run with the variant's values: a branch
    /// on one of the parameters goes one way.
    static func reachable(_ function: Function, variant: LockModeVariant) -> [Bool] {
        var reached = [Bool](repeating: false, count: function.blocks.count)
        guard !reached.isEmpty else { return reached }
        reached[0] = true
        var work = [0]
        while let b = work.popLast() {
            let next = variant.fixedTarget(of: function.blocks[b].terminator).map { [$0] } ?? function.blocks[b].successors
            for s in next where s >= 0 && s < reached.count && !reached[s] {
                reached[s] = true
                work.append(s)
            }
        }
        return reached
    }

    /// The places of the variants a call with `operands` (receiver first)
    /// may run: those whose values its constant bool arguments match. Nil
    /// when none matches.
    static func union(_ variants: [ReadLockVariant], operands: [Operand]) -> Set<SummaryPlace>? {
        var out: Set<SummaryPlace>?
        for v in variants {
            let matches = v.assumption.assumed.allSatisfy { index, value in
                guard index < operands.count, case .bool(let passed) = operands[index] else { return true }
                return passed == value
            }
            guard matches else { continue }
            out = (out ?? []).union(v.places)
        }
        return out
    }
}
