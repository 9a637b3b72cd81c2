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

    /// Functions nothing their walk reads changed keep the findings of the
    /// function-local checks from an earlier run (`StructuralReuse`).
    public var usesMemo: Bool { true }

    public func run(_ context: AnalysisContext) -> [Finding] {
        let rules = context.rules(for: name).filter { !$0.deprecated }
        var checks = StructuralCatalog.checks(for: Set(rules.map(\.id)))
        guard !checks.isEmpty else { return [] }
        let index = AnalysedProgram(modules: context.modules, callGraph: context.callGraph)
        let text = sources.isEmpty ? context.sources : sources
        let program = StructuralProgram(index: index, rules: rules, sources: text, limits: context.limits,
                                        needs: StructuralCatalog.needs(of: checks.map(\.ruleID)), jobs: context.jobs)
        var reuse = context.memo.map { StructuralReuse(memo: $0, program: program, rules: rules, jobs: context.jobs) }
        let local = checks.indices.filter { checks[$0] is any FunctionLocalCheck }
        let joining = checks.indices.filter { !(checks[$0] is any FunctionLocalCheck) }
        // Which checks want which operation: the dispatcher's tables, for
        // a function walked by every check and for one whose local
        // findings are reused (walked by the joining checks alone).
        func table(_ members: [Int]) -> (byOpcode: [[Int]], terminators: [Int]) {
            var byOpcode = [[Int]](repeating: [], count: Opcode.allCases.count)
            for i in members {
                for op in checks[i].operations { byOpcode[Int(op.rawValue)].append(i) }
            }
            return (byOpcode, members.filter { checks[$0].wantsTerminators })
        }
        let everyCheck = table(checks.indices.map { $0 })
        let joiningOnly = table(joining)

        var findings: [Finding] = []
        var walked = 0
        for node in 0..<index.nodeCount {
            let function = index.function(node)
            guard function.hasBody else { continue }
            let scope = FunctionScope(node: node, program: program)
            let reused = reuse?.findings(of: node, program: program)
            if let reused { findings += reused } else { walked += 1 }
            let (byOpcode, terminatorChecks) = reused == nil ? everyCheck : joiningOnly
            guard !byOpcode.allSatisfy(\.isEmpty) || !terminatorChecks.isEmpty else { continue }
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
            guard reused == nil else { continue }
            var found: [Finding] = []
            for c in local { found += checks[c].takeFunctionFindings() ?? [] }
            findings += found
            reuse?.record(node, findings: found, scope: scope)
        }
        context.statistics.add("structural.functions-walked", walked)
        if let reuse {
            reuse.save(jobs: context.jobs)
            context.statistics.add("cache.structural-functions-reused", reuse.reusedFunctions)
        }
        for c in joining { findings += checks[c].finish(program) }
        return findings.sorted(by: Finding.precedes)
    }
}
