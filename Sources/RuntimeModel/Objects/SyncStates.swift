import ConcIR

/// `sync.WaitGroup`: a counter; Wait blocks until it is zero; a negative
/// counter panics ("sync: negative WaitGroup counter").
public struct WaitGroupState: Hashable, Sendable {
    public var counter: Int
    /// False once an Add by an amount the model does not know has happened:
    /// the counter is then a guess, and neither Wait nor the sign is judged.
    public var isPrecise: Bool
    /// Some Wait has returned: a later Add from zero by a goroutine that was
    /// running then races with that Wait.
    public var waitHasReturned: Bool
    /// Adds of a length no loop has chosen a count for yet, by symbol
    /// (`wg.Add(len(urls))` before `for _, u := range urls`): each joins
    /// the counter when a loop chooses it (`ProgramState.setTripCount`),
    /// so that the Add and the loop that starts the goroutines agree.
    /// Until then the counter is not known.
    public var pendingLengths: [UInt32]

    /// More pending lengths than this make the counter a guess.
    public static let maxPendingLengths = 2

    public init() {
        counter = 0
        isPrecise = true
        waitHasReturned = false
        pendingLengths = []
    }

    /// Whether the counter is known: no Add of an unknown amount, none
    /// still waiting for its count.
    public var isKnown: Bool { isPrecise && pendingLengths.isEmpty }

    /// Whether Wait returns now.
    public var waitCanReturn: Bool { !isKnown || counter == 0 }
}

/// `sync.Mutex` and `sync.RWMutex`: Lock blocks while the lock is held by a
/// writer or by readers; RLock blocks while a writer holds it.
public struct MutexState: Hashable, Sendable {
    public var isLocked: Bool
    public var readers: Int

    public init() {
        isLocked = false
        readers = 0
    }

    public var canLock: Bool { !isLocked && readers == 0 }
    public var canReadLock: Bool { !isLocked }
}

/// A `time.Timer` or `time.Ticker`: its channel may become ready at any time
/// while it runs.
public struct TimerState: Hashable, Sendable {
    public var isTicker: Bool
    public var isStopped: Bool
    /// The channel `t.C`.
    public var channel: ObjectID
    /// The goroutine that runs a `time.AfterFunc` callback (its trace id):
    /// Stop before it ran cancels it and returns true, Stop after returns
    /// false. States do not compare the id (trace ids are not compared),
    /// only whether that goroutine has begun (see `CanonicalEncoder`).
    public var callback: Int32?

    public init(isTicker: Bool, channel: ObjectID, callback: Int32? = nil) {
        self.isTicker = isTicker
        self.isStopped = false
        self.channel = channel
        self.callback = callback
    }
}

/// A `context.Context`: done when it or an ancestor is cancelled, when a
/// deadline passes (at any time), or never (Background, TODO).
public struct ContextState: Hashable, Sendable {
    /// The parent context: `.object` of another context, `.unknown` for a
    /// context from outside, `.zero` for none (Background, TODO).
    public var parent: Value
    public var isCancelled: Bool
    /// WithTimeout / WithDeadline: done at some unknown time.
    public var mayExpire: Bool
    /// The cancel function reached code outside the explored program.
    public var cancelEscaped: Bool
    /// `ctx.Done()`'s channel, made on first use (Go returns the same
    /// channel on every call).
    public var doneChannel: ObjectID?

    public init(parent: Value, mayExpire: Bool) {
        self.parent = parent
        self.isCancelled = false
        self.mayExpire = mayExpire
        self.cancelEscaped = false
        self.doneChannel = nil
    }
}

/// A struct, slice, map or array reached through a pointer or held in a
/// variable. Fields are tracked one by one; elements are collapsed and never
/// tracked (a value stored into an element escapes).
public struct RecordState: Hashable, Sendable {
    public var fields: [String: Value]
    /// What an unwritten field holds: `.zero` for `new(T)` and zero
    /// variables, `.unknown` for composite literals whose contents the IR
    /// does not show.
    public var unwrittenField: Value
    /// The length, for `make([]T, n)` and loops over the record.
    public var length: Value
    /// The record's type, when known: a composite literal cannot set a
    /// WaitGroup or Mutex field to anything but its zero value.
    public var type: GoType?

    public init(unwrittenField: Value, length: Value = .unknown, type: GoType? = nil) {
        self.fields = [:]
        self.unwrittenField = unwrittenField
        self.length = length
        self.type = type
    }

    public func field(_ name: String) -> Value { fields[name] ?? unwrittenField }
}
