import ConcIR
import Findings

/// MU1004: `mu.Lock()` immediately followed by `mu.Unlock()`.
///
/// Nothing is protected; usually the code meant `defer mu.Unlock()` or
/// lost the statements in between in an edit. staticcheck's SA2001. Known
/// false positive: the empty section is sometimes used on purpose to wait
/// until another goroutine has left its critical section (a barrier); a
/// comment and a suppression say so.
///
/// Not reported in the tests of package sync itself, as staticcheck's
/// SA2001 does not: there the lock is the thing under test (benchmarks of
/// Lock/Unlock, hammer and starvation tests, misuse tests that provoke the
/// double-unlock fatal error), and there is no data that should have been
/// inside. A comment next to the pair does not exempt it elsewhere: a
/// deliberate barrier is rare and says so with a suppression.
struct EmptyCriticalSection: StructuralCheck {
    static let id = "MU1004"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.mutexLock, .mutexRLock] }
    private var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        let instructions = scope.function.blocks[site.block].instructions
        guard inst.mode == .now, site.index + 1 < instructions.count, !Self.testsTheLock(scope),
              let mu = inst.operands.first?.place.map(scope.facts.normalize) else { return }
        let next = instructions[site.index + 1]
        let unlock: Opcode = inst.op == .mutexRLock ? .mutexRUnlock : .mutexUnlock
        guard next.op == unlock, next.mode == .now, next.operands.first?.place.map(scope.facts.normalize) == mu,
              Self.nothingBetween(inst.position, next.position, scope) else { return }
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
        let sources = scope.program.sources
        for n in (first + 1)..<last {
            guard let text = sources.line(scope.file, n) else { return false }
            let code = text.drop { $0 == " " || $0 == "\t" }
            if !code.isEmpty && !code.hasPrefix("//") { return false }
        }
        return true
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { findings }
}
