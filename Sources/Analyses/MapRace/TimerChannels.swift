import ConcIR

/// The channels of a function that only the runtime sends on: a timer's or
/// a ticker's `C`, and what time.After and time.Tick return (in a
/// temporary, or in a variable only ever assigned such a channel). A
/// receive from one waits for time to pass, not for another goroutine: it
/// orders nothing, so it is not a join. Taken for one, it would say that a
/// background loop (`for { select { case <-tick.C: ...; case <-stop:
/// return } }`) cannot touch a map until its starter signals it, and
/// hide every race of the loop.
///
/// A channel of that type from anywhere else (a parameter, a fake clock's
/// `After`) may be sent on by a goroutine, and stays a join.
struct TimerChannels {
    private let made: Set<Place>

    init(function: Function) {
        // Most functions make no timer channel: one look at the opcodes,
        // before hashing every result place twice.
        guard function.blocks.contains(where: { $0.instructions.contains { $0.op == .timeAfter || $0.op == .timeTick } }) else {
            made = []
            return
        }
        var fromTimers = Set<Place>()
        var fromOthers = Set<Place>()
        for _ in 0..<2 {
            for block in function.blocks {
                for inst in block.instructions {
                    guard case .place(let r)? = inst.results.first, r.path.isEmpty else { continue }
                    let isTimer: Bool
                    if inst.op == .timeAfter || inst.op == .timeTick {
                        isTimer = true
                    } else if inst.op == .assign, case .place(let source)? = inst.operands.first, fromTimers.contains(source) {
                        isTimer = true
                    } else {
                        isTimer = false
                    }
                    if isTimer { fromTimers.insert(r) } else { fromOthers.insert(r) }
                }
            }
        }
        made = fromTimers.subtracting(fromOthers)
    }

    /// Whether `operand` is such a channel; `types` gives the function's
    /// types, asked only for a `.C` field.
    func contains(_ operand: Operand, types: () -> FunctionTypes) -> Bool {
        guard case .place(let p) = operand else { return false }
        if made.contains(p) { return true }
        guard case .field("C")? = p.path.last else { return false }
        var base = types().type(of: Place(p.root, path: Array(p.path.dropLast())))
        if case .pointer(let inner) = base { base = inner }
        return base == WellKnownType.timer.type || base == WellKnownType.ticker.type
    }
}
