/// The standard-library types whose values concurrency rules follow.
///
/// Rules ask "is this a WaitGroup?" far more often than anything else about a
/// type; answering from one table keeps the spelling of these names in one
/// place.
public enum WellKnownType: String, Hashable, Sendable, CaseIterable {
    case mutex = "sync.Mutex"
    case rwMutex = "sync.RWMutex"
    case waitGroup = "sync.WaitGroup"
    case once = "sync.Once"
    case cond = "sync.Cond"
    case pool = "sync.Pool"
    case syncMap = "sync.Map"
    case atomicValue = "sync/atomic.Value"
    case atomicBool = "sync/atomic.Bool"
    case atomicInt32 = "sync/atomic.Int32"
    case atomicInt64 = "sync/atomic.Int64"
    case atomicUint32 = "sync/atomic.Uint32"
    case atomicUint64 = "sync/atomic.Uint64"
    case atomicUintptr = "sync/atomic.Uintptr"
    case atomicPointer = "sync/atomic.Pointer"
    case timer = "time.Timer"
    case ticker = "time.Ticker"
    case duration = "time.Duration"
    case time = "time.Time"
    case context = "context.Context"
    case cancelFunc = "context.CancelFunc"
    case cancelCauseFunc = "context.CancelCauseFunc"

    static let byName: [String: WellKnownType] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The type itself, as a `GoType`.
    public var type: GoType { .named(rawValue) }

    /// sync.Mutex or sync.RWMutex.
    public var isLock: Bool { self == .mutex || self == .rwMutex }

    /// One of sync/atomic's typed values.
    public var isAtomic: Bool { rawValue.hasPrefix("sync/atomic.") }

    /// Values that must not be copied after first use (go vet's copylocks).
    public var isNoCopy: Bool {
        switch self {
        case .mutex, .rwMutex, .waitGroup, .once, .cond, .pool, .syncMap: return true
        default: return isAtomic
        }
    }
}

extension GoType {
    /// The well-known standard type this is, exactly (not through a pointer).
    public var wellKnown: WellKnownType? {
        guard case .named(let name, _) = self else { return nil }
        return WellKnownType.byName[name]
    }

    /// The well-known type of this value or of what it points to: a
    /// `*sync.WaitGroup` parameter is still a WaitGroup to the rules.
    public var wellKnownThroughPointer: WellKnownType? {
        if case .pointer(let t) = self { return t.wellKnown }
        return wellKnown
    }

    /// Element type and direction when this is a channel type.
    public var channel: (direction: ChanDirection, element: GoType)? {
        guard case .chan(let d, let e) = self else { return nil }
        return (d, e)
    }

    /// Key and value types when this is a map type.
    public var mapTypes: (key: GoType, value: GoType)? {
        guard case .map(let k, let v) = self else { return nil }
        return (k, v)
    }

    /// What a pointer type points to.
    public var pointee: GoType? {
        guard case .pointer(let t) = self else { return nil }
        return t
    }

    /// The element of a slice or array.
    public var element: GoType? {
        switch self {
        case .slice(let e), .array(_, let e): return e
        default: return nil
        }
    }

    public var isUnknown: Bool { self == .unknown }

    /// The type of `t.C` for a time.Timer or time.Ticker: the channel the
    /// runtime sends the time on.
    public static let timerChannel = GoType.chan(.recv, element: .named("time.Time"))
}
