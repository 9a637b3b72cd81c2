import ConcIR

/// Computes the `InstructionEffect` of each instruction of one function,
/// reading the summaries of its callees and of the goroutines it starts.
struct EffectBuilder {
    let program: MapRaceProgram
    let summaries: MapRaceSummaries
    let node: Int
    let function: Function
    let resolver: PlaceResolver
    /// The values of the function's lock-mode parameters in the analysis
    /// being built: passed on, they choose the callee's variant too.
    let variant: LockModeVariant
    /// Made on the first access named: most functions analysed have none
    /// of their own, only callees' (`PlaceNames` indexes every temporary).
    private var names: PlaceNames?
    private var types: FunctionTypes?
    /// Channels made here with a buffer of one.
    private let semaphores: Set<AbstractPlace>
    /// Channels only the runtime sends on: receiving from one is no join
    /// (read by `SelectJoins` too).
    let timerChannels: TimerChannels
    private(set) var counters = MapRaceCounters()
    /// The nodes whose summaries the effects were built from: a recursive
    /// component keeps an analysis while none of them has changed since.
    private(set) var summariesRead = Set<Int>()
    /// How many closure re-analyses (`summary(of:)`) this one is inside.
    var closureVariantDepth = 0
    /// The summaries of closures analysed again with the variant's values.
    private var closureVariantSummaries: [Int: MapRaceSummary] = [:]

    init(program: MapRaceProgram, summaries: MapRaceSummaries, node: Int, resolver: PlaceResolver, variant: LockModeVariant = .only) {
        self.program = program
        self.summaries = summaries
        self.node = node
        self.function = program.functions[node]
        self.resolver = resolver
        self.variant = variant
        var semaphores = Set<AbstractPlace>()
        for block in function.blocks {
            let instructions = block.instructions
            for i in instructions.indices where instructions[i].op == .chanMake && instructions[i].operands.first == .int(1) {
                if let r = instructions[i].results.first, let place = resolver.resolve(r)?.place { semaphores.insert(place) }
            }
        }
        self.semaphores = semaphores
        self.timerChannels = TimerChannels(function: function)
    }

    mutating func countCappedGroup() { counters.cappedGroups += 1 }

    /// The effect of instruction `index` of `block`; `id` numbers it within the function.
    mutating func effect(of inst: Instruction, block: Int, id: Int) -> InstructionEffect {
        var e = InstructionEffect()
        e.isDeferred = inst.mode == .defer
        switch inst.op {
        case .mapRead, .mapLen, .mapRange:
            if let a = ownAccess(inst, isWrite: false) { e.accesses.append(a) }
        case .mapWrite, .mapDelete, .mapClear:
            if let a = ownAccess(inst, isWrite: true) { e.accesses.append(a) }
        case .mutexLock, .mutexTryLock:
            if inst.mode == .now { e.acquire.append(heldLock(inst, mode: .exclusive)) }
        case .mutexRLock, .mutexTryRLock:
            if inst.mode == .now { e.acquire.append(heldLock(inst, mode: .shared)) }
        case .mutexUnlock, .mutexRUnlock:
            e.release.append(lock(inst))
        case .wgWait:
            if let k = key(inst.operands.first) { e.joins.append(k) }
        case .wgDone, .chanClose:
            if let k = key(inst.operands.first) { e.signals.append(k) }
        case .chanRecv:
            if let channel = inst.operands.first, timerChannels.contains(channel, types: { functionTypes() }) { break }
            if let k = key(inst.operands.first) {
                e.joins.append(k)
                if isSemaphore(k) && !inst.isRangeStep { e.release.append(k) }
                // A slot given back: a send that fills the channel's every
                // slot afterwards is ordered after it (`SemaphoreFills`).
                if let slot = EffectBuilder.slotReleased(k) { e.signals.append(slot) }
            }
        case .chanSend:
            if let k = key(inst.operands.first) {
                e.signals.append(k)
                if isSemaphore(k) && inst.mode == .now { e.acquire.append(HeldLock(lock: k, mode: .exclusive)) }
            }
        case .onceDo:
            if inst.operands.count == 2 { once(inst, once: inst.operands[0], body: inst.operands[1], block: block, id: id, into: &e) }
        case .wgGo:
            if inst.operands.count == 2 {
                e.group = callbackGroup(inst, function: inst.operands[1], kind: .spawn, block: block, id: id,
                                        signals: key(inst.operands.first).map { [$0] } ?? [], perRequest: false)
            }
        case .timeAfterFunc:
            if inst.operands.count == 2 {
                e.group = callbackGroup(inst, function: inst.operands[1], kind: .callback, block: block, id: id, signals: [], perRequest: false)
            }
        case .call:
            call(inst, block: block, id: id, into: &e)
        default:
            break
        }
        return e
    }

