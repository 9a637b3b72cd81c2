import ConcIR

/// Walks a function once its dataflow is solved: completes each access with
/// the locks and orderings of its point, checks it against the goroutine
/// groups that may be running there, checks each newly started group
/// against them (and against itself when it is started per iteration or per
/// request), and collects the function's summary.
struct RaceEmitter {
    let program: MapRaceProgram
    let node: Int
    let report: Bool
    let effectsByID: [Int: InstructionEffect]

    private var groups: [Int: GoroutineGroup] = [:]
    /// Per group: what the function had waited for (received from, waited
    /// on) on every path to where it started the group.
    private var startWaits: [Int: Set<AbstractPlace>] = [:]
    private var accesses = AccessCollector(limit: MapRaceSummary.maxAccesses)
    private var background = AccessCollector(limit: MapRaceSummary.maxBackground)
    private var exitLocks: LockSet?
    private var exitWaits: Set<AbstractPlace>?
    /// The parameter made a parallel test on every path to a return: nil
    /// before the first return, `.some(nil)` once a return without one.
    private var exitParallelParameter: Int??
    private var releases: Set<AbstractPlace?> = []
    private var returned: [[Operand]] = []
    private(set) var races: [RaceReport] = []
    /// Pairs already reported here, by site and kind.
    private var reported: Set<[RaceReport.SiteKey]> = []

    init(program: MapRaceProgram, node: Int, report: Bool, effectsByID: [Int: InstructionEffect]) {
        self.program = program
        self.node = node
        self.report = report
        self.effectsByID = effectsByID
        for (_, e) in effectsByID {
            if let g = e.group { groups[g.id] = g }
        }
    }

    var truncated: Bool { accesses.truncated || background.truncated }

    /// An instruction's effect at a point where `state` holds (before it).
    mutating func observe(_ e: InstructionEffect, id: Int, state: FlowState, signalsAfter: Set<AbstractPlace>) {
        guard !e.isDeferred else { return }
        let running = runningGroups(e, state)
        for a in e.accesses {
            let full = complete(a, state: state, signalsAfter: signalsAfter)
            keep(full, state: state)
            check(full, against: state, groups: running)
        }
        for r in e.release where !state.locks.locks.contains(where: { $0.lock == r }) {
            releases.insert(r)
        }
        if let g = e.group {
            check(started: g, against: state)
            startWaits[g.id] = startWaits[g.id].map { $0.intersection(state.waited) } ?? state.waited
        }
    }

    /// A `return`: deferred calls run, and whatever is still running is
    /// left to the caller.
    mutating func observeReturn(state: FlowState, values: [Operand], exitSignals: Set<AbstractPlace>) {
        var running = state
        for id in state.deferred.sorted() {
            guard let e = effectsByID[id] else { continue }
            let runningIDs = runningGroups(e, running)
            for a in e.accesses {
                let full = complete(a, state: state, signalsAfter: exitSignals)
                keep(full, state: state)
                check(full, against: running, groups: runningIDs)
            }
            if let g = e.group {
                check(started: g, against: running)
                if !g.joinedAtOnce { running.groups[g.id] = GroupProgress() }
            }
        }
        for gid in running.groups.keys.sorted() {
            guard let g = groups[gid], let progress = running.groups[gid] else { continue }
            for a in g.allAccesses where a.signalsAfter.isDisjoint(with: progress.joined) {
                var left = a.prependingSpawn(g.origin)
                // Still running when a parallel test's function returns:
                // to its callers, part of the parallel test.
                if let p = state.parallelTest {
                    left.inParallelTest = true
                    left = left.prependingSpawn(p)
                }
                // What comes before a `go` statement happens before the
                // goroutine: to a caller, its accesses come after the waits
                // made before the start, and those waits come after
                // whatever the caller started earlier. So a loop started
                // only once it takes the token of a one-slot channel, and
                // that gives the token back when it returns (`case
                // <-r.stopped: go r.runLoop()`), is ordered after the one
                // an earlier call started (`RaceRules.ordered`). They are
                // kept apart from `waitedBefore`: they are over, and the
                // caller's own accesses are not ordered by them. Within
                // this function the waits between two starts are the
                // group's progress instead (`joined`): a wait made before
                // the first start orders nothing between two of them.
                left.startedAfter.formUnion(startWaits[gid] ?? [])
                left.waitedBefore.subtract(progress.signalled)
                left.perIteration = false
                background.add(left)
            }
        }
        let held = state.locksAtReturn
        exitLocks = exitLocks.map { $0.intersection(held) } ?? held
        exitWaits = exitWaits.map { $0.intersection(state.waited) } ?? state.waited
        let parallel = state.parallelTest == nil ? nil : state.parallelParameter
        exitParallelParameter = exitParallelParameter.map { $0 == parallel ? $0 : nil } ?? parallel
        returned.append(values)
    }

