import ConcIR
import Findings

/// CG1021: a blocking C call or system call while the goroutine is locked
/// to its OS thread (after `runtime.LockOSThread`, before the matching
/// unlock). The locked thread can run nothing else while it waits, so the
/// runtime starts another thread for the rest of the program; with a locked
/// goroutine per device or per request the threads add up, and a goroutine
/// locked to the main thread (GUI and graphics libraries) freezes its event
/// loop. Lock only around the calls that need the thread's state, and do
/// the waiting unlocked.
struct BlockingCallOnLockedThread: CgoCheck {
    static let id = "CG1021"
    var ruleID: String { Self.id }

    func findings(at node: Int, _ program: CgoProgram) -> [Finding] {
        let blocking = program.blockingCalls(forRule: Self.id)
        let locking = program.threadLocking
        var out: [Finding] = []
        let function = program.index.function(node)
        let sites = locking.lockSites(node)
        guard !sites.isEmpty, blocking.mayBlock(node) else { return [] }
        let facts = program.facts(node)
        var reported = Set<InstructionSite>()
        for site in sites {
            var chain: [String] = []
            let hit = StatePathSearch<ThreadLocking.Depth>.run(function, cfg: facts.cfg, from: site,
                                                               state: .init(locks: 1, deferredUnlocks: 0), step: { inst, _, depth in
                if inst.mode == .now, let c = blocking.chain(of: inst, facts: facts) {
                    chain = c
                    return .found
                }
                return locking.apply(inst, in: function, to: &depth) ? .proceed : .stop
            }, atExit: { _, _ in false })
            guard let hit, let at = hit.site, reported.insert(at).inserted else { continue }
            let lock = FreedPointerSearch.position(site, function)
            let message = "\(BlockingCalls.describe(chain)) blocks while the goroutine is locked to its OS thread "
                + "(locked at line \(lock.line)): the thread can run nothing else until the call returns"
            if let f = program.finding(Self.id, node: node, at: FreedPointerSearch.position(at, function), message) { out.append(f) }
        }
        return out
    }
}
