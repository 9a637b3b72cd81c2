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

    mutating func add(_ other: MapRaceCounters) {
        accesses += other.accesses
        unresolvedAccesses += other.unresolvedAccesses
        unresolvedLocks += other.unresolvedLocks
        unboundAccesses += other.unboundAccesses
        truncatedSummaries += other.truncatedSummaries
        cappedGroups += other.cappedGroups
    }

    /// The counts in a fixed order, for the cache.
    var values: [Int] {
        [accesses, unresolvedAccesses, unresolvedLocks, unboundAccesses, truncatedSummaries, cappedGroups]
    }

    init() {}

    /// The counts `values` gave (none: all zero); nil for another length.
    init?(values: [Int]) {
        guard values.isEmpty || values.count == 6 else { return nil }
        let v = values.isEmpty ? [Int](repeating: 0, count: 6) : values
        (accesses, unresolvedAccesses, unresolvedLocks, unboundAccesses, truncatedSummaries, cappedGroups) = (v[0], v[1], v[2], v[3], v[4], v[5])
    }

    var entries: [(String, Int)] {
        [("maprace.accesses", accesses), ("maprace.accesses-unresolved", unresolvedAccesses),
         ("maprace.locks-unresolved", unresolvedLocks), ("maprace.callee-accesses-unbound", unboundAccesses),
         ("maprace.summaries-truncated", truncatedSummaries), ("maprace.goroutine-groups-capped", cappedGroups)]
    }
}
