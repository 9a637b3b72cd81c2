import ConcIR
import Discovery
import Findings
import RuleEngine

/// Concurrent map accesses (`analysis: maprace`): a plain map that two
/// goroutines may touch at the same time, at least one writing, with no
/// common lock and nothing ordering them (go statements, channels,
/// WaitGroups, sync.Once, as the Go memory model says).
///
/// Each function is analysed once, callees first (bottom-up over the call
/// graph's strongly connected components, those of one wave in parallel):
/// a forward dataflow gives the locks held and the synchronisation done
/// at each point, and which goroutines it started may still run; each
/// access is checked against those goroutines' accesses, and each started
/// goroutine against the others. What a function does (its accesses with
/// their locks, the goroutines it leaves running) becomes its summary,
/// which callers translate into their own terms. net/http `ServeHTTP`
/// methods are checked against themselves: one goroutine runs per request.
public struct MapRaceAnalysis: Analysis {
    public let name = "maprace"
    public var usesMemo: Bool { true }

    /// Rounds of summary recomputation in a recursive component.
    static let maxRounds = 4

    /// Whether functions of accesses alone skip the dataflow
    /// (`FunctionRaceAnalyzer.accessesOnly`): off only in the test that
    /// shows both ways give the same findings.
    var skipsDataflowForAccessesOnly = true

    public init() {}

    public func isNeeded(by rules: [Rule]) -> Bool {
        rules.contains { $0.analysis == name }
    }

    public func run(_ context: AnalysisContext) -> [Finding] {
        var rules: [MapRaceRule: Rule] = [:]
        for r in context.rules(for: name) {
            if let rule = MapRaceRule(rawValue: r.id) { rules[rule] = r }
        }
        guard !rules.isEmpty else { return [] }
        let program = MapRaceProgram(modules: context.modules, callGraph: context.callGraph, shared: context.shared)
        var summaries = MapRaceSummaries(count: program.count)
        var races: [RaceReport] = []
        var counters = MapRaceCounters()
        let scan = ProgramScan(program: program)
        let scope = MapRaceScope(program: program, scan: scan)
        let waves = context.callGraph.componentWaves()
        let relevance = Relevance(program: program, scan: scan,
                                  asked: MapRaceAnalysis.askedRelevance(waves, scope: scope, count: program.count))
        // Before the waves: a component reads only its callees' summaries,
        // but the locks its callers hold come from the call sites.
        let callerLocks = MapRaceCallerLocks(program: program, scan: scan)
        var reuse = context.memo.map { memo in
            MapRaceReuse(memo: memo, rules: Array(rules.values), program: program, callerLocks: callerLocks, modules: context.modules,
                         jobs: context.jobs)
        }
        var components = 0
        for wave in waves {
            // Only components with work are analysed (or looked up): the
            // others have no summary and no race.
            let working = wave.filter { MapRaceAnalysis.hasWork($0, program: program, relevance: relevance, scope: scope, summaries: summaries) }
            components += working.count
            let reused = reuse?.lookup(working) ?? Array(repeating: nil, count: working.count)
            let pending = working.indices.filter { reused[$0] == nil }
            let analysed = analyzeWave(pending.map { working[$0] }, program: program, callerLocks: callerLocks, summaries: summaries,
                                       jobs: context.jobs)
            var outcomes = reused
            for (k, i) in pending.enumerated() { outcomes[i] = analysed[k] }
            for outcome in outcomes.compactMap({ $0 }) {
                summaries.absorb(outcome.writes)
                races += outcome.races
                counters.add(outcome.counters)
            }
            reuse?.record(working, outcomes)
        }
        if let reuse {
            reuse.save()
            context.statistics.add("cache.maprace-components-reused", reuse.reusedComponents)
        }
        context.statistics.add("maprace.components", components)
        races += HandlerSelfCheck(program: program, summaries: summaries).races()
        races += InitGoroutineCheck(program: program, summaries: summaries).races()
        races += ParallelTestCheck(program: program, summaries: summaries).races()
        for (name, count) in counters.entries { context.statistics.add(name, count) }
        context.statistics.add("maprace.races", races.count)
        return RaceFindingBuilder(program: program, rules: rules).findings(races)
    }
}

