import ConcIR
import Findings

/// SY1013: `cond.Signal()` on a Cond that goroutines wait on for different
/// conditions.
///
/// Signal wakes one waiter, any one. When producers wait on the Cond for
/// "not full" and consumers for "not empty", a consumer's Signal meant for
/// a producer can wake another consumer, which finds the queue still empty
/// and waits again: the wake-up is lost and, when everyone ends up
/// waiting, the program deadlocks. Use Broadcast, or one Cond per
/// condition (notFull, notEmpty) sharing the mutex.
///
/// Different conditions are told apart by where the waits are: Waits in
/// two or more functions (not closures of one another). Two functions
/// waiting for the same condition are a known false positive.
struct CondSignalSharedConditions: JoiningCheck {
    static let id = "SY1013"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.condWait, .condSignal] }
    static let slot = \JoinFacts.condSignals

    /// One function's Waits and Signals on shared Conds, in the order met.
    struct Facts: Codable {
        var waits: [Use] = []
        var signals: [Use] = []
    }

    struct Use: Codable {
        var cond: SharedObject
        var position: Position
    }

    private var current = Facts()
    private var waits: [SharedObject: [(node: Int, position: Position)]] = [:]
    private var signals: [SharedObject: [(node: Int, position: Position)]] = [:]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, let place = inst.operands.first?.place.map(scope.facts.normalize),
              let cond = SharedObject.of(place, in: scope), cond.isShared else { return }
        if inst.op == .condWait {
            current.waits.append(Use(cond: cond, position: inst.position))
        } else {
            current.signals.append(Use(cond: cond, position: inst.position))
        }
    }

    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts? {
        defer { current = Facts() }
        return current.waits.isEmpty && current.signals.isEmpty ? nil : current
    }

    mutating func absorb(_ facts: Facts, node: Int) {
        for use in facts.waits { waits[use.cond, default: []].append((node, use.position)) }
        for use in facts.signals { signals[use.cond, default: []].append((node, use.position)) }
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        var findings: [Finding] = []
        for cond in signals.keys.sorted() {
            guard let waiting = waits[cond], let sent = signals[cond] else { continue }
            let families = Set(waiting.map { Self.family(program.index.function($0.node).name) })
            guard families.count >= 2 else { continue }
            let names = families.sorted().map { ShortName.of($0) }.joined(separator: " and ")
            for s in sent {
                let message = "\(cond.display).Signal() wakes one waiter, but \(names) wait on \(cond.display) for different conditions: "
                    + "the wake-up can go to a goroutine that waits again, and is lost (a deadlock when everyone waits); "
                    + "use Broadcast, or one Cond per condition"
                guard var f = program.finding(ruleID, node: s.node, at: s.position, message) else { continue }
                f.related = waiting.prefix(4).map {
                    RelatedLocation(location: Location(file: program.index.file(of: $0.node), line: Int($0.position.line),
                                                       column: Int($0.position.column)),
                                    message: "waits in \(ShortName.of(program.index.function($0.node).name))")
                }
                findings.append(f)
            }
        }
        return findings
    }

    /// A function and its closures count as one waiter.
    private static func family(_ name: String) -> String {
        var parts = name.split(separator: ".", omittingEmptySubsequences: false)
        while parts.count > 1, let last = parts.last,
              (last.hasPrefix("func") && last.dropFirst(4).allSatisfy(\.isNumber)) || (!last.isEmpty && last.allSatisfy(\.isNumber)) {
            parts.removeLast()
        }
        return parts.joined(separator: ".")
    }
}