    // MARK: - Map accesses and keys

    private mutating func ownAccess(_ inst: Instruction, isWrite: Bool) -> MapAccess? {
        counters.accesses += 1
        guard let operand = inst.operands.first, case .place(let p) = operand else {
            counters.unresolvedAccesses += 1
            return nil
        }
        if types == nil { types = program.shared.types(node) }
        guard types?.type(of: p).isUnknown == false, let resolved = resolver.resolve(p) else {
            counters.unresolvedAccesses += 1
            return nil
        }
        return MapAccess(map: resolved.place, isWrite: isWrite, locks: LockSet(), signalsAfter: [], waitedBefore: [],
                         site: SiteStep(function: node, position: inst.position, kind: .access),
                         name: placeNames().name(operand), trail: [], spawnTrail: [])
    }

    private mutating func lock(_ inst: Instruction) -> AbstractPlace? {
        guard let place = key(inst.operands.first) else {
            counters.unresolvedLocks += 1
            return nil
        }
        return place
    }

    /// The lock an instruction takes, with its type key (`LockTypeKey`):
    /// from the operand's IR place, else from the place it resolves to.
    private mutating func heldLock(_ inst: Instruction, mode: LockMode) -> HeldLock {
        guard let place = lock(inst) else { return HeldLock(lock: nil, mode: mode) }
        let types = functionTypes()
        var typeKey: String?
        if case .place(let p)? = inst.operands.first { typeKey = LockTypeKey.key(of: p, types: types) }
        if typeKey == nil { typeKey = LockTypeKey.key(of: place, function: function, node: node, types: types) }
        return HeldLock(lock: place, mode: mode, typeKey: program.lockPointers.key(typeKey))
    }

    /// The function's place names, made on first use.
    private mutating func placeNames() -> PlaceNames {
        if let names { return names }
        let made = PlaceNames(function: function)
        names = made
        return made
    }

    /// The function's types, made on first use.
    mutating func functionTypes() -> FunctionTypes {
        if let types { return types }
        let t = program.shared.types(node)
        types = t
        return t
    }

    private func key(_ operand: Operand?) -> AbstractPlace? {
        operand.flatMap { resolver.resolve($0)?.place }
    }

    /// What a receive on `channel` signals and a semaphore fill waits for:
    /// a place of its own, so that no other receive or send pairs with it.
    static func slotReleased(_ channel: AbstractPlace) -> AbstractPlace? {
        channel.appending([.field(" slot released")])
    }

    private func isSemaphore(_ channel: AbstractPlace) -> Bool {
        if semaphores.contains(channel) { return true }
        if case .field(let f)? = channel.steps.last { return program.semaphoreFields.contains(f) }
        return false
    }

    // MARK: - Calls

