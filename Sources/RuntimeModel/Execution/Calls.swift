import ConcIR

/// Where a call goes, once its callee is evaluated.
enum CallTarget {
    /// A function of the program, with the cells of a closure's captures.
    case function(FunctionRef, cells: [CellID]?)
    /// Calling a `context.CancelFunc`.
    case cancel(ObjectID)
    /// Code the model cannot see.
    case unknown
}

/// Frames, calls, goroutine starts and returns.
extension Machine {
    func makeFrame(_ ref: FunctionRef, arguments: [Value], closureCells: [CellID]?, _ e: inout Exec) -> Frame {
        let isVariadic = program.functions[ref.index].isVariadic
        let layout = program.layout(ref)
        var slots = [Value](repeating: .zero, count: layout.liveness.slotCount)
        var isCapture = Set<Int>()
        for (i, s) in layout.captureSlots.enumerated() where s < slots.count {
            let cell = closureCells.flatMap { i < $0.count ? $0[i] : nil } ?? e.state.heap.allocateCell(.unknown)
            slots[s] = .cell(cell)
            isCapture.insert(s)
        }
        let params = layout.parameterSlots
        for (i, s) in params.enumerated() {
            var v: Value = i < arguments.count ? arguments[i] : .unknown
            if isVariadic && i == params.count - 1 && arguments.count != params.count {
                // The variadic slice is made of the remaining arguments, whose
                // elements are not tracked.
                for extra in arguments.dropFirst(i) { e.state.heap.markEscaped(extra) }
                v = .unknown
            }
            if s >= 0 && s < slots.count && !isCapture.contains(s) { slots[s] = v }
        }
        if arguments.count > params.count && !isVariadic {
            for extra in arguments.dropFirst(params.count) { e.state.heap.markEscaped(extra) }
        }
        for s in 0..<min(layout.isCell.count, slots.count) where layout.isCell[s] && !isCapture.contains(s) {
            slots[s] = .cell(e.state.heap.allocateCell(slots[s]))
        }
        return Frame(function: ref, slots: slots)
    }

    /// Resolves a call's callee: a program function, a closure value, a
    /// cancel function, or unknown code.
    func resolveCallee(_ callee: Callee?, value: Value?, _ g: Int, _ e: inout Exec) -> CallTarget {
        func named(_ name: String) -> CallTarget {
            guard let ref = program.function(named: name) else { return .unknown }
            return .function(ref, cells: program.isClosure(ref) ? closureCells(for: ref, g, &e) : nil)
        }
        if let value { return target(of: value, e.state) ?? fallback(callee, named) }
        switch callee {
        case .function(let name)?, .method(let name)?:
            return named(name)
        case .interface(_, let impls)? where impls.count == 1:
            return named(impls[0])
        case .dynamic(let v, _)?:
            return target(of: read(v, g, &e), e.state) ?? fallback(callee, named)
        default:
            return .unknown
        }
    }

    private func fallback(_ callee: Callee?, _ named: (String) -> CallTarget) -> CallTarget {
        // A dynamic call whose value is unknown but whose only possible target
        // is a plain function.
        if case .dynamic(_, let targets)? = callee, targets.count == 1,
           let ref = program.function(named: targets[0]), !program.isClosure(ref) {
            return named(targets[0])
        }
        return .unknown
    }

