import ConcIR

/// How a path of the search ends.
enum PathEnding: Hashable, Sendable {
    /// The resource was released here, on this goroutine or another.
    case released
    /// A deferred release was registered: it runs on every later exit.
    case deferredRelease
    /// Ownership was handed elsewhere (stored, sent, captured, passed on).
    case transferred(TransferKindTag)
    /// Returned to the caller as result `index`.
    case returned(Int)
    /// A function that releases it is returned (`return tx.closemuRUnlock`,
    /// `return func() { mu.Unlock() }`): the caller holds the release.
    case releaserReturned
    /// The acquiring call failed on this path (its error result is non-nil).
    case notAcquired
    /// A panic path, not checked by this rule.
    case ignoredPanic
    /// Came round the loop again without the rule caring (not loop-scoped).
    case reacquired
    /// `main.main` returns: the process ends and takes every resource with it.
    case programEnds
    /// The path contradicts a branch it already took on the same unchanging
    /// condition (`if lock { mu.Lock() } ... if lock { mu.Unlock() }`): no
    /// execution follows it.
    case infeasible
    /// A lock returned still held with `bool` result `index` true (`return
    /// true` after a TryLock, or TryLock's own result): the caller holds it
    /// where that result is true, as a lock helper's caller does.
    case heldWhenTrue(Int)
    /// A lock returned still held with `error` result `index` nil, by a
    /// function every release of which returns a non-nil error there
    /// (`func (s *S) lock() error`): the caller holds it where that result
    /// is nil, and not where it is an error.
    case heldWhenNil(Int)
    case leak(LeakKind)

    var isLeak: Bool {
        if case .leak = self { return true }
        return false
    }

    /// Whether the path gave the resource up deliberately (released or handed over).
    var isDisposal: Bool {
        switch self {
        case .released, .deferredRelease, .transferred, .returned, .releaserReturned: return true
        default: return false
        }
    }
}

/// A transfer, named for summaries and messages (the rule file's kinds plus
/// escaping into code the IR does not model).
enum TransferKindTag: Hashable, Sendable {
    case returned, field, global, argument, goroutine, closure, channel, escaped
    /// Stored by a function literal into a variable it shares with the
    /// function that created it, which holds it from then on.
    case enclosing
}

/// Why a path leaks.
enum LeakKind: Hashable, Sendable {
    /// Leaves the function through a return without release.
    case exit
    /// Leaves through a panic (only when the rule checks panic paths).
    case panic
    /// Comes back to the acquiring operation, which acquires again.
    case loop
    /// Every place holding the resource was overwritten.
    case overwritten
    /// The acquiring operation's result is not kept at all.
    case discarded
}

/// What the search tracks along paths: the rules of one resource.
protocol PathTracker {
    associatedtype State: Hashable
    /// The effect of one instruction; non-nil ends the path.
    func step(_ inst: Instruction, block: Int, index: Int, state: inout State) -> PathEnding?
    /// A `return` or `panic` terminator reached with the resource live.
    func exit(_ terminator: Terminator, block: Int, state: State) -> PathEnding
    /// Taking an edge; may end the path (a select case that sends the
    /// resource) or change the state.
    func edge(_ edge: SearchEdge, terminator: Terminator, state: inout State) -> PathEnding?
    /// The path came back to the instruction it started after.
    func loopsBack(state: State) -> PathEnding
    /// Whether a path that came back to the instruction it started after
    /// goes on through it (the acquisition runs again) instead of ending
    /// with `loopsBack`.
    func passesOrigin(state: State) -> Bool
}

extension PathTracker {
    func passesOrigin(state: State) -> Bool { false }
}

/// An edge of the function's graph as the search takes it.
struct SearchEdge: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case jump
        case then
        case otherwise
        case selectCase(Int)
        case selectDefault
    }

    var from: Int
    var to: Int
    var kind: Kind
}

/// The outcome of one search: every kind of ending seen, and the shortest
/// leaking path when there is one.
struct SearchResult {
    struct Node {
        var block: Int
        var arrival: SearchEdge?
        var parent: Int
    }

    struct Leak {
        var node: Int
        var kind: LeakKind
        /// Where the leak shows: the exit, the overwrite, the loop's back jump.
        var position: Position
    }

    var endings: Set<PathEnding> = []
    var firstLeak: Leak?
    var nodes: [Node] = []
    /// The state bound was hit: the result covers only part of the paths.
    var exhausted = false

    var leaks: Bool { firstLeak != nil }

    /// The edges from the start to the leak, in order.
    func edges(to leak: Leak) -> [SearchEdge] {
        var out: [SearchEdge] = []
        var i = leak.node
        var guardCount = nodes.count
        while i >= 0, i < nodes.count, guardCount > 0 {
            if let e = nodes[i].arrival { out.append(e) }
            i = nodes[i].parent
            guardCount -= 1
        }
        return out.reversed()
    }
}

/// Breadth-first search over (block, tracker state) from a starting point
/// to every exit, so that the first leak found is a shortest witness.
///
/// States are deduplicated, so loops are followed until the tracker's state
/// repeats; the number of states is bounded (the larger of `limit` and four
/// states per block, so that a long function is never cut short for its
/// size alone), and a search that reaches the bound reports `exhausted`
/// instead of running on.
struct PathSearch<Tracker: PathTracker> {
    let function: Function
    let infeasible: Set<ControlFlowGraph.Edge>
    let tracker: Tracker
    let limit: Int
    /// Reverse-postorder numbers of the blocks, to find the jump that
    /// closes a loop (a retreating edge) when a path comes round again.
    let rpoNumber: [Int]

