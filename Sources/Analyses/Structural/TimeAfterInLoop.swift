import ConcIR
import Findings

/// TM1003: `time.After` evaluated on every turn of a `for`-`select` loop.
///
/// `case <-time.After(d)` in a loop creates a new timer each time the
/// select is entered; when another case wins, the timer is not stopped and
/// (before Go 1.23) stays in memory until it fires. A busy loop with a long
/// timeout piles up thousands of them. Create one timer before the loop
/// (and Reset it), or use a context with a deadline.
struct TimeAfterInLoop: StructuralCheck {
    static let id = "TM1003"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.timeAfter] }
    private var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        let cfg = scope.cfg
        guard site.block < cfg.blockCount, cfg.isInCycle[site.block],
              let result = inst.results.first?.place else { return }
        let channels = scope.copies(of: result)
        let loop = cfg.innermostLoop(containing: site.block)
        let blocks = scope.function.blocks
        let selected = blocks.indices.contains { b in
            guard loop?.contains(b) ?? cfg.isInCycle[b], case .select(let cases, _)? = blocks[b].terminator else { return false }
            return cases.contains { c in
                guard case .recv = c.communication, let p = c.channel.place else { return false }
                return channels.contains(scope.facts.normalize(p))
            }
        }
        guard selected else { return }
        let message = "time.After in a for-select loop creates a new timer on every iteration; "
            + "the ones not chosen are not stopped and stay in memory until they fire: create one timer before the loop"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { findings }
}