    private mutating func call(_ inst: Instruction, block: Int, id: Int, into e: inout InstructionEffect) {
        let callee = inst.callee ?? .unknown
        let named = callee.possibleTargets
        if let first = named.first, named.count == 1, special(first, inst, block: block, id: id, into: &e) { return }
        if named.contains(where: ConcurrencyVocabulary.serveCalls.contains) { e.signals.append(ConcurrencyVocabulary.serving) }
        var targets = program.targets(of: callee)
        if targets.isEmpty, case .dynamic(let value, _) = callee {
            if let f = resolver.functionValue(value), let t = program.callGraph.node(named: f) {
                targets = [t]
            } else if let run = handedRun(of: value, inst, kind: inst.mode == .go ? .spawn : .value) {
                if inst.mode == .go {
                    var group = GoroutineGroup(id: id, origin: SiteStep(function: node, position: inst.position, kind: .spawn),
                                               entry: nil, perRequest: false)
                    group.add(run)
                    e.group = group
                } else {
                    e.accesses.append(run)
                }
                return
            }
        }
        guard !targets.isEmpty else { return }
        if inst.mode == .go {
            var group = GoroutineGroup(id: id, origin: SiteStep(function: node, position: inst.position, kind: .spawn),
                                       entry: targets.first, perRequest: false)
            for t in targets { addSummary(of: t, inst, block: block, to: &group) }
            if !group.isEmpty { e.group = group }
            // `go func() { log.Fatal(srv.ListenAndServe()) }()`: serving
            // may start as soon as the goroutine does.
            if !e.signals.contains(ConcurrencyVocabulary.serving), targets.contains(where: { mayStartServing($0) }) {
                e.signals.append(ConcurrencyVocabulary.serving)
            }
            return
        }
        let site = SiteStep(function: node, position: inst.position, kind: inst.mode == .defer ? .deferred : .call)
        var background = GoroutineGroup(id: id, origin: site, entry: nil, perRequest: false)
        for t in targets {
            let summary = summary(of: t)
            guard !summary.isEmpty else { continue }
            let tr = translation(inst, callee: t, block: block)
            for a in summary.accesses where tr.admits(a) {
                e.accesses += translated(a, tr, inst, block: block, after: site, background: false)
            }
            for a in summary.background where tr.admits(a) {
                for b in translated(a, tr, inst, block: block, after: nil, background: true) { background.add(b) }
            }
            // Lock and ordering effects hold on every path only when the callee is known.
            guard targets.count == 1 else { continue }
            e.acquire += summary.acquires.map { $0.renamed($0.lock.flatMap { tr.translate($0, keepCalleeLocals: true)?.place.place }) }
            e.release += summary.releases.map { $0.flatMap { tr.translate($0, keepCalleeLocals: true)?.place.place } }
            e.signals += tr.translate(summary.signals)
            e.joins += tr.translate(summary.waits)
            if let k = summary.parallelTestParameter, k < inst.operands.count { parallelTest(inst.operands[k], inst, into: &e) }
        }
        if !background.isEmpty { e.group = background }
    }

    /// Whether a goroutine running `callee` may start serving: it calls a
    /// serve function itself (`log.Fatal(http.ListenAndServe(...))` never
    /// returns, so no summary signals it on every path), or its callees
    /// signal serving on every path.
    private mutating func mayStartServing(_ callee: Int) -> Bool {
        summary(of: callee).signals.contains(ConcurrencyVocabulary.serving)
            || ConcurrencyVocabulary.calls(program.functions[callee], named: ConcurrencyVocabulary.serveCalls.contains)
    }

    /// `t.Parallel()`, or a call of a helper that makes its parameter
    /// `test` a parallel test: only the function's own test counts, `t`
    /// one of its parameters.
    private func parallelTest(_ test: Operand?, _ inst: Instruction, into e: inout InstructionEffect) {
        guard inst.mode == .now, let place = key(test), place.steps.isEmpty, case .parameter(let k) = place.root else { return }
        e.parallelTest = SiteStep(function: node, position: inst.position, kind: .parallelTest)
        e.parallelParameter = k
    }