    private func target(of value: Value, _ state: ProgramState) -> CallTarget? {
        switch value {
        case .function(let ref): return .function(ref, cells: nil)
        case .object(let id):
            guard state.heap.contains(id) else { return nil }
            switch state.heap[id].kind {
            case .closure(let f, let cells): return .function(f, cells: cells)
            case .cancelFunc: return .cancel(id)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// A call on goroutine `g` (not `go`): pushes a frame, or skips the
    /// callee, or treats it as unknown code. Returns whether a frame was
    /// pushed (then the caller continues when it returns).
    func call(_ target: CallTarget, arguments: [Value], results: [Operand], name: String?, _ g: Int, _ e: inout Exec) -> Bool {
        if let name, let i = Machine.channelsFedFromOutside[name], i < arguments.count {
            // The channel gets values from outside the program's code (the
            // runtime), whatever the callee's body shows.
            e.state.heap.markEscaped(arguments[i])
        }
        switch target {
        case .cancel(let ctx):
            cancel(ctx, g, &e)
        case .function(let ref, let cells) where program[ref].hasBody:
            if let retained = skippable.retainedArguments[ref] {
                escapeKept(by: ref, retained: retained, arguments, &e)
            } else if e.state.goroutines[g].frames.count < configuration.maxCallDepth,
                      !e.state.goroutines[g].frames.contains(where: { $0.function == ref }) {
                let frame = makeFrame(ref, arguments: arguments, closureCells: cells, &e)
                e.state.goroutines[g].frames.append(frame)
                return true
            } else {
                unknownCall(arguments, cells: cells, &e)
            }
        case .function(_, let cells):
            unknownCall(arguments, cells: cells, &e)
        case .unknown:
            if let name, let spawner = spawners[name], spawner.kind == .callback, spawner.argument < arguments.count {
                let fn = arguments[spawner.argument]
                let speculative = !Machine.alwaysRunningSpawners.contains(name)
                startCallback(fn, speculative: speculative, g, &e)
                for (i, a) in arguments.enumerated() where i != spawner.argument { e.state.heap.markEscaped(a) }
            } else {
                unknownCall(arguments, cells: nil, &e)
            }
        }
        for (i, r) in results.enumerated() {
            if i == 0, let name, Machine.nonNilResults.contains(name) {
                // An error made here: not nil, whatever it says.
                write(opaqueRecord(fromOutside: false, g, &e), to: r, g, &e)
            } else {
                write(.unknown, to: r, g, &e)
            }
        }
        return false
    }

    /// Library functions whose first result is never nil: an error built
    /// from a message. A helper that sets `err = fmt.Errorf(...)` and
    /// returns has failed, and its caller's `if err != nil` takes that
    /// path only (else the model also let the caller go on with the
    /// helper's other results still nil, and found nil channels there).
    static let nonNilResults: Set<String> = [
        "errors.New", "fmt.Errorf",
    ]

    /// Functions that register a channel argument (by index) with the Go
    /// runtime, which sends on it when an event outside the program happens:
    /// `signal.Notify(c, ...)` sends on c at every signal delivered, from the
    /// runtime's signal-handling goroutine. A receive from such a channel
    /// waits for the event by design; the sender is not in code the model
    /// explores.
    static let channelsFedFromOutside: [String: Int] = [
        "os/signal.Notify": 0,
    ]

    /// Spawners whose callback certainly runs (errgroup, `wg.Go`); others
    /// (timers, HTTP handlers, finalizers) may never run.
    static let alwaysRunningSpawners: Set<String> = [
        "(*sync.WaitGroup).Go",
        "(*golang.org/x/sync/errgroup.Group).Go",
        "(*golang.org/x/sync/errgroup.Group).TryGo",
    ]

    /// A skipped call: what it keeps of its arguments, whole or in part,
    /// escapes (`SkippableCalls`).
    private func escapeKept(by ref: FunctionRef, retained: [Bool], _ arguments: [Value], _ e: inout Exec) {
        for (i, a) in arguments.enumerated() where i >= retained.count || retained[i] { e.state.heap.markEscaped(a) }
        for part in skippable.retainedParts[ref] ?? [] where part.argument < arguments.count {
            e.state.heap.markEscaped(partValue(of: arguments[part.argument], at: part.path, e.state.heap))
        }
    }

    /// Unknown code receives the arguments: everything reachable from them
    /// escapes, including what a closure argument captures.
    func unknownCall(_ arguments: [Value], cells: [CellID]?, _ e: inout Exec) {
        for a in arguments { e.state.heap.markEscaped(a) }
        for c in cells ?? [] { e.state.heap.markEscaped(.cell(c)) }
    }

    /// Starts a goroutine running `target` with `arguments`.
    func spawn(_ target: CallTarget, arguments: [Value], speculative: Bool, doneOnFinish: ObjectID? = nil,
               site: Site, _ g: Int, _ e: inout Exec) {
        switch target {
        case .cancel(let ctx):
            cancel(ctx, g, &e)
        case .function(let ref, let cells) where program[ref].hasBody:
            let layout = program.layout(ref)
            let id = e.state.nextTraceID
            if let retained = skippable.retainedArguments[ref], layout.canFinish, doneOnFinish == nil {
                // It runs to completion without touching anything the model
                // sees: only what it keeps matters.
                escapeKept(by: ref, retained: retained, arguments, &e)
                return
            }
            let frame = makeFrame(ref, arguments: arguments, closureCells: cells, &e)
            var child = Goroutine(traceID: id, frame: frame, isSpeculative: speculative || e.state.goroutines[g].isSpeculative,
                                  neverFinishes: !layout.canFinish, spawnSite: site)
            child.doneOnFinish = doneOnFinish
            let spawner = e.state.goroutines[g]
            if spawner.frames.contains(where: { $0.function == ref }) {
                child.recursionLevel = spawner.recursionLevel &+ 1
            }
            if skippable.retainedArguments[ref] != nil && !layout.canFinish {
                child.status = .parked
            }
            e.state.nextTraceID += 1
            e.state.goroutines.append(child)
            e.record(g, .spawned(child: id), site)
            if e.state.goroutines.lazy.filter({ $0.status == .live }).count > configuration.maxGoroutines {
                e.exceededLimit = .goroutines
            }
        case .function(_, let cells):
            unknownCall(arguments, cells: cells, &e)
        case .unknown:
            unknownCall(arguments, cells: nil, &e)
        }
    }

    /// A callback handed to a known spawner (`time.AfterFunc`, `errgroup.Go`).
    func startCallback(_ fn: Value, speculative: Bool, doneOnFinish: ObjectID? = nil, _ g: Int, _ e: inout Exec) {
        let site = currentSite(g, e.state)
        switch fn {
        case .function(let ref):
            spawn(.function(ref, cells: nil), arguments: [], speculative: speculative, doneOnFinish: doneOnFinish, site: site, g, &e)
        case .object(let id) where e.state.heap.contains(id):
            if case .closure(let f, let cells) = e.state.heap[id].kind {
                spawn(.function(f, cells: cells), arguments: [], speculative: speculative, doneOnFinish: doneOnFinish, site: site, g, &e)
            } else if case .cancelFunc = e.state.heap[id].kind {
                spawn(.cancel(id), arguments: [], speculative: speculative, site: site, g, &e)
            } else {
                e.state.heap.markEscaped(fn)
            }
        default:
            e.state.heap.markEscaped(fn)
        }
    }

    /// Cancels the context of a cancel function.
    func cancel(_ cancelFunc: ObjectID, _ g: Int, _ e: inout Exec) {
        guard case .cancelFunc(let ctx) = e.state.heap[cancelFunc].kind, case .context(var c) = e.state.heap[ctx].kind else { return }
        c.isCancelled = true
        e.state.heap[ctx].kind = .context(c)
        e.record(g, .cancelled(ctx), currentSite(g, e.state))
    }

    /// The top frame of `g` has reached `return` with `values`.
    func beginReturn(_ values: [Value], site: Site, _ g: Int, _ e: inout Exec) {
        e.updateFrame(g) { $0.returnValues = values }
        if e.state.goroutines[g].frames.count == 1 { e.record(g, .returned, site) }
    }

    /// The deferred operations of the top frame have all run: pops it and
    /// hands its results to the caller, or ends the goroutine.
    func finishReturn(_ g: Int, _ e: inout Exec) {
        guard let frame = e.state.goroutines[g].frames.popLast() else { return }
        let values = frame.returnValues ?? []
        guard let caller = e.state.goroutines[g].frames.last else {
            finishGoroutine(g, results: values, &e)
            return
        }
        if caller.isReturning { return }
        let blocks = program.blocks(caller.function)
        if Int(caller.block) < blocks.count, Int(caller.instruction) < blocks[Int(caller.block)].instructions.count {
            let inst = blocks[Int(caller.block)].instructions[Int(caller.instruction)]
            for (i, r) in inst.results.enumerated() { write(i < values.count ? values[i] : .unknown, to: r, g, &e) }
        }
        advanceInstruction(g, &e)
    }

    func finishGoroutine(_ g: Int, results: [Value], _ e: inout Exec) {
        e.state.goroutines[g].status = .finished
        e.state.goroutines[g].frames = []
        if g == 0 {
            // The root's caller receives the results: they leave the explored code.
            for v in results { e.state.heap.markEscaped(v) }
        }
        if let wg = e.state.goroutines[g].doneOnFinish {
            addToWaitGroup(wg, -1, g, site: e.state.goroutines[g].spawnSite ?? currentSite(0, e.state), &e)
        }
    }

    /// Moves past the current instruction (ending a goroutine that runs a
    /// single operation, `go close(ch)`).
    func advanceInstruction(_ g: Int, _ e: inout Exec) {
        e.updateFrame(g) { $0.instruction += 1 }
        if e.state.goroutines[g].runsSingleOperation, e.state.goroutines[g].frames.count == 1 {
            finishGoroutine(g, results: [], &e)
        }
    }
}
