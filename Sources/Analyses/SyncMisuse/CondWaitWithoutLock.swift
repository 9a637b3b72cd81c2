import ConcIR
import Findings

/// SY1012: `cond.Wait()` called without holding the Cond's lock.
///
/// Wait unlocks `c.L` before it sleeps and locks it again before it
/// returns; called without the lock it dies with "fatal error: sync:
/// unlock of unlocked mutex" (for a Mutex), and the condition it checked
/// was read without the lock anyway. Lock `c.L` (or the mutex it was made
/// with) around the check and the Wait.
///
/// Reported when no lock is held on some path to the Wait and the callers
/// (when there are any) do not all hold one where they call. A goroutine
/// started while its spawner holds a lock counts as holding it: Go's
/// mutexes belong to no goroutine, and the idiom that makes Wait
/// selectable (`go func() { c.Wait(); ch <- struct{}{} }()` under `c.L`)
/// hands the lock to the goroutine, whose Wait releases it. Which lock is
/// held is not compared with `c.L`.
struct CondWaitWithoutLock: FunctionLocalCheck {
    static let id = "SY1012"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.condWait] }
    var findings: [Finding] = []
    private var locks: HeldLocks?

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, site.block < scope.cfg.blockCount, scope.cfg.isReachable(site.block) else { return }
        if locks == nil { locks = HeldLocks(function: scope.function, cfg: scope.cfg, normalize: scope.facts.normalize) }
        guard locks?.holdsSomeLock(at: site) == false,
              !CallerLocks.everyCallerHoldsALock(scope.node, program: scope.program, spawns: true) else { return }
        let cond = inst.operands.first?.place.flatMap(GoSpelling.expression) ?? "the Cond"
        let message = "\(cond).Wait() is called without holding the Cond's lock: Wait unlocks it first "
            + "(\"sync: unlock of unlocked mutex\") and the condition was checked unguarded; lock \(cond).L before checking and waiting"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    mutating func finishFunction(_ scope: FunctionScope) { locks = nil }

}
