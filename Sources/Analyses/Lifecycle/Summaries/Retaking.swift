import ConcIR

/// Acquisitions of a place (a mutex) that do not change what the caller
/// holds: re-taking a lock the function released earlier on the path while
/// its caller held it (`mu.Unlock(); ...; mu.Lock()`, `mu.Unlock(); defer
/// mu.Lock()`), or taking again a lock whose deferred release is already
/// registered (`mu.Lock(); defer mu.Unlock(); if c { mu.Unlock(); ...;
/// mu.Lock() }`, as in `(*log.Logger).Output`). Such an acquisition neither
/// leaks nor leaves the lock acquired for the caller, and a function that
/// re-takes what it released does not release it for the caller either.
struct Retaking {
    /// Acquisitions (block, index) to leave alone.
    private(set) var neutral: Set<[Int]> = []
    /// Places released from the caller and re-taken on some path.
    private(set) var retakenPlaces: Set<Place> = []

    /// Where one place stands on one path, as a bit: untouched (held or not
    /// as the caller left it), released from the caller, taken by this
    /// function, released by this function; plus whether a deferred
    /// release of it is registered.
    private static let untouched: UInt8 = 1, callerReleased: UInt8 = 2, own: UInt8 = 4, ownReleased: UInt8 = 8
    private static let stateCount = 4

    init(facts: FunctionFacts, acquisitions: [Acquisition], releases: (Instruction) -> [Place]) {
        let places = Set(acquisitions.filter(\.isPlaceResource).compactMap { $0.resource.map(facts.normalize) })
        guard !places.isEmpty else { return }
        var acquiredAt: [[Int]: Set<Place>] = [:]
        for a in acquisitions where a.isPlaceResource {
            if let r = a.resource { acquiredAt[[a.block, a.index], default: []].insert(facts.normalize(r)) }
        }
        let blocks = facts.function.blocks
        for place in places {
            // A state set is 8 bits: the four positions without a deferred
            // release, then the four with one.
            var entry = [UInt8](repeating: 0, count: blocks.count)
            guard !blocks.isEmpty else { return }
            entry[0] = Self.untouched
            var work = [0]
            var queued: Set<Int> = [0]
            while let b = work.popLast() {
                queued.remove(b)
                var s = entry[b]
                for (i, inst) in blocks[b].instructions.enumerated() {
                    if acquiredAt[[b, i]]?.contains(place) == true {
                        if s & (Self.callerReleased | Self.callerReleased << 4) != 0 {
                            neutral.insert([b, i])
                            retakenPlaces.insert(place)
                        } else if s & 0xF0 != 0 {
                            // Covered by a deferred release registered before:
                            // it runs at exit, and after a deferred acquisition
                            // (defers run last in, first out).
                            neutral.insert([b, i])
                        }
                        if inst.mode == .now { s = Self.acquire(s) }
                    }
                    if releases(inst).contains(where: { facts.normalize($0) == place }) {
                        switch inst.mode {
                        case .now, .go: s = Self.release(s)
                        case .defer: s = (s | s >> 4) << 4
                        }
                    }
                }
                for succ in facts.cfg.successors[b] where succ < entry.count {
                    let merged = entry[succ] | s
                    if merged != entry[succ] {
                        entry[succ] = merged
                        if queued.insert(succ).inserted { work.append(succ) }
                    }
                }
            }
        }
    }

    private static func map(_ s: UInt8, _ f: (UInt8) -> UInt8) -> UInt8 {
        f(s & 0x0F) | (f(s >> 4) << 4)
    }

    private static func acquire(_ s: UInt8) -> UInt8 {
        map(s) { low in
            var out: UInt8 = 0
            if low & untouched != 0 { out |= own }
            if low & callerReleased != 0 { out |= untouched }
            if low & (own | ownReleased) != 0 { out |= own }
            return out
        }
    }

    private static func release(_ s: UInt8) -> UInt8 {
        map(s) { low in
            var out: UInt8 = 0
            if low & (untouched | callerReleased) != 0 { out |= callerReleased }
            if low & (own | ownReleased) != 0 { out |= ownReleased }
            return out
        }
    }

    func isNeutral(_ a: Acquisition) -> Bool { neutral.contains([a.block, a.index]) }
}
