import ConcIR
import Findings

/// WG1050: `wg.Add` inside the goroutine it counts.
///
/// `go func() { wg.Add(1); defer wg.Done(); ... }()` races with the
/// spawner's `wg.Wait()`: Wait can see a zero counter before the goroutine
/// has run its Add, and return while the work is still going on. Add must
/// happen before the `go` statement. Reported when a goroutine calls Add
/// and Done on the same WaitGroup it was given (captured, passed or
/// global); a goroutine that calls Add for goroutines it starts itself is
/// not. staticcheck's SA2000 finds the same bug when Add is the first
/// statement.
struct WaitGroupAddInGoroutine: FunctionLocalCheck {
    static let id = "WG1050"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.wgAdd] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        let program = scope.program
        guard inst.mode == .now, program.spawnedByGo.contains(scope.node),
              let wg = inst.operands.first?.place.map(scope.normalize),
              scope.naming.summaryPlace(for: wg) != nil else { return }
        let doneHere = scope.function.blocks.contains { block in
            block.instructions.contains { $0.op == .wgDone && $0.operands.first?.place.map(scope.normalize) == wg }
        }
        guard doneHere, !countedBeforeInnerGo(inst, at: site, wg: wg, scope: scope) else { return }
        let name = GoSpelling.expression(wg) ?? "the WaitGroup"
        let message = "\(name).Add is called inside the goroutine it counts: \(name).Wait can return before it runs; "
            + "call Add before the go statement"
        let fix = moveFix(inst, scope: scope)
        if let f = scope.finding(ruleID, at: inst.position, message, fixes: fix.map { [$0] } ?? []) { findings.append(f) }
    }

    /// The goroutine is itself counted by `wg` (a `defer wg.Done()` runs
    /// before the Add on every path, so its spawner added for it and the
    /// counter stays positive while it runs) and the Add is for a goroutine
    /// it starts after it (a later `go` whose function calls Done on `wg`):
    /// Wait cannot return between the two, so the Add is in time.
    private func countedBeforeInnerGo(_ inst: Instruction, at site: InstructionSite, wg: Place,
                                      scope: FunctionScope) -> Bool {
        let blocks = scope.function.blocks
        let cfg = scope.cfg
        func isDeferredDone(_ i: Instruction) -> Bool {
            i.op == .wgDone && i.mode == .defer && i.operands.first?.place.map(scope.normalize) == wg
        }
        let counted = blocks.indices.contains { b in
            let instructions = b == site.block ? Array(blocks[b].instructions.prefix(site.index)) : blocks[b].instructions
            return instructions.contains(where: isDeferredDone) && (b == site.block || cfg.dominates(b, site.block))
        }
        guard counted, let facts = scope.program.waitGroups else { return false }
        func spawnsCounted(_ i: Instruction) -> Bool {
            facts.spawnsDone(i, on: wg, facts: scope.facts, index: scope.program.index)
        }
        if blocks[site.block].instructions.dropFirst(site.index + 1).contains(where: spawnsCounted) { return true }
        var seen: Set<Int> = []
        var work = blocks[site.block].successors
        while let b = work.popLast() {
            guard b < blocks.count, seen.insert(b).inserted else { continue }
            if blocks[b].instructions.contains(where: spawnsCounted) { return true }
            work.append(contentsOf: blocks[b].successors)
        }
        return false
    }

    /// Moves the Add's line to just before the `go` statement: offered for
    /// a closure started from one place (its captured names mean the same
    /// there), when the Add is alone on its line.
    private func moveFix(_ inst: Instruction, scope: FunctionScope) -> Fix? {
        let program = scope.program
        guard scope.function.parent != nil, let sites = program.goSites[scope.node], sites.count == 1 else { return nil }
        let caller = program.index.function(sites[0].caller)
        let site = sites[0].site
        guard site.block < caller.blocks.count, site.instruction < caller.blocks[site.block].instructions.count else { return nil }
        let goPosition = caller.blocks[site.block].instructions[site.instruction].position
        let sources = scope.sources(reading: scope.file)
        let file = scope.file
        let addLine = Int(inst.position.line)
        let goLine = Int(goPosition.line)
        guard program.index.file(of: sites[0].caller) == file, goLine < addLine,
              let text = sources.line(file, addLine), let indent = sources.indentation(file, addLine),
              Int(inst.position.column) == indent.utf8.count + 1,
              sources.statementEnd(file, line: addLine, column: Int(inst.position.column)) == addLine,
              let goIndent = sources.indentation(file, goLine) else { return nil }
        let statement = text.dropFirst(indent.count).trimmingTrailingBlanks()
        return Fix(description: "move `\(statement)` before the go statement", edits: [
            TextEdit(file: file, startLine: goLine, startColumn: 1, endLine: goLine, endColumn: 1,
                     text: goIndent + statement + "\n"),
            TextEdit(file: file, startLine: addLine, startColumn: 1, endLine: addLine + 1, endColumn: 1, text: ""),
        ])
    }
}

extension Substring {
    func trimmingTrailingBlanks() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
