import ConcIR
import Findings

/// A breadth-first walk of one function's paths from an instruction, with a
/// small state carried along (the places holding a freed pointer, the
/// thread's lock depth), that stops at the first instruction or exit the
/// check is looking for and gives back the path that reaches it.
///
/// States are compared, so loops end; a bound on visited (block, state)
/// pairs keeps a huge function from costing more than its share.
struct StatePathSearch<State: Hashable> {
    enum Verdict {
        /// Go on along this path.
        case proceed
        /// This path has nothing more to say.
        case stop
        /// The instruction is what the check looks for.
        case found
    }

    /// Where the search stopped, and the blocks from the start to there.
    struct Hit {
        /// The instruction found, or nil when an exit was.
        var site: InstructionSite?
        /// The exiting block, when an exit was found.
        var exitBlock: Int?
        var blocks: [Int]
        var state: State
    }

    static var limit: Int { 20_000 }

    /// A block entered with a state. The start is a key of its own
    /// (`resumed`): it runs the start block from the instruction after the
    /// start only, so a loop that comes back to that block runs it whole
    /// (and meets the start instruction again: a free in a loop frees twice).
    private struct Key: Hashable {
        var block: Int
        var state: State
        var resumed = false
    }

    /// - Parameters:
    ///   - step: applied to each instruction after the start, in order.
    ///   - atExit: whether a `return` or `panic` reached with this state is a hit.
    static func run(_ function: Function, cfg: ControlFlowGraph, from start: InstructionSite, state: State,
                    step: (Instruction, InstructionSite, inout State) -> Verdict,
                    atExit: (Terminator, State) -> Bool) -> Hit? {
        var parent: [Key: Key?] = [:]
        var queue: [(key: Key, from: Int)] = [(Key(block: start.block, state: state, resumed: true), start.index + 1)]
        parent[queue[0].key] = .some(nil)
        var head = 0
        while head < queue.count, parent.count <= limit {
            let (key, from) = queue[head]
            head += 1
            guard key.block >= 0, key.block < function.blocks.count else { continue }
            let block = function.blocks[key.block]
            var state = key.state
            var stopped = false
            for i in from..<max(from, block.instructions.count) {
                let site = InstructionSite(block: key.block, index: i)
                switch step(block.instructions[i], site, &state) {
                case .proceed: continue
                case .stop: stopped = true
                case .found: return Hit(site: site, exitBlock: nil, blocks: path(to: key, parent), state: state)
                }
                break
            }
            if stopped { continue }
            guard let terminator = block.terminator else { continue }
            if terminator.exitsFunction {
                if atExit(terminator, state) { return Hit(site: nil, exitBlock: key.block, blocks: path(to: key, parent), state: state) }
                continue
            }
            for s in cfg.successors[key.block] {
                let next = Key(block: s, state: state)
                guard parent[next] == nil else { continue }
                parent[next] = .some(key)
                queue.append((next, 0))
            }
        }
        return nil

        func path(to key: Key, _ parent: [Key: Key?]) -> [Int] {
            var blocks: [Int] = []
            var current: Key? = key
            while let k = current, blocks.count <= parent.count {
                blocks.append(k.block)
                current = parent[k] ?? nil
            }
            return blocks.reversed()
        }
    }

    /// Code-flow steps for the branches taken along `blocks` (a condition
    /// or select with more than one way out), at most twenty.
    static func branchSteps(_ blocks: [Int], in function: Function, file: String) -> [FlowStep] {
        var steps: [FlowStep] = []
        for (from, to) in zip(blocks, blocks.dropFirst()) {
            guard from < function.blocks.count, let terminator = function.blocks[from].terminator,
                  Set(terminator.targets).count > 1 else { continue }
            let position = function.blocks[from].terminatorPosition
            guard position.isPresent else { continue }
            let message: String
            switch terminator {
            case .branch(_, let then, _): message = BranchWording.side(of: terminator, in: function.blocks[from], takingThen: to == then)
            case .select: message = "this case is chosen"
            default: message = "continues here"
            }
            steps.append(FlowStep(location: Location(file: file, line: Int(position.line), column: Int(position.column)), message: message))
        }
        return steps.count > 20 ? Array(steps.prefix(10) + steps.suffix(10)) : steps
    }
}
