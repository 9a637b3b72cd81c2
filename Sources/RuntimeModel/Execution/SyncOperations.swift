import ConcIR

/// The visible operations that are not channel communication: close, len,
/// WaitGroup, mutex, timer and cancel operations.
extension Machine {
    /// The operands of a pending operation, without side effects.
    func operandValues(_ op: PendingOperation, _ g: Int, _ state: ProgramState) -> [Value] {
        switch op.source {
        case .deferred(let values): return values
        case .instruction: return op.instruction.operands.map { peek($0, g, state) }
        }
    }

    /// The WaitGroup or mutex an operand value is (zero: a fresh one, which
    /// a first use will make).
    func syncState(_ v: Value, _ state: ProgramState) -> HeapObject? {
        guard case .object(let id) = dereferenced(v, state), state.heap.contains(id) else { return nil }
        return state.heap[id]
    }

    /// The value a pointer to a variable points to (a `*sync.WaitGroup`
    /// parameter holding `&wg`), through at most a few pointers.
    func dereferenced(_ v: Value, _ state: ProgramState) -> Value {
        var v = v
        for _ in 0..<4 {
            guard case .cell(let c) = v else { return v }
            v = state.heap.load(c)
        }
        return v
    }

    /// Whether a blocking visible operation (Wait, Lock, RLock) can run now.
    func isEnabled(_ op: PendingOperation, goroutine g: Int, in state: ProgramState) -> Bool {
        let values = operandValues(op, g, state)
        let target = dereferenced(values.first ?? .unknown, state)
        switch op.instruction.op {
        case .wgWait:
            if target == .zero { return true }
            guard let obj = syncState(target, state), let wg = obj.waitGroup else { return true }
            return obj.escaped || wg.waitCanReturn
        case .mutexLock, .mutexRLock:
            if target == .zero { return true }
            guard let obj = syncState(target, state), case .mutex(let m) = obj.kind else { return true }
            return obj.escaped || (op.instruction.op == .mutexLock ? m.canLock : m.canReadLock)
        default:
            return true
        }
    }

    /// Runs an enabled visible operation (not a send or receive) and moves
    /// past it.
    func executeVisible(_ op: PendingOperation, _ g: Int, _ e: inout Exec) {
        var values: [Value]
        switch op.source {
        case .deferred(let v):
            values = v
            var callee: Value?
            e.updateFrame(g) { callee = $0.defers.popLast()?.callee }
            if perform(op, values: values, callee: callee, g, &e) { return }
            return
        case .instruction:
            values = []
            if perform(op, values: nil, callee: nil, g, &e) { return }
            advanceInstruction(g, &e)
        }
    }

    /// Returns true when a frame was pushed (the program counter stays).
    private func perform(_ op: PendingOperation, values given: [Value]?, callee: Value?, _ g: Int, _ e: inout Exec) -> Bool {
        let inst = op.instruction
        let site = op.site
        func operand(_ i: Int) -> Value {
            if let given { return i < given.count ? given[i] : .unknown }
            return i < inst.operands.count ? read(inst.operands[i], g, &e) : .unknown
        }
        func sync(isWaitGroup: Bool) -> ObjectID? {
            if let given {
                guard case .object(let id)? = given.first, e.state.heap.contains(id) else { return nil }
                return id
            }
            guard let o = inst.operands.first else { return nil }
            return syncObject(o, isWaitGroup: isWaitGroup, g, &e)
        }
        func setResult(_ i: Int, _ v: Value) {
            if given == nil, i < inst.results.count { write(v, to: inst.results[i], g, &e) }
        }
        switch inst.op {
        case .chanClose:
            close(operand(0), site: site, g, &e)
        case .chanLen:
            if case .object(let id) = operand(0), e.state.heap.contains(id), let c = e.state.heap[id].channel, !e.state.heap[id].escaped,
               case .made = c.source {
                setResult(0, .int(Int64(c.buffer.count)))
            } else {
                setResult(0, .unknown)
            }
        case .wgAdd:
            guard let wg = sync(isWaitGroup: true) else { break }
            let amount = operand(1)
            if case .symbol(let s) = amount, e.state.tripCount(of: s) == nil {
                addLength(s, to: wg, g, site: site, &e)
            } else {
                addToWaitGroup(wg, count(amount, e.state), g, site: site, &e)
            }
        case .wgDone:
            if let wg = sync(isWaitGroup: true) { addToWaitGroup(wg, -1, g, site: site, &e) }
        case .wgWait:
            if let wg = sync(isWaitGroup: true) { waitReturned(wg, g, site: site, &e) }
        case .wgGo:
            let wg = sync(isWaitGroup: true)
            if let wg { addToWaitGroup(wg, 1, g, site: site, &e) }
            startCallback(operand(1), speculative: false, doneOnFinish: wg, g, &e)
        case .mutexLock, .mutexRLock, .mutexUnlock, .mutexRUnlock, .mutexTryLock, .mutexTryRLock:
            if let mu = sync(isWaitGroup: false) {
                setResult(0, lock(mu, inst.op, &e))
            } else {
                setResult(0, .unknown)
            }
        case .timerStop, .tickerStop, .timerReset, .tickerReset:
            if case .object(let id) = operand(0), e.state.heap.contains(id), case .timer(var t) = e.state.heap[id].kind {
                let reset = inst.op == .timerReset || inst.op == .tickerReset
                t.isStopped = !reset
                e.state.heap[id].kind = .timer(t)
                if reset, case .channel(var c) = e.state.heap[t.channel].kind {
                    c.hasFired = false
                    e.state.heap[t.channel].kind = .channel(c)
                }
            }
            setResult(0, .unknown)
        case .ctxCancel:
            if case .object(let id) = operand(0), e.state.heap.contains(id), case .cancelFunc = e.state.heap[id].kind {
                cancel(id, g, &e)
            }
        case .call:
            let args = (0..<inst.operands.count).map { operand($0) }
            var calleeValue = callee
            if calleeValue == nil, given == nil, case .dynamic(let v, _)? = inst.callee { calleeValue = read(v, g, &e) }
            let target = resolveCallee(inst.callee, value: calleeValue, g, &e)
            return call(target, arguments: args, results: given == nil ? inst.results : [], name: nil, g, &e)
        default:
            return performLocal(inst, operands: given, deferredCallee: callee, site: site, g, &e)
        }
        return false
    }

