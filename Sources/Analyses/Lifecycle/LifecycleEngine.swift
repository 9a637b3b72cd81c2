import ConcIR
import Discovery
import Findings
import RuleEngine

/// An acquisition with a path that leaks it.
struct LeakReport: Sendable {
    var modelIndex: Int
    var node: Int
    var acquisition: Acquisition
    var kind: LeakKind
    /// Where the leak shows (the exit, the loop's back jump, the overwrite).
    var position: Position
    /// The edges from the acquisition to the leak.
    var path: [SearchEdge]
}

/// What one run of the engine produces.
struct LifecycleOutcome: Sendable {
    var summaries: SummaryTable
    /// The components with anything to analyse, analysed or reused, in
    /// the order the engine met them.
    var components: [ComponentRecord]

    /// The leaks of the components analysed in this run, by function.
    var leaks: [LeakReport] { components.flatMap(\.leaks) }
    /// Searches that hit the state bound (their functions are not reported).
    var exhaustedSearches: Int { components.reduce(0) { $0 + $1.exhausted } }
}

/// A component's results from an earlier run (`LifecycleReuse`).
struct ReusedComponent: Sendable {
    var summaries: [NodeSummary]
    var findings: [Finding]
    var exhausted: Int
    var reads: BodyReads
}

/// One component the engine analysed, or took from an earlier run.
struct ComponentRecord: Sendable {
    /// Its nodes, as the call graph lists them.
    var members: [Int]
    /// Its members' summaries, under every model that has one.
    var summaries: [NodeSummary]
    /// Analysed: its leaks, by function (none when reused).
    var leaks: [LeakReport]
    /// Searches that hit the state bound.
    var exhausted: Int
    /// What its analysis read of other functions besides what it calls.
    var reads: BodyReads
    /// Set when taken from an earlier run: its findings, from there.
    var reusedFindings: [Finding]?
}

/// The lifecycle (typestate) engine: for every resource model, every
/// acquisition in the program is followed on every path to the function's
/// exits; summaries are computed bottom-up over the call graph's strongly
/// connected components (callees first, the components of one call-graph
/// wave in parallel; a recursive component starts from
/// the optimistic guess and is re-analysed until its summaries stop
/// changing), so helpers that release, hand over, return
/// or leave acquired a resource count as such in their callers.
struct LifecycleEngine {
    let program: AnalysedProgram
    let models: [ResourceModel]
    let limits: AnalysisLimits
    /// Threads for the components of one call-graph wave.
    let jobs: Parallelism
    private let filters: [ResourceTypeFilter]
    /// Per node: what its instructions name (see `FunctionMentions`).
    private let mentions: [FunctionMentions]

    /// How often a recursive component is re-analysed before its summaries
    /// are taken as they are.
    static let maxComponentRounds = 6

    /// The summaries this run computes (`DemandedSummaries`).
    let demanded: DemandedSummaries

    /// Which summaries a run computes.
    enum Demand {
        /// Every function's.
        case all
        /// Those a finding can depend on (`demandedSummaries`): the
        /// lifecycle rules. (`WaitGroupFacts` wants the summaries
        /// themselves, of every goroutine's body and what it calls: on
        /// GOROOT/src, limiting it to those saved nothing measurable.)
        case findings
    }

    init(program: AnalysedProgram, models: [ResourceModel], limits: AnalysisLimits, jobs: Parallelism = 1, demand: Demand = .all) {
        self.program = program
        self.models = models
        self.limits = limits
        self.jobs = jobs
        let filters = models.map { ResourceTypeFilter(spec: $0.spec) }
        self.filters = filters
        let targetIndex = ModelTargetIndex(models)
        let references = models.isEmpty ? [] : FunctionReferences.table(program, jobs: jobs)
        let mentions = models.isEmpty ? [] : parallelMap(count: program.nodeCount, jobs: jobs) { node in
            FunctionMentions(node: node, references: references[node], program: program, models: models, filters: filters,
                             index: targetIndex)
        }
        self.mentions = mentions
        switch demand {
        case .all:
            demanded = DemandedSummaries(marks: nil)
        case .findings:
            demanded = DemandedSummaries(marks: models.isEmpty
                ? nil : Self.demandedSummaries(mentions: mentions, callGraph: program.callGraph, modelCount: models.count))
        }
    }

