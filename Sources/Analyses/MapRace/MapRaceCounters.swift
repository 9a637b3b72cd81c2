/// What the analysis could not follow, reported with `--stats`: accesses
/// whose map cannot be named (an unknown operand or type, reflection,
/// unsafe), locks it cannot name, accesses of callees that could not be
/// bound to the caller's places, summaries cut at their bound.
struct MapRaceCounters {
    var accesses = 0
    var unresolvedAccesses = 0
    var unresolvedLocks = 0
    var unboundAccesses = 0
    var truncatedSummaries = 0
    var cappedGroups = 0
    /// Functions analysed without the dataflow: only accesses, no lock
    /// held on entry (`FunctionRaceAnalyzer.accessesOnly`).
    var withoutDataflow = 0
    /// Functions a callee runs on the calling goroutine that the call hands
    /// it (`cache.Do(key, func() { ... })`): not followed (`EffectBuilder.expandRun`).
    var unfollowedRuns = 0

    mutating func add(_ other: MapRaceCounters) {
        accesses += other.accesses
        unresolvedAccesses += other.unresolvedAccesses
        unresolvedLocks += other.unresolvedLocks
        unboundAccesses += other.unboundAccesses
        truncatedSummaries += other.truncatedSummaries
        cappedGroups += other.cappedGroups
        withoutDataflow += other.withoutDataflow
        unfollowedRuns += other.unfollowedRuns
    }

    /// The counts in a fixed order, for the cache.
    var values: [Int] {
        [accesses, unresolvedAccesses, unresolvedLocks, unboundAccesses, truncatedSummaries, cappedGroups, withoutDataflow, unfollowedRuns]
    }

    init() {}

    /// The counts `values` gave (none: all zero); nil for another length.
    init?(values: [Int]) {
        guard values.isEmpty || values.count == 8 else { return nil }
        let v = values.isEmpty ? [Int](repeating: 0, count: 8) : values
        (accesses, unresolvedAccesses, unresolvedLocks, unboundAccesses, truncatedSummaries, cappedGroups, withoutDataflow, unfollowedRuns)
            = (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
    }

    var entries: [(String, Int)] {
        [("maprace.accesses", accesses), ("maprace.accesses-unresolved", unresolvedAccesses),
         ("maprace.locks-unresolved", unresolvedLocks), ("maprace.callee-accesses-unbound", unboundAccesses),
         ("maprace.summaries-truncated", truncatedSummaries), ("maprace.goroutine-groups-capped", cappedGroups),
         ("maprace.functions-without-dataflow", withoutDataflow), ("maprace.handed-functions-run-now-unfollowed", unfollowedRuns)]
    }
}