    /// Library calls with a meaning of their own; true when handled.
    private mutating func special(_ name: String, _ inst: Instruction, block: Int, id: Int, into e: inout InstructionEffect) -> Bool {
        if let index = ConcurrencyVocabulary.perRequestRegistrations[name] {
            guard index < inst.operands.count else { return true }
            e.group = handlerGroup(inst, handler: inst.operands[index], block: block, id: id)
            return true
        }
        if let acquires = ConcurrencyVocabulary.runtimeLocks[name] {
            guard let operand = inst.operands.first else { return false }
            if types == nil { types = program.shared.types(node) }
            guard types?.type(of: operand) == ConcurrencyVocabulary.runtimeMutexPointer else { return false }
            if acquires {
                if inst.mode == .now { e.acquire.append(heldLock(inst, mode: .exclusive)) }
            } else {
                e.release.append(lock(inst))
            }
            return true
        }
        if name == ConcurrencyVocabulary.groupWait {
            if let k = key(inst.operands.first) { e.joins.append(k) }
            return true
        }
        if let index = ConcurrencyVocabulary.waitingRunners[name] {
            if index < inst.operands.count { runNow(inst.operands[index], inst, block: block, id: id, into: &e) }
            return true
        }
        if name == ConcurrencyVocabulary.testParallel {
            parallelTest(inst.operands.first, inst, into: &e)
            return true
        }
        if name == ConcurrencyVocabulary.runParallel {
            guard inst.operands.count == 2, inst.mode == .now,
                  var group = callbackGroup(inst, function: inst.operands[1], kind: .runParallel, block: block, id: id,
                                            signals: [], perRequest: true) else { return true }
            // Done before the call returns: on this goroutine, as far as
            // what follows and the function's callers can tell.
            group.joinedAtOnce = true
            e.accesses += group.allAccesses.filter { !$0.runsFunctionValue }
            e.group = group
            return true
        }
        if name == ConcurrencyVocabulary.onceDo {
            if inst.operands.count == 2 { once(inst, once: inst.operands[0], body: inst.operands[1], block: block, id: id, into: &e) }
            return true
        }
        guard let entry = KnownSpawners.standard[name], entry.kind == .callback, entry.argument < inst.operands.count else { return false }
        let signals = ConcurrencyVocabulary.groupGo.contains(name) ? (key(inst.operands.first).map { [$0] } ?? []) : []
        e.group = callbackGroup(inst, function: inst.operands[entry.argument], kind: .callback, block: block, id: id,
                                signals: signals, perRequest: false)
        return true
    }

    /// `once.Do(f)`: f's accesses run under the once, and whatever follows
    /// the call is ordered after them.
    private mutating func once(_ inst: Instruction, once: Operand, body: Operand, block: Int, id: Int, into e: inout InstructionEffect) {
        let onceKey = key(once)
        guard let f = resolver.functionValue(body), var t = program.callGraph.node(named: f) else { return }
        // A method value (`once.Do(c.init)`): the method, as when the IR
        // named it directly; its receiver stays unbound, as before.
        if let method = program.functions[t].boundMethod, let m = program.callGraph.node(named: method) { t = m }
        let site = SiteStep(function: node, position: inst.position, kind: .once)
        let summary = summary(of: t)
        let tr = SummaryTranslation(caller: node, callee: t, resolver: resolver, arguments: [], results: [],
                                    siteLoops: [], perIterationLoopVariables: program.perIterationLoopVariables[node])
        for a in summary.accesses {
            for var b in translated(a, tr, inst, block: block, after: nil, background: false) {
                b.locks.insert(HeldLock(lock: onceKey, mode: .onceBody))
                e.accesses.append(b.prependingTrail(site))
            }
        }
        var background = GoroutineGroup(id: id, origin: site, entry: nil, perRequest: false)
        for a in summary.background {
            if let b = tr.translate(a) { background.add(b) }
        }
        if !background.isEmpty { e.group = background }
        if inst.mode == .now { e.acquire.append(HeldLock(lock: onceKey, mode: .onceDone)) }
    }

