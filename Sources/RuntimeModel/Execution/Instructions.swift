import ConcIR

/// Instructions other than channel communication: allocation, data flow,
/// calls, `go` and `defer`, and the sync, timer and context operations.
extension Machine {
    /// How an instruction runs on goroutine `g`: a goroutine started by
    /// `go <operation>` runs that operation itself, now.
    func mode(of inst: Instruction, _ g: Int, _ state: ProgramState) -> ExecutionMode {
        let goroutine = state.goroutines[g]
        return goroutine.runsSingleOperation && goroutine.frames.count == 1 ? .now : inst.mode
    }

    /// Runs the invisible instruction at goroutine `g`'s program counter.
    func stepInstruction(_ inst: Instruction, block: Int, index: Int, _ g: Int, _ e: inout Exec) {
        let site = Site(function: e.topFunction(g) ?? FunctionRef(0), position: inst.position)
        switch mode(of: inst, g, e.state) {
        case .go:
            startGoroutine(inst, site: site, g, &e)
            advanceInstruction(g, &e)
        case .defer:
            registerDefer(inst, block: block, index: index, g, &e)
            advanceInstruction(g, &e)
        case .now:
            if performLocal(inst, operands: nil, site: site, g, &e) { return }
            advanceInstruction(g, &e)
        }
    }

