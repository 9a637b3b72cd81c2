import ConcIR
import Findings

/// CH1103: a receive loop that stops when `len(ch) == 0`, while goroutines
/// are still sending on ch.
///
/// len(ch) counts what is buffered right now: zero means "the senders are
/// behind", not "the senders are done". A consumer that stops at the first
/// empty moment drops everything sent afterwards (and a sender blocked on
/// a full buffer may then block for ever). Let the senders close the
/// channel when they are done (a WaitGroup and one close) and range over it,
/// or count the values expected.
///
/// Reported: a loop that receives from ch (or selects on it) and leaves on
/// a condition computed right after `len(ch)`, in a function that starts
/// goroutines handed ch, or for a channel field or variable that a
/// goroutine started anywhere sends on.
struct ChannelClosedByLength: StructuralCheck {
    static let id = "CH1103"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.chanLen] }
    private var findings: [Finding] = []
    private var candidates: [(node: Int, position: Position, channel: SharedObject, name: String)] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, let ch = inst.operands.first?.place.map(scope.normalize),
              let loop = scope.cfg.innermostLoop(containing: site.block),
              Self.leavesLoop(site.block, loop, scope), Self.receives(ch, in: loop, scope) else { return }
        let name = GoSpelling.expression(ch) ?? "the channel"
        if Self.handsToGoroutine(ch, scope) {
            report(scope.node, inst.position, name, scope.program)
        } else if let object = SharedObject.of(ch, in: scope), object.isShared {
            candidates.append((scope.node, inst.position, object, name))
        }
    }

    private mutating func report(_ node: Int, _ position: Position, _ name: String, _ program: StructuralProgram) {
        let message = "len(\(name)) == 0 only says nothing is buffered right now, not that the senders are done: "
            + "this loop stops early and drops what is sent later; have the senders close \(name) when they finish and range over it"
        if let f = program.finding(ruleID, node: node, at: position, message) { findings.append(f) }
    }

    /// The block that computes len(ch) ends in a branch with a way out of the loop.
    private static func leavesLoop(_ block: Int, _ loop: NaturalLoop, _ scope: FunctionScope) -> Bool {
        guard case .branch(_, let a, let b)? = scope.function.blocks[block].terminator else { return false }
        return [a, b].contains { target in
            !loop.contains(target) || scope.function.blocks[target].terminator?.exitsFunction == true
                || exitsSoon(target, loop, scope)
        }
    }

    /// `if len(ch) == 0 { break }` goes through a block or two that jump out.
    private static func exitsSoon(_ start: Int, _ loop: NaturalLoop, _ scope: FunctionScope) -> Bool {
        var b = start
        for _ in 0..<3 {
            let block = scope.function.blocks[b]
            guard block.instructions.isEmpty, case .jump(let next)? = block.terminator else { return false }
            if !loop.contains(next) || scope.function.blocks[next].terminator?.exitsFunction == true { return true }
            b = next
        }
        return false
    }

    private static func receives(_ ch: Place, in loop: NaturalLoop, _ scope: FunctionScope) -> Bool {
        for b in loop.blocks {
            let block = scope.function.blocks[b]
            if block.instructions.contains(where: { $0.op == .chanRecv && $0.mode == .now && $0.operands.first?.place.map(scope.normalize) == ch }) {
                return true
            }
            if case .select(let cases, _)? = block.terminator,
               cases.contains(where: { if case .recv = $0.communication { return $0.channel.place.map(scope.normalize) == ch }; return false }) {
                return true
            }
        }
        return false
    }

    /// This function starts a goroutine given ch (an argument, or a closure that captures it).
    private static func handsToGoroutine(_ ch: Place, _ scope: FunctionScope) -> Bool {
        guard ch.path.isEmpty, case .variable(let v) = ch.root else { return false }
        for block in scope.function.blocks {
            for inst in block.instructions where inst.mode == .go {
                if inst.operands.contains(where: { $0.place.map(scope.normalize) == ch }) { return true }
                if case .function(let name)? = inst.callee, let node = scope.program.index.node(named: name),
                   scope.program.index.function(node).captures.contains(where: { $0.name == v }) { return true }
            }
        }
        return false
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        guard !candidates.isEmpty else { return findings }
        let senders = Self.channelsSentByGoroutines(program)
        for c in candidates where senders.contains(c.channel) { report(c.node, c.position, c.name, program) }
        return findings.sorted(by: Finding.precedes)
    }

    /// Shared channels sent on by functions started with `go`.
    private static func channelsSentByGoroutines(_ program: StructuralProgram) -> Set<SharedObject> {
        var out = Set<SharedObject>()
        for node in program.spawnedByGo {
            let scope = FunctionScope(node: node, program: program)
            for block in scope.function.blocks {
                for inst in block.instructions where inst.op == .chanSend {
                    if let p = inst.operands.first?.place.map(scope.normalize), let o = SharedObject.of(p, in: scope), o.isShared { out.insert(o) }
                }
                if case .select(let cases, _)? = block.terminator {
                    for c in cases {
                        guard case .send = c.communication, let p = c.channel.place.map(scope.normalize),
                              let o = SharedObject.of(p, in: scope), o.isShared else { continue }
                        out.insert(o)
                    }
                }
            }
        }
        return out
    }
}
