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
struct HeldLock: Hashable, Sendable {
    var lock: AbstractPlace?
    var mode: LockMode
}

/// The locks held at an access, and the question a race check asks of two
/// of them: do they exclude each other?
struct LockSet: Hashable, Sendable {
    private(set) var locks: Set<HeldLock> = []

    init(_ locks: Set<HeldLock> = []) {
        self.locks = locks
    }

    var isEmpty: Bool { locks.isEmpty }

    mutating func insert(_ lock: HeldLock) { locks.insert(lock) }

    mutating func formUnion(_ other: LockSet) { locks.formUnion(other.locks) }

    /// Drops every mode of `lock` (an unlock; nil: an unknown unlock drops
    /// the unknown lock).
    mutating func release(_ lock: AbstractPlace?) {
        locks = locks.filter { $0.lock != lock || $0.mode == .onceDone || $0.mode == .onceBody }
    }

    func intersection(_ other: LockSet) -> LockSet { LockSet(locks.intersection(other.locks)) }

    /// Whether an access holding `self` and one holding `other` cannot run
    /// at the same time: some lock both hold, at least one exclusively, or
    /// one inside a once body and the other inside or after it. A lock the
    /// analysis cannot name may be the other's: it counts as common, so an
    /// unresolved lock never produces a finding.
    func excludes(_ other: LockSet) -> Bool {
        guard !locks.isEmpty, !other.locks.isEmpty else { return false }
        let mutualExclusion: Set<LockMode> = [.exclusive, .shared]
        if locks.contains(where: { $0.lock == nil && mutualExclusion.contains($0.mode) })
            && other.locks.contains(where: { mutualExclusion.contains($0.mode) }) { return true }
        if other.locks.contains(where: { $0.lock == nil && mutualExclusion.contains($0.mode) })
            && locks.contains(where: { mutualExclusion.contains($0.mode) }) { return true }
        for a in locks {
            guard let name = a.lock else { continue }
            for b in other.locks where b.lock == name {
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
    /// `RLock` still race.
    func sharedOnly(with other: LockSet) -> [AbstractPlace] {
        var out: [AbstractPlace] = []
        for a in locks where a.mode == .shared {
            if let name = a.lock, other.locks.contains(HeldLock(lock: name, mode: .shared)) { out.append(name) }
        }
        return out
    }

    /// Mutual-exclusion locks held (not once orderings), named.
    var mutexes: [AbstractPlace] {
        locks.compactMap { ($0.mode == .exclusive || $0.mode == .shared) ? $0.lock : nil }
    }
}