extension MapRaceAnalysis {
    /// The nodes whose relevance `analyzeComponent` asks: the members of
    /// components with a member in scope (the others are skipped first).
    static func askedRelevance(_ waves: [[[Int]]], scope: MapRaceScope, count: Int) -> [Bool] {
        var asked = [Bool](repeating: false, count: count)
        for wave in waves {
            for component in wave where component.contains(where: scope.matters) {
                for node in component where node < count { asked[node] = true }
            }
        }
        return asked
    }

    /// The components of one wave, in parallel, each on its own copy of
    /// the finished summaries. A function of its own so that the copies end
    /// with it: the outcomes keep only what each component wrote.
    func analyzeWave(_ wave: [[Int]], program: MapRaceProgram, callerLocks: MapRaceCallerLocks, summaries: MapRaceSummaries,
                     jobs: Parallelism) -> [ComponentOutcome] {
        parallelMap(count: wave.count, jobs: jobs) { i in
            analyzeComponent(wave[i], program: program, callerLocks: callerLocks, summaries: summaries.componentCopy, jobs: jobs)
        }
    }

    /// Whether a component can have a summary or a race: a member in
    /// scope, and one whose operations or callees' summaries may matter.
    static func hasWork(_ component: [Int], program: MapRaceProgram, relevance: Relevance, scope: MapRaceScope,
                        summaries: MapRaceSummaries) -> Bool {
        let members = component.filter { $0 < program.count }
        return members.contains(where: scope.matters) && members.contains(where: { relevance.mayMatter($0, summaries: summaries) })
    }

    /// What one component's analysis found.
    struct ComponentOutcome {
        /// The summaries the component wrote, by node (`MapRaceSummaries.writes`).
        var writes: [Int: MapRaceSummary] = [:]
        var races: [RaceReport] = []
        var counters = MapRaceCounters()
        /// The summaries its analyses read, by node (its callees', mostly).
        var summariesRead = Set<Int>()
    }

    /// One strongly connected component with work (`hasWork`, which the
    /// caller asked), on a copy of the finished
    /// summaries of everything it calls: a recursive one is re-analysed
    /// until its summaries settle (at most `maxRounds`), then each member
    /// is checked for races.
    ///
    /// Each round reads the summaries of the round before, so the members
    /// of a round are independent and run in parallel (the result does not
    /// depend on order or threads), and only the callers of members whose
    /// summary changed are analysed again. Every analysis also checks for
    /// races, so a member's last one stands when none of the summaries it
    /// read changed after it; only the others (and non-recursive
    /// components) are analysed again on the settled summaries, in
    /// parallel too. That final pass used to repeat every member.
    func analyzeComponent(_ component: [Int], program: MapRaceProgram, callerLocks: MapRaceCallerLocks,
                          summaries start: MapRaceSummaries, jobs: Parallelism = 1) -> ComponentOutcome {
        var out = ComponentOutcome()
        var summaries = start
        // Members call each other: when one matters, all do.
        let members = component.filter { $0 < program.count }
        guard !members.isEmpty else { return out }
        let recursive = members.count > 1 || program.callGraph.callees(of: members[0]).contains(members[0])
        // Per member: its latest analysis and the round that made it.
        var latest = [FunctionRaceAnalyzer.Outcome?](repeating: nil, count: members.count)
        var madeIn = [Int](repeating: 0, count: members.count)
        // Per member node: the last round that changed its summary.
        var changedIn: [Int: Int] = [:]
        var groundwork: [FunctionRaceAnalyzer.Groundwork?] = Array(repeating: nil, count: members.count)
        if recursive {
            // Each member is analysed in several rounds: its graph and place tables once.
            groundwork = parallelMap(count: members.count, jobs: jobs) { k in
                FunctionRaceAnalyzer.Groundwork(program: program, node: members[k])
            }
            let callers = program.callGraph.callers(within: members)
            var dirty = Array(members.indices)
            for round in 0..<MapRaceAnalysis.maxRounds where !dirty.isEmpty {
                let previous = summaries
                let batch = dirty
                // Races are found in every round (the summary does not
                // depend on it): the last round's are usually the final ones.
                let computed = parallelMap(count: batch.count, jobs: jobs) { k in
                    let m = members[batch[k]]
                    return FunctionRaceAnalyzer(program: program, summaries: previous, node: m, entryLocks: callerLocks[m],
                                                groundwork: groundwork[batch[k]],
                                                skipsDataflowForAccessesOnly: skipsDataflowForAccessesOnly).run(report: true)
                }
                var changed = Set<Int>()
                for (k, outcome) in computed.enumerated() {
                    latest[batch[k]] = outcome
                    madeIn[batch[k]] = round
                    guard outcome.summary != summaries[members[batch[k]]] else { continue }
                    summaries[members[batch[k]]] = outcome.summary
                    changed.insert(batch[k])
                    changedIn[members[batch[k]]] = round
                }
                dirty = Set(changed.flatMap { callers[$0] }).sorted()
            }
        }
        let settled = summaries
        // An analysis made in round r read the summaries as round r - 1
        // left them: it stands when none of those it read changed since
        // (a member's analysis depends on nothing else), and is made again
        // otherwise (the rounds ran out, or a member was read without a
        // call edge).
        let stale = members.indices.filter { k in
            guard let outcome = latest[k] else { return true }
            return outcome.summariesRead.contains { changedIn[$0].map { $0 >= madeIn[k] } ?? false }
        }
        let remade = parallelMap(count: stale.count, jobs: jobs) { i in
            FunctionRaceAnalyzer(program: program, summaries: settled, node: members[stale[i]], entryLocks: callerLocks[members[stale[i]]],
                                 groundwork: groundwork[stale[i]], skipsDataflowForAccessesOnly: skipsDataflowForAccessesOnly).run(report: true)
        }
        for (i, outcome) in remade.enumerated() { latest[stale[i]] = outcome }
        for (k, outcome) in latest.enumerated() {
            guard let outcome else { continue }
            summaries[members[k]] = outcome.summary
            out.races += outcome.races
            out.counters.add(outcome.counters)
            out.summariesRead.formUnion(outcome.summariesRead)
        }
        out.writes = summaries.writes
        return out
    }
}

