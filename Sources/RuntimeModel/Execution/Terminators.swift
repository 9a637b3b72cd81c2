import ConcIR

/// What one invisible step leads to.
enum StepResult {
    case next
    /// The goroutine stops here for this move (a visible operation, a back edge).
    case pause
    /// The step split on an unknown value; each path says whether it pauses.
    case forks([(Exec, pause: Bool)])
}

/// Jumps, branches (with loop trip counts), returns and panics.
extension Machine {
    /// Moves goroutine `g` to `target`; returns whether the edge closes a
    /// loop (the goroutine then pauses). Entering a loop afresh forgets the
    /// trip counts of an earlier run of it; leaving loops forgets theirs.
    @discardableResult
    func enterBlock(_ target: Int, from: Int, _ g: Int, _ e: inout Exec) -> Bool {
        guard let function = e.topFunction(g) else { return false }
        let layout = program.layout(function)
        let retreating = layout.isRetreating(from: from, to: target)
        if retreating, let renewed = layout.cellsRenewedByHeader[target] {
            // A new iteration: its variables are new variables.
            for s in renewed {
                guard case .cell(let c)? = e.topSlot(g, s) else { continue }
                let fresh = e.state.heap.allocateCell(e.state.heap.load(c))
                e.updateFrame(g) { $0.slots[s] = .cell(fresh) }
            }
        }
        e.updateFrame(g) { f in
            f.block = Int32(target)
            f.instruction = 0
            if !f.loopTrips.isEmpty {
                f.loopTrips.removeAll { trip in
                    (!retreating && Int(trip.header) == target)
                        || !(layout.loopByHeader[Int(trip.header)]?.contains(target) ?? false)
                }
            }
        }
        return retreating
    }

    func stepTerminator(_ term: Terminator?, block: Int, position: Position, _ g: Int, _ e: inout Exec) -> StepResult {
        guard let function = e.topFunction(g) else { return .pause }
        let site = Site(function: function, position: position)
        switch term {
        case .jump(let target)?:
            return enterBlock(target, from: block, g, &e) ? .pause : .next
        case .branch(let cond, let t, let f)?:
            return branch(cond, then: t, else: f, block: block, g, &e)
        case .return(let operands)?:
            let values = operands.map { read($0, g, &e) }
            beginReturn(values, site: site, g, &e)
            return .next
        case .panic?, .unreachable?, nil:
            // An explicit panic (no recover is modelled) or a call that never
            // returns (os.Exit, log.Fatal): the program ends on this path.
            e.ending = .crashed
            return .pause
        case .select?:
            return .pause
        }
    }

    /// `%1 = isnil err; if %1 ...` on an error the model knows nothing of:
    /// each side remembers what it learnt, nil or an error, so that
    /// `if err != nil { return nil, err }` hands its caller an error its
    /// own `if err != nil` sees (else the caller also went on, with the
    /// callee's other results still nil). Only `error` values: a channel
    /// or a pointer found not nil is still something the model must not
    /// make up.
    private func refineNilTested(_ condition: Place, isNil: Bool, block: Int, layout: FunctionLayout, _ g: Int, _ e: inout Exec) {
        guard let function = e.topFunction(g), case .place(let tested)? = program.blocks(function)[block].nilTested(by: condition),
              !tested.root.isGlobal, layout.type(of: .place(tested)) == .basic(.error),
              peekPlace(tested, g, e.state).isOpaque else { return }
        writePlace(tested, isNil ? .nilValue : opaqueRecord(fromOutside: true, g, &e), g, &e)
    }

    /// `%1 = cmp.eq n, 3; if %1 ...` on a local the model knows nothing
    /// of: on the side where the test held, n is 3, so a second `if n == 3`
    /// takes the same side and a loop bounded by n runs three times. The
    /// same when the other side is a variable the model knows (`if n !=
    /// workers { return }` with `workers := 3`). (Where it failed, n is
    /// anything but 3, which the model cannot hold.)
    private func refineCompared(_ condition: Place, block: Int, _ g: Int, _ e: inout Exec) {
        guard let function = e.topFunction(g), let test = program.blocks(function)[block].comparison(producing: condition),
              test.op == .cmpEq, test.operands.count == 2 else { return }
        let values = test.operands.map { peek($0, g, e.state) }
        for (side, other) in [(0, 1), (1, 0)] {
            guard case .place(let tested) = test.operands[side], !tested.root.isGlobal, values[side].isOpaque else { continue }
            switch values[other] {
            case .int, .bool: writePlace(tested, values[other], g, &e)
            default: continue
            }
            return
        }
    }

