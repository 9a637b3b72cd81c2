import ConcIR
import Findings
import RuleEngine

/// The `structural` analysis: the rules that need more than typestate
/// (a count, a dataflow, a type, a look at the caller), each in its own
/// file, run by one dispatcher that walks each function's IR once and
/// calls at each operation only the enabled checks interested in it.
public struct StructuralAnalysis: Analysis {
    public var name: String { "structural" }
    /// The analysed files' text, for fixes that copy or move source lines.
    /// When empty, the run's (`AnalysisContext.sources`) is used.
    public var sources: SourceText

    public init(sources: SourceText = .none) {
        self.sources = sources
    }

    public func isNeeded(by rules: [Rule]) -> Bool {
        rules.contains { $0.analysis == name && StructuralCatalog.knows($0.id) }
    }

    /// A function nothing its walk reads changed keeps its findings and
    /// facts from an earlier run, and a revisiting check's look at it its
    /// findings (`StructuralReuse`).
    public var usesMemo: Bool { true }

    public func run(_ context: AnalysisContext) -> [Finding] {
        let rules = context.rules(for: name).filter { !$0.deprecated }
        var checks = StructuralCatalog.checks(for: Set(rules.map(\.id)))
        guard !checks.isEmpty else { return [] }
        let index = AnalysedProgram(context)
        let text = sources.isEmpty ? context.sources : sources
        let program = StructuralProgram(index: index, rules: rules, sources: text, limits: context.limits,
                                        needs: StructuralCatalog.needs(of: checks.map(\.ruleID)), jobs: context.jobs)
        var reuse = context.memo.map { StructuralReuse(memo: $0, program: program, rules: rules, jobs: context.jobs) }
        let local = checks.indices.filter { checks[$0] is any FunctionLocalCheck }
        let joining = checks.indices.filter { checks[$0] is any JoiningCheck }
        // Which checks want which operation: the dispatcher's table.
        var byOpcode = [[Int]](repeating: [], count: Opcode.allCases.count)
        for (i, check) in checks.enumerated() {
            for op in check.operations { byOpcode[Int(op.rawValue)].append(i) }
        }
        let terminatorChecks = checks.indices.filter { checks[$0].wantsTerminators }

        var findings: [Finding] = []
        var walked = 0
        for node in 0..<index.nodeCount {
            let function = index.function(node)
            guard function.hasBody else { continue }
            if let stored = reuse?.stored(of: node) {
                findings += stored.findings
                if let facts = stored.facts {
                    for c in joining { checks[c].absorbFacts(from: facts, node: node) }
                }
                continue
            }
            walked += 1
            let scope = FunctionScope(node: node, program: program)
            var touched = Set<Int>(terminatorChecks)
            for (b, block) in function.blocks.enumerated() {
                for (i, inst) in block.instructions.enumerated() {
                    for c in byOpcode[Int(inst.op.rawValue)] {
                        checks[c].visit(inst, at: InstructionSite(block: b, index: i), in: scope)
                        touched.insert(c)
                    }
                }
                if let terminator = block.terminator {
                    for c in terminatorChecks { checks[c].visit(terminator: terminator, block: b, in: scope) }
                }
            }
            for c in touched.sorted() { checks[c].finishFunction(scope) }
            var found: [Finding] = []
            for c in local { found += checks[c].takeFunctionFindings() ?? [] }
            var facts = JoinFacts()
            for c in joining { checks[c].moveFacts(into: &facts, scope: scope) }
            findings += found
            reuse?.walked(node, findings: found, facts: facts.isEmpty ? nil : facts, scope: scope)
        }
        context.statistics.add("structural.functions-walked", walked)
        findings += revisits(&checks, program: program, reuse: &reuse, statistics: context.statistics)
        for c in joining { findings += checks[c].finish(program) }
        if var reuse {
            reuse.save(jobs: context.jobs)
            context.statistics.add("cache.structural-functions-reused", reuse.reusedFunctions)
            context.statistics.add("cache.structural-looks-reused", reuse.reusedLooks)
        }
        return findings.sorted(by: Finding.precedes)
    }

    /// The revisiting checks' looks at functions, once every fact is in;
    /// a look whose key and reads are as they were is not made again.
    private func revisits(_ checks: inout [any StructuralCheck], program: StructuralProgram, reuse: inout StructuralReuse?,
                          statistics: StatisticsSink) -> [Finding] {
        var findings: [Finding] = []
        var looks = 0
        for c in checks.indices {
            guard var check = checks[c] as? any RevisitingCheck else { continue }
            check.prepareRevisits(program)
            for node in 0..<program.index.nodeCount where program.index.function(node).hasBody {
                var inputs = JoinInputHasher(on: reuse != nil)
                guard check.needsLook(node, program, inputs: &inputs) else { continue }
                let key = reuse?.lookKey(node, rule: check.ruleID, inputs: inputs.finalize())
                if let key, let kept = reuse?.look(node, rule: check.ruleID, key: key) {
                    findings += kept
                    continue
                }
                looks += 1
                let scope = FunctionScope(node: node, program: program)
                let found = check.revisit(scope)
                findings += found
                if let key { reuse?.looked(node, rule: check.ruleID, key: key, findings: found, scope: scope) }
            }
            checks[c] = check
        }
        statistics.add("structural.looks", looks)
        return findings
    }
}