    /// A callee's summary, noted as read. A closure of this function that
    /// tests a lock-mode parameter it captures (`fsLock := func() { if
    /// needLock { fs.mu.Lock() } }`) is analysed again with the variant's
    /// values: its stored summary, made without them, merges the locked
    /// and the unlocked path and takes no lock.
    private mutating func summary(of callee: Int) -> MapRaceSummary {
        summariesRead.insert(callee)
        guard let fixed = capturedVariant(of: callee) else { return summaries[callee] }
        if let known = closureVariantSummaries[callee] { return known }
        var analyzer = FunctionRaceAnalyzer(program: program, summaries: summaries, node: callee)
        analyzer.closureVariantDepth = closureVariantDepth + 1
        let outcome = analyzer.run(report: false, variant: fixed)
        summariesRead.formUnion(outcome.summariesRead)
        closureVariantSummaries[callee] = outcome.summary
        return outcome.summary
    }

    /// The variant's values of the lock-mode parameters `callee` captures,
    /// when it is a closure that captures them from where this function
    /// has them.
    private func capturedVariant(of callee: Int) -> LockModeVariant? {
        guard !variant.values.isEmpty, callee != node, closureVariantDepth < EffectBuilder.maxClosureVariantDepth,
              callee < program.count else { return nil }
        let closure = program.functions[callee]
        guard closure.parent != nil else { return nil }
        var values: [String: Bool] = [:]
        for v in closure.captures {
            // The same variable: this function's own, or one both capture
            // (a helper closure calling a sibling).
            guard let value = variant.values[v.name],
                  program.captureOwner(of: v.name, from: callee) == (program.captureOwner(of: v.name, from: node) ?? node) else { continue }
            values[v.name] = value
        }
        return values.isEmpty ? nil : LockModeVariant(values: values, assumption: .none)
    }

    /// Closures analysed again for a variant, nested (a helper closure
    /// calling another) at most this deep.
    static let maxClosureVariantDepth = 4

    /// A function the call runs before it returns, as if called here: its
    /// accesses on this goroutine, the goroutines it leaves running as
    /// started here. A function value this one was handed stays a run
    /// for its callers to resolve.
    private mutating func runNow(_ operand: Operand, _ inst: Instruction, block: Int, id: Int, into e: inout InstructionEffect) {
        guard let f = resolver.functionValue(operand), let t = program.callGraph.node(named: f) else {
            if let run = handedRun(of: operand, inst, kind: .value) { e.accesses.append(run) }
            return
        }
        let site = SiteStep(function: node, position: inst.position, kind: .call)
        let summary = summary(of: t)
        let tr = translation(inst, callee: t, block: block, arguments: [])
        for a in summary.accesses {
            e.accesses += translated(a, tr, inst, block: block, after: site, background: false)
        }
        var background = GoroutineGroup(id: id, origin: site, entry: nil, perRequest: false)
        for a in summary.background {
            for b in translated(a, tr, inst, block: block, after: nil, background: true) { background.add(b) }
        }
        if !background.isEmpty { e.group = background }
    }

    // MARK: - Function values handed in

    /// A run of a function value this function did not make, as a
    /// `MapAccess.runsFunctionValue` entry: the value is a parameter or a
    /// variable of an enclosing function, which callers can name. Nil for
    /// anything else (a field, a local whose function is not known).
    private mutating func handedRun(of value: Operand, _ inst: Instruction, kind: SiteStep.Kind) -> MapAccess? {
        guard let place = resolver.resolve(value)?.place, place.steps.isEmpty else { return nil }
        switch place.root {
        case .parameter: break
        case .local(let owner, _) where owner != node: break
        default: return nil
        }
        return MapAccess(map: place, isWrite: false, locks: LockSet(), signalsAfter: [], waitedBefore: [],
                         site: SiteStep(function: node, position: inst.position, kind: kind),
                         name: placeNames().name(value), trail: [], spawnTrail: [], runsFunctionValue: true)
    }

    /// A callee's access in this function's terms (counted when it cannot
    /// be), or what a run of a function value stands for here
    /// (`expandRun`): on this goroutine (`background` false) a run is
    /// not followed into a function this one passes.
    private mutating func translated(_ a: MapAccess, _ tr: SummaryTranslation, _ inst: Instruction, block: Int,
                                     after step: SiteStep?, background: Bool, depth: Int = 0) -> [MapAccess] {
        if a.runsFunctionValue {
            return expandRun(a, tr, inst, block: block, after: step, background: background, follow: background || depth > 0, depth: depth)
        }
        guard let b = tr.translate(a, after: step) else {
            counters.unboundAccesses += 1
            return []
        }
        return [b]
    }

