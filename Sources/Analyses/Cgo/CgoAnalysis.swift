import ConcIR
import Findings
import RuleEngine

/// The `cgo` analysis: where Go meets C and the OS's threads. C memory
/// freed twice or used after `C.free`, C memory kept in a struct nobody
/// frees, blocking C calls from goroutines started per item or per request
/// or under a Go mutex, and `runtime.LockOSThread` misuse (in every
/// package, cgo or not). Not freeing C memory at all is the declarative
/// lifecycle rule CG1001.
///
/// C functions the preamble defines reach the IR as stubs the cgo stage
/// adds (their calls, with which parameters), so the same call-graph
/// summaries cover Go wrappers and C helpers alike.
public struct CgoAnalysis: Analysis {
    public var name: String { "cgo" }

    public init() {}

    public func isNeeded(by rules: [Rule]) -> Bool {
        rules.contains { $0.analysis == name && !$0.deprecated }
    }

    public func run(_ context: AnalysisContext) -> [Finding] {
        let rules = context.rules(for: name).filter { !$0.deprecated }
        guard !rules.isEmpty else { return [] }
        let program = CgoProgram(index: AnalysedProgram(modules: context.modules, callGraph: context.callGraph), rules: rules)
        var findings: [Finding] = []
        for check in CgoChecks.all where program.isEnabled(check.ruleID) {
            findings += check.run(program)
        }
        return findings.sorted(by: Finding.precedes)
    }
}

/// One cgo rule's logic.
protocol CgoCheck: Sendable {
    var ruleID: String { get }
    func run(_ program: CgoProgram) -> [Finding]
}

/// Every cgo check, by rule.
enum CgoChecks {
    static let all: [any CgoCheck] = [
        CMemoryFreedTwice(),
        CMemoryUsedAfterFree(),
        CMemoryInStructNotFreed(),
        BlockingCallPerGoroutine(),
        BlockingCallUnderLock(),
        LockedThreadNotUnlocked(),
        BlockingCallOnLockedThread(),
    ]
}
