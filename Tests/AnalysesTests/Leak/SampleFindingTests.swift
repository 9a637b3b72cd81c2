import Driver
import Findings
import Foundation
import Testing
@testable import Analyses

/// conclint finds every defect of samples/leaks and stays silent on the
/// look-alikes: the standard lint pipeline (discovery, parsing, types,
/// lowering, every analysis, the rule engine) on the samples' module must
/// report, for the leak rules, exactly the `// want` lines of each sample.
@Suite struct SampleFindingTests {
    @Test func lintReportsExactlyTheWantedFindings() throws {
        var options = CommandLineOptions()
        options.paths = ["./..."]
        options.jobs = 2
        let root = SampleProgramTests.samples.path
        let configuration = try RunConfiguration.validate(options, environment: ProcessInfo.processInfo.environment,
                                                          workingDirectory: root, processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        let leakRules = Set(LeakRule.allCases.map(\.rawValue))
        var reported: [String: [String]] = [:]
        for f in outcome.result.findings where leakRules.contains(f.ruleID) {
            reported[f.location.file, default: []].append("\(f.ruleID) at \(f.location.line):\(f.location.column)")
        }
        var checked = 0
        for kind in ["bad", "good"] {
            for sample in try SampleProgramTests.load(kind) {
                let file = "\(kind)/\(sample.name)/main.go"
                let wanted = sample.wants.map { "\($0.rule) at \($0.line):\($0.column)" }.sorted()
                #expect((reported[file] ?? []).sorted() == wanted, "\(file)")
                reported[file] = nil
                checked += 1
            }
        }
        #expect(reported.isEmpty, "findings outside the samples: \(reported)")
        #expect(checked >= 30)
    }

    /// Each finding carries its witness: one thread flow per goroutine, the
    /// last step where the goroutine blocks or panics.
    @Test func findingsCarryTheirWitness() throws {
        var options = CommandLineOptions()
        options.paths = ["./bad/01-fetch-timeout"]
        let root = SampleProgramTests.samples.path
        let configuration = try RunConfiguration.validate(options, environment: ProcessInfo.processInfo.environment,
                                                          workingDirectory: root, processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        let f = try #require(outcome.result.findings.first { $0.ruleID == "CH1001" })
        #expect(f.message == "send on ch blocks forever: nothing receives from it after lookup returns")
        let steps = (f.flows.first?.threads ?? []).flatMap { t in t.steps.map { "\(t.name): \($0.location.line) \($0.message)" } }
        #expect(steps == [
            "goroutine 1 (started at line 23): 23 [1] spawned here by lookup",
            "goroutine 1 (started at line 23): 24 [4] blocks here forever",
            "lookup: 29 [2] takes case 2 of the select",
            "lookup: 30 [3] lookup returns here",
        ])
    }
}
