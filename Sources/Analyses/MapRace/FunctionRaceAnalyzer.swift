import ConcIR

/// Analyses one function: the locks and orderings at each point (forward
/// dataflow), the signals that follow each point (backward), and from them
/// its summary and the races between the goroutines it starts and its own
/// accesses, or between those goroutines.
struct FunctionRaceAnalyzer {
    let program: MapRaceProgram
    let summaries: MapRaceSummaries
    let node: Int
    /// Locks every caller holds (`MapRaceCallerLocks`): held from the entry.
    var entryLocks: Set<AbstractPlace> = []
    /// The function's groundwork when the caller has it already (a member
    /// of a recursive component, analysed once per round).
    var groundwork: Groundwork?
    /// How many closure re-analyses this one is inside (`EffectBuilder`).
    var closureVariantDepth = 0
    /// Whether a function of accesses alone skips the dataflow
    /// (`accessesOnly`); off only in the test that shows both ways agree.
    var skipsDataflowForAccessesOnly = true

    /// What an analysis of the function builds that does not depend on any
    /// summary: its graph and the tables places are resolved from.
    struct Groundwork: Sendable {
        let cfg: ControlFlowGraph
        let places: PlaceResolver.Tables
        /// One per combination of lock-mode parameter values (one when
        /// there are none).
        let variants: [LockModeVariant]
        /// Its loops that wait for a semaphore's holders.
        let fills: SemaphoreFills

        init(program: MapRaceProgram, node: Int) {
            let function = program.functions[node]
            cfg = program.shared.cfg(node)
            places = PlaceResolver.Tables(function: function, node: node, cfg: cfg,
                                          captureOwner: { program.captureOwner(of: $0, from: node) })
            let parameters = LockModeParameters.find(in: function, closures: { program.closures(in: node).map { program.functions[$0] } })
            variants = LockModeVariant.all(parameters)
            let operations = program.callGraph.operations
            fills = node >= operations.count || SemaphoreFills.mayFill(operations[node])
                ? SemaphoreFills(function: function, loops: PlaceResolver(tables: places).loops) : .none
        }
    }

    /// Groups beyond this many per function are not tracked (counted).
    static let maxGroups = 64

    struct Outcome {
        var summary: MapRaceSummary
        var races: [RaceReport]
        var counters: MapRaceCounters
        /// The nodes whose summaries the analysis read (`EffectBuilder`).
        var summariesRead: Set<Int> = []
    }

    func run(report: Bool) -> Outcome {
        let function = program.functions[node]
        guard function.hasBody else { return Outcome(summary: .empty, races: [], counters: MapRaceCounters()) }
        let groundwork = self.groundwork ?? Groundwork(program: program, node: node)
        guard groundwork.variants.count > 1 else { return run(report: report, groundwork: groundwork, variant: .only) }
        // One analysis per variant of the lock-mode parameters: each is a
        // call of the function, so its own races are each variant's, and
        // its summary holds every variant's accesses, each marked with
        // the values it assumed (`MapRaceSummary.joining`).
        let outcomes = groundwork.variants.map { run(report: report, groundwork: groundwork, variant: $0) }
        var out = outcomes[0]
        out.summary = MapRaceSummary.joining(zip(groundwork.variants, outcomes).map { ($0.assumption, $1.summary) })
        var reported = Set(out.races.map(\.sites))
        for outcome in outcomes.dropFirst() {
            out.races += outcome.races.filter { reported.insert($0.sites).inserted }
            out.summariesRead.formUnion(outcome.summariesRead)
            out.counters.truncatedSummaries = max(out.counters.truncatedSummaries, outcome.counters.truncatedSummaries)
        }
        return out
    }

    /// The analysis of a closure with the values its enclosing function's
    /// variant gives the lock-mode parameters it captures.
    func run(report: Bool, variant: LockModeVariant) -> Outcome {
        guard program.functions[node].hasBody else { return Outcome(summary: .empty, races: [], counters: MapRaceCounters()) }
        return run(report: report, groundwork: groundwork ?? Groundwork(program: program, node: node), variant: variant)
    }

