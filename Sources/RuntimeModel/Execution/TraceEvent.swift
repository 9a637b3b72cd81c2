/// Something a goroutine did on one explored path, kept so that a finding
/// can show the interleaving that leads to it.
public struct TraceEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Started goroutine `child` here (a `go` statement, `wg.Go`, a callback).
        case spawned(child: Int32)
        /// Sent on the channel (nil: an unknown one).
        case sent(ObjectID?)
        /// Received from the channel (a range step when `isRange`).
        case received(ObjectID?, isRange: Bool)
        case closed(ObjectID?)
        /// Chose case `index` of a select, on that case's channel.
        case selectedCase(Int, ObjectID?)
        case selectedDefault
        /// `wg.Add(n)`; n nil when not known here (a length a loop chooses later).
        case added(ObjectID?, Int?)
        case doneCalled(ObjectID?)
        case waitReturned(ObjectID?)
        /// A `Wait` returned while the counter was not known (after an
        /// `Add` of an unknown amount): the model only guesses that it may
        /// return here, so nothing that follows is a witness.
        case waitReturnedOnGuess(ObjectID?)
        case cancelled(ObjectID?)
        /// The goroutine's function returned (for the root: "returns here").
        case returned
        /// A run-time panic of the model (send on closed channel ...).
        case fault(RuntimeFault)
        /// `wg.Add` from zero by a goroutine that was running when a `Wait`
        /// on the same WaitGroup returned.
        case addRacedWithWait(ObjectID)
    }

    /// The goroutine's trace id (0 is the root).
    public var goroutine: Int32
    public var kind: Kind
    public var site: Site

    public init(goroutine: Int32, kind: Kind, site: Site) {
        self.goroutine = goroutine
        self.kind = kind
        self.site = site
    }

    /// A panic or a race: observed even when the state it leads to is known.
    public var isNotable: Bool {
        switch kind {
        case .fault, .addRacedWithWait: return true
        default: return false
        }
    }
}

/// The run-time panics the model detects. Each ends the program, so the
/// state after it is not explored further.
public enum RuntimeFault: Hashable, Sendable {
    /// "send on closed channel"
    case sendOnClosedChannel(ObjectID)
    /// "close of closed channel"
    case closeOfClosedChannel(ObjectID)
    /// "close of nil channel"
    case closeOfNilChannel
    /// "sync: negative WaitGroup counter"
    case negativeWaitGroupCounter(ObjectID)
}