    /// Per model, the nodes whose summaries a finding can depend on.
    ///
    /// A finding is made where a resource is acquired: by one of the
    /// model's calls, or by a single-target call of a helper whose summary
    /// returns a fresh resource or leaves one acquired, which it can only
    /// do if it acquires one itself. So the holders of a resource are the
    /// functions that name an acquisition and, up single-target calls, their
    /// callers. A holder reads the summaries of what it calls and names,
    /// and those read their callees' in turn (a parameter passed on to a
    /// helper that frees it): every summary that can matter is below a
    /// holder. The rest are summaries of functions that could consume a
    /// resource none of their callers has; for a rule like CG1001, whose
    /// `C.free(p)` makes any pointer parameter a candidate, that was most
    /// of the program (35,480 functions on GOROOT/src, a third of the
    /// analysis, for acquisitions in 10 cgo files).
    static func demandedSummaries(mentions: [FunctionMentions], callGraph: CallGraph, modelCount: Int) -> [[Bool]] {
        let n = mentions.count
        var singleCallers = [[Int]](repeating: [], count: n)
        for g in 0..<n {
            for f in mentions[g].singleTargetNodes where f < n { singleCallers[f].append(g) }
        }
        return (0..<modelCount).map { m in
            var demanded = [Bool](repeating: false, count: n)
            var work = (0..<n).filter { mentions[$0].namesAcquisition[m] }
            for node in work { demanded[node] = true }
            while let f = work.popLast() {
                for g in singleCallers[f] where !demanded[g] {
                    demanded[g] = true
                    work.append(g)
                }
            }
            // Everything a holder calls or names, directly or not. (The
            // functions an instruction names, `FunctionMentions.namedNodes`,
            // are call-graph edges: calls and function values.)
            return callGraph.closure(of: demanded, .callees)
        }
    }

    /// Runs every component with anything to analyse, callees first.
    /// `reused` hands back, for the components of a wave with anything to
    /// analyse, each one's results from an earlier run when nothing it
    /// depends on changed, given the summaries of everything they call:
    /// asked once per wave, between the parallel parts, so it may keep
    /// state.
    func run(reusing reused: ([[Int]], SummaryTable) -> [ReusedComponent?] = { components, _ in components.map { _ in nil } })
        -> LifecycleOutcome {
        var summaries = SummaryTable(modelCount: models.count)
        var records: [ComponentRecord] = []
        guard !models.isEmpty else { return LifecycleOutcome(summaries: summaries, components: []) }
        for wave in program.callGraph.componentWaves() {
            var pending: [[Int]] = []
            var written: [NodeSummary] = []
            let working = wave.filter { hasWork($0, summaries: summaries) }
            for (component, hit) in zip(working, reused(working, summaries)) {
                if let hit {
                    records.append(ComponentRecord(members: component, summaries: hit.summaries, leaks: [],
                                                   exhausted: hit.exhausted, reads: hit.reads, reusedFindings: hit.findings))
                    written += hit.summaries
                } else {
                    pending.append(component)
                }
            }
            // The components of a wave do not call each other, so the
            // wave's summaries go into the table once it is done, in place
            // instead of copying every summary of the program once per wave.
            for (component, outcome) in zip(pending, analyzeWave(pending, on: summaries)) {
                let leaks = outcome.leaksByFunction.keys.sorted().flatMap { outcome.leaksByFunction[$0] ?? [] }
                records.append(ComponentRecord(members: component, summaries: outcome.written, leaks: leaks,
                                               exhausted: outcome.exhausted, reads: outcome.reads, reusedFindings: nil))
                written += outcome.written
            }
            summaries.absorb(written)
        }
        return LifecycleOutcome(summaries: summaries, components: records)
    }

    /// Whether a member of the component has a body and is relevant to
    /// some model on the summaries so far: otherwise its analysis finds
    /// nothing and writes nothing (a recursive component's members start
    /// without summaries, as `analyzeComponent` starts them).
    private func hasWork(_ component: [Int], summaries: SummaryTable) -> Bool {
        component.contains { node in
            program.function(node).hasBody && models.indices.contains { isRelevant(node, model: $0, summaries: summaries) }
        }
    }

    /// What a component hands back: the summaries it wrote, its leaks and
    /// its searches over the bound, without its copy of the table.
    private struct WaveOutcome {
        var written: [NodeSummary]
        var leaksByFunction: [Int: [LeakReport]]
        var exhausted: Int
        var reads: BodyReads
    }

    /// The components of one wave, in parallel, each on its own copy of `finished`.
    private func analyzeWave(_ wave: [[Int]], on finished: SummaryTable) -> [WaveOutcome] {
        parallelMap(count: wave.count, jobs: jobs) { i in
            let outcome = analyzeComponent(wave[i], summaries: finished.componentCopy)
            return WaveOutcome(written: outcome.summaries.written, leaksByFunction: outcome.leaksByFunction,
                               exhausted: outcome.exhausted, reads: outcome.reads)
        }
    }

    /// What one component's analysis found: its members' summaries (in the
    /// copy's changes), their leaks, and the searches over the bound.
    private struct ComponentOutcome {
        var summaries: SummaryTable
        /// Per member, per model: the leaks of its latest analysis.
        var leaks: [Int: [Int: [LeakReport]]] = [:]
        /// Per member, per model: the searches over the bound in its latest analysis.
        var exhaustedSearches: [Int: [Int: Int]] = [:]
        /// What every round read of other functions.
        var reads = BodyReads()

