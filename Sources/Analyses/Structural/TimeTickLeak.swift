import ConcIR
import Findings

/// TM1002: `time.Tick` in a function that can return.
///
/// time.Tick's ticker can never be stopped; before Go 1.23 it is never
/// collected either. That is fine where the ticker is meant to live as
/// long as the process (a function that never returns, package main, a
/// package-level variable, tests) and a leak anywhere else: each call
/// leaves one more ticker behind, firing for ever. The exemptions follow
/// staticcheck's SA1015, plus package initialisation and values kept in a
/// package-level variable.
struct TimeTickLeak: FunctionLocalCheck {
    static let id = "TM1002"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.timeTick] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard !scope.isMainOrTest, !scope.runsAtInitialisation else { return }
        if let result = inst.results.first?.place,
           scope.copies(of: result).contains(where: { if case .global = $0.root { return true } else { return false } }) {
            return
        }
        guard site.block < scope.canReturn.count, scope.canReturn[site.block] else { return }
        let name = ShortName.of(scope.function.name)
        let message = "time.Tick creates a ticker that can never be stopped, and \(name) returns: "
            + "each call leaves one more ticker running; use time.NewTicker and defer its Stop"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }
}
