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
/// A helper that only waits is fine when every call of it is in a loop:
/// the loop re-checks. One that hands back what it found after the Wait
/// (`func (q *Queue) Pop() Item`, called in `for { handle(q.Pop()) }`)
/// is not: the caller's loop uses the item, it checks nothing.
///
/// Only a Wait guarded by a condition checked once is reported: a branch
/// outside any loop that dominates the Wait, whose other arm skips the Wait
/// and joins the code after it (`if !cond { c.Wait() }; use`). A bare
/// Wait, with no check around it, waits for one wake-up on purpose (a test
/// of Cond itself, a goroutine parked to be seen blocked): Go's Cond has no
/// spurious wake-ups, and there is no predicate whose check could be a loop.
struct CondWaitNotInLoop: FunctionLocalCheck {
    static let id = "SY1011"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.condWait] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, site.block < scope.cfg.blockCount, scope.cfg.isReachable(site.block),
              !scope.cfg.isInCycle[site.block], Self.isGuardedOnce(site.block, scope),
              !(Self.onlyWaits(scope.function) && Self.everyCallIsInALoop(scope)) else { return }
        let cond = inst.operands.first?.place.flatMap(GoSpelling.expression) ?? "the Cond"
        let message = "\(cond).Wait() is not in a loop: Wait can return while the condition is still false "
            + "(Broadcast wakes every waiter, another goroutine may get there first); re-check it: for !condition { \(cond).Wait() }"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    /// Whether a two-way branch outside any loop dominates the Wait's block,
    /// with one arm leading to the Wait and the other skipping it to join
    /// the code that follows the Wait: `if !cond { c.Wait() }; use`. A
    /// branch whose other arm leaves the function (`if err != nil { return }`)
    /// does not guard the Wait.
    private static func isGuardedOnce(_ wait: Int, _ scope: FunctionScope) -> Bool {
        let cfg = scope.cfg
        let blocks = scope.function.blocks
        let afterWait = reachable(from: cfg.successors[wait], avoiding: [], cfg)
        var d = cfg.immediateDominators[wait]
        var seen = Set<Int>()
        while d >= 0, d < blocks.count, d != wait, seen.insert(d).inserted {
            if !cfg.isInCycle[d], case .branch(_, let then, let other) = blocks[d].terminator, then != other {
                for (toWait, skip) in [(then, other), (other, then)] where toWait == wait || cfg.dominates(toWait, wait) {
                    let skipped = reachable(from: [skip], avoiding: [wait, d], cfg)
                    if !skipped.isDisjoint(with: afterWait) { return true }
                }
            }
            let next = cfg.immediateDominators[d]
            if next == d { break }
            d = next
        }
        return false
    }

    /// The blocks reachable from `starts`, not going through `avoiding`.
    private static func reachable(from starts: [Int], avoiding: Set<Int>, _ cfg: ControlFlowGraph) -> Set<Int> {
        var seen = Set<Int>()
        var work = starts.filter { !avoiding.contains($0) }
        while let b = work.popLast() {
            guard seen.insert(b).inserted else { continue }
            work.append(contentsOf: cfg.successors[b].filter { !avoiding.contains($0) && !seen.contains($0) })
        }
        return seen
    }

    /// Whether the function hands nothing back but an outcome (`bool`,
    /// `error`): a helper that only waits, so that a loop around its call
    /// can be the loop that re-checks.
    private static func onlyWaits(_ function: Function) -> Bool {
        function.results.allSatisfy { $0.type == .basic(.bool) || $0.type == .basic(.error) }
    }

    /// Whether the function is called, and only from inside loops.
    private static func everyCallIsInALoop(_ scope: FunctionScope) -> Bool {
        let index = scope.program.index
        let calls = index.callGraph.incoming[scope.node].map { index.callGraph.edges[$0] }.filter { $0.kind == .call }
        guard !calls.isEmpty, calls.count <= 64 else { return false }
        return calls.allSatisfy { e in
            let cfg = index.shared.cfg(e.from)
            return e.site.block < cfg.blockCount && cfg.isInCycle[e.site.block]
        }
    }
}