        var leaksByFunction: [Int: [LeakReport]] {
            leaks.mapValues { byModel in byModel.keys.sorted().flatMap { byModel[$0]! } }
        }
        var exhausted: Int { exhaustedSearches.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
    }

    /// One strongly connected component, on a copy of the finished
    /// summaries of everything it calls.
    ///
    /// A recursive component is analysed in rounds, each on the summaries
    /// of the round before (so its members are independent and run in
    /// parallel, and the result does not depend on their order or the
    /// threads), and each round re-analyses only the members that read a
    /// summary that changed, under only the models whose summary changed:
    /// a model's analysis reads no other model's summaries, so the rest
    /// would come out as they were. GOROOT's largest component (interface
    /// calls tie fmt, io, reflect and their callers into one) held most of
    /// the analysis's time, one member at a time, every member every round.
    private func analyzeComponent(_ component: [Int], summaries start: SummaryTable) -> ComponentOutcome {
        var out = ComponentOutcome(summaries: start)
        let bodies = component.filter { program.function($0).hasBody }.sorted()
        guard !bodies.isEmpty else { return out }
        let recursive = bodies.count > 1 || program.callGraph.callees(of: bodies[0]).contains(bodies[0])
        guard recursive else {
            let member = analyzeMember(bodies[0], facts: nil, models: models.indices, summaries: out.summaries)
            apply(member, to: &out)
            return out
        }
        // "Releases on every path" is a property of all paths: start from
        // the optimistic guess (every candidate is consumed) and let the
        // rounds take back what the paths do not confirm, so that a
        // recursive helper that releases at the bottom counts.
        let guessed = out.summaries
        let guesses = parallelMap(count: bodies.count, jobs: jobs) { i -> (FunctionFacts?, [(Int, Set<SummaryPlace>)]) in
            let node = bodies[i]
            var facts: FunctionFacts?
            var guess: [(Int, Set<SummaryPlace>)] = []
            for m in models.indices where isRelevant(node, model: m, summaries: guessed) {
                let f = facts ?? makeFacts(node)
                facts = f
                let places = Set(candidates(f, model: m, summaries: guessed))
                if !places.isEmpty { guess.append((m, places)) }
            }
            return (facts, guess)
        }
        var facts: [FunctionFacts?] = guesses.map(\.0)
        for (i, (_, guess)) in guesses.enumerated() {
            for (m, places) in guess { out.summaries[bodies[i], m] = ResourceSummary(releases: places, handsOver: places) }
        }
        let readers = summaryReaders(within: bodies)
        var dirty: [(member: Int, models: [Int])] = bodies.indices.map { ($0, Array(models.indices)) }
        var round = 0
        while !dirty.isEmpty, round < Self.maxComponentRounds {
            round += 1
            let previous = out.summaries
            let batch = dirty
            let members = parallelMap(count: batch.count, jobs: jobs) { k in
                analyzeMember(bodies[batch[k].member], facts: facts[batch[k].member], models: batch[k].models, summaries: previous)
            }
            var changed: [Int: Set<Int>] = [:]
            for (k, member) in members.enumerated() {
                facts[batch[k].member] = member.facts
                for m in apply(member, to: &out) {
                    for reader in readers[batch[k].member] { changed[reader, default: []].insert(m) }
                }
            }
            dirty = changed.keys.sorted().map { ($0, changed[$0]!.sorted()) }
        }
        return out
    }

