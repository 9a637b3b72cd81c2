import ConcIR
import Findings

/// CG1020: `runtime.LockOSThread` with a path to a `return` of the same
/// function that does not undo it. The goroutine stays wired to its thread
/// after the function returned: whatever runs next on that goroutine runs
/// on the locked thread (with the thread state the function changed), and
/// that thread runs nothing else.
///
/// Not reported where leaving the thread locked is the point: in `init`
/// and `main.main` (the main-thread idiom of GUI and graphics libraries),
/// in a function that only ever starts a goroutine (`go func() {...}()`:
/// when it returns the goroutine exits, and the runtime ends the locked
/// thread with it), and in helpers that lock on every path (their callers
/// are checked instead).
struct LockedThreadNotUnlocked: CgoCheck {
    static let id = "CG1020"
    var ruleID: String { Self.id }

    func findings(at node: Int, _ program: CgoProgram) -> [Finding] {
        let locking = program.threadLocking
        var out: [Finding] = []
        let function = program.index.function(node)
        let sites = locking.lockSites(node)
        guard !sites.isEmpty, !locking.lockHelpers.contains(node), !Self.threadMayStayLocked(node, program: program) else { return [] }
        let facts = program.facts(node)
        for site in sites {
            let hit = StatePathSearch<ThreadLocking.Depth>.run(function, cfg: facts.cfg, from: site,
                                                               state: .init(locks: 1, deferredUnlocks: 0), step: { inst, _, depth in
                locking.apply(inst, in: function, to: &depth) ? .proceed : .stop
            }, atExit: { terminator, depth in
                guard case .return = terminator else { return false }
                return depth.locks > depth.deferredUnlocks
            })
            guard let hit, let exit = hit.exitBlock else { continue }
            let lockPosition = FreedPointerSearch.position(site, function)
            let exitPosition = function.blocks[exit].terminatorPosition
            let name = CNames.short(function.name)
            let message = "the thread locked here is still locked when \(name) returns on the path through line \(exitPosition.line): "
                + "add runtime.UnlockOSThread (or defer it) on that path"
            var steps: [FlowStep] = []
            if let at = program.location(node, lockPosition) { steps.append(FlowStep(location: at, message: "the goroutine is locked to its thread here")) }
            steps += StatePathSearch<ThreadLocking.Depth>.branchSteps(hit.blocks, in: function, file: program.index.file(of: node))
            if let at = program.location(node, exitPosition) { steps.append(FlowStep(location: at, message: "returns here still locked")) }
            let flow = CodeFlow(message: "a path on which the thread stays locked", threads: [ThreadFlow(name: name, steps: steps)])
            if let f = program.finding(Self.id, node: node, at: lockPosition, message, flows: [flow]) { out.append(f) }
        }
        return out
    }

    /// `init`, `main`, and functions only ever run as a goroutine of
    /// their own: the thread is meant to stay locked until the program or
    /// the goroutine ends.
    static func threadMayStayLocked(_ node: Int, program: CgoProgram) -> Bool {
        let name = program.index.function(node).name
        if FunctionName.isProgramMain(name) || FunctionName.isInitializer(name) { return true }
        let graph = program.index.callGraph
        let incoming = graph.incoming[node].map { graph.edges[$0] }
        return !incoming.isEmpty && incoming.allSatisfy {
            $0.kind == .go || $0.kind == .callback || ($0.kind == .reference && onlyStarted(through: $0, program: program))
        }
    }

    /// Whether a reference edge is `v := func(...) {...}` into a local
    /// variable that its function only ever starts as a goroutine (`go
    /// v(...)`): never assigned again, passed on, or captured.
    private static func onlyStarted(through e: CallGraph.Edge, program: CgoProgram) -> Bool {
        let function = program.index.function(e.from)
        guard e.site.block < function.blocks.count, e.site.instruction < function.blocks[e.site.block].instructions.count
        else { return false }
        let assign = function.blocks[e.site.block].instructions[e.site.instruction]
        guard assign.op == .assign, assign.results.count == 1, let v = assign.results[0].place, v.path.isEmpty,
              case .variable(let name) = v.root, assign.operands.first == .function(program.index.callGraph.names[e.to])
        else { return false }
        var started = false
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where !(b == e.site.block && i == e.site.instruction) {
                if inst.results.contains(where: { $0.place?.root == v.root }) { return false }
                if inst.operands.contains(where: { $0.place?.root == v.root }) { return false }
                if case .dynamic(let value, _)? = inst.callee, value.place?.root == v.root {
                    guard inst.mode == .go else { return false }
                    started = true
                }
            }
        }
        guard started else { return false }
        // A closure of the function that captures the variable could call it.
        let prefix = function.name + ".func"
        for n in 0..<program.index.nodeCount {
            let f = program.index.function(n)
            if f.name.hasPrefix(prefix), f.captures.contains(where: { $0.name == name }) { return false }
        }
        return true
    }

}
