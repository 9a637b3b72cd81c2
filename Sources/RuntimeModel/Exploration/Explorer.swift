/// Explores the interleavings of a root function and the goroutines it
/// starts, breadth first (so witnesses are shortest), remembering every
/// state seen (as a fingerprint of its `CanonicalEncoder` encoding), up to
/// a bound.
public final class Explorer {
    public let machine: Machine
    public let root: FunctionRef
    public let maxStates: Int
    private var encoder: CanonicalEncoder
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
        /// Some move exceeded a machine limit (goroutines, steps, forks):
        /// it was dropped and the exploration ended there (see `explore`).
        /// The first limit exceeded.
        public var exceededMachineLimit: MachineLimit?
    }

    /// Explores breadth first until every state is seen, the state bound
    /// is reached, or a move exceeds a machine limit. A move over a limit
    /// is not one the machine can follow, so the search is no longer
    /// exhaustive; carrying on would re-run that move, at full cost, from
    /// every later state where the goroutine stands at the same point (on
    /// net/http, 96% of the leak analysis's time went there). What was
    /// observed before stays: each finding has its witness.
    public func explore(_ observe: (Observation) -> Void) -> Summary {
        // Each state seen, with the node that first reached it (-1 when it
        // was seen past the bound and got no node).
        var visited: [StateFingerprint: Int32] = [:]
        var queue: [(state: ProgramState, node: Int)] = []
        var head = 0
        var summary = Summary(states: 0, hitStateBound: false, exceededMachineLimit: nil)

        /// Admits a successor of `parent`. Returns whether its state is new,
        /// and the node that first reached it (nil past the bound).
        func admit(_ s: Successor, parent: Int) -> (isNew: Bool, node: Int32?) {
            if let limit = s.exceededLimit {
                summary.exceededMachineLimit = summary.exceededMachineLimit ?? limit
                return (false, nil)
            }
            let fingerprint = encoder.fingerprint(s.state)
            let known = visited[fingerprint]
            let isNew = known == nil
            // A panic or a race is a property of the move, not of the state
            // it reaches (which may be known already): it is always observed.
            guard isNew || s.ending != .running || s.events.contains(where: \.isNotable) else {
                return (false, known.flatMap { $0 >= 0 ? $0 : nil })
            }
            guard parents.count < maxStates else {
                if isNew { visited[fingerprint] = -1 }
                summary.hitStateBound = true
                return (false, nil)
            }
            let node = parents.count
            if isNew { visited[fingerprint] = Int32(node) }
            parents.append(Int32(parent))
            transitions.append(s.events)
            observe(.reached(node: node, state: s.state, events: s.events, ending: s.ending))
            if s.ending == .running && isNew { queue.append((s.state, node)) }
            return (isNew, known ?? Int32(node))
        }

        for s in machine.initialStates(root: root) { _ = admit(s, parent: -1) }
        var reached: [Int32] = []
        while head < queue.count && !summary.hitStateBound && summary.exceededMachineLimit == nil {
            let (state, node) = queue[head]
            queue[head] = (ProgramState(root: state.root), node)  // release the memory of expanded states
            head += 1
            var successors = machine.successors(of: state, reduced: true)
            var anyNew = false
            reached.removeAll(keepingCapacity: true)
            for s in successors {
                let (isNew, target) = admit(s, parent: node)
                anyNew = anyNew || isNew
                if let target { reached.append(target) }
            }
            if !anyNew && closesCycle(from: node, to: reached) {
                // The reduced expansion leads back into the path that
                // reached this state: one goroutine could go round that
                // cycle forever with the others never explored. Expand
                // fully (the cycle proviso).
                successors = machine.successors(of: state, reduced: false)
                for s in successors { _ = admit(s, parent: node) }
            }
            if successors.isEmpty { observe(.terminal(node: node, state: state)) }
        }
        summary.states = parents.count
        return summary
    }

    /// Whether one of `targets` is `node` or one of its ancestors (within
    /// `cycleSearchDepth` moves; beyond that, assume it is).
    ///
    /// A state whose reduced successors are all known is usually where
    /// branches converge (paths that differ only in values no longer
    /// read); expanding it fully there multiplied the states of symmetric
    /// workers by the number of goroutines at every such point. Only a
    /// move back into the path can start a cycle that ignores goroutines.
    private func closesCycle(from node: Int, to targets: [Int32]) -> Bool {
        guard !targets.isEmpty else { return false }
        var n = node
        var steps = 0
        while n >= 0 {
            if targets.contains(Int32(n)) { return true }
            steps += 1
            if steps > Self.cycleSearchDepth { return true }
            n = Int(parents[n])
        }
        return false
    }

    /// How far back `closesCycle` looks.
    private static let cycleSearchDepth = 4_096

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
