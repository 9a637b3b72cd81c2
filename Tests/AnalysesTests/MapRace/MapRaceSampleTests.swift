import Driver
import Foundation
import TestSupport
import Testing
@testable import Analyses

/// samples/maprace, judged twice: the Go race detector (`go run -race`)
/// shows each bad program's race on the lines it states and none in the
/// look-alikes, and `conclint lint` reports exactly each sample's `want`
/// lines, through the standard pipeline.
@Suite struct MapRaceSampleTests {
    @Test func everySampleStatesItsExpectations() throws {
        let bad = try MapRaceSample.load("bad")
        let good = try MapRaceSample.load("good")
        #expect(bad.count >= 15)
        #expect(good.count >= 10)
        for s in bad {
            #expect(s.runtime == "DATA RACE", "\(s.name): runtime expectation")
            #expect(!s.wants.isEmpty && !s.raceLines.isEmpty, "\(s.name): want and race lines")
            let lines = s.source.split(separator: "\n", omittingEmptySubsequences: false)
            for w in s.wants {
                #expect(MapRaceRule(rawValue: w.rule) != nil, "\(s.name): \(w.rule) is not a map-race rule")
                // The position is the first byte of a token on an existing line.
                let line = w.line >= 1 && w.line <= lines.count ? Array(lines[w.line - 1].utf8) : []
                let ok = w.column >= 1 && w.column <= line.count && line[w.column - 1] != 0x20 && line[w.column - 1] != 0x09
                    && (w.column == 1 || [0x20, 0x09, 0x28].contains(line[w.column - 2]))
                #expect(ok, "\(s.name): \(w.rule) at \(w.line):\(w.column) points at no token")
                #expect(s.raceLines.contains(w.line), "\(s.name): the race detector must name the finding's line \(w.line)")
            }
        }
        for s in good {
            #expect(s.runtime == "ok" && s.wants.isEmpty && s.source.contains("// want nothing"), "\(s.name)")
        }
    }

    @Test(.enabled(if: SampleRunner.canRunRaceDetector, "needs the go toolchain and a C compiler for -race"))
    func theRaceDetectorShowsEachRaceAndNoneInTheLookAlikes() throws {
        let go = try #require(SampleRunner.executable("go"))
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-maprace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: build) }
        for kind in ["bad", "good"] {
            // One build per kind (every program at once), then one run each.
            let out = build.appendingPathComponent(kind)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try SampleRun.run(go, ["build", "-race", "-o", out.path + "/", "./\(kind)/..."],
                                           in: MapRaceSample.directory, timeout: 900, environment: ["CGO_ENABLED": "1"])
            try #require(result.status == 0, "go build -race failed: \(result.output)")
            for s in try MapRaceSample.load(kind) {
                let run = try SampleRun.run(out.appendingPathComponent(s.name), [], in: build, timeout: 60, environment: [:])
                #expect(!run.timedOut, "\(s.name) did not end")
                if kind == "bad" {
                    let raced = run.output.contains("WARNING: DATA RACE") || run.output.contains("fatal error: concurrent map")
                    #expect(raced, "\(s.name): no race reported:\n\(run.output)")
                    for line in s.raceLines {
                        #expect(run.output.contains("\(s.name)/main.go:\(line) "), "\(s.name): the race report does not name line \(line):\n\(run.output)")
                    }
                } else {
                    #expect(run.status == 0 && !run.output.contains("DATA RACE") && !run.output.contains("fatal error"),
                            "\(s.name): \(run.output)")
                }
            }
        }
    }

    @Test func lintReportsExactlyTheWantedRaces() throws {
        var options = CommandLineOptions()
        options.paths = ["./..."]
        options.jobs = 2
        let root = MapRaceSample.directory.path
        let configuration = try RunConfiguration.validate(options, environment: ProcessInfo.processInfo.environment,
                                                          workingDirectory: root, processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        let ours = Set(MapRaceRule.allCases.map(\.rawValue))
        var reported: [String: [String]] = [:]
        for f in outcome.result.findings where ours.contains(f.ruleID) {
            reported[f.location.file, default: []].append("\(f.ruleID) at \(f.location.line):\(f.location.column)")
        }
        var checked = 0
        for kind in ["bad", "good"] {
            for sample in try MapRaceSample.load(kind) {
                let file = "\(kind)/\(sample.name)/main.go"
                #expect((reported[file] ?? []).sorted() == sample.wanted, "\(file)")
                reported[file] = nil
                checked += 1
            }
        }
        #expect(reported.isEmpty, "findings outside the samples: \(reported)")
        #expect(checked >= 25)
    }
}
