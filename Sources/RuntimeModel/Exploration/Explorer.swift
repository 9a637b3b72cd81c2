/// Explores the interleavings of a root function and the goroutines it
/// starts, breadth first (so witnesses are shortest), remembering every
/// state seen (compared with `CanonicalEncoder`), up to a bound.
public final class Explorer {
    public let machine: Machine
    public let root: FunctionRef
    public let maxStates: Int
    private let encoder: CanonicalEncoder
    private var parents: [Int32] = []
    private var transitions: [[TraceEvent]] = []

    public init(machine: Machine, root: FunctionRef, maxStates: Int) {
        self.machine = machine
        self.root = root
        self.maxStates = max(1, maxStates)
        self.encoder = CanonicalEncoder(program: machine.program)
    }

    /// What the exploration saw. `node` identifies a state for `path(to:)`.
    public enum Observation {
        /// A new state, with the events of the move that reached it. Its
        /// `ending` says whether it faulted (the last event says how) or crashed.
        case reached(node: Int, state: ProgramState, events: [TraceEvent], ending: Successor.Ending)
        /// A state where nothing can move any more: every live goroutine is
        /// blocked (the root included, unless it returned).
        case terminal(node: Int, state: ProgramState)
    }

    public struct Summary: Sendable {
        public var states: Int
        /// The state bound stopped the exploration.
        public var hitStateBound: Bool
        /// Some move exceeded a machine limit (goroutines, steps, forks)
        /// and was dropped.
        public var exceededMachineLimit: Bool
    }

    public func explore(_ observe: (Observation) -> Void) -> Summary {
        var visited = Set<[UInt32]>()
        var queue: [(state: ProgramState, node: Int)] = []
        var head = 0
        var summary = Summary(states: 0, hitStateBound: false, exceededMachineLimit: false)

        func admit(_ s: Successor, parent: Int) -> Bool {
            if s.exceededLimit {
                summary.exceededMachineLimit = true
                return false
            }
            let isNew = visited.insert(encoder.encode(s.state)).inserted
            // A panic or a race is a property of the move, not of the state
            // it reaches (which may be known already): it is always observed.
            guard isNew || s.ending != .running || s.events.contains(where: \.isNotable) else { return false }
            guard parents.count < maxStates else {
                summary.hitStateBound = true
                return false
            }
            let node = parents.count
            parents.append(Int32(parent))
            transitions.append(s.events)
            observe(.reached(node: node, state: s.state, events: s.events, ending: s.ending))
            if s.ending == .running && isNew { queue.append((s.state, node)) }
            return isNew
        }

        for s in machine.initialStates(root: root) { _ = admit(s, parent: -1) }
        while head < queue.count && !summary.hitStateBound {
            let (state, node) = queue[head]
            queue[head] = (ProgramState(root: state.root), node)  // release the memory of expanded states
            head += 1
            var successors = machine.successors(of: state, reduced: true)
            var anyNew = false
            for s in successors where admit(s, parent: node) { anyNew = true }
            if !anyNew {
                // The reduced expansion led nowhere new: expand fully, so
                // that no goroutine is ignored around a cycle.
                successors = machine.successors(of: state, reduced: false)
                for s in successors { _ = admit(s, parent: node) }
            }
            if successors.isEmpty { observe(.terminal(node: node, state: state)) }
        }
        summary.states = parents.count
        return summary
    }

    /// The events from the initial state to `node`, in order.
    public func path(to node: Int) -> [TraceEvent] {
        var chunks: [[TraceEvent]] = []
        var n = node
        var guardSteps = 0
        while n >= 0 && n < parents.count && guardSteps <= parents.count {
            chunks.append(transitions[n])
            n = Int(parents[n])
            guardSteps += 1
        }
        return chunks.reversed().flatMap { $0 }
    }
}
