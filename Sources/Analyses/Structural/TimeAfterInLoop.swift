import ConcIR
import Findings

/// TM1003: `time.After` evaluated on every turn of a `for`-`select` loop.
///
/// `case <-time.After(d)` in a loop creates a new timer each time the
/// select is entered; when another case wins, the timer is not stopped and
/// (before Go 1.23) stays in memory until it fires. A busy loop with a long
/// timeout piles up thousands of them. Create one timer before the loop
/// (and Reset it), or use a context with a deadline.
///
/// Not reported: a loop that comes back to time.After only after the timer
/// fired (every other case of the select, and its default, leaves the
/// loop, t.Fatal included; or the call is in the timer's own case), or
/// only when the variable that keeps the timer is nil (a batching window
/// armed when none is pending): each timer has fired or is still waited
/// for when the next one is made, so at most one unfired timer, the
/// last, is ever left. Nor a loop of a few turns its function fixes (`for
/// i := 0; i < 2; i++`, `FixedTripCount.runsFewTimes`): a timer per try
/// of a two-try wait is no pile-up.
struct TimeAfterInLoop: FunctionLocalCheck {
    static let id = "TM1003"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.timeAfter] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        let cfg = scope.cfg
        guard site.block < cfg.blockCount, cfg.isInCycle[site.block],
              let result = inst.results.first?.place, !FixedTripCount.runsFewTimes(site.block, scope) else { return }
        let channels = scope.copies(of: result)
        let loop = cfg.innermostLoop(containing: site.block)
        let blocks = scope.function.blocks
        func isTimerCase(_ c: SelectCase) -> Bool {
            guard case .recv = c.communication, let p = c.channel.place else { return false }
            return channels.contains(scope.normalize(p))
        }
        // The selects of the loop that wait on this timer, and whether the
        // loop can come back to time.After after a case other than the timer
        // won (or the default ran): only then is an unfired timer left behind.
        var selected = false
        var leftBehind = false
        for b in blocks.indices {
            guard loop?.contains(b) ?? cfg.isInCycle[b], case .select(let cases, let def)? = blocks[b].terminator,
                  cases.contains(where: isTimerCase) else { continue }
            selected = true
            let others = cases.filter { !isTimerCase($0) }.map(\.target) + (def.map { [$0] } ?? [])
            if others.contains(where: { Self.reaches(from: $0, to: site.block, scope, avoiding: isTimerCase, channels) }) {
                leftBehind = true
            }
        }
        guard selected, leftBehind else { return }
        let message = "time.After in a for-select loop creates a new timer on every iteration; "
            + "the ones not chosen are not stopped and stay in memory until they fire: create one timer before the loop"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    /// Whether `target` can be reached from `start` (itself included)
    /// while the timer may still be pending. A block that calls t.Fatal,
    /// t.FailNow or t.Skip (testing's methods that end the goroutine with
    /// runtime.Goexit) goes nowhere. Nor does a select's case that
    /// receives from the timer (it fired: `case <-poll: poll =
    /// time.After(d)` re-arms a fired timer), nor the nil side of a test
    /// of the variable that keeps it (`if quantum == nil { quantum =
    /// time.After(d) }` arms one only when none is pending). A flag the
    /// path sets (`case <-done: gotIt = true`) decides the branches that
    /// test it (`for i := 0; !gotIt && i < 5; i++` ends there).
    private static func reaches(from start: Int, to target: Int, _ scope: FunctionScope,
                                avoiding isTimerCase: (SelectCase) -> Bool, _ channels: Set<Place>) -> Bool {
        let blocks = scope.function.blocks
        struct Step: Hashable {
            var block: Int
            /// Boolean locals the path gave a constant, by name.
            var flags: [String: Bool]
        }
        var seen: Set<Step> = [Step(block: start, flags: [:])]
        var work = [Step(block: start, flags: [:])]
        while let step = work.popLast() {
            let b = step.block
            if b == target { return true }
            if blocks[b].instructions.contains(where: endsTest) { continue }
            var flags = step.flags
            for inst in blocks[b].instructions {
                for case .place(let r) in inst.results {
                    guard r.path.isEmpty, case .variable(let name) = r.root else { continue }
                    if inst.op == .assign, inst.mode == .now, case .bool(let v)? = inst.operands.first {
                        flags[name] = v
                    } else {
                        flags[name] = nil
                    }
                }
            }
            let next: [Int]
            switch blocks[b].terminator {
            case .select(let cases, let def)?:
                next = cases.filter { !isTimerCase($0) }.map(\.target) + (def.map { [$0] } ?? [])
            case .branch(.place(let condition), _, let otherwise)?
                where blocks[b].nilTested(by: condition)?.place.map(scope.normalize).map(channels.contains) == true:
                next = [otherwise]
            case .branch(.place(let condition), let then, let otherwise)?:
                if condition.path.isEmpty, let value = Self.flag(condition, in: flags) {
                    next = value ? [then] : [otherwise]
                } else {
                    next = scope.cfg.successors[b]
                }
            default:
                next = scope.cfg.successors[b]
            }
            // Flags go with the path only while the search stays small.
            let carried = seen.count < 4096 ? flags : [:]
            for s in next where s >= 0 && s < blocks.count {
                let n = Step(block: s, flags: carried)
                if seen.insert(n).inserted { work.append(n) }
            }
        }
        return false
    }

    private static func flag(_ condition: Place, in flags: [String: Bool]) -> Bool? {
        guard case .variable(let name) = condition.root else { return nil }
        return flags[name]
    }

    private static let goexitMethods: Set<String> = ["Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"]

    /// `t.Fatal(...)` and the like on a *testing.T, B, F (their common part) or a testing.TB.
    private static func endsTest(_ inst: Instruction) -> Bool {
        guard inst.op == .call, inst.mode == .now else { return false }
        let name: String
        switch inst.callee {
        case .method(let n)?, .interface(let n, _)?: name = n
        default: return false
        }
        guard name.hasPrefix("(*testing.") || name.hasPrefix("(testing.TB)"),
              let method = FunctionName.methodName(name) else { return false }
        return goexitMethods.contains(String(method))
    }
}