    /// An access of the function's own goroutine, into the summary: made
    /// after `t.Parallel`, it runs as a parallel test, which its callers
    /// (the parent test, through `T.Run`) see as left running.
    private mutating func keep(_ full: MapAccess, state: FlowState) {
        guard let p = state.parallelTest else { return accesses.add(full) }
        var parallel = full.prependingSpawn(p)
        parallel.inParallelTest = true
        background.add(parallel)
    }

    private func complete(_ a: MapAccess, state: FlowState, signalsAfter: Set<AbstractPlace>) -> MapAccess {
        var full = a
        full.locks.formUnion(state.locks)
        full.waitedBefore.formUnion(state.waited)
        full.signalsAfter.formUnion(signalsAfter)
        return full
    }

    // MARK: - Checks

    /// The ids of the groups that may be running in `state`, in order, for
    /// checking the accesses of `e`: sorted once per instruction, not once
    /// per access (a call's effect holds up to a summary's 256); none when
    /// nothing is checked.
    private func runningGroups(_ e: InstructionEffect, _ state: FlowState) -> [Int] {
        guard report, !e.accesses.isEmpty, !state.groups.isEmpty else { return [] }
        return state.groups.keys.sorted()
    }

    /// The function's own access against every group that may be running
    /// (`groupIDs`: the keys of `state.groups`, sorted).
    private mutating func check(_ b: MapAccess, against state: FlowState, groups groupIDs: [Int]) {
        guard report else { return }
        for gid in groupIDs {
            guard let g = groups[gid], let progress = state.groups[gid], let candidates = g.accesses[b.map] else { continue }
            // A parallel test runs after every function's own accesses.
            for a in candidates where !a.inParallelTest && RaceRules.mayRace(a, b) {
                // Joined since the start: `a` signalled what the function waited for.
                if !a.signalsAfter.isDisjoint(with: progress.joined) { continue }
                // `a` waits for a signal the function has not given yet: `b` comes first.
                if !a.waitedBefore.isSubset(of: progress.signalled) { continue }
                record(RaceSide(access: a, origin: g.origin, entry: g.entry, perRequest: g.perRequest),
                       RaceSide(access: b, origin: nil, entry: node))
            }
        }
    }

    /// A group just started against every group that may be running (the
    /// same group again when the start is in a loop), and against itself
    /// when it runs per request.
    private mutating func check(started h: GoroutineGroup, against state: FlowState) {
        guard report else { return }
        for gid in state.groups.keys.sorted() {
            guard let g = groups[gid], let progress = state.groups[gid] else { continue }
            pairs(g, progress: progress, h, same: gid == h.id)
        }
        if h.perRequest { pairs(h, progress: GroupProgress(), h, same: true) }
    }

    private mutating func pairs(_ g: GoroutineGroup, progress: GroupProgress, _ h: GoroutineGroup, same: Bool) {
        for (a, c) in RaceRules.racingPairs(g, progress: progress, h, same: same) {
            record(RaceSide(access: a, origin: g.origin, entry: g.entry, perRequest: g.perRequest),
                   RaceSide(access: c, origin: h.origin, entry: h.entry, isAnotherInstance: same, perRequest: h.perRequest))
        }
    }

    private mutating func record(_ first: RaceSide, _ second: RaceSide) {
        guard reported.insert(RaceReport.sites(first.access, second.access)).inserted else { return }
        races.append(RaceReport(context: node, first: first, second: second))
    }

    // MARK: - Summary

    func summary(resolver: PlaceResolver, entrySignals: Set<AbstractPlace>) -> MapRaceSummary {
        var s = MapRaceSummary()
        s.accesses = accesses.accesses.filter { !$0.map.isLocal(to: node) }
        let results = ResultAliases(node: node, resolver: resolver, returned: returned)
        s.background = background.accesses.compactMap { results.map($0) }
        s.acquires = Set(exitLocks?.locks ?? [])
        s.releases = releases
        s.signals = entrySignals
        s.waits = exitWaits ?? []
        s.parallelTestParameter = exitParallelParameter ?? nil
        return s
    }
}
