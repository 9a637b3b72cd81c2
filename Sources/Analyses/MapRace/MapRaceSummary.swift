/// What a call to a function does that matters to map races, in the
/// function's own terms (its parameters, results, globals, and its
/// enclosing functions' variables): computed bottom-up over the call graph.
struct MapRaceSummary: Hashable, Sendable {
    /// Map accesses made on the calling goroutine.
    var accesses: [MapAccess] = []
    /// Map accesses of goroutines the function starts (itself or through
    /// callees) that may still run when it returns.
    var background: [MapAccess] = []
    /// Locks held on return that were not held on entry (`func (s *S) lock()`).
    var acquires: Set<HeldLock> = []
    /// Locks released that the function did not take (`unlockAndNotify`).
    var releases: Set<AbstractPlace?> = []
    /// Channels and WaitGroups signalled (send, close, Done) on every path.
    var signals: Set<AbstractPlace> = []
    /// Channels and WaitGroups waited for on every path to a return.
    var waits: Set<AbstractPlace> = []

    static let empty = MapRaceSummary()

    static let maxAccesses = 256
    static let maxBackground = 128

    var isEmpty: Bool { self == MapRaceSummary.empty }
}

/// Collects accesses without duplicates, keeping the first of equal ones,
/// up to a bound (counted when reached).
struct AccessCollector {
    private(set) var accesses: [MapAccess] = []
    private var seen: Set<MapAccess.Identity> = []
    private(set) var truncated = false
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    mutating func add(_ access: MapAccess) {
        guard seen.insert(access.identity).inserted else { return }
        guard accesses.count < limit else {
            truncated = true
            return
        }
        accesses.append(access)
    }
}

/// Every function's summary by call-graph node. The components of one
/// call-graph wave are analysed in parallel, each on its own copy: a copy
/// shares the finished summaries and keeps its writes apart, so copying
/// costs nothing, and `absorb` joins each component's writes after the wave.
struct MapRaceSummaries: Sendable {
    private var finished: [MapRaceSummary]
    private var changes: [Int: MapRaceSummary] = [:]

    init(count: Int) {
        finished = [MapRaceSummary](repeating: .empty, count: count)
    }

    subscript(node: Int) -> MapRaceSummary {
        get { changes[node] ?? finished[node] }
        set { changes[node] = newValue }
    }

    /// A copy to analyse one component on.
    var componentCopy: MapRaceSummaries {
        var copy = self
        copy.changes = [:]
        return copy
    }

    /// Takes in what a component's copy wrote.
    mutating func absorb(_ other: MapRaceSummaries) {
        for (node, summary) in other.changes { finished[node] = summary }
    }
}
