import ConcIR

/// What a goroutine will do next, as the scheduler sees it.
enum Pending {
    /// Its next step is invisible to other goroutines.
    case runnable
    /// A visible operation (maybe blocking): an instruction, or a deferred one.
    case operation(PendingOperation)
    /// A `select` terminator.
    case select(block: Int, cases: [SelectCase], defaultTarget: Int?, site: Site)
    /// Never moves again (finished, or running forever without doing
    /// anything the model sees).
    case parked
}

/// A visible operation about to run, with the operand values it will use
/// when it comes from a `defer` (evaluated when the defer ran).
struct PendingOperation {
    enum Source {
        case instruction(block: Int, index: Int)
        /// The last entry of the frame's deferred operations.
        case deferred([Value])
    }

    var instruction: Instruction
    var source: Source
    var site: Site
}

extension Machine {
    /// The top frame is read in place, field by field, and an instruction
    /// is copied only when it is an operation others can see: copying the
    /// goroutine, its frame and the instruction on every step retained and
    /// released every array they hold, which was the largest part of the
    /// machine's time.
    func pending(of g: Int, in state: ProgramState) -> Pending {
        guard state.goroutines[g].status == .live else { return .parked }
        let top = state.goroutines[g].frames.count - 1
        guard top >= 0 else { return .parked }
        let function = state.goroutines[g].frames[top].function
        let blocks = program.blocks(function)
        if state.goroutines[g].frames[top].isReturning {
            guard let d = state.goroutines[g].frames[top].defers.last else { return .runnable }
            guard Int(d.block) < blocks.count, Int(d.instruction) < blocks[Int(d.block)].instructions.count else { return .runnable }
            let inst = blocks[Int(d.block)].instructions[Int(d.instruction)]
            let site = Site(function: function, position: inst.position)
            let op = PendingOperation(instruction: inst, source: .deferred(d.operands), site: site)
            return isVisible(inst, callee: d.callee, in: state) ? .operation(op) : .runnable
        }
        let b = Int(state.goroutines[g].frames[top].block)
        guard b < blocks.count else { return .runnable }
        let i = Int(state.goroutines[g].frames[top].instruction)
        if i < blocks[b].instructions.count {
            guard blocks[b].instructions[i].mode == .now, Self.mayBeVisible(blocks[b].instructions[i].op) else { return .runnable }
            let inst = blocks[b].instructions[i]
            var callee: Value?
            if case .dynamic(let v, _)? = inst.callee { callee = peek(v, g, state) }
            guard isVisible(inst, callee: callee, in: state) else { return .runnable }
            return .operation(PendingOperation(instruction: inst, source: .instruction(block: b, index: i),
                                               site: Site(function: function, position: inst.position)))
        }
        if case .select(let cases, let def)? = blocks[b].terminator {
            return .select(block: b, cases: cases, defaultTarget: def,
                           site: Site(function: function, position: blocks[b].terminatorPosition))
        }
        return .runnable
    }

    /// The operations `isVisible` may accept (a call only when its callee
    /// is a cancel func): asked first, before an instruction is copied.
    static func mayBeVisible(_ op: Opcode) -> Bool {
        switch op {
        case .chanSend, .chanRecv, .chanClose, .chanLen,
             .wgAdd, .wgDone, .wgWait, .wgGo,
             .mutexLock, .mutexUnlock, .mutexRLock, .mutexRUnlock, .mutexTryLock, .mutexTryRLock,
             .timerStop, .tickerStop, .timerReset, .tickerReset, .ctxCancel, .call:
            return true
        default:
            return false
        }
    }

    /// Operations whose effect another goroutine can observe or wait for:
    /// those of `mayBeVisible`, a call only when its callee is a cancel func.
    func isVisible(_ inst: Instruction, callee: Value?, in state: ProgramState? = nil) -> Bool {
        guard Self.mayBeVisible(inst.op) else { return false }
        guard inst.op == .call else { return true }
        guard let callee, case .object(let id) = callee, let state, state.heap.contains(id) else { return false }
        if case .cancelFunc = state.heap[id].kind { return true }
        return false
    }
}
