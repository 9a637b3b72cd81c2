/// A resource described without Swift code: how it is acquired, released
/// and handed over. The lifecycle (typestate) engine reads this and checks
/// every path of each function's control-flow graph.
public struct LifecycleSpec: Hashable, Sendable {
    /// The noun used in messages (`ticker`, `rows`): the `{resource}` placeholder.
    public var resource: String
    public var acquire: [AcquireSpec]
    public var release: [ReleaseSpec]
    /// What counts as handing ownership elsewhere, so that no finding is due.
    public var transfer: [TransferKind]
    public var messages: LifecycleMessages
    public var options: LifecycleOptions

    public init(resource: String, acquire: [AcquireSpec], release: [ReleaseSpec], transfer: [TransferKind],
                messages: LifecycleMessages, options: LifecycleOptions = LifecycleOptions()) {
        self.resource = resource
        self.acquire = acquire
        self.release = release
        self.transfer = transfer
        self.messages = messages
        self.options = options
    }
}

/// Which value of a call is the resource.
public enum ResourceSlot: Hashable, Sendable, CustomStringConvertible {
    /// Result number n (0-based): `os.Open` #0, `context.WithCancel` #1 (the cancel func).
    case result(Int)
    /// The method's receiver: `(*sync.Mutex).Lock`.
    case receiver
    /// Argument number n (0-based): `C.free` #0.
    case argument(Int)

    public var description: String {
        switch self {
        case let .result(n): return "result #\(n)"
        case .receiver: return "receiver"
        case let .argument(n): return "argument #\(n)"
        }
    }
}

/// A call that creates the resource.
public struct AcquireSpec: Hashable, Sendable {
    public var call: CallPattern
    public var resource: ResourceSlot
    /// The index of an `error` result: on paths where it is non-nil, nothing
    /// was acquired (`rows, err := db.Query(...); if err != nil { return err }`).
    public var errorResult: Int?
    /// The argument (0-based, after the receiver) that is a context the
    /// resource is bound to: cancelling that context releases it
    /// (`(*sql.DB).QueryContext` closes its rows when ctx is cancelled).
    public var contextArgument: Int?
    /// The index of a `bool` result that says whether the call acquired:
    /// on paths where it is false, nothing was (`if mu.TryLock() { ... }`).
    public var successResult: Int?

    public init(call: CallPattern, resource: ResourceSlot, errorResult: Int? = nil, contextArgument: Int? = nil,
                successResult: Int? = nil) {
        self.call = call
        self.resource = resource
        self.errorResult = errorResult
        self.contextArgument = contextArgument
        self.successResult = successResult
    }
}

/// A call that ends the resource.
public enum ReleaseSpec: Hashable, Sendable, CustomStringConvertible {
    /// Calling this function or method with the resource in the slot:
    /// `(*time.Ticker).Stop` on the receiver, `C.free` with argument #0.
    case call(CallPattern, ResourceSlot)
    /// A call whose boolean result #0 says whether it released the resource:
    /// the resource is released on the path where that result is false
    /// (`(*sql.Rows).Next` closes the rows when it returns false), and
    /// still held where it is true.
    case callReturningFalse(CallPattern, ResourceSlot)
    /// Calling the resource itself, which is a function value (a context's cancel func).
    case invoke

    public var description: String {
        switch self {
        case let .call(pattern, slot): return "\(pattern) (\(slot))"
        case let .callReturningFalse(pattern, slot): return "\(pattern) (\(slot)) when it returns false"
        case .invoke: return "calling it"
        }
    }
}

/// A way the resource leaves the function's responsibility.
public enum TransferKind: String, Hashable, Sendable, CaseIterable {
    /// Returned to the caller.
    case `return`
    /// Stored in a struct field (the struct's owner releases it).
    case field
    /// Stored in a package-level variable.
    case global
    /// Passed to any function.
    case argument
    /// Passed to a function whose summary releases (or hands over) that parameter.
    case argumentIfReleased = "argument-if-released"
    /// Captured by a goroutine.
    case goroutine
    /// Captured by a goroutine whose body releases it.
    case goroutineIfReleased = "goroutine-if-released"
    /// Captured by a function literal.
    case closure
    /// Captured by a function literal whose body releases it.
    case closureIfReleased = "closure-if-released"
    /// Sent on a channel.
    case channel

    /// The unconditional kind that a conditional one refines; listing both
    /// would make the condition meaningless, so the loader rejects it.
    public var unconditional: TransferKind? {
        switch self {
        case .argumentIfReleased: return .argument
        case .goroutineIfReleased: return .goroutine
        case .closureIfReleased: return .closure
        default: return nil
        }
    }
}

/// Message templates of a lifecycle rule.
public struct LifecycleMessages: Hashable, Sendable {
    /// Not released on some path (required).
    public var leak: MessageTemplate
    /// Released twice on some path.
    public var doubleRelease: MessageTemplate?
    /// Used after release on some path.
    public var useAfterRelease: MessageTemplate?

    public init(leak: MessageTemplate, doubleRelease: MessageTemplate? = nil, useAfterRelease: MessageTemplate? = nil) {
        self.leak = leak
        self.doubleRelease = doubleRelease
        self.useAfterRelease = useAfterRelease
    }
}

/// Switches that change how paths are judged.
public struct LifecycleOptions: Hashable, Sendable {
    /// A `defer` of a release right after acquiring counts as releasing on every path.
    public var deferReleaseOK: Bool
    /// A resource acquired in a loop body must be released (or handed over)
    /// before the next iteration, not only before the function returns.
    public var loopScoped: Bool
    /// Paths that end in a panic are checked too (off: a panicking process
    /// seldom cares about the resource).
    public var panicPaths: Bool

    public init(deferReleaseOK: Bool = true, loopScoped: Bool = false, panicPaths: Bool = false) {
        self.deferReleaseOK = deferReleaseOK
        self.loopScoped = loopScoped
        self.panicPaths = panicPaths
    }
}
