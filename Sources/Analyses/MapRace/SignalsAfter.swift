import ConcIR

/// For each point of a function, the channels and WaitGroups signalled
/// (sent on, closed, `Done`) on every path from there to a return,
/// deferred signals included: a backward must-analysis. Paths that end in
/// a panic do not count against a signal (the program is going down).
struct SignalsAfter {
    /// At each block's end; nil where no return can be reached (anything holds).
    private let atEnd: [Set<AbstractPlace>?]
    /// Per block: the signalling instructions' indices and signals.
    private let signalling: [[(index: Int, signals: [AbstractPlace])]]
    /// On every path from the entry.
    let entrySignals: Set<AbstractPlace>

    init(function: Function, cfg: ControlFlowGraph, effects: [[InstructionEffect]], input: [FlowState?], firstIDs: [Int]) {
        let n = function.blocks.count
        var signalling = [[(index: Int, signals: [AbstractPlace])]](repeating: [], count: n)
        var exits = [Set<AbstractPlace>?](repeating: nil, count: n)
        for b in 0..<n {
            for (i, e) in effects[b].enumerated() where !e.isDeferred && !e.signals.isEmpty {
                signalling[b].append((i, e.signals))
            }
            if case .return? = function.blocks[b].terminator, var state = input[b] {
                var id = firstIDs[b]
                for e in effects[b] {
                    state.apply(e, id: id)
                    id += 1
                }
                exits[b] = state.deferredSignals
            }
        }
        func atStart(_ b: Int, _ end: Set<AbstractPlace>?) -> Set<AbstractPlace>? {
            guard var s = end else { return nil }
            for entry in signalling[b] { s.formUnion(entry.signals) }
            return s
        }
        var atEnd = exits
        var changed = true
        var rounds = 0
        while changed && rounds < 64 {
            changed = false
            rounds += 1
            for b in cfg.reversePostorder.reversed() {
                let successors = cfg.successors[b]
                var end: Set<AbstractPlace>?
                if successors.isEmpty {
                    end = exits[b]
                } else {
                    for s in successors {
                        guard let next = atStart(s, atEnd[s]) else { continue }
                        end = end.map { $0.intersection(next) } ?? next
                    }
                }
                if end != atEnd[b] {
                    atEnd[b] = end
                    changed = true
                }
            }
        }
        self.atEnd = atEnd
        self.signalling = signalling
        self.entrySignals = n > 0 ? (atStart(0, atEnd[0]) ?? []) : []
    }

    /// Signals on every path after instruction `index` of `block`.
    func signals(block: Int, after index: Int) -> Set<AbstractPlace> {
        var s = atEnd[block] ?? []
        for entry in signalling[block] where entry.index > index { s.formUnion(entry.signals) }
        return s
    }
}
