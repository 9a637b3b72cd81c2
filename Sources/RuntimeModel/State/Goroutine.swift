import ConcIR

/// One activation of a function on a goroutine's stack.
public struct Frame: Hashable, Sendable {
    public var function: FunctionRef
    public var block: Int32
    /// The next instruction of `block`; `instructions.count` means the terminator.
    public var instruction: Int32
    /// Variable slots then temporaries (see `Liveness`); a cell slot holds `.cell`.
    public var slots: [Value]
    /// Deferred operations, in registration order (run last first).
    public var defers: [DeferredOperation]
    /// Remaining iterations of the counted loops being run, by header block.
    public var loopTrips: [LoopTrip]
    /// Set when the frame has reached `return`: the results, while the
    /// deferred operations run.
    public var returnValues: [Value]?

    public init(function: FunctionRef, slots: [Value]) {
        self.function = function
        self.block = 0
        self.instruction = 0
        self.slots = slots
        self.defers = []
        self.loopTrips = []
        self.returnValues = nil
    }

    public var isReturning: Bool { returnValues != nil }
}

/// A `defer`: the instruction, with its operands (and callee value)
/// evaluated where the `defer` statement ran, as Go evaluates them.
public struct DeferredOperation: Hashable, Sendable {
    public var block: Int32
    public var instruction: Int32
    public var operands: [Value]
    /// The function value of a deferred call through a variable or closure.
    public var callee: Value?

    public init(block: Int32, instruction: Int32, operands: [Value], callee: Value?) {
        self.block = block
        self.instruction = instruction
        self.operands = operands
        self.callee = callee
    }
}

/// Iterations left for a loop header: a counted loop (`for range n`, a
/// range over a slice) or how many more times an unknown condition may
/// choose to go round.
public struct LoopTrip: Hashable, Sendable {
    public var header: Int32
    public var remaining: Int32

    public init(header: Int32, remaining: Int32) {
        self.header = header
        self.remaining = remaining
    }
}

/// What a goroutine is doing.
public enum GoroutineStatus: UInt8, Hashable, Sendable {
    /// It has a next step (which may be blocked in this state).
    case live
    /// It returned.
    case finished
    /// It runs forever without doing anything the model sees (an endless
    /// loop in a function without channel or sync operations).
    case parked
}

/// A goroutine: its stack and bookkeeping the findings need.
public struct Goroutine: Hashable, Sendable {
    /// Spawn order along the current path (0 is the root). Not part of
    /// state comparison: goroutines that do the same thing are interchangeable.
    public var traceID: Int32
    public var frames: [Frame]
    public var status: GoroutineStatus
    /// Started by a callback that may never run (`time.AfterFunc`, an HTTP
    /// handler): its effects are explored, its blocking is never reported.
    public var isSpeculative: Bool
    /// Its function can never return (no return or panic is reachable).
    public var neverFinishes: Bool
    /// WaitGroups whose Wait returned while this goroutine was running: an
    /// Add from zero by this goroutine races with that Wait.
    public var racingWaits: [ObjectID]
    /// Where it was started (the `go` statement), for witnesses.
    public var spawnSite: Site?
    /// Started by `wg.Go`: Done on this WaitGroup when it returns.
    public var doneOnFinish: ObjectID?
    /// Started by `go <operation>` (`go close(ch)`): it ends after that
    /// one instruction of its frame.
    public var runsSingleOperation: Bool
    /// How many times the function it runs is already running in the chain
    /// of goroutines that started it (a recursive tree walk that starts a
    /// goroutine per child): from level 1 on, loops over values the model
    /// does not know run zero times, so the recursion ends.
    public var recursionLevel: Int8

    public init(traceID: Int32, frame: Frame, isSpeculative: Bool = false, neverFinishes: Bool = false, spawnSite: Site? = nil) {
        self.traceID = traceID
        self.frames = [frame]
        self.status = .live
        self.isSpeculative = isSpeculative
        self.neverFinishes = neverFinishes
        self.racingWaits = []
        self.spawnSite = spawnSite
        self.doneOnFinish = nil
        self.runsSingleOperation = false
        self.recursionLevel = 0
    }

    public var isLive: Bool { status == .live }
    /// Live and still at the first instruction of its function: it has not
    /// run a step (an AfterFunc callback whose timer has not fired may be
    /// cancelled by Stop).
    public var isAtEntry: Bool {
        isLive && frames.count == 1 && frames[0].block == 0 && frames[0].instruction == 0
    }
    public var top: Frame? { frames.last }
}
