import ConcIR

/// Where a function branches on what an atomic read-modify-write returned.
///
/// `atomic.AddInt32(&n, -1)`, a `CompareAndSwap`, a `Swap` hand each
/// caller its own ticket: the values the goroutines that share `n` get are
/// one sequence, each value handed out once. The model knows none of them,
/// so it lets each branch on a ticket go both ways, as if every goroutine
/// drew independently. With two tickets drawn that is no longer a
/// schedule the program can run: two workers that split the work by the
/// parity of their ticket both draw an even one and wait for each other
/// (runtime/chan_test.go's benchmarkChanSync), two callers both win one
/// `CompareAndSwap(&state, 0, 1)`, nobody sees the `Add(&pending, -1)`
/// that reaches zero and closes `done`. `Machine` stops such a path
/// (`Successor.Ending.undecided`): a finding needs a witness the program
/// can follow. (Where the model knows the variable's value it computes
/// the result instead, and there is no ticket; a draw on a variable the
/// explored code set is tied from the first: `Machine.performAtomic`.)
///
/// The lowering keeps a condition's comparison (`%2 = cmp.lt i, 0`) and
/// the assignments of the ticket (`assign i = %1`), not arithmetic: a
/// condition it left as `?` (`i%2 == 0`) is not seen here, and neither
/// is a ticket returned by a helper.
enum AtomicTickets {
    /// The operations whose result is a ticket.
    static let drawing: Set<Opcode> = [.atomicAdd, .atomicSwap, .atomicCAS, .atomicValueSwap, .atomicValueCAS]

    /// The blocks whose branch condition is a ticket, a copy of one, or a
    /// comparison or nil test of one.
    static func branchBlocks(of f: Function) -> Set<Int> {
        var tickets = Set<Place>()
        var assignments: [(target: Place, source: Place)] = []
        for block in f.blocks {
            for inst in block.instructions {
                if drawing.contains(inst.op) {
                    for case .place(let p) in inst.results { tickets.insert(p) }
                } else if inst.op == .assign, inst.results.count == 1, inst.operands.count == 1,
                          case .place(let target) = inst.results[0], case .place(let source) = inst.operands[0] {
                    assignments.append((target, source))
                }
            }
        }
        guard !tickets.isEmpty else { return [] }
        // Copies of copies: until nothing new is a ticket (each round adds one).
        var grew = true
        while grew {
            grew = false
            for a in assignments where tickets.contains(a.source) && !tickets.contains(a.target) {
                tickets.insert(a.target)
                grew = true
            }
        }
        var blocks = Set<Int>()
        for (b, block) in f.blocks.enumerated() {
            guard case .branch(.place(let condition), _, _)? = block.terminator else { continue }
            if tickets.contains(condition) {
                blocks.insert(b)
            } else if let test = block.instruction(producing: condition), test.op.isComparison || test.op == .isNil,
                      test.operands.contains(where: { if case .place(let p) = $0 { return tickets.contains(p) } else { return false } }) {
                blocks.insert(b)
            }
        }
        return blocks
    }
}
