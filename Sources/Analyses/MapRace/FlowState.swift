/// How far the function has synchronised with a goroutine group since
/// starting it.
struct GroupProgress: Hashable, Sendable {
    /// Channels received from and WaitGroups waited for since the start, on
    /// every path: the group's accesses that signal one of them before are
    /// ordered before what follows.
    var joined: Set<AbstractPlace> = []
    /// Channels and WaitGroups the function signalled since the start, on
    /// some path: the group's accesses that wait for one of them may run now.
    var signalled: Set<AbstractPlace> = []

    func merged(with other: GroupProgress) -> GroupProgress {
        GroupProgress(joined: joined.intersection(other.joined), signalled: signalled.union(other.signalled))
    }
}

/// The forward dataflow state at a point of a function: what is held and
/// waited for on every path from the entry, and which goroutine groups may
/// be running.
struct FlowState: Equatable, Sendable {
    var locks = LockSet()
    /// Locks a deferred unlock will release on return.
    var deferredUnlocks: Set<AbstractPlace?> = []
    /// Channels and WaitGroups waited for since the entry.
    var waited: Set<AbstractPlace> = []
    /// Deferred `Done`s and closes: signalled on return.
    var deferredSignals: Set<AbstractPlace> = []
    /// Deferred instructions that may have been registered (by id).
    var deferred: Set<Int> = []
    /// Groups that may be running, by id.
    var groups: [Int: GroupProgress] = [:]
    /// Whether a serve call (`ConcurrencyVocabulary.serving`) may have
    /// run: a handler registered after it may run at once.
    var serving = false
    /// Where the test called `t.Parallel`, on every path: from here on it
    /// runs as a parallel test.
    var parallelTest: SiteStep?
    /// The parameter `parallelTest` made parallel (`InstructionEffect.parallelParameter`).
    var parallelParameter: Int?

    func merged(with other: FlowState) -> FlowState {
        var out = FlowState()
        out.locks = locks.intersection(other.locks)
        out.deferredUnlocks = deferredUnlocks.intersection(other.deferredUnlocks)
        out.waited = waited.intersection(other.waited)
        out.deferredSignals = deferredSignals.intersection(other.deferredSignals)
        out.deferred = deferred.union(other.deferred)
        out.groups = groups.merging(other.groups) { $0.merged(with: $1) }
        out.serving = serving || other.serving
        if let a = parallelTest, let b = other.parallelTest {
            let first = RaceRules.siteOrder(a, b)
            out.parallelTest = first ? a : b
            out.parallelParameter = parallelParameter == other.parallelParameter ? parallelParameter : nil
        }
        return out
    }

    /// The effect of an instruction on the state (its accesses and group
    /// checks are the analyzer's business).
    mutating func apply(_ e: InstructionEffect, id: Int) {
        if e.isDeferred {
            deferredSignals.formUnion(e.signals)
            deferredUnlocks.formUnion(e.release)
            if !e.accesses.isEmpty || e.group != nil { deferred.insert(id) }
            return
        }
        for r in e.release { locks.release(r) }
        for a in e.acquire { locks.insert(a) }
        if !e.joins.isEmpty {
            waited.formUnion(e.joins)
            for k in groups.keys { groups[k]?.joined.formUnion(e.joins) }
        }
        if !e.signals.isEmpty {
            for k in groups.keys { groups[k]?.signalled.formUnion(e.signals) }
            if e.signals.contains(ConcurrencyVocabulary.serving) { serving = true }
        }
        if let g = e.group, !g.joinedAtOnce {
            groups[g.id] = GroupProgress(joined: [], signalled: serving ? [ConcurrencyVocabulary.serving] : [])
        }
        if parallelTest == nil, let p = e.parallelTest {
            parallelTest = p
            parallelParameter = e.parallelParameter
        }
    }

    /// The locks still held once the function returns from this state:
    /// its deferred unlocks run first.
    var locksAtReturn: LockSet {
        var held = locks
        for r in deferredUnlocks { held.release(r) }
        return held
    }

    /// A receive in a select case: the same as a receive instruction, on
    /// that case's edge only.
    mutating func join(_ channel: AbstractPlace) {
        waited.insert(channel)
        for k in groups.keys { groups[k]?.joined.insert(channel) }
    }
}
