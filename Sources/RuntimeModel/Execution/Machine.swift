import ConcIR

/// Executes the concurrency IR on the abstract runtime: from a state, every
/// state one goroutine step (or one rendezvous of two goroutines) away.
///
/// A step runs one visible operation (a channel, WaitGroup, lock, timer or
/// cancel operation, or a select) and then the goroutine's invisible
/// operations up to its next visible one. Invisible operations touch only
/// what the goroutine owns, so running them at once loses no interleaving
/// that matters (a partial-order reduction). Loops pause at their back edges,
/// so that a loop that changes nothing leads back to a known state.
public struct Machine {
    public let program: ProgramIndex
    public let skippable: SkippableCalls
    public let symbols: SymbolTable
    public let configuration: MachineConfiguration
    let spawners: KnownSpawners

    public init(program: ProgramIndex, skippable: SkippableCalls = SkippableCalls(), symbols: SymbolTable = SymbolTable(),
                configuration: MachineConfiguration = MachineConfiguration(), spawners: KnownSpawners = .standard) {
        self.program = program
        self.skippable = skippable
        self.symbols = symbols
        self.configuration = configuration
        self.spawners = spawners
    }

    /// The states in which the root function has run up to its first visible
    /// operation (several when it branches on unknown values first). Its
    /// parameters are unknown values from the caller.
    public func initialStates(root: FunctionRef) -> [Successor] {
        let f = program[root]
        guard f.hasBody else { return [] }
        let layout = program.layout(root)
        var e = Exec(state: ProgramState(root: Goroutine(traceID: 0, frame: Frame(function: root, slots: []))))
        let arguments = layout.parameterSlots.indices.map { Value.symbol(symbols.symbol(for: .parameter($0))) }
        let cells = f.captures.map { _ in e.state.heap.allocateCell(.unknown) }
        let frame = makeFrame(root, arguments: arguments, closureCells: cells, &e)
        e.state.goroutines[0].frames = [frame]
        e.state.goroutines[0].neverFinishes = !layout.canFinish
        return run(e, 0).map(\.successor)
    }

    /// Every successor of `state`. With `reduced`, when some goroutine's next
    /// step is invisible, only that goroutine moves (its step commutes with
    /// every other); the explorer asks again without reduction when that
    /// leads nowhere new (the cycle proviso).
    public func successors(of state: ProgramState, reduced: Bool) -> [Successor] {
        var pendings: [(Int, Pending)] = []
        for g in state.goroutines.indices where state.goroutines[g].isLive {
            let p = pending(of: g, in: state)
            if reduced, case .runnable = p { return run(Exec(state: state), g).map(\.successor) }
            pendings.append((g, p))
        }
        var out: [Exec] = []
        var offers: [ChannelOffer] = []
        var selects: [(goroutine: Int, block: Int, site: Site, defaultTarget: Int?)] = []
        for (g, p) in pendings {
            switch p {
            case .runnable:
                out += run(Exec(state: state), g)
            case .operation(let op):
                if op.instruction.op == .chanSend || op.instruction.op == .chanRecv {
                    offers.append(plainOffer(op, goroutine: g, in: state))
                } else if isEnabled(op, goroutine: g, in: state) {
                    var e = Exec(state: state)
                    executeVisible(op, g, &e)
                    out += continueAfterMove(e, g)
                }
            case .select(let block, let cases, let defaultTarget, let site):
                for (i, c) in cases.enumerated() { offers.append(selectOffer(c, index: i, goroutine: g, block: block, in: state)) }
                selects.append((g, block, site, defaultTarget))
            case .parked:
                continue
            }
        }
        out += communicationMoves(offers, selects: selects, in: state)
        return out.map(\.successor)
    }
}

/// The result of one move: the next state and what happened on the way.
public struct Successor: Sendable {
    public enum Ending: Sendable, Hashable {
        /// The program goes on.
        case running
        /// A run-time panic of the model (see the last event).
        case fault
        /// The program ended in a way that makes blocked goroutines moot
        /// (an explicit panic, a call that never returns).
        case crashed
        /// The path went on only by a choice the model cannot make
        /// consistently (a second atomic ticket, see `AtomicTickets`): it
        /// is no witness, and it stops here.
        case undecided
    }

    public var state: ProgramState
    public var events: [TraceEvent]
    public var ending: Ending
    /// A limit of `MachineConfiguration` was exceeded on the way: the state
    /// is not a faithful successor and must not be judged.
    public var exceededLimit: MachineLimit?
}

/// The limits of `MachineConfiguration` a move can exceed, told apart so
/// that `--stats` says which one stops the explorations.
public enum MachineLimit: String, Sendable, Codable, CaseIterable {
    /// More paths than `maxForksPerMove`.
    case forks
    /// More steps than `maxStepsPerMove`.
    case steps
    /// More live goroutines than `maxGoroutines`.
    case goroutines
    /// A counted loop of more than `maxConstantTrips` turns.
    case trips
}

/// A state being advanced by one move, with what happened so far.
struct Exec {
    var state: ProgramState
    var events: [TraceEvent] = []
    var ending: Successor.Ending = .running
    var exceededLimit: MachineLimit?

    init(state: ProgramState) { self.state = state }

    /// The finished move. Goroutine indices are only meaningful within a
    /// move, so the goroutines that returned can be dropped here.
    var successor: Successor {
        var s = state
        s.forgetFinishedGoroutines()
        return Successor(state: s, events: events, ending: ending, exceededLimit: exceededLimit)
    }

    var isRunning: Bool { ending == .running && exceededLimit == nil }

    mutating func record(_ g: Int, _ kind: TraceEvent.Kind, _ site: Site) {
        events.append(TraceEvent(goroutine: state.goroutines[g].traceID, kind: kind, site: site))
    }

    mutating func fault(_ g: Int, _ fault: RuntimeFault, _ site: Site) {
        record(g, .fault(fault), site)
        ending = .fault
    }

    /// The top frame of goroutine `g` (it has one while it is live).
    func frame(_ g: Int) -> Frame? { state.goroutines[g].frames.last }

    /// The function of goroutine `g`'s top frame, read in place: a copy of
    /// the frame retains its four arrays, and one held across a write to
    /// the frame makes that write copy them.
    func topFunction(_ g: Int) -> FunctionRef? {
        let last = state.goroutines[g].frames.count - 1
        return last >= 0 ? state.goroutines[g].frames[last].function : nil
    }

    /// Slot `s` of goroutine `g`'s top frame, read in place (nil when there is none).
    func topSlot(_ g: Int, _ s: Int) -> Value? {
        let last = state.goroutines[g].frames.count - 1
        guard last >= 0, s >= 0, s < state.goroutines[g].frames[last].slots.count else { return nil }
        return state.goroutines[g].frames[last].slots[s]
    }

    mutating func updateFrame(_ g: Int, _ body: (inout Frame) -> Void) {
        let last = state.goroutines[g].frames.count - 1
        guard last >= 0 else { return }
        body(&state.goroutines[g].frames[last])
    }
}
