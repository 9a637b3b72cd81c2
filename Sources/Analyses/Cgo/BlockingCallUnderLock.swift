import ConcIR
import Findings

/// CG1011: a blocking C call (or a function that makes one) while a Go
/// mutex is held. Every goroutine that wants the mutex waits for the C call
/// too, parked where the scheduler cannot help it: a slow `flock` or
/// `sqlite3_busy_timeout` turns a short critical section into a convoy. The
/// locks are a must-analysis (held on every path to the call).
struct BlockingCallUnderLock: CgoCheck {
    static let id = "CG1011"
    var ruleID: String { Self.id }

    func findings(at node: Int, _ program: CgoProgram) -> [Finding] {
        let blocking = program.blockingCalls(forRule: Self.id)
        var out: [Finding] = []
        guard blocking.mayBlock(node) else { return [] }
        let function = program.index.function(node)
        guard takesLocks(function) else { return [] }
        let facts = program.facts(node)
        let locks = HeldLocks(function: function, cfg: facts.cfg, normalize: facts.normalize)
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where inst.mode == .now {
                guard let chain = blocking.chain(of: inst, facts: facts) else { continue }
                let held = locks.held(at: InstructionSite(block: b, index: i))
                guard let lock = held.compactMap(GoSpelling.expression).sorted().first else { continue }
                let message = "\(BlockingCalls.describe(chain)) blocks while \(lock) is held: every goroutine that needs "
                    + "\(lock) waits for the C call as well"
                if let f = program.finding(Self.id, node: node, at: inst.position, message) { out.append(f) }
            }
        }
        return out
    }

    private func takesLocks(_ function: Function) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { inst in
                if inst.op == .mutexLock || inst.op == .mutexRLock { return true }
                guard inst.op == .call, let callee = inst.callee, callee.hasReceiver else { return false }
                return callee.possibleTargets.contains { FunctionName.methodName($0).map { $0 == "Lock" || $0 == "RLock" } ?? false }
            }
        }
    }
}
