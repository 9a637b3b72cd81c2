import ConcIR

/// Which loops each block of a function lies in, by loop header, so that
/// the analysis can tell a value made anew in every iteration (each
/// goroutine started in the loop gets its own) from one shared by all
/// iterations.
struct LoopMembership: Sendable {
    /// Loop headers containing each block (innermost last); empty outside loops.
    private let headers: [[Int]]

    init(cfg: ControlFlowGraph) {
        var headers = [[Int]](repeating: [], count: cfg.blockCount)
        // Outer loops have more blocks: visiting larger loops first puts the
        // innermost header last.
        for loop in cfg.loops.sorted(by: { $0.blocks.count > $1.blocks.count }) {
            for b in loop.blocks where b >= 0 && b < headers.count && !headers[b].contains(loop.header) {
                headers[b].append(loop.header)
            }
        }
        self.headers = headers
    }

    /// The headers of the loops that contain `block`.
    func loops(containing block: Int) -> [Int] {
        block >= 0 && block < headers.count ? headers[block] : []
    }

    /// Whether `block` is the header of a loop.
    func isHeader(_ block: Int) -> Bool {
        loops(containing: block).contains(block)
    }
}
