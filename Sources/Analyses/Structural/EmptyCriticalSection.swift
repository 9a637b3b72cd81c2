import ConcIR
import Findings

/// MU1004: `mu.Lock()` immediately followed by `mu.Unlock()`.
///
/// Nothing is protected; usually the code meant `defer mu.Unlock()` or
/// lost the statements in between in an edit. staticcheck's SA2001.
///
/// An empty section is also a barrier, used on purpose: it waits until
/// every goroutine inside the section has left it (a write Lock waits out
/// the readers of an RWMutex). Two shapes say so and are not reported: a
/// comment on the pair or on the statements right above it that speaks of
/// waiting (wait, until, drain, barrier, active, in-flight, outstanding:
/// "wait for any active call to complete"), and a goroutine
/// whose empty section is on a mutex its starter holds at the `go`
/// statement (it blocks until the starter unlocks: a test parking a
/// goroutine on purpose). Not reported either in the tests of package
/// sync itself, as SA2001 does not: there the lock is the thing under
/// test (benchmarks of Lock/Unlock, misuse tests), not data.
struct EmptyCriticalSection: FunctionLocalCheck {
    static let id = "MU1004"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.mutexLock, .mutexRLock] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        let instructions = scope.function.blocks[site.block].instructions
        guard inst.mode == .now, site.index + 1 < instructions.count, !Self.testsTheLock(scope),
              let mu = inst.operands.first?.place.map(scope.normalize) else { return }
        let next = instructions[site.index + 1]
        let unlock: Opcode = inst.op == .mutexRLock ? .mutexRUnlock : .mutexUnlock
        guard next.op == unlock, next.mode == .now, next.operands.first?.place.map(scope.normalize) == mu,
              Self.nothingBetween(inst.position, next.position, scope),
              !Self.explainedAsBarrier(inst.position, next.position, scope),
              !Self.waitsForStarter(mu, at: site, scope) else { return }
        let name = GoSpelling.expression(mu) ?? "the mutex"
        let message = "empty critical section: \(name) is unlocked right after it is locked, so nothing is protected"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    /// Whether the code is a test of package sync, whose locks it exercises.
    private static func testsTheLock(_ scope: FunctionScope) -> Bool {
        let package = scope.module.packagePath
        return package == "sync_test" || (package == "sync" && scope.file.hasSuffix("_test.go"))
    }

    /// The IR keeps only what matters for concurrency, so two operations
    /// next to each other may have plain statements between them in the
    /// source: the section is empty only when no source line lies between
    /// them (or, with the source text, only blank and comment lines do).
    private static func nothingBetween(_ lock: Position, _ unlock: Position, _ scope: FunctionScope) -> Bool {
        let first = Int(lock.line)
        let last = Int(unlock.line)
        if last <= first + 1 { return last >= first }
        let sources = scope.sources(reading: scope.file)
        for n in (first + 1)..<last {
            guard let text = sources.line(scope.file, n) else { return false }
            let code = text.drop { $0 == " " || $0 == "\t" }
            if !code.isEmpty && !code.hasPrefix("//") { return false }
        }
        return true
    }

    /// Words of a comment that says the empty section waits for someone.
    private static let barrierWords = ["wait", "until", "drain", "to finish", "to complete", "barrier", "active",
                                       "in-flight", "in flight", "inflight", "outstanding", "quiesce"]

    /// Whether a comment on the Lock or Unlock line, between them, or among
    /// the lines right above the Lock (up to a blank line or the start of
    /// the block: the comment of the statements the pair belongs to)
    /// speaks of waiting.
    private static func explainedAsBarrier(_ lock: Position, _ unlock: Position, _ scope: FunctionScope) -> Bool {
        let sources = scope.sources(reading: scope.file)
        let first = Int(lock.line)
        var comments: [Substring] = []
        for n in first...max(first, Int(unlock.line)) {
            guard let text = sources.line(scope.file, n), let range = text.range(of: "//") else { continue }
            comments.append(text[range.upperBound...])
        }
        // The statements right above, up to a blank line or a block boundary.
        var n = first - 1
        while n >= 1, let text = sources.line(scope.file, n) {
            let code = text.drop { $0 == " " || $0 == "\t" }
            if code.hasPrefix("//") {
                comments.append(code.dropFirst(2))
            } else if code.isEmpty || code.hasPrefix("}") || code.hasSuffix("{") {
                break
            }
            n -= 1
        }
        return comments.contains { comment in
            let words = comment.lowercased()
            return barrierWords.contains { words.contains($0) }
        }
    }

    /// Whether this function is a goroutine whose every starter holds `mu`
    /// (a variable it captures) at the `go` statement: the empty section
    /// blocks until the starter unlocks, which is its purpose.
    private static func waitsForStarter(_ mu: Place, at site: InstructionSite, _ scope: FunctionScope) -> Bool {
        guard case .variable(let name) = mu.root, scope.function.captures.contains(where: { $0.name == name }),
              let starts = scope.program.goSites[scope.node], !starts.isEmpty else { return false }
        let index = scope.program.index
        return starts.allSatisfy { start in
            let caller = index.function(start.caller)
            guard scope.function.parent == caller.name else { return false }
            let facts = FunctionFacts(node: start.caller, program: index)
            let held = HeldLocks(function: caller, cfg: facts.cfg, normalize: facts.normalize)
            return held.held(at: InstructionSite(block: start.site.block, index: start.site.instruction)).contains(facts.normalize(mu))
        }
    }
}
