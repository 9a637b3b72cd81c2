import ConcIR

/// A forward dataflow over a function's blocks: the state at each block's
/// start, joined over its predecessors, until nothing changes. The
/// transfer gives a state per outgoing edge, so a select case or a branch
/// can refine it. Blocks are revisited at most `maxVisitsPerBlock` times,
/// so a lattice that is not finite cannot hang the analysis.
enum ForwardDataflow {
    static let maxVisitsPerBlock = 64

    /// - Returns: the state at the start of each block (nil: never reached).
    static func solve<State: Equatable>(cfg: ControlFlowGraph, entry: State,
                                        join: (State, State) -> State,
                                        transfer: (Int, State) -> [(successor: Int, state: State)]) -> [State?] {
        var input = [State?](repeating: nil, count: cfg.blockCount)
        guard cfg.blockCount > 0 else { return input }
        input[0] = entry
        var visits = [Int](repeating: 0, count: cfg.blockCount)
        var dirty = [Bool](repeating: false, count: cfg.blockCount)
        dirty[0] = true
        var anyDirty = true
        // Sweeps in reverse postorder until nothing changes: one sweep for
        // an acyclic graph, a few more per loop nesting level.
        while anyDirty {
            anyDirty = false
            for b in cfg.reversePostorder where dirty[b] {
                dirty[b] = false
                visits[b] += 1
                guard visits[b] <= maxVisitsPerBlock, let state = input[b] else { continue }
                for (s, out) in transfer(b, state) where s >= 0 && s < cfg.blockCount {
                    let merged = input[s].map { join($0, out) } ?? out
                    if input[s] != merged {
                        input[s] = merged
                        dirty[s] = true
                        anyDirty = true
                    }
                }
            }
        }
        return input
    }
}
