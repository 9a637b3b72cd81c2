import ConcIR
import Findings

/// MU1006: `RLock` taken again by a goroutine that already holds it,
/// directly or through a call whose body read-locks the same mutex.
///
/// A second RLock is not re-entrant: if a writer calls Lock between the
/// two, the writer waits for the first RLock and the second RLock waits
/// for the writer: a deadlock that only shows under write load. The
/// sync.RWMutex documentation forbids recursive read locking. Reported on
/// the path where the mutex may already be read-locked. Not reported: a
/// mutex in a local variable that only this function's lock operations
/// touch (no other goroutine can reach it, so no writer can queue between
/// the two read locks).
struct RecursiveReadLock: FunctionLocalCheck {
    static let id = "MU1006"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.mutexRLock] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {}

    mutating func finishFunction(_ scope: FunctionScope) {
        guard let summaries = scope.program.readLocks else { return }
        let blocks = scope.function.blocks
        let facts = scope.facts
        let index = scope.program.index
        let inputs = ForwardDataflow.solve(cfg: scope.cfg, entry: Set<Place>(), join: { $0.union($1) }, transfer: { b, held in
            var s = held
            Self.run(blocks[b], facts: facts, summaries: summaries, index: index, held: &s) { _, _, _ in }
            return blocks[b].successors.map { ($0, s) }
        })
        var reported = Set<Position>()
        for (b, block) in blocks.enumerated() {
            guard var held = inputs[b] else { continue }
            Self.run(block, facts: facts, summaries: summaries, index: index, held: &held) { inst, mu, viaCall in
                guard !Self.isPrivateLocal(mu.root, scope), reported.insert(inst.position).inserted else { return }
                let name = GoSpelling.expression(mu) ?? "the mutex"
                let message = viaCall
                    ? "this call read-locks \(name) again while this goroutine already holds its read lock: a writer waiting in between deadlocks both"
                    : "\(name).RLock is taken again while this goroutine already holds it: a writer waiting in between deadlocks both"
                if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
            }
        }
    }

    /// Applies a block to the set of read-locked mutexes; `report` gets each
    /// RLock (or call that read-locks) of a mutex already held.
    private static func run(_ block: Block, facts: FunctionFacts, summaries: ReadLockSummaries, index: AnalysedProgram,
                            held: inout Set<Place>, report: (Instruction, Place, Bool) -> Void) {
        for inst in block.instructions where inst.mode == .now {
            switch inst.op {
            case .mutexRLock:
                guard let mu = inst.operands.first?.place.map(facts.normalize) else { continue }
                if held.contains(mu) { report(inst, mu, false) }
                held.insert(mu)
            case .mutexRUnlock:
                if let mu = inst.operands.first?.place.map(facts.normalize) { held.remove(mu) }
            case .call:
                // Only a mutex already held is reported: with none, no summary is looked up.
                guard !held.isEmpty else { continue }
                for callee in summaries.calledSummaries(inst, facts: facts, index: index) {
                    for sp in callee {
                        guard let p = sp.place(inCallWith: inst.operands).map(facts.normalize), held.contains(p) else { continue }
                        report(inst, p, true)
                    }
                }
            default:
                break
            }
        }
    }

    /// A local variable of this function that only its own lock operations
    /// touch: not a parameter, result, receiver or captured variable, not
    /// captured by a closure, never copied, passed or returned, its address
    /// never taken. No other goroutine can reach it, so no writer can queue
    /// between the two read locks.
    private static func isPrivateLocal(_ root: Place.Root, _ scope: FunctionScope) -> Bool {
        guard case .variable(let name) = root else { return false }
        let f = scope.function
        guard f.locals.contains(where: { $0.name == name }), !f.parameters.contains(where: { $0.name == name }),
              !f.results.contains(where: { $0.name == name }), !f.captures.contains(where: { $0.name == name }),
              f.receiver?.name != name else { return false }
        let lockOps: OpcodeSet = [.mutexLock, .mutexUnlock, .mutexRLock, .mutexRUnlock, .mutexTryLock, .mutexTryRLock]
        func mentions(_ o: Operand) -> Bool { o.place?.root == root }
        for block in f.blocks {
            for inst in block.instructions {
                if inst.results.contains(where: mentions) { return false }
                guard inst.operands.contains(where: mentions) else { continue }
                if lockOps.contains(inst.op), inst.operands.count == 1 { continue }
                return false
            }
            switch block.terminator {
            case .return(let values)?: if values.contains(where: mentions) { return false }
            case .panic(let value)?: if mentions(value) { return false }
            case .select(let cases, _)?:
                for c in cases {
                    if case .send(let ch, let v) = c.communication, mentions(ch) || mentions(v) { return false }
                    if case .recv = c.communication, mentions(c.channel) { return false }
                }
            default: break
            }
        }
        return !scope.program.index.capturedByClosures(of: f.name).contains(name)
    }
}