    /// Runs of function values nested this deep (a callback that runs a
    /// callback it was handed) are given up on.
    static let maxRunDepth = 3

    /// A callee's run of a function value (`MapAccess.runsFunctionValue`)
    /// at a call this function makes. When what the call passes for it is
    /// a function (`s.startGoRoutine(func() { s.cache[k] = v })`), that
    /// function's accesses, as made where the callee runs it: with the
    /// locks held and the orderings there, and a trail through the run.
    /// Otherwise the run itself in this function's terms, for its callers
    /// (a helper that hands its own parameter on). `background` when the
    /// run is on a goroutine left running: the function's own goroutines
    /// then run too.
    ///
    /// `follow` is false where the run is on this function's own goroutine
    /// (a plain call of a helper that calls what it is handed, as a
    /// memoising `cache.Do(key, f)` does): such a function's accesses are
    /// not followed, and counted. Followed, they made the analysis see the
    /// first-use initialisations such caches guard (`if initialized {
    /// return }`) on every goroutine that might be first; the runs that
    /// start goroutines (`go f()`, a pool's `Submit`, `go s.locked(f)`)
    /// are the ones whose races the closures hold.
    private mutating func expandRun(_ run: MapAccess, _ tr: SummaryTranslation, _ inst: Instruction, block: Int,
                                    after step: SiteStep?, background: Bool, follow: Bool, depth: Int) -> [MapAccess] {
        guard let operand = tr.callerOperand(for: run.map), let f = resolver.functionValue(operand),
              let t = program.callGraph.node(named: f) else {
            guard let b = tr.translate(run, after: step), b.map.steps.isEmpty, !b.map.isLocal(to: node) else { return [] }
            return [b]
        }
        guard follow else {
            counters.unfollowedRuns += 1
            return []
        }
        guard depth < EffectBuilder.maxRunDepth, t != node else { return [] }
        let summary = summary(of: t)
        let inner = translation(inst, callee: t, block: block, arguments: [])
        let locks = tr.translate(run.locks)
        let signalsAfter = tr.translate(run.signalsAfter)
        let waitedBefore = tr.translate(run.waitedBefore)
        let startedAfter = tr.translate(run.startedAfter)
        var out: [MapAccess] = []
        for a in background ? summary.accesses + summary.background : summary.accesses {
            for var b in translated(a, inner, inst, block: block, after: nil, background: background, depth: depth + 1) {
                b.locks.formUnion(locks)
                b.signalsAfter.formUnion(signalsAfter)
                b.waitedBefore.formUnion(waitedBefore)
                b.startedAfter.formUnion(startedAfter)
                b.assumption = run.assumption
                // A run on a goroutine of its own has its start in the
                // spawn trail already (or is the group's origin).
                if run.site.kind == .value { b.trail = MapAccess.trail(b.trail, after: run.site) }
                for s in run.trail.reversed() { b.trail = MapAccess.trail(b.trail, after: s) }
                if let step { b.trail = MapAccess.trail(b.trail, after: step) }
                if !run.spawnTrail.isEmpty { b.spawnTrail = Array((run.spawnTrail + b.spawnTrail).prefix(MapAccess.maxTrail)) }
                out.append(b)
            }
        }
        return out
    }

    // MARK: - Goroutine groups

    /// The translation at a call site. An argument that is one of this
    /// function's lock-mode parameters passes the variant's value.
    private func translation(_ inst: Instruction, callee: Int, block: Int, arguments: [Operand?]? = nil) -> SummaryTranslation {
        var passed = arguments ?? SummaryTranslation.arguments(of: inst, callee: program.functions[callee])
        for (i, a) in passed.enumerated() {
            if let a, let value = variant.value(of: a) { passed[i] = .bool(value) }
        }
        return SummaryTranslation(caller: node, callee: callee, resolver: resolver, arguments: passed,
                                  results: inst.results, siteLoops: resolver.loops.loops(containing: block),
                                  perIterationLoopVariables: program.perIterationLoopVariables[node])
    }