    /// `%1 = timer.stop t; if %1 ...` on a `time.AfterFunc` timer: Stop
    /// returns true only when the callback has not begun, and then it never
    /// runs. So on the true side a callback still at its first instruction
    /// is ended unrun, and one that already ran makes the side impossible
    /// (returns false). Without this, `if t.Stop() { go fn() }` could run
    /// the callback twice. A Stop whose result is not tested stays open:
    /// the callback may or may not have run.
    private func stopBeforeCallback(_ condition: Place, block: Int, _ g: Int, _ e: inout Exec) -> Bool {
        guard let function = e.topFunction(g),
              let stop = program.blocks(function)[block].instruction(producing: condition), stop.op == .timerStop,
              case .object(let timer) = peek(stop.operands.first ?? .unknown, g, e.state), e.state.heap.contains(timer),
              case .timer(let state) = e.state.heap[timer].kind, let callback = state.callback else { return true }
        guard let c = e.state.goroutines.firstIndex(where: { $0.traceID == callback }), e.state.goroutines[c].isAtEntry else { return false }
        e.state.goroutines[c].status = .finished
        e.state.goroutines[c].frames = []
        return true
    }

    private func branch(_ cond: Operand, then t: Int, else f: Int, block: Int, _ g: Int, _ e: inout Exec) -> StepResult {
        guard let function = e.topFunction(g) else { return .pause }
        if t == f { return enterBlock(t, from: block, g, &e) ? .pause : .next }
        let layout = program.layout(function)
        if let loop = layout.loopByHeader[block], loop.contains(t) != loop.contains(f),
           let annotation = program.loopAnnotation(function, block: block), annotation != .unknown {
            return countedBranch(annotation, inside: loop.contains(t) ? t : f, outside: loop.contains(t) ? f : t,
                                 block: block, g, &e)
        }
        switch read(cond, g, &e) {
        case .bool(let b):
            return enterBlock(b ? t : f, from: block, g, &e) ? .pause : .next
        case .zero:
            // A bool never written: a field of a value made here
            // (`if !w.closed { w.closed = true; close(w.done) }`) is false.
            return enterBlock(f, from: block, g, &e) ? .pause : .next
        default:
            break
        }
        // A second ticket's outcome is tied to the other draws: going
        // either way alone may be no schedule at all (`AtomicTickets`).
        if e.state.ticketsDrawn > 1 && layout.ticketBranches.contains(block) {
            e.ending = .undecided
            return .pause
        }
        // Unknown: both ways, each remembering the value it chose; a loop
        // exited on an unknown condition goes round a bounded number of times.
        var forks: [(Exec, pause: Bool)] = []
        let capped = layout.cfg.innermostLoop(containing: block).flatMap { l in l.contains(t) != l.contains(f) ? l : nil }
        for choice in [true, false] {
            var fork = e
            let target = choice ? t : f
            if let loop = capped, loop.contains(target) {
                let header = Int32(loop.header)
                let remaining = fork.frame(g)?.loopTrips.first { $0.header == header }?.remaining
                    ?? Int32(configuration.unknownLoopIterations)
                guard remaining > 0 else { continue }
                fork.updateFrame(g) { fr in
                    fr.loopTrips.removeAll { $0.header == header }
                    fr.loopTrips.append(LoopTrip(header: header, remaining: remaining - 1))
                    fr.loopTrips.sort { $0.header < $1.header }
                }
            }
            if case .place(let p) = cond, !p.root.isGlobal {
                writePlace(p, .bool(choice), g, &fork)
                refineNilTested(p, isNil: choice, block: block, layout: layout, g, &fork)
                if choice {
                    refineCompared(p, block: block, g, &fork)
                    guard stopBeforeCallback(p, block: block, g, &fork) else { continue }
                }
            }
            let pause = enterBlock(target, from: block, g, &fork)
            forks.append((fork, pause))
        }
        return .forks(forks)
    }

