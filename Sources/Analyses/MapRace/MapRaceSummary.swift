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
    /// The parameter, a `*testing.T`, that the function makes a parallel
    /// test on every path (`func parallel(t *testing.T) { t.Helper();
    /// t.Parallel() }`): to a test that passes its own `t`, the call is
    /// its `t.Parallel()`.
    var parallelTestParameter: Int?

    static let empty = MapRaceSummary()

    static let maxAccesses = 256
    static let maxBackground = 128

    var isEmpty: Bool { self == MapRaceSummary.empty }

    /// The summary of a function analysed once per variant of its
    /// lock-mode parameters (`LockModeVariant`), from each variant's: an
    /// access every variant makes alike assumes nothing, the others keep
    /// their variant's values; locks acquired, signals and waits are those
    /// of every variant, releases those of any.
    static func joining(_ variants: [(assumption: ParameterAssumption, summary: MapRaceSummary)]) -> MapRaceSummary {
        guard let first = variants.first?.summary else { return .empty }
        func join(_ lists: [(ParameterAssumption, [MapAccess])], limit: Int) -> [MapAccess] {
            var made: [MapAccess: Int] = [:]
            for (_, list) in lists { for a in list { made[a, default: 0] += 1 } }
            var collector = AccessCollector(limit: limit)
            var added = Set<MapAccess>()
            for (assumption, list) in lists {
                for a in list {
                    if made[a] == lists.count {
                        if added.insert(a).inserted { collector.add(a) }
                    } else {
                        var b = a
                        b.assumption = assumption
                        collector.add(b)
                    }
                }
            }
            return collector.accesses
        }
        var out = MapRaceSummary()
        out.accesses = join(variants.map { ($0.assumption, $0.summary.accesses) }, limit: maxAccesses)
        out.background = join(variants.map { ($0.assumption, $0.summary.background) }, limit: maxBackground)
        out.acquires = first.acquires
        out.signals = first.signals
        out.waits = first.waits
        out.parallelTestParameter = first.parallelTestParameter
        for (_, s) in variants {
            if s.parallelTestParameter != out.parallelTestParameter { out.parallelTestParameter = nil }
            out.acquires.formIntersection(s.acquires)
            out.releases.formUnion(s.releases)
            out.signals.formIntersection(s.signals)
            out.waits.formIntersection(s.waits)
        }
        return out
    }
}

/// Collects the accesses a summary keeps, up to a bound (counted when
/// reached): of the accesses to one map, of one kind, by one goroutine,
/// only those no other kept access dominates.
///
/// An access dominates another when it holds a subset of its locks and of
/// its orderings (signals after, waits before): every race check the other
/// passes, it passes too (`RaceRules.mayRace` and the joins only ever drop
/// a pair for a lock or an ordering one side has), so keeping the other
/// adds no race, only work. The same map read under each of forty lock
/// combinations of a call tree is one access when it is also read under no
/// lock; without this, summaries of type checkers and servers filled to
/// the bound with such variants and their translation at every call site
/// was most of the analysis. Equal accesses keep the first found (and its
/// trail), so the result does not depend on anything but visit order.
struct AccessCollector {
    private var slots: [MapAccess?] = []
    /// Per slot: the `fingerprint` of its locks and orderings.
    private var fingerprints: [UInt64] = []
    private var byKey: [Key: [Int]] = [:]
    private var live = 0
    private(set) var truncated = false
    let limit: Int

    private struct Key: Hashable {
        var map: AbstractPlace
        var isWrite: Bool
        var spawned: SiteStep?
        var perIteration: Bool
        /// Accesses of different variants are made by different calls:
        /// one never stands for another.
        var assumption: ParameterAssumption
        /// A parallel test's access never stands for one that races with
        /// the function's own accesses.
        var inParallelTest: Bool
        /// The hash of the fields above, computed once: the table rehashes
        /// every key each time it grows, and a place hashes its names.
        let hash: Int

