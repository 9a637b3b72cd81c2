/// One object of the abstract heap and where it was made.
public struct HeapObject: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case channel(ChannelState)
        case waitGroup(WaitGroupState)
        case mutex(MutexState)
        case timer(TimerState)
        case context(ContextState)
        /// A `context.CancelFunc`: calling it cancels the context.
        case cancelFunc(context: ObjectID)
        case record(RecordState)
        /// A closure value: its function and the cells of the variables it captures.
        case closure(function: FunctionRef, cells: [CellID])
        /// A `sync.Once`: whether its function has run.
        case once(done: Bool)
    }

    public var kind: Kind
    /// Code outside the explored program may hold this object: it may send,
    /// receive, close, Add, Done, unlock or cancel at any time, so nothing
    /// blocked on it is reported.
    public var escaped: Bool
    /// Where it was made (the `chan.make`, `wg` first use, `ctx.withcancel` ...).
    public var origin: Site

    public init(_ kind: Kind, origin: Site, escaped: Bool = false) {
        self.kind = kind
        self.escaped = escaped
        self.origin = origin
    }

    public var channel: ChannelState? {
        if case .channel(let c) = kind { return c }
        return nil
    }

    public var waitGroup: WaitGroupState? {
        if case .waitGroup(let w) = kind { return w }
        return nil
    }

    public var context: ContextState? {
        if case .context(let c) = kind { return c }
        return nil
    }

    public var record: RecordState? {
        if case .record(let r) = kind { return r }
        return nil
    }
}
