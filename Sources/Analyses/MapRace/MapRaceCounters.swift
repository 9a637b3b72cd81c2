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

    var entries: [(String, Int)] {
        [("maprace.accesses", accesses), ("maprace.accesses-unresolved", unresolvedAccesses),
         ("maprace.locks-unresolved", unresolvedLocks), ("maprace.callee-accesses-unbound", unboundAccesses),
         ("maprace.summaries-truncated", truncatedSummaries), ("maprace.goroutine-groups-capped", cappedGroups)]
    }
}
