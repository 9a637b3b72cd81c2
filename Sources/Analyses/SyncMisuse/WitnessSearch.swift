import ConcIR
import Findings

/// A forward search over the paths of one function, starting right after
/// an instruction and carrying a small state, for the checks that ask "is
/// there a path from here on which this happens before that?" (a pooled
/// buffer used before it is reset, an object used after it went back to
/// its pool).
///
/// Breadth first, so the witness is a shortest path; each (block, state)
/// pair is entered once, so loops end; edges the runtime never takes are
/// skipped; the search gives up after `limit` block entries.
struct WitnessSearch<State: Hashable> {
    enum Verdict {
        /// Keep walking this path.
        case proceed
        /// This path is settled (the object was reset, put back, replaced).
        case stop
        /// The path is a witness.
        case found
    }

    /// Where the witness ends, and the edges it took that chose between
    /// several successors (for the numbered steps of a code flow).
    struct Witness {
        /// The instruction where it was found; `index == instructions.count`
        /// for the block's terminator.
        var site: InstructionSite
        var branches: [ControlFlowGraph.Edge]
    }

    let function: Function
    let infeasible: Set<ControlFlowGraph.Edge>
    var limit = 20_000

    /// Visits the instructions after `start` along every path; `exit` is
    /// asked at each return or panic reached with the path's state.
    func first(from start: InstructionSite, state: State,
               visit: (Instruction, InstructionSite, inout State) -> Verdict,
               exit: (Terminator, Int, State) -> Verdict = { _, _, _ in .stop }) -> Witness? {
        let blocks = function.blocks
        guard start.block >= 0, start.block < blocks.count else { return nil }
        var nodes = [Node(block: start.block, index: start.index + 1, state: state, parent: -1)]
        var entered = Set<BlockState>()
        var next = 0
        while next < nodes.count, next < limit {
            let node = nodes[next]
            next += 1
            var state = node.state
            let block = blocks[node.block]
            var settled = false
            var i = node.index
            while i < block.instructions.count {
                let site = InstructionSite(block: node.block, index: i)
                switch visit(block.instructions[i], site, &state) {
                case .proceed: break
                case .stop: settled = true
                case .found: return Witness(site: site, branches: branches(to: next - 1, nodes.map { ($0.block, $0.parent) }))
                }
                if settled { break }
                i += 1
            }
            if settled { continue }
            guard let terminator = block.terminator else { continue }
            if terminator.exitsFunction {
                if exit(terminator, node.block, state) == .found {
                    let site = InstructionSite(block: node.block, index: block.instructions.count)
                    return Witness(site: site, branches: branches(to: next - 1, nodes.map { ($0.block, $0.parent) }))
                }
                continue
            }
            for s in Set(terminator.targets).sorted() where s >= 0 && s < blocks.count {
                guard !infeasible.contains(ControlFlowGraph.Edge(from: node.block, to: s)),
                      entered.insert(BlockState(block: s, state: state)).inserted else { continue }
                nodes.append(Node(block: s, index: 0, state: state, parent: next - 1))
            }
        }
        return nil
    }

    private struct Node {
        var block: Int
        var index: Int
        var state: State
        var parent: Int
    }

    private struct BlockState: Hashable {
        var block: Int
        var state: State
    }

    /// The edges from the root to node `n` that left a block with a choice.
    private func branches(to n: Int, _ nodes: [(block: Int, parent: Int)]) -> [ControlFlowGraph.Edge] {
        var out: [ControlFlowGraph.Edge] = []
        var current = n
        while current >= 0, nodes[current].parent >= 0 {
            let parent = nodes[current].parent
            let from = nodes[parent].block
            if Set(function.blocks[from].successors).count > 1 {
                out.append(ControlFlowGraph.Edge(from: from, to: nodes[current].block))
            }
            current = parent
        }
        return out.reversed()
    }
}

/// Turns a witness into the numbered steps of a SARIF code flow: where it
/// starts, each choice on the way, where it ends.
enum WitnessFlow {
    static func make(_ scope: FunctionScope, message: String, start: (Position, String),
                     branches: [ControlFlowGraph.Edge], end: (Position, String)) -> CodeFlow {
        var steps: [FlowStep] = []
        if let at = scope.location(start.0) { steps.append(FlowStep(location: at, message: start.1)) }
        var middle: [FlowStep] = []
        for edge in branches {
            guard edge.from < scope.function.blocks.count else { continue }
            let block = scope.function.blocks[edge.from]
            guard let terminator = block.terminator,
                  let at = scope.location(position(of: edge, terminator, block)) else { continue }
            middle.append(FlowStep(location: at, message: describe(edge, terminator, block)))
        }
        if middle.count > 20 { middle = Array(middle.prefix(10) + middle.suffix(10)) }
        steps += middle
        if let at = scope.location(end.0) { steps.append(FlowStep(location: at, message: end.1)) }
        return CodeFlow(message: message, threads: [ThreadFlow(name: ShortName.of(scope.function.name), steps: steps)])
    }

    private static func position(of edge: ControlFlowGraph.Edge, _ terminator: Terminator, _ block: Block) -> Position {
        if case .select(let cases, _) = terminator, let c = cases.first(where: { $0.target == edge.to }), c.position.isPresent {
            return c.position
        }
        return block.terminatorPosition
    }

    private static func describe(_ edge: ControlFlowGraph.Edge, _ terminator: Terminator, _ block: Block) -> String {
        switch terminator {
        case .branch(_, let then, _): return BranchWording.side(of: terminator, in: block, takingThen: edge.to == then)
        case .select(let cases, let def):
            if let i = cases.firstIndex(where: { $0.target == edge.to }) { return "case \(i + 1) of the select is chosen" }
            return def == edge.to ? "the default case is chosen" : "continues here"
        default: return "continues here"
        }
    }

    /// The position of an instruction, or of the block's terminator.
    static func position(_ site: InstructionSite, in function: Function) -> Position {
        guard site.block >= 0, site.block < function.blocks.count else { return .none }
        let block = function.blocks[site.block]
        return site.index < block.instructions.count ? block.instructions[site.index].position : block.terminatorPosition
    }
}
