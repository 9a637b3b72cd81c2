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
struct BusySelectDefault: StructuralCheck {
    static let id = "CH1101"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [] }
    var wantsTerminators: Bool { true }
    private var findings: [Finding] = []
    private var facts: BusyWaitFacts?

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {}

    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {
        guard case .select(let cases, let def?) = terminator, !cases.isEmpty,
              block < scope.cfg.blockCount, scope.cfg.isInCycle[block] else { return }
        if facts == nil { facts = BusyWaitFacts(program: scope.program) }
        guard var busy = facts, let path = Self.idlePath(from: def, back: block, scope, &busy) else { return }
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
    static func idlePath(from start: Int, back target: Int, _ scope: FunctionScope, _ busy: inout BusyWaitFacts) -> Position? {
        let blocks = scope.function.blocks
        func idle(_ b: Int) -> Bool {
            guard !BusyWaitFacts.blocks(b == target ? nil : blocks[b].terminator) else { return false }
            for inst in blocks[b].instructions where busy.isBarrier(inst) { return false }
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

    /// Deletes an empty `default:` line, so the select blocks.
    private func removeDefaultFix(_ def: Int, _ scope: FunctionScope) -> [Fix] {
        let block = scope.function.blocks[def]
        guard block.instructions.isEmpty, case .jump? = block.terminator else { return [] }
        let line = Int(block.terminatorPosition.line)
        guard let text = scope.program.sources.line(scope.file, line),
              text.filter({ $0 != " " && $0 != "\t" }) == "default:" else { return [] }
        return [Fix(description: "remove the empty default, so the select waits for a case",
                    edits: [TextEdit(file: scope.file, startLine: line, startColumn: 1, endLine: line + 1, endColumn: 1, text: "")])]
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { findings }
}
