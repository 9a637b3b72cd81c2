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
    func pending(of g: Int, in state: ProgramState) -> Pending {
        let goroutine = state.goroutines[g]
        guard goroutine.status == .live, let frame = goroutine.frames.last else { return .parked }
        let blocks = program.blocks(frame.function)
        if frame.isReturning {
            guard let d = frame.defers.last else { return .runnable }
            guard Int(d.block) < blocks.count, Int(d.instruction) < blocks[Int(d.block)].instructions.count else { return .runnable }
            let inst = blocks[Int(d.block)].instructions[Int(d.instruction)]
            let site = Site(function: frame.function, position: inst.position)
            let op = PendingOperation(instruction: inst, source: .deferred(d.operands), site: site)
            return isVisible(inst, callee: d.callee, in: state) ? .operation(op) : .runnable
        }
        guard Int(frame.block) < blocks.count else { return .runnable }
        let block = blocks[Int(frame.block)]
        let i = Int(frame.instruction)
        if i < block.instructions.count {
            let inst = block.instructions[i]
            guard inst.mode == .now else { return .runnable }
            var callee: Value?
            if case .dynamic(let v, _)? = inst.callee { callee = peek(v, g, state) }
            guard isVisible(inst, callee: callee, in: state) else { return .runnable }
            return .operation(PendingOperation(instruction: inst, source: .instruction(block: Int(frame.block), index: i),
                                               site: Site(function: frame.function, position: inst.position)))
        }
        if case .select(let cases, let def)? = block.terminator {
            return .select(block: Int(frame.block), cases: cases, defaultTarget: def,
                           site: Site(function: frame.function, position: block.terminatorPosition))
        }
        return .runnable
    }

    /// Operations whose effect another goroutine can observe or wait for.
    func isVisible(_ inst: Instruction, callee: Value?, in state: ProgramState? = nil) -> Bool {
        switch inst.op {
        case .chanSend, .chanRecv, .chanClose, .chanLen,
             .wgAdd, .wgDone, .wgWait, .wgGo,
             .mutexLock, .mutexUnlock, .mutexRLock, .mutexRUnlock, .mutexTryLock, .mutexTryRLock,
             .timerStop, .tickerStop, .timerReset, .tickerReset, .ctxCancel:
            return true
        case .call:
            guard let callee, case .object(let id) = callee, let state, state.heap.contains(id) else { return false }
            if case .cancelFunc = state.heap[id].kind { return true }
            return false
        default:
            return false
        }
    }
}
