import ConcIR

/// Running one goroutine through its invisible operations up to its next
/// pause, splitting on unknown branches.
extension Machine {
    func continueAfterMove(_ e: Exec, _ g: Int) -> [Exec] {
        e.isRunning ? run(e, g) : [e]
    }

    func run(_ start: Exec, _ g: Int) -> [Exec] {
        var work = [start]
        var out: [Exec] = []
        var steps = 0
        while var e = work.popLast() {
            running: while true {
                guard e.isRunning, g < e.state.goroutines.count, e.state.goroutines[g].isLive else {
                    out.append(e)
                    break
                }
                steps += 1
                if steps > configuration.maxStepsPerMove {
                    e.exceededLimit = .steps
                    out.append(e)
                    break
                }
                switch step(&e, g) {
                case .next:
                    continue
                case .pause:
                    out.append(e)
                    break running
                case .forks(let forks):
                    for (fork, pause) in forks {
                        if pause || !fork.isRunning { out.append(fork) } else { work.append(fork) }
                    }
                    break running
                }
            }
            if out.count + work.count > configuration.maxForksPerMove {
                return (out + work).map { var x = $0; x.exceededLimit = x.exceededLimit ?? .forks; return x }
            }
        }
        return out
    }

    private func isAlone(_ g: Int, _ state: ProgramState) -> Bool {
        !state.goroutines.indices.contains { $0 != g && state.goroutines[$0].isLive }
    }

    private func step(_ e: inout Exec, _ g: Int) -> StepResult {
        switch pending(of: g, in: e.state) {
        case .parked, .select:
            return .pause
        case .operation(let op):
            // Alone, a goroutine has nobody to interleave with: it goes on
            // as long as it can complete operations by itself.
            guard isAlone(g, e.state) else { return .pause }
            if op.instruction.op == .chanSend || op.instruction.op == .chanRecv {
                let offer = plainOffer(op, goroutine: g, in: e.state)
                guard offer.readiness == .ready || offer.readiness == .mayBeReady else { return .pause }
                completeSolo(offer, &e)
                return .next
            }
            guard isEnabled(op, goroutine: g, in: e.state) else { return .pause }
            executeVisible(op, g, &e)
            return .next
        case .runnable:
            return stepRunnable(&e, g)
        }
    }

    /// Reads the top frame's position in place (see `pending(of:in:)`);
    /// only a returning frame, which has defers to run, is copied.
    private func stepRunnable(_ e: inout Exec, _ g: Int) -> StepResult {
        let top = e.state.goroutines[g].frames.count - 1
        guard top >= 0 else { return .pause }
        let function = e.state.goroutines[g].frames[top].function
        let blocks = program.blocks(function)
        if e.state.goroutines[g].frames[top].isReturning {
            guard let d = e.state.goroutines[g].frames[top].defers.last else {
                finishReturn(g, &e)
                return .next
            }
            e.updateFrame(g) { _ = $0.defers.popLast() }
            guard Int(d.block) < blocks.count, Int(d.instruction) < blocks[Int(d.block)].instructions.count else { return .next }
            let inst = blocks[Int(d.block)].instructions[Int(d.instruction)]
            _ = performLocal(inst, operands: d.operands, deferredCallee: d.callee,
                             site: Site(function: function, position: inst.position), g, &e)
            return .next
        }
        let b = Int(e.state.goroutines[g].frames[top].block)
        guard b < blocks.count else {
            e.ending = .crashed
            return .pause
        }
        let i = Int(e.state.goroutines[g].frames[top].instruction)
        if i < blocks[b].instructions.count {
            stepInstruction(blocks[b].instructions[i], block: b, index: i, g, &e)
            return .next
        }
        return stepTerminator(blocks[b].terminator, block: b, position: blocks[b].terminatorPosition, g, &e)
    }
}
