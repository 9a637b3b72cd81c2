/// A channel: Go's blocking rules for send, receive and close, as pure
/// functions of the channel's state.
///
/// The rules (The Go Programming Language Specification, "Channel types",
/// "Send statements", "Receive operator", "Close"):
/// - a send blocks until a receiver takes the value (unbuffered) or the
///   buffer has room; a send on a closed channel panics;
/// - a receive blocks until a value is available; on a closed channel whose
///   buffer is empty it returns the zero value and `ok == false` at once;
/// - closing a closed channel panics (closing a nil one too, see `Value`);
/// - operations on a nil channel block forever (handled by the caller,
///   since a nil channel is a value, not an object).
public struct ChannelState: Hashable, Sendable {
    /// Where the channel comes from, which decides who else may use it.
    public enum Source: Hashable, Sendable {
        /// `make(chan T, n)` in the explored code.
        case made
        /// `t.C` of a `time.Timer` or `time.Ticker` (the timer object).
        case timer(ObjectID)
        /// `time.After(d)`: receives one value, some time after creation.
        case after
        /// `time.Tick(d)`: receives a value again and again, forever.
        case tick
        /// `ctx.Done()` of a context object: closed when it is cancelled.
        case contextDone(ObjectID)
    }

    public var source: Source
    /// The buffer size; nil when the capacity is not known (modelled as a
    /// buffer that never fills, so that no send is judged blocked on a guess).
    public var capacity: Int?
    /// Buffered values, oldest first.
    public var buffer: [Value]
    public var isClosed: Bool
    /// For one-shot timer channels (`time.After`, a Timer's `C`): the one
    /// value has been received and no Reset re-armed the timer.
    public var hasFired: Bool

    public init(source: Source = .made, capacity: Int?) {
        self.source = source
        self.capacity = capacity
        self.buffer = []
        self.isClosed = false
        self.hasFired = false
    }

    /// Whether a send can complete on its own, into the buffer.
    public var hasRoom: Bool {
        guard let capacity else { return true }
        return buffer.count < capacity
    }

    /// Whether the channel is unbuffered (a send needs a waiting receiver).
    public var isSynchronous: Bool { capacity == 0 }

    /// Whether a receive can complete without a sender: a buffered value, or
    /// the channel is closed.
    public var canReceiveWithoutSender: Bool { !buffer.isEmpty || isClosed }
}

/// How ready a communication is in the current state.
public enum Readiness: Hashable, Sendable {
    /// It can complete now (or it panics now, for a send on a closed channel).
    case ready
    /// It may complete at any time, or not: an unknown or escaped channel, a
    /// timer, a context that may time out. Taking it is one possible future;
    /// never taking it is not a finding.
    case mayBeReady
    /// It can complete only together with a partner goroutine (an unbuffered
    /// send or receive).
    case needsPartner
    /// It cannot complete in this state.
    case blocked
}
