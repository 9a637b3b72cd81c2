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

    public func run(_ context: AnalysisContext) -> [Finding] {
        let rules = context.rules(for: name).filter { !$0.deprecated }
        var checks = StructuralCatalog.checks(for: Set(rules.map(\.id)))
        guard !checks.isEmpty else { return [] }
        let index = AnalysedProgram(modules: context.modules, callGraph: context.callGraph)
        let text = sources.isEmpty ? context.sources : sources
        let program = StructuralProgram(index: index, rules: rules, sources: text, limits: context.limits,
                                        needs: StructuralCatalog.needs(of: checks.map(\.ruleID)), jobs: context.jobs)
        // Which checks want which operation: the dispatcher's table.
        var byOpcode = [[Int]](repeating: [], count: Opcode.allCases.count)
        for (i, check) in checks.enumerated() {
            for op in check.operations { byOpcode[Int(op.rawValue)].append(i) }
        }
        let terminatorChecks = checks.indices.filter { checks[$0].wantsTerminators }

        for node in 0..<index.nodeCount {
            let function = index.function(node)
            guard function.hasBody else { continue }
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
        }
        return checks.indices.flatMap { checks[$0].finish(program) }.sorted(by: Finding.precedes)
    }
}
