import ConcIR

/// The states a block passes to its successors: the same state along every
/// edge, except that a `select` case that receives joins its channel on
/// its own edge, the edge out of a loop that fills a semaphore joins the
/// slots given back (`SemaphoreFills`), and a branch on a constant (or on a
/// lock-mode parameter the variant fixes) goes one way only.
struct SelectJoins {
    /// Per block ending in a select: the channel each case receives from.
    private let receives: [Int: [AbstractPlace?]]
    /// Per header of a loop that fills semaphores: the blocks of the loop,
    /// and what leaving it joins.
    private let fills: [Int: (loop: Set<Int>, joins: [AbstractPlace])]
    /// The lock-mode parameters' values (`LockModeVariant`): a branch on
    /// one goes one way only.
    private let variant: LockModeVariant

    /// Whether some edge joins a channel: without one, every edge passes
    /// the state on as it is.
    var joinsOnEdges: Bool {
        !fills.isEmpty || receives.values.contains { $0.contains { $0 != nil } }
    }

    /// `timerChannels` are the function's (the `EffectBuilder` already
    /// found them); `types` gives the function's types, asked only when a
    /// case receives from a timer's `C`; `fills` its semaphore fills, found
    /// once per function (`FunctionRaceAnalyzer.Groundwork`).
    init(function: Function, resolver: PlaceResolver, variant: LockModeVariant = .only,
         timerChannels: TimerChannels, fills semaphoreFills: SemaphoreFills = .none, types: () -> FunctionTypes) {
        self.variant = variant
        var receives: [Int: [AbstractPlace?]] = [:]
        for (b, block) in function.blocks.enumerated() {
            guard case .select(let cases, _)? = block.terminator else { continue }
            receives[b] = cases.map { c in
                // A timer fires by itself: its case joins nothing.
                guard case .recv(let ch, _) = c.communication, !timerChannels.contains(ch, types: types) else { return nil }
                return resolver.resolve(ch)?.place
            }
        }
        self.receives = receives
        var fills: [Int: (loop: Set<Int>, joins: [AbstractPlace])] = [:]
        let loops = resolver.loops
        for (header, channels) in semaphoreFills.channels {
            let joins = channels.compactMap { resolver.resolve($0).flatMap { EffectBuilder.slotReleased($0.place) } }
            guard !joins.isEmpty else { continue }
            let loop = Set(function.blocks.indices.filter { loops.loops(containing: $0).contains(header) })
            fills[header] = (loop, joins)
        }
        self.fills = fills
    }

    func successors(of block: Int, in function: Function, state: FlowState) -> [(successor: Int, state: FlowState)] {
        guard let terminator = function.blocks[block].terminator else { return [] }
        // `if false` (a constant the lowering folded, `if debugX`): the dead
        // branch is never taken, so nothing in it runs.
        if case .branch(.bool(let taken), let then, let otherwise) = terminator {
            return [(taken ? then : otherwise, state)]
        }
        if let taken = variant.fixedTarget(of: terminator) { return [(taken, state)] }
        if let fill = fills[block] {
            return terminator.targets.map { target in
                guard !fill.loop.contains(target) else { return (target, state) }
                var s = state
                for j in fill.joins { s.join(j) }
                return (target, s)
            }
        }
        guard case .select(let cases, let fallback) = terminator, let channels = receives[block] else {
            return terminator.targets.map { ($0, state) }
        }
        var out: [(successor: Int, state: FlowState)] = []
        for (i, c) in cases.enumerated() {
            var s = state
            if i < channels.count, let ch = channels[i] { s.join(ch) }
            out.append((c.target, s))
        }
        if let fallback { out.append((fallback, state)) }
        return out
    }
}
