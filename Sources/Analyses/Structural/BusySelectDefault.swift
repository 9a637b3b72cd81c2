import ConcIR
import Findings

/// CH1101: `for { select { case ...: default: } }` whose default path
/// comes back to the select without blocking, sleeping or doing work.
///
/// A select with a default never waits: when no case is ready the loop
/// spins through the default at full speed, burning a core for as long as
/// it waits (and starving other goroutines on small GOMAXPROCS). Remove the
/// default so that the select blocks until a case is ready, or wait on a
/// ticker (or sleep with back-off) in the default.
///
/// A path that updates a variable is not idle: a select in a counted loop
/// or a range (`for i := 0; i < b.N; i++`, `for _, c := range chans`) is a
/// non-blocking check made once per step, and the loop ends by itself. A
/// path that makes a system call (`syscall.Kill` in a signal flood) works.
struct BusySelectDefault: FunctionLocalCheck {
    static let id = "CH1101"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [] }
    var wantsTerminators: Bool { true }
    var findings: [Finding] = []
    private var facts: BusyWaitFacts?
    private var systemCalls: SystemCalls?

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {}

    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {
        guard case .select(let cases, let def?) = terminator, !cases.isEmpty,
              block < scope.cfg.blockCount, scope.cfg.isInCycle[block] else { return }
        if facts == nil { facts = BusyWaitFacts(program: scope.program) }
        if systemCalls == nil { systemCalls = SystemCalls(program: scope.program) }
        guard var busy = facts, let syscalls = systemCalls,
              let path = Self.idlePath(from: def, back: block, scope, &busy, syscalls) else { return }
        facts = busy
        let position = scope.function.blocks[block].terminatorPosition
        let message = "this select has a default that loops straight back (line \(path.line)) without blocking or sleeping: "
            + "while no case is ready the loop spins and burns a core; remove the default so the select waits, "
            + "or wait on a ticker (or back off) in it"
        if let f = scope.finding(ruleID, at: position, message, fixes: removeDefaultFix(def, scope)) { findings.append(f) }
    }

    /// A path from the default's block back to the select's block on
    /// which nothing blocks or works (the select block's own instructions
    /// included); the position of the default's first statement.
    static func idlePath(from start: Int, back target: Int, _ scope: FunctionScope, _ busy: inout BusyWaitFacts,
                         _ syscalls: SystemCalls) -> Position? {
        let blocks = scope.function.blocks
        func idle(_ b: Int) -> Bool {
            guard !BusyWaitFacts.blocks(b == target ? nil : blocks[b].terminator) else { return false }
            for inst in blocks[b].instructions where busy.isBarrier(inst) || updatesVariable(inst) || syscalls.made(by: inst) {
                return false
            }
            return true
        }
        guard idle(target), idle(start) else { return nil }
        var seen: Set<Int> = [start]
        var work = [start]
        while let b = work.popLast() {
            if blocks[b].terminator?.exitsFunction == true { continue }
            for s in scope.cfg.successors[b] {
                if s == target { return blocks[start].instructions.first?.position ?? blocks[start].terminatorPosition }
                guard !seen.contains(s), !scope.facts.infeasible.contains(ControlFlowGraph.Edge(from: b, to: s)) else { continue }
                seen.insert(s)
                if idle(s) { work.append(s) }
            }
        }
        return nil
    }

    /// Whether the instruction updates a variable or walks a range: a
    /// turn that counts (`for i := 0; i < b.N; i++`), ranges over a slice
    /// or map, or stores a result makes progress of its own, so its select
    /// is a check made once per step, not a wait (as CH1102 judges loops).
    static func updatesVariable(_ inst: Instruction) -> Bool {
        if inst.op == .mapRange || inst.isRangeStep { return true }
        guard case .place(let dst)? = inst.results.first else { return false }
        if case .temp = dst.root { return false }
        return true
    }

    /// Deletes an empty `default:` line, so the select blocks.
    private func removeDefaultFix(_ def: Int, _ scope: FunctionScope) -> [Fix] {
        let block = scope.function.blocks[def]
        guard block.instructions.isEmpty, case .jump? = block.terminator else { return [] }
        let line = Int(block.terminatorPosition.line)
        guard let text = scope.sources(reading: scope.file).line(scope.file, line),
              text.filter({ $0 != " " && $0 != "\t" }) == "default:" else { return [] }
        return [Fix(description: "remove the empty default, so the select waits for a case",
                    edits: [TextEdit(file: scope.file, startLine: line, startColumn: 1, endLine: line + 1, endColumn: 1, text: "")])]
    }
}

/// Whether a call makes a system call: itself, or in a helper of the
/// analysed code it calls (three levels deep: `syscall.Kill` calls
/// `RawSyscall`). A system call is the kernel's work, and often blocks (a
/// wait4 or waitid in an EINTR retry loop): a loop that makes one each
/// turn is not an idle spin. The entry points are assembly, with no body
/// the busy-wait facts could look into. Memoised per function.
final class SystemCalls {
    static let entries: Set<String> = [
        "syscall.Syscall", "syscall.Syscall6", "syscall.Syscall9", "syscall.RawSyscall", "syscall.RawSyscall6",
        "syscall.rawSyscallNoError", "syscall.rawVforkSyscall",
        "golang.org/x/sys/unix.Syscall", "golang.org/x/sys/unix.Syscall6", "golang.org/x/sys/unix.RawSyscall",
        "golang.org/x/sys/unix.RawSyscall6", "golang.org/x/sys/unix.RawSyscallNoError", "golang.org/x/sys/unix.SyscallNoError",
    ]
    private let program: StructuralProgram
    /// Per function and depth (see `BusyWaitFacts`); the depth bound ends a cycle.
    private var known: [DepthKey: Bool] = [:]

    init(program: StructuralProgram) { self.program = program }

    func made(by inst: Instruction) -> Bool {
        guard inst.op == .call, inst.mode == .now, let callee = inst.callee else { return false }
        return reaches(callee.possibleTargets, depth: 0)
    }

    private func reaches(_ targets: [String], depth: Int) -> Bool {
        for t in targets {
            if Self.entries.contains(t) { return true }
            guard depth < 3, let node = program.index.node(named: t) else { continue }
            let key = DepthKey(node: node, depth: depth)
            if let k = known[key] { if k { return true } else { continue } }
            var result = false
            outer: for block in program.index.function(node).blocks {
                for inst in block.instructions where inst.op == .call && inst.mode == .now {
                    if let callee = inst.callee, reaches(callee.possibleTargets, depth: depth + 1) { result = true; break outer }
                }
            }
            known[key] = result
            if result { return true }
        }
        return false
    }
}
