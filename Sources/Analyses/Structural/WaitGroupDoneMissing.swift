import ConcIR
import Findings

/// WG1051: a goroutine that calls `wg.Done` on some paths but can leave
/// without it: an early return before the Done, or a panic when the Done
/// is not deferred (recovered by a deferred call, it leaves the counter
/// up). Then `wg.Wait()` blocks for ever. `defer wg.Done()` as the
/// goroutine's first statement covers every path.
struct WaitGroupDoneMissing: FunctionLocalCheck {
    static let id = "WG1051"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.wgDone] }
    var findings: [Finding] = []
    private var waitGroups: [Place] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard scope.program.spawnedByGo.contains(scope.node),
              let wg = inst.operands.first?.place.map(scope.normalize),
              scope.naming.summaryPlace(for: wg) != nil, !waitGroups.contains(wg) else { return }
        waitGroups.append(wg)
    }

    mutating func finishFunction(_ scope: FunctionScope) {
        defer { waitGroups = [] }
        guard let facts = scope.program.waitGroups else { return }
        let tracker = ResourceTracker(model: facts.model, modelIndex: WaitGroupFacts.modelIndex, facts: scope.facts,
                                      program: scope.program.index, summaries: facts.summaries, checksPanics: true)
        let search = PathSearch(function: scope.function, infeasible: scope.facts.infeasible, tracker: tracker,
                                limit: scope.program.limits.statesPerFunction, rpoNumber: scope.cfg.rpoNumber)
        for wg in waitGroups where !donePerReceivedItem(wg, scope: scope) {
            let nilEdges = nilSideEdges(of: wg, scope: scope)
            let search = nilEdges.isEmpty ? search
                : PathSearch(function: scope.function, infeasible: scope.facts.infeasible.union(nilEdges), tracker: tracker,
                             limit: scope.program.limits.statesPerFunction, rpoNumber: scope.cfg.rpoNumber)
            let result = search.run(block: 0, index: 0, origin: nil, state: ResourceTracker.State(aliases: [wg]))
            guard !result.exhausted, let leak = result.firstLeak, leak.kind == .exit || leak.kind == .panic else { continue }
            if leak.kind == .panic, Self.panicEndsProgram(scope, at: scope.function.blocks[result.nodes[leak.node].block]) { continue }
            let name = GoSpelling.expression(wg) ?? "the WaitGroup"
            let message = leak.kind == .exit
                ? "the goroutine returns here without calling \(name).Done, so \(name).Wait blocks for ever; defer the Done"
                : "if this panic is recovered, \(name).Done is never called and \(name).Wait blocks for ever; defer the Done"
            let end = leak.kind == .exit ? "returns here without \(name).Done" : "panics here without \(name).Done"
            let flow = LeakFindingBuilder.pathFlow(scope.function, message: "a path of the goroutine that skips \(name).Done",
                                                   start: (scope.function.position, "the goroutine starts here"),
                                                   edges: result.edges(to: leak), end: (leak.position, end),
                                                   locate: scope.location)
            if let f = scope.finding(ruleID, at: leak.position, message, flows: [flow]) { findings.append(f) }
        }
    }

    /// A panic that nothing can recover ends the whole program, Wait and
    /// all, so the Done it skips does not matter: the function runs only as
    /// a goroutine (every call-graph edge to it is a `go`, and it is a
    /// function literal or unexported, so no other package calls it), and
    /// it defers no call that could call `recover` (the IR does not show
    /// `recover`, so any deferred call may). runtime.Goexit and
    /// t.FailNow, which the IR ends like a panic, end the goroutine alone
    /// and stay reported.
    private static func panicEndsProgram(_ scope: FunctionScope, at block: Block) -> Bool {
        guard !block.endsGoroutineWithoutPanic else { return false }
        let f = scope.function
        // Only a called function can recover: a deferred operation the IR
        // models (`defer t.Stop()`, `defer mu.Unlock()`) cannot.
        guard !f.blocks.contains(where: { $0.instructions.contains { $0.mode == .defer && $0.op == .call } }) else { return false }
        let graph = scope.program.index.callGraph
        guard scope.node < graph.incoming.count,
              graph.incoming[scope.node].allSatisfy({ graph.edges[$0].kind == .go }) else { return false }
        return f.parent != nil || !FunctionName.isExported(f.name)
    }

    /// A worker that calls Done once per value it receives (`for x := range
    /// ch { ...; wg.Done() }`, every Done inside a `for range ch` loop, none
    /// deferred) owes a Done per item, not one for the goroutine: its return
    /// when the channel is closed skips nothing.
    private func donePerReceivedItem(_ wg: Place, scope: FunctionScope) -> Bool {
        let blocks = scope.function.blocks
        let cfg = scope.cfg
        var any = false
        for (b, block) in blocks.enumerated() {
            for inst in block.instructions where inst.op == .wgDone
                && inst.operands.first?.place.map(scope.normalize) == wg {
                guard inst.mode == .now, let loop = cfg.innermostLoop(containing: b),
                      blocks[loop.header].instructions.contains(where: { $0.op == .chanRecv && $0.isRangeStep })
                else { return false }
                any = true
            }
        }
        return any
    }

    /// The edges taken when `wg` is nil, after `if wg != nil` or `if wg ==
    /// nil` (the IR's `isnil` test): a goroutine given no WaitGroup owes no
    /// Done on them.
    private func nilSideEdges(of wg: Place, scope: FunctionScope) -> Set<ControlFlowGraph.Edge> {
        var out = Set<ControlFlowGraph.Edge>()
        for (b, block) in scope.function.blocks.enumerated() {
            guard case .branch(.place(let c), let yes, _)? = block.terminator,
                  block.nilTested(by: c)?.place.map(scope.normalize) == wg else { continue }
            out.insert(.init(from: b, to: yes))
        }
        return out
    }
}
