import ConcIR
import Findings

/// SY1011: `cond.Wait()` that is not inside a loop re-checking the condition.
///
/// Wait can return when the condition is false: Broadcast wakes every
/// waiter and the first one to run may take the item; Signal may be sent
/// for another reason; the docs say "Wait cannot return unless awoken by
/// Broadcast or Signal" but not that the condition holds. Code after an
/// `if !cond { c.Wait() }` then pops from an empty queue. Write
/// `for !cond { c.Wait() }`.
///
/// A helper that only waits is fine when every call of it is in a loop.
struct CondWaitNotInLoop: StructuralCheck {
    static let id = "SY1011"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.condWait] }
    private var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, site.block < scope.cfg.blockCount, scope.cfg.isReachable(site.block),
              !scope.cfg.isInCycle[site.block], !Self.everyCallIsInALoop(scope) else { return }
        let cond = inst.operands.first?.place.flatMap(GoSpelling.expression) ?? "the Cond"
        let message = "\(cond).Wait() is not in a loop: Wait can return while the condition is still false "
            + "(Broadcast wakes every waiter, another goroutine may get there first); re-check it: for !condition { \(cond).Wait() }"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    /// Whether the function is called, and only from inside loops.
    private static func everyCallIsInALoop(_ scope: FunctionScope) -> Bool {
        let index = scope.program.index
        let calls = index.callGraph.incoming[scope.node].map { index.callGraph.edges[$0] }.filter { $0.kind == .call }
        guard !calls.isEmpty, calls.count <= 64 else { return false }
        var cfgs: [Int: ControlFlowGraph] = [:]
        for e in calls {
            let cfg = cfgs[e.from] ?? ControlFlowGraph(index.function(e.from))
            cfgs[e.from] = cfg
            guard e.site.block < cfg.blockCount, cfg.isInCycle[e.site.block] else { return false }
        }
        return true
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { findings }
}
