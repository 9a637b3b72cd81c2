/// How a lock (or lock-like ordering) is held at an access.
enum LockMode: UInt8, Hashable, Sendable, Comparable {
    /// `Lock`: excludes every other holder.
    case exclusive
    /// `RLock`: excludes only exclusive holders; readers share it.
    case shared
    /// Inside the function given to `once.Do`: runs once, before any `Do`
    /// returns.
    case onceBody
    /// After `once.Do` returned: the once body happened before.
    case onceDone

    static func < (a: LockMode, b: LockMode) -> Bool { a.rawValue < b.rawValue }
}

/// One held lock. `lock` is nil for a lock the analysis cannot name (an
/// unknown operand, a `sync.Locker` from unknown code): it may be any lock.
/// `typeKey` says which field of which named struct type the lock is
/// (`LockTypeKey`), nil when unknown or not a field: two locks with one key
/// may be one lock reached by different paths.
struct HeldLock: Hashable, Sendable {
    var lock: AbstractPlace?
    var mode: LockMode
    var typeKey: String?

    init(lock: AbstractPlace?, mode: LockMode, typeKey: String? = nil) {
        self.lock = lock
        self.mode = mode
        self.typeKey = lock == nil ? nil : typeKey
    }

    /// The same lock named `place` (a summary's lock in its caller's
    /// terms): the type key stays, since the object is the same.
    func renamed(_ place: AbstractPlace?) -> HeldLock {
        HeldLock(lock: place, mode: mode, typeKey: typeKey)
    }

    /// Whether the two may be one lock at run time: the same place, or the
    /// same field of the same named struct type (a back-pointer may lead
    /// from one object to the other). Unnamed locks are handled apart.
    func maySameLock(_ other: HeldLock) -> Bool {
        guard let a = lock, let b = other.lock else { return false }
        if a == b { return true }
        guard let k = typeKey else { return false }
        return k == other.typeKey
    }

    /// A fixed order: unnamed locks first, then by place, then by mode,
    /// then by type key.
    static func precedes(_ a: HeldLock, _ b: HeldLock) -> Bool {
        switch (a.lock, b.lock) {
        case (nil, nil): return a.mode < b.mode
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?):
            if x != y { return RaceRules.placeOrder(x, y) }
            if a.mode != b.mode { return a.mode < b.mode }
            switch (a.typeKey, b.typeKey) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let k?, let l?): return k < l
            }
        }
    }
}

private extension Array where Element == HeldLock {
    /// Removes adjacent duplicates of a sorted array.
    mutating func removeDuplicates() {
        var out: [HeldLock] = []
        out.reserveCapacity(count)
        for lock in self where out.last != lock { out.append(lock) }
        self = out
    }
}

/// The locks held at an access, and the question a race check asks of two
/// of them: do they exclude each other?
///
/// Kept as a sorted array without duplicates: a goroutine holds a lock or
/// two, and the analysis hashes and compares lock sets at every access it
/// records (as part of the access's identity) and joins them at every
/// block, where a `Set` cost a hash per element and an allocation each.
struct LockSet: Hashable, Sendable {
    private(set) var locks: [HeldLock] = []

    init() {}

    init<S: Sequence>(_ locks: S) where S.Element == HeldLock {
        self.locks = locks.sorted(by: HeldLock.precedes)
        self.locks.removeDuplicates()
    }

    var isEmpty: Bool { locks.isEmpty }

    func contains(_ lock: HeldLock) -> Bool { locks.contains(lock) }

    func isSubset(of other: LockSet) -> Bool {
        locks.count <= other.locks.count && locks.allSatisfy(other.locks.contains)
    }

    mutating func insert(_ lock: HeldLock) {
        let i = locks.firstIndex { !HeldLock.precedes($0, lock) } ?? locks.count
        if i < locks.count, locks[i] == lock { return }
        locks.insert(lock, at: i)
    }

    mutating func formUnion(_ other: LockSet) {
        for lock in other.locks { insert(lock) }
    }

    /// Drops every mode of `lock` (an unlock; nil: an unknown unlock drops
    /// the unknown lock).
    mutating func release(_ lock: AbstractPlace?) {
        locks.removeAll { $0.lock == lock && $0.mode != .onceDone && $0.mode != .onceBody }
    }

    func intersection(_ other: LockSet) -> LockSet {
        var out = LockSet()
        out.locks = locks.filter { other.locks.contains($0) }
        return out
    }

    /// Whether an access holding `self` and one holding `other` cannot run
    /// at the same time: some lock both hold, at least one exclusively, or
    /// one inside a once body and the other inside or after it. A lock the
    /// analysis cannot name may be the other's: it counts as common, so an
    /// unresolved lock never produces a finding. So does a lock that is the
    /// same field of the same named struct type as the other's (`dc.db.mu`
    /// and `db.mu`): a back-pointer may make them one lock.
    func excludes(_ other: LockSet) -> Bool {
        guard !locks.isEmpty, !other.locks.isEmpty else { return false }
        let mutualExclusion: Set<LockMode> = [.exclusive, .shared]
        if locks.contains(where: { $0.lock == nil && mutualExclusion.contains($0.mode) })
            && other.locks.contains(where: { mutualExclusion.contains($0.mode) }) { return true }
        if other.locks.contains(where: { $0.lock == nil && mutualExclusion.contains($0.mode) })
            && locks.contains(where: { mutualExclusion.contains($0.mode) }) { return true }
        for a in locks {
            guard a.lock != nil else { continue }
            for b in other.locks where a.maySameLock(b) {
                switch (a.mode, b.mode) {
                case (.exclusive, .exclusive), (.exclusive, .shared), (.shared, .exclusive):
                    return true
                case (.onceBody, .onceBody), (.onceBody, .onceDone), (.onceDone, .onceBody):
                    return true
                default:
                    continue
                }
            }
        }
        return false
    }

    /// Locks both hold only for reading: why two accesses under the same
    /// `RLock` (or one that may be the same, `LockTypeKey`) still race.
    func sharedOnly(with other: LockSet) -> [AbstractPlace] {
        var out: [AbstractPlace] = []
        for a in locks where a.mode == .shared {
            if let name = a.lock, other.locks.contains(where: { $0.mode == .shared && a.maySameLock($0) }),
               out.last != name { out.append(name) }
        }
        return out
    }

    /// Mutual-exclusion locks held (not once orderings), named.
    var mutexes: [AbstractPlace] {
        locks.compactMap { ($0.mode == .exclusive || $0.mode == .shared) ? $0.lock : nil }
    }
}