    /// `close(ch)`.
    func close(_ channel: Value, site: Site, _ g: Int, _ e: inout Exec) {
        switch dereferenced(channel, e.state) {
        case .nilValue, .zero:
            e.fault(g, .closeOfNilChannel, site)
        case .object(let id) where e.state.heap.contains(id):
            guard case .channel(var c) = e.state.heap[id].kind else { return }
            if c.isClosed {
                e.fault(g, .closeOfClosedChannel(id), site)
                return
            }
            c.isClosed = true
            e.state.heap[id].kind = .channel(c)
            e.record(g, .closed(id), site)
        default:
            e.record(g, .closed(nil), site)
        }
    }

    /// The amount of `wg.Add(n)`: a constant, a count chosen for an unknown
    /// value, or nil when unknown.
    private func count(_ v: Value, _ state: ProgramState) -> Int? {
        switch v {
        case .int(let n): return Int(clamping: n)
        case .symbol(let s): return state.tripCount(of: s)
        default: return nil
        }
    }

    /// `wg.Add(delta)` (Done is Add(-1)); a nil delta makes the counter a guess.
    func addToWaitGroup(_ wg: ObjectID, _ delta: Int?, _ g: Int, site: Site, _ e: inout Exec) {
        guard case .waitGroup(var w) = e.state.heap[wg].kind else { return }
        let escaped = e.state.heap[wg].escaped
        if let delta {
            if delta > 0, w.counter == 0, w.isKnown, !escaped, e.state.goroutines[g].racingWaits.contains(wg) {
                e.record(g, .addRacedWithWait(wg), site)
            }
            w.counter += delta
        } else {
            w.isPrecise = false
        }
        e.state.heap[wg].kind = .waitGroup(w)
        e.record(g, delta == -1 ? .doneCalled(wg) : .added(wg, delta), site)
        if w.counter < 0, w.isKnown, !escaped {
            e.fault(g, .negativeWaitGroupCounter(wg), site)
        }
    }

    /// `wg.Add(len(xs))` before a loop has chosen how many elements xs
    /// has: the count joins the counter when one does
    /// (`WaitGroupState.pendingLengths`).
    private func addLength(_ symbol: UInt32, to wg: ObjectID, _ g: Int, site: Site, _ e: inout Exec) {
        guard case .waitGroup(var w) = e.state.heap[wg].kind else { return }
        if w.pendingLengths.count < WaitGroupState.maxPendingLengths {
            w.pendingLengths.append(symbol)
            w.pendingLengths.sort()
        } else {
            w.isPrecise = false
        }
        e.state.heap[wg].kind = .waitGroup(w)
        e.record(g, .added(wg, nil), site)
    }

    /// `wg.Wait()` returned: goroutines still running may not Add from zero.
    private func waitReturned(_ wg: ObjectID, _ g: Int, site: Site, _ e: inout Exec) {
        guard case .waitGroup(var w) = e.state.heap[wg].kind else { return }
        w.waitHasReturned = true
        e.state.heap[wg].kind = .waitGroup(w)
        for other in e.state.goroutines.indices where other != g && e.state.goroutines[other].isLive {
            if !e.state.goroutines[other].racingWaits.contains(wg) {
                e.state.goroutines[other].racingWaits.append(wg)
                e.state.goroutines[other].racingWaits.sort()
            }
        }
        e.record(g, w.isKnown ? .waitReturned(wg) : .waitReturnedOnGuess(wg), site)
    }

    /// Lock and unlock operations on an enabled mutex; the result of TryLock.
    private func lock(_ mu: ObjectID, _ op: Opcode, _ e: inout Exec) -> Value {
        guard case .mutex(var m) = e.state.heap[mu].kind else { return .unknown }
        var result: Value = .unknown
        switch op {
        case .mutexLock: m.isLocked = true
        case .mutexRLock: m.readers += 1
        case .mutexUnlock:
            if m.isLocked { m.isLocked = false } else if !e.state.heap[mu].escaped { e.ending = .crashed }
        case .mutexRUnlock:
            if m.readers > 0 { m.readers -= 1 } else if !e.state.heap[mu].escaped { e.ending = .crashed }
        case .mutexTryLock:
            result = .bool(m.canLock)
            if m.canLock { m.isLocked = true }
        case .mutexTryRLock:
            result = .bool(m.canReadLock)
            if m.canReadLock { m.readers += 1 }
        default: break
        }
        e.state.heap[mu].kind = .mutex(m)
        return e.state.heap[mu].escaped ? .unknown : result
    }
}