    /// The accesses of a goroutine that runs `callee`: its own and those of
    /// the goroutines it leaves running.
    private mutating func addSummary(of callee: Int, _ inst: Instruction, block: Int, arguments: [Operand?]? = nil,
                                     signals: [AbstractPlace] = [], to group: inout GoroutineGroup) {
        let summary = summary(of: callee)
        guard !summary.isEmpty else { return }
        let tr = translation(inst, callee: callee, block: block, arguments: arguments)
        for a in summary.accesses + summary.background where tr.admits(a) {
            for var b in translated(a, tr, inst, block: block, after: nil, background: true) {
                b.signalsAfter.formUnion(signals)
                group.add(b)
            }
        }
    }

    /// A function handed to a library that runs it on another goroutine;
    /// its parameters are the library's values, not the caller's.
    private mutating func callbackGroup(_ inst: Instruction, function operand: Operand, kind: SiteStep.Kind, block: Int, id: Int,
                                        signals: [AbstractPlace], perRequest: Bool) -> GoroutineGroup? {
        let origin = SiteStep(function: node, position: inst.position, kind: kind)
        guard let f = resolver.functionValue(operand), let t = program.callGraph.node(named: f) else {
            // A function this one was handed (`g.Go(f)` in a pool's `Submit`):
            // whoever passes a known one runs its accesses there.
            guard var run = handedRun(of: operand, inst, kind: kind) else { return nil }
            run.signalsAfter.formUnion(signals)
            var group = GoroutineGroup(id: id, origin: origin, entry: nil, perRequest: perRequest)
            group.add(run)
            return group
        }
        var group = GoroutineGroup(id: id, origin: origin, entry: t, perRequest: perRequest)
        addSummary(of: t, inst, block: block, arguments: [], signals: signals, to: &group)
        return group.isEmpty ? nil : group
    }

    /// A net/http handler: a function, or a value whose `ServeHTTP` method
    /// the analysed code declares (its receiver is the value passed).
    ///
    /// Its accesses wait for serving to start (`ConcurrencyVocabulary.serving`):
    /// a map filled after `HandleFunc` but before `ListenAndServe` is
    /// filled before any request.
    private mutating func handlerGroup(_ inst: Instruction, handler: Operand, block: Int, id: Int) -> GoroutineGroup? {
        var made: GoroutineGroup?
        if resolver.functionValue(handler) != nil {
            made = callbackGroup(inst, function: handler, kind: .handler, block: block, id: id, signals: [], perRequest: true)
        } else {
            guard case .place(let p) = handler else { return nil }
            if types == nil { types = program.shared.types(node) }
            guard let type = types?.type(of: p), let t = serveHTTP(of: type) else { return nil }
            var group = GoroutineGroup(id: id, origin: SiteStep(function: node, position: inst.position, kind: .handler),
                                       entry: t, perRequest: true)
            addSummary(of: t, inst, block: block, arguments: [handler], to: &group)
            made = group.isEmpty ? nil : group
        }
        guard var group = made else { return nil }
        for key in group.accesses.keys {
            group.accesses[key] = group.accesses[key]?.map { a in
                var waiting = a
                waiting.waitedBefore.insert(ConcurrencyVocabulary.serving)
                return waiting
            }
        }
        return group
    }

    private func serveHTTP(of type: GoType) -> Int? {
        var candidates = [type]
        if case .pointer(let inner) = type { candidates.append(inner) } else { candidates.append(.pointer(type)) }
        for c in candidates {
            if let n = program.callGraph.node(named: FunctionName.method(receiver: c, name: "ServeHTTP")),
               ConcurrencyVocabulary.isServeHTTP(program.functions[n]) { return n }
        }
        return nil
    }
}

