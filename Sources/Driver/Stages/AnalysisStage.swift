import Analyses
import ConcIR
import Discovery
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
        // The analyses share nothing they write (the statistics sink is
        // locked), so they run side by side: several of them spend part of
        // their time on one thread (the structural walk, cgo), which left
        // the other core idle when they ran one after another. Findings
        // come back in the analyses' order, whatever the threads.
        let found = parallelMap(count: needed.count, jobs: jobs) { i -> [Finding] in
            let started = ContinuousClock.now
            let findings = needed[i].run(context)
            setup.statistics.addMilliseconds("time: analysis \(needed[i].name)", since: started)
            return findings
        }
        for findings in found { output.findings += findings }
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
