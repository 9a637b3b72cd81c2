import Driver
import Findings
import Foundation
import Testing
import TestSupport
@testable import Analyses

/// samples/sync: Go programs with the defects of the sync, defer and
/// busy-waiting rules (bad/) and correct look-alikes (good/).
///
/// The Go runtime is the judge: each bad program shows its defect when
/// run (a DEFECT line it prints itself after measuring stale data, lost
/// updates, open files, CPU time or live heap; or the runtime's own
/// "all goroutines are asleep", "concurrent map ..." or panic), and each
/// look-alike exits 0 without one. conclint must report exactly the
/// `// want RULE at LINE:COL` lines of each sample for these rules.
@Suite struct SyncSampleTests {
    static let samples = LeakRuleExampleTests.repository.appendingPathComponent("samples/sync")

    /// The rules these samples are about (others may report on them too).
    static func isSampledRule(_ id: String) -> Bool {
        ["SY1", "GR105", "MU105", "CX105", "CH11"].contains { id.hasPrefix($0) }
    }

    static func load(_ kind: String) throws -> [SampleProgram] {
        try SampleProgram.load(samples, kind: kind)
    }

    @Test func everySampleStatesItsExpectations() throws {
        let bad = try Self.load("bad")
        let good = try Self.load("good")
        #expect(bad.count >= 15)
        #expect(good.count >= 8)
        var rules = Set<String>()
        for s in bad {
            #expect(!s.runtime.isEmpty && s.runtime != "ok", "\(s.name): runtime expectation")
            #expect(!s.wants.isEmpty, "\(s.name): want lines")
            for w in s.wants {
                rules.insert(w.rule)
                #expect(Self.isSampledRule(w.rule), "\(s.name): \(w.rule) is not a sync, defer or busy-waiting rule")
                #expect(s.pointsAtToken(line: w.line, column: w.column, after: [0x20, 0x09, 0x28]),
                        "\(s.name): \(w.rule) at \(w.line):\(w.column) points at no token")
            }
        }
        // Every rule of the family has a sample that shows it at run time.
        #expect(rules.count >= 20, "rules with a sample: \(rules.sorted())")
        for s in good {
            #expect(s.runtime == "ok" && s.wants.isEmpty && s.source.contains("// want nothing"), "\(s.name)")
        }
    }

    @Test(.enabled(if: GoToolchain.go != nil, "needs the go toolchain"))
    func theGoRuntimeShowsEachDefectAndNoLookAlikeOne() throws {
        let go = try #require(GoToolchain.go)
        for kind in ["bad", "good"] {
            // One build per kind (all programs at once), then one run each.
            let (build, runs) = try SampleRun.buildAndRunEach(go: go, samples: Self.samples, kind: kind, timeout: 60,
                                                               environment: ["CGO_ENABLED": "0"])
            #expect(build.status == 0, "go build failed: \(build.output)")
            for (s, run) in runs {
                #expect(!run.timedOut, "\(s.name) did not end")
                if kind == "bad" {
                    #expect(run.output.contains(s.runtime), "\(s.name): expected \"\(s.runtime)\", got:\n\(run.output)")
                } else {
                    let defect = ["DEFECT", "LEAK", "panic:", "fatal error"].first { run.output.contains($0) }
                    #expect(run.status == 0 && defect == nil, "\(s.name): \(run.output)")
                }
            }
        }
    }

    @Test func lintReportsExactlyTheWantedFindings() throws {
        var options = CommandLineOptions()
        options.paths = ["./..."]
        options.jobs = 2
        let root = Self.samples.path
        // The rule files as they are in the repository (the embedded copy may lag while they are edited).
        var environment = ProcessInfo.processInfo.environment
        environment["CONCLINT_RULES"] = LeakRuleExampleTests.repository.appendingPathComponent("rules").path
        let configuration = try RunConfiguration.validate(options, environment: environment,
                                                          workingDirectory: root, processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        var reported: [String: [String]] = [:]
        var flows = 0
        for f in outcome.result.findings where Self.isSampledRule(f.ruleID) {
            reported[f.location.file, default: []].append("\(f.ruleID) at \(f.location.line):\(f.location.column)")
            flows += f.flows.isEmpty ? 0 : 1
        }
        var checked = 0
        for kind in ["bad", "good"] {
            for sample in try Self.load(kind) {
                let file = "\(kind)/\(sample.name)/main.go"
                let wanted = sample.wants.map { "\($0.rule) at \($0.line):\($0.column)" }.sorted()
                #expect((reported[file] ?? []).sorted() == wanted, "\(file)")
                reported[file] = nil
                checked += 1
            }
        }
        #expect(reported.isEmpty, "findings outside the samples: \(reported)")
        #expect(checked >= 23)
        // The path findings carry their witness.
        #expect(flows >= 8)
    }
}
