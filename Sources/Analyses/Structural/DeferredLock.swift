import ConcIR
import Findings

/// MU1003: `defer mu.Lock()`, almost always a typo for `defer mu.Unlock()`.
///
/// The deferred Lock runs when the function returns: the mutex stays
/// locked (the Unlock the author meant never happens) and the next Lock
/// anywhere deadlocks. staticcheck's SA2003 reports it right after a Lock;
/// this rule reports every deferred Lock and RLock, except in a function
/// that unlocks the same mutex itself (`mu.Unlock(); defer mu.Lock()`,
/// releasing a lock around a callback and handing it back to the caller).
struct DeferredLock: FunctionLocalCheck {
    static let id = "MU1003"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.mutexLock, .mutexRLock] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .defer, let mu = inst.operands.first?.place.map(scope.normalize) else { return }
        let read = inst.op == .mutexRLock
        // `mu.Unlock(); defer mu.Lock()`: the lock is given back to the caller on purpose.
        let unlock: Opcode = read ? .mutexRUnlock : .mutexUnlock
        let releasesItself = scope.function.blocks.contains { block in
            block.instructions.contains {
                $0.op == unlock && $0.mode == .now && $0.operands.first?.place.map(scope.normalize) == mu
            }
        }
        guard !releasesItself else { return }
        let name = inst.operands.first?.place.flatMap(GoSpelling.expression) ?? "the mutex"
        let method = read ? "RLock" : "Lock"
        let message = "defer \(name).\(method)() locks the mutex when the function returns instead of unlocking it: "
            + "did you mean defer \(name).\(read ? "RUnlock" : "Unlock")()?"
        let fix = Self.fix(inst, method: method, scope: scope)
        if let f = scope.finding(ruleID, at: inst.position, message, fixes: fix.map { [$0] } ?? []) { findings.append(f) }
    }

    /// Replaces `Lock` by `Unlock` (`RLock` by `RUnlock`) in `.Lock()` after the statement's column.
    private static func fix(_ inst: Instruction, method: String, scope: FunctionScope) -> Fix? {
        let line = Int(inst.position.line)
        guard let text = scope.sources(reading: scope.file).line(scope.file, line) else { return nil }
        let bytes = Array(text.utf8)
        let needle = Array(".\(method)()".utf8)
        var found: Int?
        var i = max(0, Int(inst.position.column) - 1)
        while i + needle.count <= bytes.count {
            if Array(bytes[i..<i + needle.count]) == needle { found = i; break }
            i += 1
        }
        guard let dot = found else { return nil }
        let start = dot + 2
        let replacement = method == "RLock" ? "RUnlock" : "Unlock"
        return Fix(description: "defer \(replacement) instead", edits: [
            TextEdit(file: scope.file, startLine: line, startColumn: start, endLine: line,
                     endColumn: start + method.utf8.count, text: replacement),
        ])
    }
}
