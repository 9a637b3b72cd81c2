import ConcIR
import Findings
import RuleEngine

/// The `lifecycle` analysis: every rule with a `lifecycle` block (built-in
/// or a team's own, loaded at run time) is enforced by the typestate
/// engine, with no Swift code per rule.
public struct LifecycleAnalysis: Analysis {
    public var name: String { "lifecycle" }
    /// The analysed files' text, for the indentation of `defer` fixes.
    /// When empty, the run's (`AnalysisContext.sources`) is used.
    public var sources: SourceText

    public init(sources: SourceText = .none) {
        self.sources = sources
    }

    public func isNeeded(by rules: [Rule]) -> Bool {
        rules.contains { $0.lifecycle != nil && !$0.deprecated }
    }

    /// Components whose inputs did not change are taken from the
    /// earlier run (`LifecycleReuse`).
    public var usesMemo: Bool { true }

    public func run(_ context: AnalysisContext) -> [Finding] {
        let rules = context.rules.filter { $0.lifecycle != nil && !$0.deprecated }
        guard !rules.isEmpty else { return [] }
        let models = rules.compactMap { rule in rule.lifecycle.map { ResourceModel(ruleID: rule.id, spec: $0) } }
        let program = AnalysedProgram(context)
        let text = sources.isEmpty ? context.sources : sources
        let engine = LifecycleEngine(program: program, models: models, limits: context.limits, jobs: context.jobs, demand: .findings)
        var reuse = context.memo.map { LifecycleReuse(memo: $0, rules: rules, program: program, limits: context.limits, sources: text,
                                                          demanded: engine.demanded, jobs: context.jobs) }
        let outcome = engine.run(reusing: { components, summaries in
            reuse?.lookup(components, summaries: summaries) ?? components.map { _ in nil }
        })
        if outcome.exhaustedSearches > 0 { context.statistics.add("lifecycle.searches-over-state-bound", outcome.exhaustedSearches) }
        context.statistics.add("lifecycle.components", outcome.components.count)
        let builders = zip(rules, models).map { LeakFindingBuilder(rule: $0, model: $1, program: program, sources: text) }
        var findings: [Finding] = []
        for record in outcome.components {
            let found = record.reusedFindings ?? record.leaks.compactMap { builders[$0.modelIndex].finding(for: $0) }
            reuse?.record(record, findings: found)
            findings += found
        }
        if let reuse {
            reuse.save(jobs: context.jobs)
            context.statistics.add("cache.lifecycle-components-reused", reuse.reusedComponents)
        }
        return findings.sorted(by: Finding.precedes)
    }
}