    /// The analysis of one variant (`LockModeVariant`).
    private func run(report: Bool, groundwork: Groundwork, variant: LockModeVariant) -> Outcome {
        let function = program.functions[node]
        let cfg = groundwork.cfg
        let resolver = PlaceResolver(tables: groundwork.places)
        var builder = EffectBuilder(program: program, summaries: summaries, node: node, resolver: resolver, variant: variant)
        builder.closureVariantDepth = closureVariantDepth
        var effects: [[InstructionEffect]] = []
        var effectsByID: [Int: InstructionEffect] = [:]
        var anything = false
        var groupCount = 0
        var id = 0
        // Instructions are read in place, by index: a `for` over them
        // would copy each one, operands and all.
        for b in function.blocks.indices {
            let instructions = function.blocks[b].instructions
            var row: [InstructionEffect] = []
            row.reserveCapacity(instructions.count)
            for i in instructions.indices {
                var e = builder.effect(of: instructions[i], block: b, id: id)
                if e.group != nil {
                    groupCount += 1
                    if groupCount > FunctionRaceAnalyzer.maxGroups {
                        e.group = nil
                        builder.countCappedGroup()
                    }
                }
                if !e.isEmpty {
                    anything = true
                    effectsByID[id] = e
                }
                row.append(e)
                id += 1
            }
            effects.append(row)
        }
        var counters = builder.counters
        guard anything else { return Outcome(summary: .empty, races: [], counters: counters, summariesRead: builder.summariesRead) }

        var firstIDs: [Int] = []
        var running = 0
        for block in function.blocks {
            firstIDs.append(running)
            running += block.instructions.count
        }
        let selectJoins = SelectJoins(function: function, resolver: resolver, variant: variant,
                                      timerChannels: builder.timerChannels, fills: groundwork.fills, types: { builder.functionTypes() })
        var entryState = FlowState()
        if !entryLocks.isEmpty {
            let types = builder.functionTypes()
            for l in entryLocks {
                let typeKey = program.lockPointers.key(LockTypeKey.key(of: l, function: function, node: node, types: types))
                entryState.locks.insert(HeldLock(lock: l, mode: .exclusive, typeKey: typeKey))
            }
        }
        if skipsDataflowForAccessesOnly, entryLocks.isEmpty, !selectJoins.joinsOnEdges, effects.allSatisfy({ $0.allSatisfy(\.keepsState) }) {
            return accessesOnly(function: function, cfg: cfg, effects: effects, effectsByID: effectsByID, firstIDs: firstIDs,
                                selectJoins: selectJoins, resolver: resolver, report: report, counters: counters,
                                summariesRead: builder.summariesRead)
        }
        /// The state at the end of block `b`, from the state at its start.
        func through(_ b: Int, _ state: FlowState) -> FlowState {
            var s = state
            let row = effects[b]
            for i in row.indices { s.apply(row[i], id: firstIDs[b] + i) }
            return s
        }
        func solve(from entry: FlowState) -> [FlowState?] {
            ForwardDataflow.solve(cfg: cfg, entry: entry, join: { $0.merged(with: $1) }) { b, state in
                selectJoins.successors(of: b, in: function, state: through(b, state))
            }
        }
        let input = solve(from: entryState)
        let after = SignalsAfter(function: function, cfg: cfg, effects: effects, input: input, firstIDs: firstIDs)
        var emitter = RaceEmitter(program: program, node: node, report: report, effectsByID: effectsByID)
        for b in cfg.reversePostorder {
            guard var state = input[b] else { continue }
            let row = effects[b]
            for i in row.indices {
                emitter.observe(row[i], id: firstIDs[b] + i, state: state, signalsAfter: after.signals(block: b, after: i))
                state.apply(row[i], id: firstIDs[b] + i)
            }
            if case .return(let values)? = function.blocks[b].terminator {
                emitter.observeReturn(state: state, values: values, exitSignals: state.deferredSignals)
            }
        }
        var summary = emitter.summary(resolver: resolver, entrySignals: after.entrySignals)
        if emitter.truncated { counters.truncatedSummaries += 1 }
        // Held on entry is not acquired by the call.
        summary.acquires = summary.acquires.filter { !($0.mode == .exclusive && $0.lock.map(entryLocks.contains) == true) }
        summary.signals = summary.signals.filter { !$0.isLocal(to: node) }
        let released = summary.releases.compactMap { $0 }.filter { !entryLocks.contains($0) }.sorted(by: RaceRules.placeOrder)
        if !released.isEmpty {
            // Unlocked without being taken here: the caller's lock. Held
            // again at every return (`mu.Unlock(); write(); mu.Lock()` on
            // some path), it is only let go for a while and the caller
            // still holds it after the call.
            var held = entryState
            let types = builder.functionTypes()
            for l in released {
                let typeKey = program.lockPointers.key(LockTypeKey.key(of: l, function: function, node: node, types: types))
                held.locks.insert(HeldLock(lock: l, mode: .exclusive, typeKey: typeKey))
            }
            let states = solve(from: held)
            var restored = released
            for (b, block) in function.blocks.enumerated() where !restored.isEmpty {
                guard case .return? = block.terminator, let start = states[b] else { continue }
                let exit = through(b, start).locksAtReturn
                restored.removeAll { l in !exit.locks.contains { $0.lock == l } }
            }
            summary.releases.subtract(restored.map { Optional($0) })
        }
        return Outcome(summary: summary, races: emitter.races, counters: counters, summariesRead: builder.summariesRead)
    }