    /// A comparison the model can decide: of two integers or two booleans
    /// it knows (a variable never written is 0 or false), or of an unknown
    /// value with itself (the same symbol: `n == n`, `n <= n`). Nil when it
    /// cannot tell.
    static func compare(_ op: Opcode, _ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return order(op, x, y)
        case (.zero, .int(let y)): return order(op, 0, y)
        case (.int(let x), .zero): return order(op, x, 0)
        case (.bool(let x), .bool(let y)) where op == .cmpEq: return x == y
        case (.zero, .bool(let y)) where op == .cmpEq: return !y
        case (.bool(let x), .zero) where op == .cmpEq: return !x
        case (.symbol(let x), .symbol(let y)) where x == y: return op != .cmpLt
        default: return nil
        }
    }

    /// `len(x)` of a slice, string or array: what the model knows of it, or
    /// a symbol for it that a loop over x shares (`active := len(inputs)`
    /// counts the goroutines `for _, in := range inputs` starts): the
    /// length symbol of an unknown value, the length of a value made here,
    /// and for a value known to nothing, a symbol written back into its
    /// place, as a loop bounded by it does (`tripChoices`).
    ///
    /// A nil or zero value is known to nothing either: the IR writes
    /// `append` into a copy's elements (`%1 = batch; %1[] = v; batch = %1`),
    /// so `var batch []T` filled by append still holds nil here, and a loop
    /// over it runs a chosen count, not none. Its length is that count.
    private func length(of operand: Operand?, _ value: Value, _ g: Int, _ e: inout Exec) -> Value {
        switch value {
        case .symbol(let s):
            return .symbol(symbols.symbol(for: .length(s)))
        case .object(let id) where e.state.heap.contains(id):
            guard case .record(var r) = e.state.heap[id].kind else { return .unknown }
            if case .int = r.length { return r.length }
            if case .symbol = r.length { return r.length }
            guard let s = instructionSymbol(g, e) else { return .unknown }
            r.length = .symbol(s)
            e.state.heap[id].kind = .record(r)
            return r.length
        case .unknown, .zero, .nilValue:
            guard case .place(let p)? = operand, !p.root.isGlobal, let s = instructionSymbol(g, e) else { return .unknown }
            writeTripSymbol(p, .symbol(s), g, &e)
            return .symbol(symbols.symbol(for: .length(s)))
        default:
            return .unknown
        }
    }

    /// The symbol of the unknown value first needed at goroutine `g`'s
    /// current instruction.
    private func instructionSymbol(_ g: Int, _ e: Exec) -> UInt32? {
        guard let function = e.topFunction(g), let frame = e.frame(g) else { return nil }
        return symbols.symbol(for: .site(function, block: Int(frame.block), instruction: Int(frame.instruction)))
    }

    /// The largest magnitude `add` and `sub` compute; beyond it the result
    /// is unknown. Counters in concurrent code count goroutines, results
    /// and retries, all far below it; a counter that grows for as long as
    /// an endless loop turns (`for { <-tick; n++ }`) would otherwise make
    /// every turn a state never seen before, and the exploration would
    /// never meet a state it has explored.
    static let largestComputedInteger: Int64 = 64

    /// `x + y` or `x - y` of integers the model knows (a variable never
    /// written is 0); an unknown value plus or minus 0 is itself. Unknown
    /// otherwise, and past `largestComputedInteger`.
    static func arithmetic(_ op: Opcode, _ a: Value, _ b: Value) -> Value {
        if b.integer == 0, a.isOpaque { return a }
        if op == .add, a.integer == 0, b.isOpaque { return b }
        guard let x = a.integer, let y = b.integer else { return .unknown }
        let (n, overflow) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
        guard !overflow, n.magnitude <= largestComputedInteger.magnitude else { return .unknown }
        return .int(n)
    }

    private static func order(_ op: Opcode, _ x: Int64, _ y: Int64) -> Bool {
        switch op {
        case .cmpLt: return x < y
        case .cmpLe: return x <= y
        default: return x == y
        }
    }

    /// `f(x)` for `func f(xs ...T)`: the IR passes x where the callee
    /// takes the slice Go makes of it, so the slice is unknown and x
    /// escapes into it, as with more arguments than parameters
    /// (`makeFrame`). `f(xs...)` passes a slice of the parameter's type,
    /// bound as it is, and so is an argument whose type is unknown.
    private func variadicArguments(_ inst: Instruction, _ target: CallTarget, _ arguments: [Value],
                                   _ g: Int, _ e: inout Exec) -> [Value] {
        guard case .function(let ref, _) = target, case let callee = program.functions[ref.index], callee.isVariadic,
              let last = inst.operands.last, !arguments.isEmpty,
              arguments.count == program.layout(ref).parameterSlots.count,
              let caller = e.topFunction(g) else { return arguments }
        let types = program.typeEnvironment
        let passed = types.underlying(program.layout(caller).type(of: last))
        if passed == .unknown || passed == callee.parameters.last.map({ types.underlying($0.type) }) { return arguments }
        var bound = arguments
        e.state.heap.markEscaped(bound[bound.count - 1])
        bound[bound.count - 1] = .unknown
        return bound
    }

    /// `go f(x)`, `go wg.Wait()` ...: operands are evaluated now, the
    /// operation runs on the new goroutine.
    private func startGoroutine(_ inst: Instruction, site: Site, _ g: Int, _ e: inout Exec) {
        if inst.op == .call {
            var calleeValue: Value?
            if case .dynamic(let v, _)? = inst.callee { calleeValue = read(v, g, &e) }
            let target = resolveCallee(inst.callee, value: calleeValue, g, &e)
            let args = variadicArguments(inst, target, inst.operands.map { read($0, g, &e) }, g, &e)
            spawn(target, arguments: args, speculative: false, site: site, g, &e)
            return
        }
        // Any other operation: a goroutine that runs just that instruction,
        // in a copy of the current frame.
        guard var frame = e.frame(g) else { return }
        frame.defers = []
        frame.loopTrips = []
        frame.returnValues = nil
        let id = e.state.nextTraceID
        var child = Goroutine(traceID: id, frame: frame, isSpeculative: e.state.goroutines[g].isSpeculative, spawnSite: site)
        child.runsSingleOperation = true
        e.state.nextTraceID += 1
        e.state.goroutines.append(child)
        e.record(g, .spawned(child: id), site)
    }

    /// `defer op`: the operands (and the callee value) are evaluated now; a
    /// sync object is made now if it is still a zero value, so that the
    /// deferred operation acts on the object the function uses.
    private func registerDefer(_ inst: Instruction, block: Int, index: Int, _ g: Int, _ e: inout Exec) {
        var callee: Value?
        switch inst.callee {
        case .dynamic(let v, _)?: callee = read(v, g, &e)
        case .function(let name)?:
            if let ref = program.function(named: name), program.isClosure(ref) { callee = functionValue(name, g, &e) }
        default: break
        }
        var operands: [Value] = []
        for (i, o) in inst.operands.enumerated() {
            if i == 0, let isWG = Machine.syncOperandKind(inst.op), let id = syncObject(o, isWaitGroup: isWG, g, &e) {
                operands.append(.object(id))
            } else {
                operands.append(read(o, g, &e))
            }
        }
        let d = DeferredOperation(block: Int32(block), instruction: Int32(index), operands: operands, callee: callee)
        e.updateFrame(g) { $0.defers.append(d) }
    }

    /// Whether operand 0 of the operation is a WaitGroup (true) or a mutex (false).
    static func syncOperandKind(_ op: Opcode) -> Bool? {
        switch op {
        case .wgAdd, .wgDone, .wgWait, .wgGo: return true
        case .mutexLock, .mutexUnlock, .mutexRLock, .mutexRUnlock, .mutexTryLock, .mutexTryRLock: return false
        default: return nil
        }
    }

    /// Runs an operation that only the current goroutine observes. With
    /// `operands`, it is a deferred one and uses those values. Returns true
    /// when it pushed a frame (a call): the program counter stays put.
    func performLocal(_ inst: Instruction, operands given: [Value]?, deferredCallee: Value? = nil, site: Site,
                      _ g: Int, _ e: inout Exec) -> Bool {
        func operand(_ i: Int) -> Value {
            if let given { return i < given.count ? given[i] : .unknown }
            return i < inst.operands.count ? read(inst.operands[i], g, &e) : .unknown
        }
        func setResult(_ i: Int, _ v: Value) {
            if i < inst.results.count { write(v, to: inst.results[i], g, &e) }
        }
        func setUnknownResults() { for r in inst.results { write(.unknown, to: r, g, &e) } }

        switch inst.op {
        case .call, .onceDo:
            var calleeValue: Value?
            var arguments: [Value]
            if inst.op == .onceDo {
                // Only the first Do of a Once runs its function.
                if let once = onceObject(inst.operands.first, given?.first, g, &e) {
                    guard case .once(false) = e.state.heap[once].kind else { return false }
                    e.state.heap[once].kind = .once(done: true)
                }
                calleeValue = operand(1)
                arguments = []
            } else {
                if case .dynamic(let v, _)? = inst.callee, given == nil { calleeValue = read(v, g, &e) }
                if given != nil { calleeValue = deferredCallee }
                arguments = (0..<inst.operands.count).map { operand($0) }
            }
            let target = resolveCallee(inst.op == .onceDo ? nil : inst.callee, value: calleeValue, g, &e)
            if inst.op == .call { arguments = variadicArguments(inst, target, arguments, g, &e) }
            let name: String? = inst.callee.flatMap { c in
                switch c {
                case .function(let n), .method(let n): return n
                default: return nil
                }
            }
            return call(target, arguments: arguments, results: given == nil ? inst.results : [], name: name, g, &e)
        case .cgoCall:
            unknownCall((0..<inst.operands.count).map { operand($0) }, cells: nil, &e)
            setUnknownResults()
        case .chanMake:
            let cap = capacity(operand(0))
            let id = e.state.heap.allocate(.channel(ChannelState(capacity: cap)), at: site)
            setResult(0, .object(id))
        case .chanCap:
            if case .object(let id) = operand(0), e.state.heap.contains(id), let c = e.state.heap[id].channel, let cap = c.capacity {
                setResult(0, .int(Int64(cap)))
            } else {
                setUnknownResults()
            }
        case .assign:
            let v = operand(0)
            if let r = inst.results.first { write(v, to: r, g, &e) }
        case .use:
            e.state.heap.markEscaped(operand(0))
        case .mapWrite:
            // The model does not follow what a map holds: a key or value
            // stored in one may come back from any later read (a callback
            // registry that C or another goroutine calls), so it escapes.
            for i in inst.operands.indices.dropFirst() { e.state.heap.markEscaped(operand(i)) }
            setUnknownResults()
        case .isNil:
            // A variable never written is nil (its zero value); what the
            // program made is not; anything from outside may be either.
            switch operand(0) {
            case .zero, .nilValue: setResult(0, .bool(true))
            case .object, .cell, .function: setResult(0, .bool(false))
            default: setUnknownResults()
            }
        case .zero:
            setResult(0, .zero)
        case .cmpEq, .cmpLt, .cmpLe:
            if let holds = Self.compare(inst.op, e.state.resolved(operand(0)), e.state.resolved(operand(1))) { setResult(0, .bool(holds)) } else { setUnknownResults() }
        case .add, .sub:
            let values = [operand(0), operand(1)].map { e.state.resolved($0) }
            setResult(0, Self.arithmetic(inst.op, values[0], values[1]))
        case .len:
            setResult(0, length(of: inst.operands.first, operand(0), g, &e))
        case .allocNew, .allocLit, .allocMake, .mapMake:
            // `make([]T, n)` and a slice literal of n elements (`alloc.lit
            // []T, 3`) have n elements: a range over them runs n times.
            let length = inst.op == .allocMake || inst.op == .allocLit ? e.state.resolved(operand(0)) : .unknown
            setResult(0, allocate(inst, length: length, site: site, &e))
        case .addr:
            setResult(0, address(of: inst.operands.first, g, &e))
        case .timerNew, .tickerNew:
            let ticker = inst.op == .tickerNew
            let channel = e.state.heap.allocate(.channel(ChannelState(source: .made, capacity: 1)), at: site)
            let timer = e.state.heap.allocate(.timer(TimerState(isTicker: ticker, channel: channel)), at: site)
            e.state.heap[channel].kind = .channel(ChannelState(source: .timer(timer), capacity: 1))
            setResult(0, .object(timer))
        case .timeAfter, .timeTick:
            let source: ChannelState.Source = inst.op == .timeAfter ? .after : .tick
            setResult(0, .object(e.state.heap.allocate(.channel(ChannelState(source: source, capacity: 1)), at: site)))
        case .timeAfterFunc:
            let fn = operand(1)
            let channel = e.state.heap.allocate(.channel(ChannelState(source: .made, capacity: 1)), at: site)
            let started = e.state.goroutines.count
            startCallback(fn, speculative: true, g, &e)
            let callback = e.state.goroutines.count == started + 1 ? e.state.goroutines[started].traceID : nil
            let timer = e.state.heap.allocate(.timer(TimerState(isTicker: false, channel: channel, callback: callback)), at: site)
            setResult(0, .object(timer))
        case .ctxBackground, .ctxTODO:
            setResult(0, .object(e.state.heap.allocate(.context(ContextState(parent: .zero, mayExpire: false)), at: site)))
        case .ctxWithCancel, .ctxWithCancelCause, .ctxWithTimeout, .ctxWithDeadline, .ctxWithValue:
            var parent = operand(0)
            if case .object(let p) = parent, !(e.state.heap.contains(p) && e.state.heap[p].context != nil) { parent = .unknown }
            if case .object = parent {} else { parent = .unknown }
            let expires = inst.op == .ctxWithTimeout || inst.op == .ctxWithDeadline
            let ctx = e.state.heap.allocate(.context(ContextState(parent: parent, mayExpire: expires)), at: site)
            setResult(0, .object(ctx))
            if inst.op != .ctxWithValue {
                setResult(1, .object(e.state.heap.allocate(.cancelFunc(context: ctx), at: site)))
            }
        case .ctxDone:
            setResult(0, doneChannel(of: operand(0), site: site, &e))
        case .poolPut, .atomicValueStore:
            e.state.heap.markEscaped(operand(1))
        case .atomicLoad, .atomicStore, .atomicAdd, .atomicSwap, .atomicCAS:
            if given == nil {
                performAtomic(inst, g, &e)
            } else {
                // Deferred: its operands are the values of long ago.
                if inst.op != .atomicLoad, let target = inst.operands.first { write(.unknown, to: target, g, &e) }
                setUnknownResults()
            }
        case .atomicValueSwap, .atomicValueCAS:
            // What an atomic.Value holds is not followed: an unknown old value.
            e.state.heap.markEscaped(operand(1))
            if !inst.results.isEmpty { drawTicket(tied: false, &e) }
            setUnknownResults()
        default:
            // time.Sleep, map operations, ctx.Err, cond, pool.Get,
            // atomic.Value loads, OS threads: nothing the model follows.
            setUnknownResults()
        }
        return false
    }

    /// The Once an operand names (made on first use), nil for one from outside.
    private func onceObject(_ operand: Operand?, _ given: Value?, _ g: Int, _ e: inout Exec) -> ObjectID? {
        if let given {
            guard case .object(let id) = dereferenced(given, e.state), e.state.heap.contains(id),
                  case .once = e.state.heap[id].kind else { return nil }
            return id
        }
        guard case .place(let p)? = operand else { return nil }
        return materialize(at: p, g, &e, make: .once(done: false)) { kind in
            if case .once = kind { return true }
            return false
        }
    }

    /// The capacity operand of `make(chan T, n)`: a constant, a count already
    /// chosen for the same unknown value, or unknown (a buffer that never fills).
    private func capacity(_ v: Value) -> Int? {
        v.integer.map { Int(clamping: max($0, 0)) }
    }

    private func allocate(_ inst: Instruction, length: Value, site: Site, _ e: inout Exec) -> Value {
        let type = inst.type ?? .unknown
        let base = inst.op == .allocNew ? type : (type.pointee ?? type)
        switch base.wellKnown {
        case .waitGroup?: return .object(e.state.heap.allocate(.waitGroup(WaitGroupState()), at: site))
        case .mutex?, .rwMutex?: return .object(e.state.heap.allocate(.mutex(MutexState()), at: site))
        case .once?: return .object(e.state.heap.allocate(.once(done: false), at: site))
        default: break
        }
        // A composite literal's contents are not in the IR: its fields are unknown.
        let unwritten: Value = inst.op == .allocNew ? .zero : .unknown
        return .object(e.state.heap.allocate(.record(RecordState(unwrittenField: unwritten, length: length, type: base)), at: site))
    }

    /// `&x`: a pointer to a shared variable, or the object a field holds
    /// (made on first use when the field's type says what it is).
    private func address(of operand: Operand?, _ g: Int, _ e: inout Exec) -> Value {
        guard case .place(let p)? = operand, let frame = e.frame(g) else { return .unknown }
        let layout = program.layout(frame.function)
        if p.path.isEmpty, let s = slot(of: p.root, layout), s < layout.isCell.count, layout.isCell[s], case .cell(let c) = frame.slots[s] {
            return .cell(c)
        }
        let current = peekPlace(p, g, e.state)
        guard current == .zero else { return current }
        switch layout.type(of: .place(p)).wellKnown {
        case .waitGroup?: return syncObject(.place(p), isWaitGroup: true, g, &e).map(Value.object) ?? .unknown
        case .mutex?, .rwMutex?: return syncObject(.place(p), isWaitGroup: false, g, &e).map(Value.object) ?? .unknown
        default: return materializeRecord(at: p, g, &e).map(Value.object) ?? .unknown
        }
    }

    /// `ctx.Done()`: the same channel every time for a context the model
    /// made, unknown for one from outside.
    private func doneChannel(of ctx: Value, site: Site, _ e: inout Exec) -> Value {
        guard case .object(let id) = ctx, e.state.heap.contains(id), case .context(var c) = e.state.heap[id].kind else { return .unknown }
        if let d = c.doneChannel { return .object(d) }
        let d = e.state.heap.allocate(.channel(ChannelState(source: .contextDone(id), capacity: 0)), at: site)
        c.doneChannel = d
        e.state.heap[id].kind = .context(c)
        if e.state.heap[id].escaped { e.state.heap.markEscaped(.object(d)) }
        return .object(d)
    }
}
