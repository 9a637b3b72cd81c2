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
struct ChannelClosedByLength: JoiningCheck {
    static let id = "CH1103"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.chanLen] }
    static let slot = \JoinFacts.closedByLength

    /// One function's `len(ch)` loop exits: those reported whatever the
    /// rest of the program does (the function hands ch to a goroutine)
    /// and those reported when a goroutine sends on the shared channel;
    /// and, for a function a `go` statement starts, the shared channels it
    /// sends on.
    struct Facts: Codable {
        var reported: [Exit] = []
        var candidates: [Exit] = []
        var sends: [SharedObject] = []
    }

    struct Exit: Codable {
        var position: Position
        var name: String
        var channel: SharedObject?
    }

    private var current = Facts()
    private var absorbed: [(node: Int, facts: Facts)] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, let ch = inst.operands.first?.place.map(scope.normalize),
              let loop = scope.cfg.innermostLoop(containing: site.block),
              Self.leavesLoop(site.block, loop, scope), Self.receives(ch, in: loop, scope) else { return }
        let name = GoSpelling.expression(ch) ?? "the channel"
        if Self.handsToGoroutine(ch, scope) {
            // A drain once every sender is known to be done loses nothing.
            if Self.sendersDone(ch, before: loop, scope) { return }
            current.reported.append(Exit(position: inst.position, name: name, channel: nil))
        } else if let object = SharedObject.of(ch, in: scope), object.isShared {
            current.candidates.append(Exit(position: inst.position, name: name, channel: object))
        }
    }

    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts? {
        defer { current = Facts() }
        if scope.program.spawnedByGo.contains(scope.node) { current.sends = Self.sharedChannelsSent(scope) }
        return current.reported.isEmpty && current.candidates.isEmpty && current.sends.isEmpty ? nil : current
    }

    mutating func absorb(_ facts: Facts, node: Int) {
        absorbed.append((node, facts))
    }

    private func report(_ node: Int, _ exit: Exit, _ program: StructuralProgram) -> Finding? {
        let message = "len(\(exit.name)) == 0 only says nothing is buffered right now, not that the senders are done: "
            + "this loop stops early and drops what is sent later; have the senders close \(exit.name) when they finish and range over it"
        return program.finding(ruleID, node: node, at: exit.position, message)
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
        scope.function.blocks.contains { $0.instructions.contains { hands(ch, to: $0, scope) } }
    }

    /// Whether `inst` starts a goroutine given ch.
    private static func hands(_ ch: Place, to inst: Instruction, _ scope: FunctionScope) -> Bool {
        guard inst.mode == .go, ch.path.isEmpty, case .variable(let v) = ch.root else { return false }
        if inst.operands.contains(where: { $0.place.map(scope.normalize) == ch }) { return true }
        if case .function(let name)? = inst.callee, let node = scope.program.index.node(named: name),
           scope.program.index.function(node).captures.contains(where: { $0.name == v }) { return true }
        return false
    }

    /// Whether the function knows, before the loop, that no goroutine it
    /// handed ch still sends: it closed ch on every way to the loop (a
    /// send on a closed channel panics), or it waited on a WaitGroup
    /// after starting every such goroutine, each of which calls Done
    /// (`wg.Wait()`, then `for len(errc) > 0 { ... <-errc }`), or it
    /// received every sender's done signal (`CountedDoneSignals`).
    private static func sendersDone(_ ch: Place, before loop: NaturalLoop, _ scope: FunctionScope) -> Bool {
        let cfg = scope.cfg
        let blocks = scope.function.blocks
        var waits: [(block: Int, index: Int)] = []
        for b in blocks.indices where !loop.contains(b) && cfg.isReachable(b) && cfg.dominates(b, loop.header) {
            for (i, inst) in blocks[b].instructions.enumerated() where inst.mode == .now {
                if inst.op == .chanClose, inst.operands.first?.place.map(scope.normalize) == ch { return true }
                if inst.op == .wgWait { waits.append((b, i)) }
            }
        }
        var spawns: [(block: Int, index: Int)] = []
        for b in blocks.indices {
            for (i, inst) in blocks[b].instructions.enumerated() where hands(ch, to: inst, scope) { spawns.append((b, i)) }
        }
        if !waits.isEmpty, spawns.allSatisfy({ marksDone($0, after: waits, scope) }) { return true }
        guard spawns.count == 1, let site = spawns.first else { return false }
        return CountedDoneSignals.precede(loop, channel: ch, spawn: blocks[site.block].instructions[site.index], at: site, scope)
    }

    /// Whether the goroutine started at `site` is waited for by one of
    /// `waits` (started before it) and calls `Done`.
    private static func marksDone(_ site: (block: Int, index: Int), after waits: [(block: Int, index: Int)],
                                  _ scope: FunctionScope) -> Bool {
        // Started after the wait: nothing waited for it.
        if waits.contains(where: { $0.block == site.block ? $0.index < site.index : scope.cfg.dominates($0.block, site.block) }) {
            return false
        }
        let index = scope.program.index
        guard case .function(let name)? = scope.function.blocks[site.block].instructions[site.index].callee,
              let node = index.node(named: name) else { return false }
        return index.function(node).blocks.contains(where: { $0.instructions.contains { $0.op == .wgDone } })
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        let senders = Set(absorbed.flatMap(\.facts.sends))
        var findings: [Finding] = []
        for (node, facts) in absorbed {
            findings += facts.reported.compactMap { report(node, $0, program) }
            for exit in facts.candidates where exit.channel.map(senders.contains) == true {
                if let f = report(node, exit, program) { findings.append(f) }
            }
        }
        return findings.sorted(by: Finding.precedes)
    }

    /// The shared channels the function sends on.
    private static func sharedChannelsSent(_ scope: FunctionScope) -> [SharedObject] {
        var out = Set<SharedObject>()
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
        return out.sorted()
    }
}
