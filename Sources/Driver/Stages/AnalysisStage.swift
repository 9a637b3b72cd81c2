import Analyses
import ConcIR
import Findings
import RuleEngine

/// Runs every analysis some enabled rule needs, over the IR of the run,
/// sharing one call graph.
public struct AnalysisStage: LintStage {
    public var analyses: [any Analysis]
    public var limits: AnalysisLimits
    /// Threads the analyses may use (`--jobs`).
    public var jobs: Int

    public init(analyses: [any Analysis], limits: AnalysisLimits = AnalysisLimits(), jobs: Int = 1) {
        self.analyses = analyses
        self.limits = limits
        self.jobs = jobs
    }

    public var name: String { "analyses" }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        guard let setup = state[LintSetup.self] else { return }
        let modules = state[[Module].self] ?? []
        let enabled = setup.enabledRules
        let needed = analyses.filter { $0.isNeeded(by: enabled) }
        guard !needed.isEmpty, !modules.isEmpty else { return }
        let context = AnalysisContext(modules: modules, callGraph: CallGraph(modules: modules), rules: enabled,
                                      statistics: setup.statistics, limits: limits,
                                      sources: Self.sources(of: input), jobs: jobs)
        for analysis in needed {
            let started = ContinuousClock.now
            output.findings += analysis.run(context)
            setup.statistics.addMilliseconds("time: analysis \(analysis.name)", since: started)
        }
    }

    /// The parsed files' text, named as the IR names them.
    static func sources(of input: ParsedWorkspace) -> SourceText {
        var files: [String: SourceText.File] = [:]
        for package in input.packages {
            for file in package.files {
                guard let source = file.tree?.source else { continue }
                files[source.path] = SourceText.File(bytes: source.bytes, lineStarts: source.lineStarts)
            }
        }
        return SourceText(parsed: files)
    }
}