    /// Per member of a recursive component: the members that read its
    /// summaries, those that call it or name it as a function value.
    private func summaryReaders(within bodies: [Int]) -> [[Int]] {
        var readers = program.callGraph.callers(within: bodies).map(Set.init)
        let position = Dictionary(bodies.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (i, node) in bodies.enumerated() {
            for named in mentions[node].namedNodes {
                if let j = position[named] { readers[j].insert(i) }
            }
        }
        return readers.map { $0.sorted() }
    }

    /// What analysing one member under some models found: its summary,
    /// leaks and searches over the bound per model it is relevant to, and
    /// its facts (kept for the next round).
    private struct MemberOutcome {
        var node: Int
        var facts: FunctionFacts?
        var analyses: [(model: Int, analysis: FunctionAnalysis)] = []
    }

    private func makeFacts(_ node: Int) -> FunctionFacts {
        FunctionFacts(node: node, program: program)
    }

    /// One function under each of `candidateModels` it is relevant to, on `summaries`.
    private func analyzeMember<Models: Sequence<Int>>(_ node: Int, facts known: FunctionFacts?, models candidateModels: Models,
                                                       summaries: SummaryTable) -> MemberOutcome {
        var out = MemberOutcome(node: node, facts: known)
        let relevant = candidateModels.filter { isRelevant(node, model: $0, summaries: summaries) }
        guard !relevant.isEmpty else { return out }
        let f = known ?? makeFacts(node)
        out.facts = f
        for m in relevant { out.analyses.append((m, analyze(f, model: m, summaries: summaries))) }
        return out
    }

    /// Records a member's outcome; returns the models whose summary changed.
    @discardableResult
    private func apply(_ member: MemberOutcome, to out: inout ComponentOutcome) -> [Int] {
        var changed: [Int] = []
        for (m, analysis) in member.analyses {
            out.reads.formUnion(analysis.reads)
            out.leaks[member.node, default: [:]][m] = analysis.leaks
            out.exhaustedSearches[member.node, default: [:]][m] = analysis.exhausted
            // The table reads an empty summary back as none: an empty one
            // where there was none is no change.
            if out.summaries[member.node, m] ?? ResourceSummary() != analysis.summary {
                out.summaries[member.node, m] = analysis.summary
                changed.append(m)
            }
        }
        return changed
    }

    // MARK: One function, one model

    private struct FunctionAnalysis {
        var summary = ResourceSummary()
        var leaks: [LeakReport] = []
        var exhausted = 0
        var reads = BodyReads()
    }

    private func analyze(_ facts: FunctionFacts, model m: Int, summaries: SummaryTable) -> FunctionAnalysis {
        var out = FunctionAnalysis()
        let tracker = ResourceTracker(model: models[m], modelIndex: m, facts: facts, program: program, summaries: summaries)
        let search = PathSearch(function: facts.function, infeasible: facts.infeasible, tracker: tracker,
                                limit: limits.statesPerFunction, rpoNumber: facts.cfg.rpoNumber)

        let acquisitions = mayAcquire(facts.node, model: m, summaries: summaries)
            ? AcquisitionFinder.find(in: facts, model: models[m], modelIndex: m, program: program, summaries: summaries) : []
        let retaking = Retaking(facts: facts, acquisitions: acquisitions) { inst in
            releasedPlaces(by: inst, facts: facts, model: m, summaries: summaries)
        }
        for acquisition in acquisitions where !retaking.isNeutral(acquisition) {
            // The context whose end ends the resource: the one a cancel
            // func's call derived, or the one the resource is bound to.
            let context = models[m].acquiresContexts
                ? ContextLifetime.derivedContext(by: facts.function.blocks[acquisition.block].instructions[acquisition.index])
                    .map(facts.normalize)
                : acquisition.boundContext.map(facts.normalize)
            let binding = acquisition.boundContext.flatMap {
                ContextLifetime.binding(of: $0, acquiredAt: acquisition.block, index: acquisition.index, in: facts)
            }
            // `defer cancel()` before `db.QueryContext(ctx, q)`: the rows
            // end with the context when the function returns.
            if binding?.deferredBefore == true, models[m].spec.options.deferReleaseOK { continue }
            guard let resource = acquisition.resource else {
                // `_, err := db.Query(q)` with a test of err: only a path on
                // which err is nil (and that does not end the test) holds it.
                // `c, _ := context.WithTimeout(bg, d)`: only a path that
                // leaves before the context is done holds it.
                if acquisition.errorPlace != nil || context != nil {
                    var discarded = ResourceTracker.State(aliases: [], errorPlace: acquisition.errorPlace.map(facts.normalize))
                    discarded.resultDiscarded = acquisition.errorPlace != nil
                    discarded.deferred = binding?.deferredBefore == true
                    discarded.context = context
                    discarded.contextCancel = binding?.cancel
                    let result = search.run(block: acquisition.block, index: acquisition.index + 1,
                                            origin: (acquisition.block, acquisition.index), state: discarded)
                    if !result.exhausted, result.firstLeak == nil { continue }
                }
                out.leaks.append(LeakReport(modelIndex: m, node: facts.node, acquisition: acquisition, kind: .discarded,
                                            position: acquisition.position, path: []))
                continue
            }
            let place = facts.normalize(resource)
            if !acquisition.isPlaceResource, tracker.storeEnding(into: place) != nil { continue }
            var initial = ResourceTracker.State(aliases: [place], errorPlace: acquisition.errorPlace.map(facts.normalize))
            initial.decided = tracker.conditionsHolding(at: acquisition.block, before: acquisition.index)
            initial.deferred = binding?.deferredBefore == true
            initial.context = context
            initial.contextCancel = binding?.cancel
            initial.successFlag = acquisition.successFlag.map(facts.normalize)
            initial.tryLocked = acquisition.isPlaceResource && acquisition.successFlag != nil
            // `_, cancels[i] = context.WithCancel(ctx)`: stored straight into
            // a container. `for i := range s.shards { s.shards[i].mu.Lock()
            // }`: one lock per element, each iteration another.
            if place.path.contains(.element) {
                if !acquisition.isPlaceResource {
                    initial.inContainer = true
                } else if let trips = ElementLockLoop.trips(of: place, acquiredIn: acquisition.block, facts: facts,
                                                            releases: { releasedPlaces(by: $0, facts: facts, model: m, summaries: summaries) }) {
                    initial.inContainer = true
                    initial.elementLoop = trips
                }
            }
            let result = search.run(block: acquisition.block, index: acquisition.index + 1,
                                    origin: (acquisition.block, acquisition.index), state: initial)
            if result.exhausted {
                out.exhausted += 1
                continue
            }
            for case .returned(let r) in result.endings { out.summary.returnsFresh.insert(r) }
            // Returned held where a bool result is true (a TryLock wrapper,
            // RWMutex.TryLock itself): the caller holds it there.
            let whenTrue = result.endings.compactMap { ending -> Int? in
                if case .heldWhenTrue(let k) = ending { return k }
                return nil
            }.min()
            if let k = whenTrue, acquisition.isPlaceResource, let sp = facts.summaryPlace(for: place) {
                out.summary.acquires.insert(sp)
                out.summary.acquiresWhenTrue[sp] = min(k, out.summary.acquiresWhenTrue[sp] ?? k)
            }
            guard let leak = result.firstLeak else { continue }
            if acquisition.isPlaceResource, let sp = facts.summaryPlace(for: place),
               !result.endings.contains(where: \.isDisposal), leak.kind == .exit,
               !tracker.defersConditionalRelease(of: place) {
                // Held on every exit and released on none: a lock helper, by design.
                out.summary.acquires.insert(sp)
                continue
            }
            if acquisition.isPlaceResource, let sp = facts.summaryPlace(for: place), leak.kind == .exit,
               let k = resultTellingHeld(place, from: acquisition, initial: initial, result: result,
                                         facts: facts, search: search, tracker: tracker) {
                // Released where it returns an error, held where it returns
                // nil: a lock helper that can fail.
                out.summary.acquires.insert(sp)
                out.summary.acquiresWhenNil[sp] = k
                continue
            }
            if acquisition.isPlaceResource, result.endings.allSatisfy({ !$0.isLeak || $0 == .leak(.exit) }),
               isPrivate(place, facts: facts) {
                // Left locked only when the function returns, on a mutex
                // nothing else can reach: nobody ever waits for it.
                continue
            }
            if acquisition.isPlaceResource, !result.endings.contains(where: \.isDisposal) {
                // Never released here on any path: either another goroutine
                // releases it (a hand-off), or a local mutex's last Lock
                // waits for the goroutines that hold it.
                if handedOff(place, facts: facts, model: m) { continue }
                if leak.kind == .exit, result.endings.allSatisfy({ !$0.isLeak || $0 == .leak(.exit) }),
                   isUnsharedLocal(place, facts: facts), isReleasedByClosure(place, facts: facts, model: m) { continue }
            }
            out.leaks.append(LeakReport(modelIndex: m, node: facts.node, acquisition: acquisition, kind: leak.kind,
                                        position: leak.position, path: result.edges(to: leak)))
        }

        for candidate in candidates(facts, model: m, summaries: summaries) {
            guard let local = facts.localPlace(for: candidate) else { continue }
            // Released from the caller and taken again before returning: the
            // caller's lock is as it was (`mu.Unlock(); wait(); mu.Lock()`).
            if retaking.retakenPlaces.contains(facts.normalize(local)) { continue }
            var start = ResourceTracker.State(aliases: [facts.normalize(local)])
            // `for i := range s.shards { s.shards[i].mu.Unlock() }` releases
            // every element a lock loop took: a loop over no shards
            // releases nothing, as the loop that locked them took nothing.
            start.inContainer = models[m].locksInPlace && start.aliases.contains { $0.path.contains(.element) }
            let result = search.run(block: 0, index: 0, origin: nil, state: start)
            if result.exhausted {
                out.exhausted += 1
                continue
            }
            guard !result.leaks else {
                if let error = releaseOnError(candidate, local: facts.normalize(local), facts: facts, search: search) {
                    out.summary.releasesOnError[candidate] = error
                } else if let flag = releaseWhenFlag(candidate, local: facts.normalize(local), facts: facts, search: search) {
                    out.summary.releasesWhenFlag[candidate] = flag
                }
                continue
            }
            let disposals = result.endings.filter(\.isDisposal)
            if !disposals.isEmpty, disposals.allSatisfy({ $0 == .released || $0 == .deferredRelease }) {
                out.summary.releases.insert(candidate)
            }
            out.summary.handsOver.insert(candidate)
        }
        out.reads = tracker.bodyReads.reads
        return out
    }

    // MARK: Lock helpers that can fail

    /// For a lock some paths release and the others return still held:
    /// the error result that tells the caller which, when every held
    /// return gives it as nil and every release is followed by a return of
    /// a surely non-nil error there (`func (s *S) lock() error {
    /// s.mu.Lock(); if s.closed { s.mu.Unlock(); return errClosed };
    /// return nil }`). A function that forgets an Unlock on a path
    /// returning nil beside one that unlocks and returns an error that may
    /// be nil keeps to no such convention and is still reported. A `bool`
    /// result is no such sign: `return true` with the lock still held is
    /// the classic forgotten Unlock of a lookup.
    private func resultTellingHeld(_ place: Place, from acquisition: Acquisition, initial: ResourceTracker.State,
                                   result: SearchResult, facts: FunctionFacts,
                                   search: PathSearch<ResourceTracker>, tracker: ResourceTracker) -> Int? {
        let results = facts.function.results
        guard result.endings.contains(.released), result.endings.allSatisfy({ !$0.isLeak || $0 == .leak(.exit) }),
              let k = results.indices.last(where: { results[$0].type == .basic(.error) }),
              !tracker.defersConditionalRelease(of: place) else { return nil }
        var state = initial
        state.tellingResult = k
        let check = search.run(block: acquisition.block, index: acquisition.index + 1,
                               origin: (acquisition.block, acquisition.index), state: state)
        let kept: Set<PathEnding> = [.released, .heldWhenNil(k), .infeasible, .ignoredPanic]
        guard !check.exhausted, check.endings.contains(.heldWhenNil(k)), check.endings.isSubset(of: kept) else { return nil }
        return k
    }

    // MARK: Released when the function fails

    /// For a closure that releases `candidate` only when a captured error
    /// is set (`defer func() { if err != nil { cancel() } }()`): that
    /// error's name, when every path on which it is not nil releases.
    private func releaseOnError(_ candidate: SummaryPlace, local: Place, facts: FunctionFacts,
                                search: PathSearch<ResourceTracker>) -> String? {
        guard facts.function.kind == .closure, case .capture = candidate.base else { return nil }
        let tested = testedCaptures(ofType: .basic(.error), facts: facts) { block in
            guard case .branch(.place(let c), _, _)? = block.terminator,
                  case .variable(let name)? = block.nilTested(by: c)?.place?.root else { return nil }
            return name
        }
        return tested.first { error in
            releasesOnEveryPath(local, search: search) { $0.assumedNonNil = Place(.variable(error)) }
        }
    }

    /// For a closure that releases `candidate` only under a captured bool
    /// (`defer func() { if locked { mu.Unlock() } }()`, or `if !unlocked`):
    /// that variable and the value under which every path releases.
    private func releaseWhenFlag(_ candidate: SummaryPlace, local: Place, facts: FunctionFacts,
                                 search: PathSearch<ResourceTracker>) -> CapturedFlag? {
        guard facts.function.kind == .closure, case .capture = candidate.base else { return nil }
        let tested = testedCaptures(ofType: .basic(.bool), facts: facts) { StableConditions.branchVariable($0.terminator) }
        let flags = tested.flatMap { name in [true, false].map { CapturedFlag(name: name, value: $0) } }
        return flags.first { flag in releasesOnEveryPath(local, search: search) { $0.assumedFlag = flag } }
    }

    /// The closure's captured variables of `type` that some block's branch
    /// tests (`tested` names the one a block tests), in block order.
    private func testedCaptures(ofType type: GoType, facts: FunctionFacts, tested: (Block) -> String?) -> [String] {
        let captured = Set(facts.function.captures.filter { facts.types.type(of: Place(.variable($0.name))) == type }.map(\.name))
        guard !captured.isEmpty else { return [] }
        var names: [String] = []
        for block in facts.function.blocks {
            guard let name = tested(block), captured.contains(name), !names.contains(name) else { continue }
            names.append(name)
        }
        return names
    }

    /// Whether every path from the entry releases `local` under what
    /// `assume` sets in the search's starting state.
    private func releasesOnEveryPath(_ local: Place, search: PathSearch<ResourceTracker>,
                                     assume: (inout ResourceTracker.State) -> Void) -> Bool {
        var state = ResourceTracker.State(aliases: [local])
        assume(&state)
        let result = search.run(block: 0, index: 0, origin: nil, state: state)
        return !result.exhausted && !result.leaks && result.endings.contains { $0 == .released || $0 == .deferredRelease }
    }

    // MARK: Locks released by another goroutine

    /// A lock taken in a closure run by `go` on a variable it captures, that
    /// the closure never releases, while the function that created the
    /// closure (or another closure of that function that shares the
    /// variable) releases the same variable and never locks it: the lock is handed from one
    /// goroutine to the other (`go func() { rl.Lock(); ready <- true }()`
    /// and `<-ready; rl.Unlock()` in the spawner), which sync.Mutex allows
    /// ("a locked Mutex is not associated with a particular goroutine").
    private func handedOff(_ place: Place, facts: FunctionFacts, model m: Int) -> Bool {
        let function = facts.function
        guard function.kind == .closure, let parentName = function.parent, let parent = program.node(named: parentName),
              case .variable(let name) = place.root, function.captures.contains(where: { $0.name == name }),
              program.callGraph.edges.contains(where: { $0.to == facts.node && $0.kind == .go }) else { return false }
        var sharers = [parent]
        for block in program.function(parent).blocks {
            for inst in block.instructions {
                for case .function(let f) in inst.operands {
                    guard let n = program.node(named: f), n != facts.node, !sharers.contains(n),
                          program.function(n).captures.contains(where: { $0.name == name }) else { continue }
                    sharers.append(n)
                }
                for f in inst.callee?.possibleTargets ?? [] {
                    guard let n = program.node(named: f), n != facts.node, !sharers.contains(n),
                          program.function(n).parent == parentName,
                          program.function(n).captures.contains(where: { $0.name == name }) else { continue }
                    sharers.append(n)
                }
            }
        }
        // The other side only releases it: a sharer that also locks it
        // unlocks its own lock, not this one.
        let target = Place(.variable(name), path: place.path)
        for n in sharers {
            let f = FunctionFacts(node: n, program: program)
            var releases = false
            var acquires = false
            for block in f.function.blocks {
                for inst in block.instructions {
                    if models[m].releasedPlaces(by: inst, types: f.types).contains(where: { f.normalize($0) == target }) {
                        releases = true
                    }
                    if models[m].acquisitions(of: inst, types: f.types).contains(where: {
                        $0.resource(in: inst)?.place.map(f.normalize) == target
                    }) { acquires = true }
                }
            }
            if releases, !acquires { return true }
        }
        return false
    }

    /// A mutex in a variable local to the function (not a parameter,
    /// result or capture) that nothing outside can reach: it is only
    /// locked and unlocked here and in the closures that capture it, never
    /// passed, stored, returned or sent. Left locked when the function
    /// returns, it can block only those closures; a last Lock that waits
    /// for them to release it (`mu.Lock() // wait`) is their completion
    /// signal, not a forgotten Unlock.
    private func isUnsharedLocal(_ place: Place, facts: FunctionFacts) -> Bool {
        let function = facts.function
        guard case .variable(let name) = place.root,
              function.locals.contains(where: { $0.name == name }),
              function.receiver?.name != name,
              !function.parameters.contains(where: { $0.name == name }),
              !function.results.contains(where: { $0.name == name }),
              !function.captures.contains(where: { $0.name == name }) else { return false }
        let lockOps: Set<Opcode> = [.mutexLock, .mutexUnlock, .mutexRLock, .mutexRUnlock, .mutexTryLock, .mutexTryRLock, .addr]
        for block in function.blocks {
            for inst in block.instructions where !lockOps.contains(inst.op) {
                for operand in inst.operands {
                    guard let p = operand.place.map(facts.normalize) else { continue }
                    if p.contains(place) { return false }
                }
            }
            if case .return(let operands)? = block.terminator,
               operands.contains(where: { $0.place.map(facts.normalize)?.contains(place) == true }) { return false }
        }
        return true
    }

    /// Whether the mutex lives in a local variable of the function, by
    /// value (the variable or its fields, never through a pointer or an
    /// element), whose address goes to nothing but its own lock calls and
    /// that no closure captures: a mutex that dies with the call and that
    /// no goroutine but this one can lock (`var mu sync.RWMutex;
    /// mu.RLock(); mu.Unlock()`, a test of a misuse that crashes).
    private func isPrivate(_ place: Place, facts: FunctionFacts) -> Bool {
        guard case .variable(let name) = place.root,
              place.path.allSatisfy({ if case .field = $0 { return true } else { return false } }),
              !program.capturedByClosures(of: facts.function.name).contains(name),
              isUnsharedLocal(place, facts: facts) else { return false }
        for length in 0...place.path.count {
            let type = facts.types.environment.underlying(facts.types.type(of: Place(place.root, path: Array(place.path.prefix(length)))))
            switch type {
            case .unknown, .pointer, .interface: return false
            default: continue
            }
        }
        return true
    }

    /// Whether a closure created in the function, which captures the
    /// mutex's variable, unlocks it: the goroutines a last Lock waits for.
    private func isReleasedByClosure(_ place: Place, facts: FunctionFacts, model m: Int) -> Bool {
        guard case .variable(let name) = place.root else { return false }
        let target = Place(.variable(name), path: place.path)
        var seen = Set<Int>()
        for block in facts.function.blocks {
            for inst in block.instructions {
                var referenced: [String] = inst.callee?.possibleTargets ?? []
                for case .function(let f) in inst.operands { referenced.append(f) }
                for f in referenced {
                    guard let n = program.node(named: f), seen.insert(n).inserted,
                          program.function(n).parent == facts.function.name,
                          program.function(n).captures.contains(where: { $0.name == name }) else { continue }
                    let cf = FunctionFacts(node: n, program: program)
                    for b in cf.function.blocks {
                        for i in b.instructions where models[m].releasedPlaces(by: i, types: cf.types).contains(where: {
                            cf.normalize($0) == target
                        }) { return true }
                    }
                }
            }
        }
        return false
    }

    /// The places an instruction releases, itself or by its callees' summaries.
    private func releasedPlaces(by inst: Instruction, facts: FunctionFacts, model m: Int, summaries: SummaryTable) -> [Place] {
        var out = models[m].releasedPlaces(by: inst, types: facts.types)
        guard inst.op.isCallShaped else { return out }
        let targets = facts.targets(of: inst.callee)
        guard !targets.isEmpty else { return out }
        var common: Set<Place>?
        for t in targets {
            guard let node = program.node(named: t), let s = summaries[node, m] else { return out }
            let places = Set(s.releases.compactMap { $0.place(inCallWith: inst.operands) })
            common = common.map { $0.intersection(places) } ?? places
        }
        out += common ?? []
        return out
    }

    // MARK: Which parameters to summarise

    /// Places rooted at a parameter, receiver, capture or global that the
    /// function might release or hand over: the operands of its releases,
    /// of its callees' consuming parameters, and of its stores, sends and
    /// spawns when the rule counts those as transfers.
    private func candidates(_ facts: FunctionFacts, model m: Int, summaries: SummaryTable) -> [SummaryPlace] {
        let model = models[m]
        var out = Set<SummaryPlace>()
        func consider(_ place: Place?, checkType: Bool) {
            guard let place, let sp = facts.summaryPlace(for: place) else { return }
            if case .global = sp.base { return }
            if checkType, !filters[m].mayHold(facts.types.type(of: place), in: program.types) { return }
            out.insert(sp)
        }
        let hasTransfers = !model.transfers.isEmpty
        // Which of the three sources can give anything here, from what the
        // function names (most functions release nothing of the model and
        // call nothing that consumes it: only their transfers are read).
        let mention = mentions[facts.node]
        let mayRelease = mention.namesRelease[m] || (model.releasesByInvoking && mention.references.invokes)
        let calleesConsume = mention.namedNodes.contains { n in
            summaries[n, m].map { !$0.releases.isEmpty || !$0.handsOver.isEmpty } ?? false
        }
        guard mayRelease || calleesConsume || hasTransfers else { return [] }
        for block in facts.function.blocks {
            for inst in block.instructions {
                if mayRelease {
                    for p in model.releasedPlaces(by: inst, types: facts.types) { consider(p, checkType: false) }
                }
                if calleesConsume {
                    for name in facts.targets(of: inst.callee) {
                        guard let node = program.node(named: name), let s = summaries[node, m] else { continue }
                        for sp in s.releases.union(s.handsOver) { consider(sp.place(inCallWith: inst.operands), checkType: false) }
                    }
                    for case .function(let name) in inst.operands {
                        guard let node = program.node(named: name), let s = summaries[node, m] else { continue }
                        for sp in s.releases.union(s.handsOver) where { if case .capture = sp.base { return true } else { return false } }() {
                            consider(sp.place(inCallWith: []), checkType: false)
                        }
                    }
                }
                guard hasTransfers else { continue }
                switch inst.op {
                case .assign:
                    if let dst = inst.results.first?.place, let src = inst.operands.first?.place,
                       ResourceTracker.isStore(facts.normalize(dst), model: model) {
                        consider(src, checkType: true)
                    }
                case .mapWrite where inst.operands.count == 3:
                    if let m = inst.operands[0].place.map(facts.normalize),
                       ResourceTracker.isStore(m.appending(.element), model: model) {
                        for o in inst.operands.dropFirst() { consider(o.place, checkType: true) }
                    }
                case .chanSend:
                    if inst.operands.count == 2 { consider(inst.operands[1].place, checkType: true) }
                case .call where inst.mode == .go:
                    for o in inst.operands { consider(o.place, checkType: true) }
                default:
                    break
                }
            }
        }
        return out.sorted()
    }

    // MARK: Cheap exits

    /// Whether the function can matter for the model at all: it mentions
    /// one of the model's calls, calls a function with a summary for it, or
    /// takes a parameter that could hold the resource.
    private func isRelevant(_ node: Int, model m: Int, summaries: SummaryTable) -> Bool {
        guard demanded.contains(node, model: m) else { return false }
        let mention = mentions[node]
        return mention.relevantByItself[m] || mention.namedNodes.contains { summaries[$0, m] != nil }
    }

    /// Whether `AcquisitionFinder` can find anything: the function names one
    /// of the model's acquiring calls, or calls (alone) a helper whose
    /// summary returns a fresh resource or leaves one acquired.
    private func mayAcquire(_ node: Int, model m: Int, summaries: SummaryTable) -> Bool {
        let mention = mentions[node]
        return mention.namesAcquisition[m] || mention.singleTargetNodes.contains { n in
            summaries[n, m].map { !$0.returnsFresh.isEmpty || !$0.acquires.isEmpty } ?? false
        }
    }
}

/// Which functions' summaries a run of the engine computes, per model:
/// all, or those a finding can depend on (`LifecycleEngine.Demand`).
/// Callers decide it, so `LifecycleReuse` keys a component by it too.
struct DemandedSummaries: Sendable {
    /// Per model, per node; nil when every summary is wanted.
    let marks: [[Bool]]?

    func contains(_ node: Int, model m: Int) -> Bool {
        marks.map { node < $0[m].count && $0[m][node] } ?? true
    }
}