    init(function: Function, infeasible: Set<ControlFlowGraph.Edge>, tracker: Tracker, limit: Int, rpoNumber: [Int] = []) {
        self.function = function
        self.infeasible = infeasible
        self.tracker = tracker
        self.limit = max(limit, 4 * function.blocks.count)
        self.rpoNumber = rpoNumber
    }

    /// A block is entered at its start, except the first one, entered
    /// right after the acquisition: coming back to its start is a new state.
    private struct Key: Hashable {
        var block: Int
        var start: Int
        var state: Tracker.State
    }

    /// Searches from instruction `index` of `block` (the instruction right
    /// after the acquisition, or 0 at the entry). When `origin` is given,
    /// coming back to that instruction ends the path with `loopsBack`.
    func run(block startBlock: Int, index startIndex: Int, origin: (block: Int, index: Int)?,
             state initial: Tracker.State) -> SearchResult {
        var result = SearchResult()
        let blocks = function.blocks
        guard startBlock >= 0, startBlock < blocks.count else { return result }
        var states: [Tracker.State] = [initial]
        var starts: [Int] = [startIndex]
        result.nodes.append(.init(block: startBlock, arrival: nil, parent: -1))
        var seen: Set<Key> = []
        // Most searches visit a few blocks; growing the set from one entry
        // rehashed every state again at each doubling.
        seen.reserveCapacity(min(limit, 2 * blocks.count + 8))
        seen.insert(Key(block: startBlock, start: startIndex, state: initial))
        var head = 0

        func record(_ ending: PathEnding, node: Int, at position: Position) {
            result.endings.insert(ending)
            if case .leak(let kind) = ending, result.firstLeak == nil {
                result.firstLeak = .init(node: node, kind: kind, position: position)
            }
        }

        while head < result.nodes.count {
            let current = head
            head += 1
            let b = result.nodes[current].block
            var state = states[current]
            let block = blocks[b]
            var ended = false
            var i = starts[current]
            while i < block.instructions.count {
                if let origin, origin.block == b, origin.index == i, current != 0, !tracker.passesOrigin(state: state) {
                    record(tracker.loopsBack(state: state), node: current, at: loopClosingPosition(result, current) ?? block.instructions[i].position)
                    ended = true
                    break
                }
                if let ending = tracker.step(block.instructions[i], block: b, index: i, state: &state) {
                    record(ending, node: current, at: block.instructions[i].position)
                    ended = true
                    break
                }
                i += 1
            }
            if ended { continue }
            guard let terminator = block.terminator else { continue }
            let edges = Self.edges(from: b, terminator)
            if edges.isEmpty {
                if terminator.exitsFunction {
                    record(tracker.exit(terminator, block: b, state: state), node: current, at: block.terminatorPosition)
                }
                continue
            }
            for edge in edges {
                guard edge.to >= 0, edge.to < blocks.count,
                      !infeasible.contains(ControlFlowGraph.Edge(from: edge.from, to: edge.to)) else { continue }
                var next = state
                if let ending = tracker.edge(edge, terminator: terminator, state: &next) {
                    record(ending, node: current, at: Self.position(of: edge, terminator, block))
                    continue
                }
                guard seen.insert(Key(block: edge.to, start: 0, state: next)).inserted else { continue }
                if result.nodes.count >= limit {
                    result.exhausted = true
                    return result
                }
                result.nodes.append(.init(block: edge.to, arrival: edge, parent: current))
                states.append(next)
                starts.append(0)
            }
        }
        return result
    }

    /// The terminator of the last retreating edge on the path to `node`:
    /// the `continue` or loop end that starts the next iteration.
    private func loopClosingPosition(_ result: SearchResult, _ node: Int) -> Position? {
        var i = node
        var fallback: Position?
        var steps = result.nodes.count
        while i > 0, i < result.nodes.count, steps > 0, let e = result.nodes[i].arrival {
            let position = function.blocks[e.from].terminatorPosition
            if fallback == nil { fallback = position }
            if e.to < rpoNumber.count, e.from < rpoNumber.count, rpoNumber[e.to] <= rpoNumber[e.from] { return position }
            i = result.nodes[i].parent
            steps -= 1
        }
        return fallback
    }

    static func edges(from b: Int, _ terminator: Terminator) -> [SearchEdge] {
        switch terminator {
        case .jump(let t): return [SearchEdge(from: b, to: t, kind: .jump)]
        case .branch(_, let t, let e):
            return [SearchEdge(from: b, to: t, kind: .then), SearchEdge(from: b, to: e, kind: .otherwise)]
        case .select(let cases, let def):
            var out = cases.enumerated().map { SearchEdge(from: b, to: $1.target, kind: .selectCase($0)) }
            if let def { out.append(SearchEdge(from: b, to: def, kind: .selectDefault)) }
            return out
        case .return, .panic, .unreachable: return []
        }
    }

    /// Where taking an edge shows in the source: the select case, else the terminator.
    static func position(of edge: SearchEdge, _ terminator: Terminator, _ block: Block) -> Position {
        if case .selectCase(let i) = edge.kind, case .select(let cases, _) = terminator, i < cases.count,
           cases[i].position.isPresent {
            return cases[i].position
        }
        return block.terminatorPosition
    }
}
