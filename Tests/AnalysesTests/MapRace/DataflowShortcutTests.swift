import ConcIR
import Driver
import Foundation
import GoSema
import TestSupport
import Testing
@testable import Analyses

/// The map-race analysis skips its dataflow for a function whose effects
/// are accesses alone, entered with no lock held
/// (`FunctionRaceAnalyzer.accessesOnly`). Over the Go programs of
/// samples/ and of standard-library packages, lowered as a lint lowers them, the findings (flows and all)
/// and every statistic but the count of functions that took the shortcut
/// are the same with it and without it.
@Suite struct DataflowShortcutTests {
    private static let shortcutStatistic = "maprace.functions-without-dataflow"

    @Test func theSamplesRaceTheSameWithAndWithoutTheShortcut() throws {
        let root = MapRaceSample.repository.appendingPathComponent("samples").path
        let (shortcut, dataflow) = try Self.compare(root: root, paths: ["./..."])
        // Not vacuous: the samples race, and their functions take the shortcut.
        #expect(dataflow.findings.count >= 15)
        #expect(shortcut.statistics[Self.shortcutStatistic, default: 0] >= 20)
    }

    /// Standard-library packages with maps, locks and goroutines, lowered
    /// with their tests (those that start goroutines race-check the rest).
    @Test(.enabled(if: Goroot.isAvailable, "needs GOROOT/src"))
    func theStandardLibraryRacesTheSameWithAndWithoutTheShortcut() throws {
        let root = try #require(Goroot.sourceDirectory)
        let (shortcut, _) = try Self.compare(root: root, paths: ["./sync/...", "./expvar", "./net/http/httptest", "./database/sql",
                                                                "./mime/...", "./text/template/...", "./encoding/gob"])
        #expect(shortcut.statistics[Self.shortcutStatistic, default: 0] >= 100)
    }

    private struct Run {
        var findings: [String]
        var statistics: [String: Int]
    }

    /// The map-race analysis of `paths` under `root`, with the shortcut
    /// and without it, after checking they agree on all but the count of
    /// functions that took it.
    private static func compare(root: String, paths: [String]) throws -> (shortcut: Run, dataflow: Run) {
        var options = CommandLineOptions()
        options.paths = paths
        options.jobs = 2
        let configuration = try RunConfiguration.validate(options, environment: ProcessInfo.processInfo.environment,
                                                          workingDirectory: root, processorCount: 2)
        let pipeline = LintPipeline(stages: [
            SyntaxErrorStage(),
            TypeCheckStage(loader: LoaderOptions.fromEnvironment(buildContext: configuration.buildContext, jobs: 2)),
            LoweringStage(jobs: 2),
        ])
        let modules = try pipeline.run(configuration).modules
        let callGraph = CallGraph(modules: modules)

        func analyse(skippingDataflow: Bool) -> Run {
            let statistics = StatisticsSink()
            let context = AnalysisContext(modules: modules, callGraph: callGraph, rules: MapRaceHarness.rules,
                                          statistics: statistics, jobs: 2)
            var analysis = MapRaceAnalysis()
            analysis.skipsDataflowForAccessesOnly = skippingDataflow
            let findings = analysis.run(context).map { f in
                let steps = f.flows.flatMap(\.threads).flatMap(\.steps).map { "\($0.location.line):\($0.location.column) \($0.message)" }
                return "\(f.ruleID) \(f.location.file):\(f.location.line):\(f.location.column) \(f.message) | \(steps.joined(separator: " / "))"
            }
            return Run(findings: findings.sorted(), statistics: Dictionary(statistics.snapshot.map { ($0.name, $0.count) }, uniquingKeysWith: +))
        }

        let shortcut = analyse(skippingDataflow: true)
        let dataflow = analyse(skippingDataflow: false)
        #expect(dataflow.statistics[shortcutStatistic, default: 0] == 0)
        #expect(shortcut.findings == dataflow.findings)
        var rest = shortcut.statistics
        rest[shortcutStatistic] = nil
        var restDataflow = dataflow.statistics
        restDataflow[shortcutStatistic] = nil
        #expect(rest == restDataflow)
        return (shortcut, dataflow)
    }
}