        init(map: AbstractPlace, isWrite: Bool, spawned: SiteStep?, perIteration: Bool, assumption: ParameterAssumption,
             inParallelTest: Bool) {
            self.map = map
            self.inParallelTest = inParallelTest
            self.isWrite = isWrite
            self.spawned = spawned
            self.perIteration = perIteration
            self.assumption = assumption
            var hasher = Hasher()
            hasher.combine(map)
            hasher.combine(isWrite)
            hasher.combine(spawned)
            hasher.combine(perIteration)
            hasher.combine(assumption)
            hasher.combine(inParallelTest)
            hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.map == b.map && a.isWrite == b.isWrite && a.spawned == b.spawned
                && a.perIteration == b.perIteration && a.assumption == b.assumption && a.inParallelTest == b.inParallelTest
        }
    }

    init(limit: Int) {
        self.limit = limit
    }

    /// The kept accesses, in the order they were first added.
    var accesses: [MapAccess] { slots.compactMap { $0 } }

    mutating func add(_ access: MapAccess) {
        let key = Key(map: access.map, isWrite: access.isWrite, spawned: access.spawnTrail.first, perIteration: access.perIteration,
                      assumption: access.assumption, inParallelTest: access.inParallelTest)
        // One lookup of the key, and its list changed in place, not copied
        // out and stored back.
        AccessCollector.add(access, to: &byKey[key, default: []], slots: &slots, fingerprints: &fingerprints, live: &live,
                            truncated: &truncated, limit: limit)
    }

    private static func add(_ access: MapAccess, to kept: inout [Int], slots: inout [MapAccess?], fingerprints: inout [UInt64],
                            live: inout Int, truncated: inout Bool, limit: Int) {
        let print = fingerprint(access)
        // A dominating access holds a subset of the locks and orderings, so
        // its fingerprint's bits are a subset too: most of a long list of
        // kept variants is passed over without comparing places.
        for i in kept where fingerprints[i] & ~print == 0 && slots[i].map({ dominates($0, access) }) == true { return }
        kept.removeAll { i in
            guard print & ~fingerprints[i] == 0, let other = slots[i], dominates(access, other) else { return false }
            slots[i] = nil
            live -= 1
            return true
        }
        guard live < limit else {
            truncated = true
            return
        }
        kept.append(slots.count)
        slots.append(access)
        fingerprints.append(print)
        live += 1
    }

    /// One bit per lock, signal and wait (by hash, each kind apart): when
    /// `a` dominates `b`, `a`'s bits are all among `b`'s. Only ever a quick
    /// no; the answer is `dominates`'s.
    static func fingerprint(_ a: MapAccess) -> UInt64 {
        func bit<T: Hashable>(_ kind: UInt8, _ value: T) -> UInt64 {
            var h = Hasher()
            h.combine(kind)
            h.combine(value)
            return 1 << (UInt64(UInt(bitPattern: h.finalize())) & 63)
        }
        var bits: UInt64 = 0
        for l in a.locks.locks { bits |= bit(0, l) }
        for s in a.signalsAfter { bits |= bit(1, s) }
        for w in a.waitedBefore { bits |= bit(2, w) }
        for w in a.startedAfter { bits |= bit(3, w) }
        return bits
    }

    /// Whether every race `b` takes part in, `a` takes part in too.
    static func dominates(_ a: MapAccess, _ b: MapAccess) -> Bool {
        a.locks.isSubset(of: b.locks) && a.signalsAfter.isSubset(of: b.signalsAfter) && a.waitedBefore.isSubset(of: b.waitedBefore)
            && a.startedAfter.isSubset(of: b.startedAfter)
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

    /// What this copy wrote: all a component's analysis hands back. Only
    /// the writes, not the copy, so that once a wave is done nothing but
    /// the table itself holds the finished summaries and `absorb` writes
    /// into them in place (a copy kept alive made the first write of each
    /// wave copy every summary of the program, and its release destroy
    /// them all).
    var writes: [Int: MapRaceSummary] { changes }

    /// Takes in what a component's copy wrote (`writes`).
    mutating func absorb(_ writes: [Int: MapRaceSummary]) {
        for (node, summary) in writes { finished[node] = summary }
    }
}