    /// `run` for a function whose effects are accesses and nothing else,
    /// entered with no lock held: most of those a large program analyses
    /// (helpers that touch a map, callers that only pass accesses up).
    /// Nothing changes the flow state, so every reachable block starts
    /// from the entry's empty one and nothing is signalled after any
    /// point: the accesses are observed in the same order as by the
    /// dataflow, without it.
    private func accessesOnly(function: Function, cfg: ControlFlowGraph, effects: [[InstructionEffect]],
                              effectsByID: [Int: InstructionEffect], firstIDs: [Int], selectJoins: SelectJoins,
                              resolver: PlaceResolver, report: Bool, counters: MapRaceCounters, summariesRead: Set<Int>) -> Outcome {
        let empty = FlowState()
        // The blocks the dataflow would reach: along the edges it takes
        // (a branch on a constant goes one way).
        var reached = [Bool](repeating: false, count: cfg.blockCount)
        var work: [Int] = []
        if cfg.blockCount > 0 {
            reached[0] = true
            work.append(0)
        }
        while let b = work.popLast() {
            for (s, _) in selectJoins.successors(of: b, in: function, state: empty) where s >= 0 && s < cfg.blockCount && !reached[s] {
                reached[s] = true
                work.append(s)
            }
        }
        var emitter = RaceEmitter(program: program, node: node, report: report, effectsByID: effectsByID)
        for b in cfg.reversePostorder where reached[b] {
            let row = effects[b]
            for i in row.indices { emitter.observe(row[i], id: firstIDs[b] + i, state: empty, signalsAfter: []) }
            if case .return(let values)? = function.blocks[b].terminator {
                emitter.observeReturn(state: empty, values: values, exitSignals: [])
            }
        }
        // No signal is given, so the summary has none to keep local.
        let summary = emitter.summary(resolver: resolver, entrySignals: [])
        var counters = counters
        if emitter.truncated { counters.truncatedSummaries += 1 }
        counters.withoutDataflow += 1
        return Outcome(summary: summary, races: emitter.races, counters: counters, summariesRead: summariesRead)
    }
}
