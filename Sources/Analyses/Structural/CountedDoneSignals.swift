import ConcIR

/// Whether a function has counted every sender's "done" before it drains a
/// channel by its length (CH1103): one loop starts the goroutines that send
/// on ch, each of which then sends on a done channel, and a loop counted
/// the same way receives from done once per turn before the drain.
///
///     for _, t := range tasks { go func(t Task) { errc <- t.Run(); done <- struct{}{} }(t) }
///     for range tasks { <-done }
///     for len(errc) > 0 { ... <-errc }
///
/// Once the counting loop is over, every goroutine has signalled, so every
/// send on ch it made before signalling is in the buffer: the drain loses
/// nothing. A goroutine that may send on ch after signalling, two `go`
/// statements handed ch, or loops counted differently are not this shape.
enum CountedDoneSignals {
    /// `spawn` is the one instruction that starts a goroutine handed ch,
    /// at `site`; `drain` is the loop that tests `len(ch)`.
    static func precede(_ drain: NaturalLoop, channel ch: Place, spawn: Instruction, at site: (block: Int, index: Int),
                        _ scope: FunctionScope) -> Bool {
        let cfg = scope.cfg
        let blocks = scope.function.blocks
        guard case .variable(let chName) = ch.root, ch.path.isEmpty,
              let spawnLoop = cfg.innermostLoop(containing: site.block),
              cfg.loops.filter({ $0.contains(site.block) }).count == 1,
              let trips = blocks[spawnLoop.header].loop, trips.isCounted,
              case .function(let callee)? = spawn.callee, let node = scope.program.index.node(named: callee) else { return false }
        let spawned = scope.program.index.function(node)
        for counting in cfg.loops where counting != spawnLoop && counting != drain {
            guard blocks[counting.header].loop == trips, !counting.contains(drain.header), !counting.contains(site.block),
                  cfg.dominates(counting.header, drain.header), cfg.dominates(spawnLoop.header, counting.header) else { continue }
            for done in receivedEveryTurn(counting, scope) where done != ch {
                guard case .variable(let doneName) = done.root, done.path.isEmpty,
                      let calleeDone = name(of: doneName, in: spawn, spawned),
                      let calleeCh = name(of: chName, in: spawn, spawned) else { continue }
                if signalsAfterSending(spawned, done: calleeDone, channel: calleeCh, node: node, scope.program.index) {
                    return true
                }
            }
        }
        return false
    }

    /// The channels the loop receives from on every turn: in a block of
    /// the loop itself (not of a loop inside it) that dominates every
    /// latch.
    private static func receivedEveryTurn(_ loop: NaturalLoop, _ scope: FunctionScope) -> [Place] {
        let cfg = scope.cfg
        var out: [Place] = []
        for b in loop.blocks where cfg.innermostLoop(containing: b) == loop && loop.latches.allSatisfy({ cfg.dominates(b, $0) }) {
            for inst in scope.function.blocks[b].instructions where inst.op == .chanRecv && inst.mode == .now {
                if let p = inst.operands.first?.place.map(scope.normalize) { out.append(p) }
            }
        }
        return out
    }

    /// The name the spawned function knows variable `name` by: the same
    /// name when it captures it, or the parameter it is passed as.
    private static func name(of name: String, in spawn: Instruction, _ spawned: Function) -> String? {
        if spawned.captures.contains(where: { $0.name == name }) { return name }
        guard let k = spawn.operands.firstIndex(where: { $0.place == Place(.variable(name)) }),
              k < spawned.parameters.count, !spawned.parameters[k].name.isEmpty else { return nil }
        return spawned.parameters[k].name
    }

    /// Whether the spawned function sends on `done` when it has sent on
    /// `channel`: in a defer (`defer func() { done <- true }()` too), or
    /// with no send on `channel` reachable after it.
    private static func signalsAfterSending(_ f: Function, done: String, channel: String, node: Int, _ index: AnalysedProgram) -> Bool {
        func sends(_ inst: Instruction, on name: String) -> Bool {
            inst.op == .chanSend && inst.operands.first?.place == Place(.variable(name))
        }
        func deferredSend(_ inst: Instruction) -> Bool {
            guard inst.mode == .defer, case .function(let name)? = inst.callee, let closure = index.node(named: name) else { return false }
            let body = index.function(closure)
            return body.captures.contains { $0.name == done } && body.blocks.contains { $0.instructions.contains { sends($0, on: done) } }
        }
        let cfg = index.shared.cfg(node)
        var signals = false
        for (b, block) in f.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where sends(inst, on: done) || deferredSend(inst) {
                signals = true
                if inst.mode == .defer { continue }
                if block.instructions[(i + 1)...].contains(where: { sends($0, on: channel) }) { return false }
                var seen = Set<Int>()
                var work = cfg.successors[b]
                while let next = work.popLast() {
                    guard next < f.blocks.count, seen.insert(next).inserted else { continue }
                    if f.blocks[next].instructions.contains(where: { sends($0, on: channel) }) { return false }
                    work += cfg.successors[next]
                }
            }
        }
        return signals
    }
}
