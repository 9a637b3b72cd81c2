import ConcIR

/// `sync/atomic` on integers and booleans: loads, stores, Add, Swap and
/// CompareAndSwap.
///
/// Each move of the model is one goroutine's, so atomic operations happen
/// one at a time in the order the interleaving chose, as they do in Go: on
/// a variable whose value the model knows (`var state int32`, `pending :=
/// int32(3)`, a field of a struct made here), every one is computed
/// exactly, and only one of two `CompareAndSwap(&state, 0, 1)` wins.
///
/// On a value the model does not know, the result is a ticket
/// (`AtomicTickets`): free to go either way only when it is the first one
/// drawn and the variable comes from outside the explored code (a
/// parameter's pointee, a field of a parameter). A variable the explored
/// code set (`pending := int32(len(items))`) holds a value tied to what
/// else that code did, such as how many workers it started; what a draw on
/// it returns is then no free choice either.
extension Machine {
    func performAtomic(_ inst: Instruction, _ g: Int, _ e: inout Exec) {
        guard let target = inst.operands.first?.place else {
            for r in inst.results { write(.unknown, to: r, g, &e) }
            return
        }
        func operand(_ i: Int) -> Value { i < inst.operands.count ? read(inst.operands[i], g, &e) : .unknown }
        let old = peekPlace(target, g, e.state)
        var result: Value = .unknown
        var stored: Value?
        switch inst.op {
        case .atomicLoad:
            result = old
        case .atomicStore:
            stored = operand(1)
        case .atomicAdd:
            if let base = old.integer, let delta = operand(1).integer {
                result = .int(base &+ delta)
                stored = result
            } else {
                stored = .unknown
            }
        case .atomicSwap:
            result = old
            stored = operand(1)
        case .atomicCAS:
            let new = operand(2)
            if let equal = Self.compare(.cmpEq, old, operand(1)) {
                result = .bool(equal)
                if equal { stored = new }
            } else {
                stored = .unknown
            }
        default:
            break
        }
        if let stored { writePlace(target, stored, g, &e) }
        if inst.op != .atomicLoad && inst.op != .atomicStore && result.isOpaque && !inst.results.isEmpty {
            drawTicket(tied: isHeldInModel(target, g, e.state), &e)
        }
        if let r = inst.results.first { write(result, to: r, g, &e) }
        for r in inst.results.dropFirst() { write(.unknown, to: r, g, &e) }
    }

    /// Counts a ticket whose value the model does not know; one drawn on a
    /// variable the explored code holds counts as a second one at once.
    func drawTicket(tied: Bool, _ e: inout Exec) {
        e.state.ticketsDrawn = tied ? 2 : min(2, e.state.ticketsDrawn + 1)
    }

    /// Whether the place is storage of the explored code: a local or
    /// captured variable, a field of a struct it holds, what a pointer to
    /// such a variable points at. Globals, elements and what a pointer from
    /// outside points at are not.
    private func isHeldInModel(_ p: Place, _ g: Int, _ state: ProgramState) -> Bool {
        if case .global = p.root { return false }
        guard let last = p.path.last, let parent = p.parent else { return true }
        var v = peekPlace(parent, g, state)
        for _ in 0..<4 {
            guard case .cell(let c) = v, last != .deref else { break }
            v = state.heap.load(c)
        }
        switch (last, v) {
        case (.field, .object(let id)):
            return state.heap.contains(id) && state.heap[id].record != nil
        case (.field, .zero):
            return isHeldInModel(parent, g, state)
        case (.deref, .cell):
            return true
        default:
            return false
        }
    }
}
