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

    /// A function nothing its look reads changed keeps its findings and
    /// facts from an earlier run (`CgoReuse`).
    public var usesMemo: Bool { true }

    public func run(_ context: AnalysisContext) -> [Finding] {
        let rules = context.rules(for: name).filter { !$0.deprecated }
        guard !rules.isEmpty else { return [] }
        let program = CgoProgram(index: AnalysedProgram(context), rules: rules, jobs: context.jobs)
        let checks = CgoChecks.all.filter { program.isEnabled($0.ruleID) }
        let structs = program.isEnabled(CMemoryInStructNotFreed.id) ? CMemoryInStructNotFreed() : nil
        var reuse = context.memo.map { CgoReuse(memo: $0, index: program.index, rules: rules, jobs: context.jobs) }
        var findings: [Finding] = []
        var stores: [(node: Int, facts: CMemoryInStructNotFreed.Facts)] = []
        var looked = 0
        for node in 0..<program.index.nodeCount where !program.isCFunction(node) && program.index.function(node).hasBody {
            let result: CgoReuse.Stored
            if let stored = reuse?.stored(of: node) {
                result = stored
            } else {
                looked += 1
                result = CgoReuse.Stored(findings: checks.flatMap { $0.findings(at: node, program) },
                                         structFacts: structs?.facts(at: node, program))
                reuse?.looked(node, result)
            }
            findings += result.findings
            if let facts = result.structFacts { stores.append((node, facts)) }
        }
        if let structs { findings += structs.join(stores, program) }
        context.statistics.add("cgo.functions-looked-at", looked)
        if let reuse {
            reuse.save(jobs: context.jobs)
            context.statistics.add("cache.cgo-functions-reused", reuse.reusedFunctions)
        }
        return findings.sorted(by: Finding.precedes)
    }
}

/// One cgo rule's logic: its findings in one function, from the
/// function, what it reaches (the summaries of its callees) and its
/// callers: what `FunctionKeys` holds, so that they can be kept per
/// function (`CgoReuse`).
protocol CgoCheck: Sendable {
    var ruleID: String { get }
    func findings(at node: Int, _ program: CgoProgram) -> [Finding]
}

/// Every cgo check whose findings are per function, by rule; CG1004
/// (`CMemoryInStructNotFreed`) joins facts of many functions instead.
enum CgoChecks {
    static let all: [any CgoCheck] = [
        CMemoryFreedTwice(),
        CMemoryUsedAfterFree(),
        BlockingCallPerGoroutine(),
        BlockingCallUnderLock(),
        LockedThreadNotUnlocked(),
        BlockingCallOnLockedThread(),
    ]
}