/// Which functions can have a summary or a race at all: those with map,
/// lock or synchronisation operations, calls of the library's spawners
/// and registrations, or calls of (and, with a call through a function
/// value, local function values naming) functions with a summary. The
/// rest are skipped without building anything (most of a large program).
///
/// What each function names is gathered once per run, as call-graph nodes,
/// in the program's one walk (`ProgramScan`): asked again for every
/// component, the question is then a few integer lookups. Only the nodes
/// `analyzeComponent` will ask about get their reads (`asked`): those of
/// components in `MapRaceScope`. A `go` statement or a call through a function value adds
/// nothing of its own: its effect comes from the summaries of the
/// functions it may enter (the known targets, or a local variable's
/// function value), so it makes the function matter only when one of
/// those has a summary.
struct Relevance {
    /// Per node: an operation or library call that matters by itself.
    private let byItself: [Bool]
    /// Per node: the functions whose summaries its effects may read.
    private let summaryReads: [[Int]]

    static let operations: Set<Opcode> = [
        .mapRead, .mapWrite, .mapDelete, .mapLen, .mapRange, .mapClear,
        .mutexLock, .mutexUnlock, .mutexRLock, .mutexRUnlock, .mutexTryLock, .mutexTryRLock,
        .wgWait, .wgDone, .wgGo, .chanSend, .chanRecv, .chanClose, .onceDo, .timeAfterFunc,
    ]

    /// From the program's one walk (`ProgramScan`), for the nodes asked.
    init(program: MapRaceProgram, scan: ProgramScan, asked: [Bool]) {
        var summaryReads = [[Int]](repeating: [], count: program.count)
        for node in 0..<program.count where asked[node] && !scan.operatesByItself[node] {
            var reads = Set(scan.callees[node])
            if scan.callsValues[node] { reads.formUnion(scan.functionValues[node]) }
            summaryReads[node] = reads.sorted()
        }
        self.byItself = scan.operatesByItself
        self.summaryReads = summaryReads
    }

    func mayMatter(_ node: Int, summaries: MapRaceSummaries) -> Bool {
        byItself[node] || summaryReads[node].contains { !summaries[$0].isEmpty }
    }
}