    /// A loop header with a trip count: the body runs exactly that many times.
    private func countedBranch(_ annotation: LoopTrips, inside: Int, outside: Int, block: Int, _ g: Int, _ e: inout Exec) -> StepResult {
        let header = Int32(block)
        var starts: [(Exec, Int)]
        if let trip = e.frame(g)?.loopTrips.first(where: { $0.header == header }) {
            starts = [(e, Int(trip.remaining))]
        } else {
            starts = tripChoices(annotation, block: block, g, e)
        }
        var forks: [(Exec, pause: Bool)] = []
        for (start, remaining) in starts {
            var fork = start
            fork.updateFrame(g) { fr in
                fr.loopTrips.removeAll { $0.header == header }
                if remaining > 0 {
                    fr.loopTrips.append(LoopTrip(header: header, remaining: Int32(clamping: remaining - 1)))
                    fr.loopTrips.sort { $0.header < $1.header }
                }
            }
            let pause = remaining > 0 ? enterBlock(inside, from: block, g, &fork) : enterBlock(outside, from: block, g, &fork)
            if remaining <= 0 {
                fork.updateFrame(g) { fr in fr.loopTrips.removeAll { $0.header == header } }
            }
            forks.append((fork, pause))
        }
        if forks.count == 1, let only = forks.first {
            e = only.0
            return only.pause ? .pause : .next
        }
        return .forks(forks)
    }

    /// The trip counts a counted loop may run: one for a constant or an
    /// unknown count already chosen, else one path per configured count.
    private func tripChoices(_ annotation: LoopTrips, block: Int, _ g: Int, _ start: Exec) -> [(Exec, Int)] {
        var e = start
        guard let function = e.topFunction(g) else { return [(e, 0)] }
        let siteSymbol = symbols.symbol(for: .site(function, block: block, instruction: -1))
        let isRecursive = e.state.goroutines[g].recursionLevel > 0
        func choose(_ symbol: UInt32, _ e: Exec) -> [(Exec, Int)] {
            if let n = e.state.tripCount(of: symbol) { return [(e, n)] }
            return (isRecursive ? [0] : configuration.symbolicTripCounts).map { n in
                var fork = e
                fork.state.setTripCount(n, for: symbol)
                return (fork, n)
            }
        }
        func shifted(_ choices: [(Exec, Int)], _ plus: Int64) -> [(Exec, Int)] {
            guard plus != 0 else { return choices }
            return choices.map { ($0.0, Int(clamping: max(0, Int64($0.1).addingReportingOverflow(plus).partialValue))) }
        }
        // `n + plus` trips: the count chosen for n's symbol is n's value, so
        // loops bounded by the same n (plus or minus some) run together.
        func counted(_ operand: Operand, plus: Int64) -> [(Exec, Int)] {
            switch read(operand, g, &e) {
            case .int(let k):
                let (trips, overflow) = k.addingReportingOverflow(plus)
                if overflow || trips > Int64(configuration.maxConstantTrips) { e.exceededLimit = .trips }
                return [(e, Int(clamping: max(overflow ? 0 : trips, 0)))]
            case .symbol(let s):
                return shifted(choose(s, e), plus)
            default:
                if case .place(let p) = operand, !p.root.isGlobal { writeTripSymbol(p, .symbol(siteSymbol), g, &e) }
                return shifted(choose(siteSymbol, e), plus)
            }
        }
        // Once per element of x: a length chosen once for x's value, so a
        // range over x and a loop to `len(x)+k` run together.
        func lengths(_ operand: Operand) -> [(Exec, Int)] {
            switch read(operand, g, &e) {
            case .symbol(let s):
                return choose(symbols.symbol(for: .length(s)), e)
            case .object(let id) where e.state.heap.contains(id) && e.state.heap[id].record != nil:
                guard case .record(var r) = e.state.heap[id].kind else { return [(e, 0)] }
                switch r.length {
                case .int(let k): return [(e, Int(clamping: max(k, 0)))]
                case .symbol(let s): return choose(s, e)
                default:
                    r.length = .symbol(siteSymbol)
                    e.state.heap[id].kind = .record(r)
                    return choose(siteSymbol, e)
                }
            default:
                if case .place(let p) = operand, !p.root.isGlobal { writeTripSymbol(p, .symbol(siteSymbol), g, &e) }
                return choose(symbols.symbol(for: .length(siteSymbol)), e)
            }
        }
        switch annotation {
        case .count(let operand):
            return counted(operand, plus: 0)
        case .countPlus(let operand, let plus):
            return counted(operand, plus: plus)
        case .length(let operand):
            return lengths(operand)
        case .lengthPlus(let operand, let plus):
            return shifted(lengths(operand), plus)
        case .unknown:
            return [(e, 0)]
        }
    }
}
