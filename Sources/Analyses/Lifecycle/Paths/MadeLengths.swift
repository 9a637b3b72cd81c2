import ConcIR

/// The slices a function makes with a given length and never replaces
/// (`cancels := make([]context.CancelFunc, n)`), by that length, for the
/// lifecycle tracker and WG1052's goroutine counts: a loop counted to the
/// same length (`for i := 0; i < n; i++`) visits every index of such a
/// slice, as a range over it does.
/// A slice holding the resource has had an element stored, so its length,
/// and that loop's count, is at least one. The length must not change
/// either: a constant, a variable written at most once (a parameter,
/// or a local given one value), or a temporary (`len(a)`).
///
/// A reference type so that the tracker's copies share what was found;
/// one search runs on one thread.
final class MadeLengths {
    private var byLength: [Operand: [Operand]]?

    func containers(madeWithLength length: Operand, in function: Function) -> [Operand] {
        if byLength == nil { byLength = Self.find(in: function) }
        return byLength?[length] ?? []
    }

    /// The length `container` (a variable) was made with, when it is such
    /// a slice: `keys := make([]string, n)` is `n` long for its whole life.
    func length(of container: Operand, in function: Function) -> Operand? {
        if byLength == nil { byLength = Self.find(in: function) }
        return byLength?.first { $0.value.contains(container) }?.key
    }

    private static func find(in function: Function) -> [Operand: [Operand]] {
        var writes: [String: Int] = [:]
        var made: [(container: String, length: Operand)] = []
        for block in function.blocks {
            for inst in block.instructions {
                for case .place(let p) in inst.results where p.path.isEmpty {
                    if case .variable(let name) = p.root { writes[name, default: 0] += 1 }
                }
                // `x := make([]T, n)` lowers to `%1 = alloc.make []T, n` and `assign x = %1`.
                guard inst.op == .assign, case .place(let dst)? = inst.results.first, dst.path.isEmpty,
                      case .variable(let name) = dst.root, case .place(let src)? = inst.operands.first, src.path.isEmpty,
                      case .temp = src.root, let make = block.instruction(producing: src), make.op == .allocMake,
                      case .slice? = make.type, let length = make.operands.first else { continue }
                made.append((name, length))
            }
        }
        var out: [Operand: [Operand]] = [:]
        for (container, length) in made where writes[container] == 1 {
            switch length {
            case .int: break
            case .place(let p) where p.path.isEmpty:
                // A temporary is written once (`make([]T, len(a))` is `%1 = len a` first).
                if case .temp = p.root { break }
                guard case .variable(let n) = p.root, (writes[n] ?? 0) <= 1 else { continue }
            default: continue
            }
            out[length, default: []].append(.variable(container))
        }
        return out
    }
}
