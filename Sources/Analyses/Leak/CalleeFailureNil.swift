import ConcIR
import RuntimeModel

/// A nil channel that came from a callee which returns nil on some paths
/// and a live channel on others: `js.Streams()` returns nil only when its
/// options fail to apply (`if err != nil { return nil }`), and the model,
/// which does not know the options' values, took that side. The nil is the
/// callee's failure convention met on a guess about its data, not a
/// channel the caller's own code leaves nil, so a nil-channel operation on
/// it is no witness.
///
/// A variable the caller itself may leave nil (`var ch chan T`, `ch =
/// nil`) on some path is still reported: that nil is the caller's.
struct CalleeFailureNil {
    let program: ProgramIndex

    /// Whether `operand`, read by the blocked operation in `function`, only
    /// ever holds a callee's results (through copies), one of which is
    /// such a callee.
    func isCalleeFailure(_ operand: Operand, in function: FunctionRef) -> Bool {
        guard let place = operand.place else { return false }
        let f = program[function]
        var seen: Set<Place> = []
        var conditional = false
        var work = [place]
        while let p = work.popLast() {
            guard seen.insert(p).inserted else { continue }
            // A long chain of copies is not followed: the finding stays.
            guard seen.count <= 16 else { return false }
            var defined = false
            for block in f.blocks {
                for inst in block.instructions {
                    guard let k = inst.results.firstIndex(where: { $0.place == p }) else { continue }
                    defined = true
                    switch inst.op {
                    case .assign:
                        guard case .place(let source)? = inst.operands.first else { return false }
                        work.append(source)
                    case .call:
                        guard inst.mode == .now, let callee = inst.callee else { return false }
                        if returnsNilOnSomePaths(callee, result: k) { conditional = true }
                    case .chanMake:
                        continue
                    default:
                        return false
                    }
                }
            }
            // A parameter, a field, a global: not the callee's result.
            if !defined { return false }
        }
        return conditional
    }

    /// Whether some function the call may enter returns nil as result `k`
    /// on one path and something else on another.
    private func returnsNilOnSomePaths(_ callee: Callee, result k: Int) -> Bool {
        callee.possibleTargets.contains { name in
            guard let ref = program.function(named: name) else { return false }
            var returnsNil = false
            var returnsOther = false
            for block in program[ref].blocks {
                guard case .return(let values)? = block.terminator, values.count > k else { continue }
                if values[k] == .nil { returnsNil = true } else { returnsOther = true }
            }
            return returnsNil && returnsOther
        }
    }
}
