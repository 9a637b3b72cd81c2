import Foundation
import Testing
import TestSupport
@testable import Analyses

/// samples/leaks: Go programs that leak or deadlock (bad/) and correct
/// look-alikes (good/). The Go runtime is the judge: each bad program shows
/// its defect when run (a LEAK or DEFECT line it prints itself, "all
/// goroutines are asleep", or the panic), each good one exits 0 silently.
///
/// Every sample also states what conclint must report, in its header:
/// `// want CH1001 at 31:4` (one line per finding) or `// want nothing`, and
/// `SampleFindingTests` checks that `conclint lint` reports exactly that.
@Suite(.enabled(if: GoToolchain.go != nil, "needs the go toolchain"))
struct SampleProgramTests {
    static let samples = LeakRuleExampleTests.repository.appendingPathComponent("samples/leaks")

    typealias Sample = SampleProgram

    static func load(_ kind: String) throws -> [Sample] {
        try SampleProgram.load(samples, kind: kind)
    }

    @Test func everySampleStatesItsExpectations() throws {
        let bad = try Self.load("bad")
        let good = try Self.load("good")
        #expect(bad.count >= 20)
        #expect(good.count >= 10)
        for s in bad {
            #expect(!s.runtime.isEmpty && s.runtime != "ok", "\(s.name): runtime expectation")
            #expect(!s.wants.isEmpty, "\(s.name): want lines")
            for w in s.wants {
                #expect(LeakRule(rawValue: w.rule) != nil, "\(s.name): \(w.rule) is not a leak rule")
                // The position is the first byte of a token on an existing line.
                #expect(s.pointsAtToken(line: w.line, column: w.column, after: [0x20, 0x09, 0x28]),
                        "\(s.name): \(w.rule) at \(w.line):\(w.column) points at no token")
            }
        }
        for s in good {
            #expect(s.runtime == "ok" && s.wants.isEmpty && s.source.contains("// want nothing"), "\(s.name)")
        }
    }

    @Test func theGoRuntimeShowsEachDefectAndNoLookAlikeOne() throws {
        let go = try #require(GoToolchain.go)
        for kind in ["bad", "good"] {
            // One build per kind (all programs at once), then one run each.
            let (build, runs) = try SampleRun.buildAndRunEach(go: go, samples: Self.samples, kind: kind, timeout: 30,
                                                               environment: ["CGO_ENABLED": "0"])
            #expect(build.status == 0, "go build failed: \(build.output)")
            for (s, run) in runs {
                #expect(!run.timedOut, "\(s.name) did not end")
                if kind == "bad" {
                    #expect(run.output.contains(s.runtime), "\(s.name): expected \"\(s.runtime)\", got:\n\(run.output)")
                } else {
                    let defect = ["LEAK", "DEFECT", "panic:", "fatal error"].first { run.output.contains($0) }
                    #expect(run.status == 0 && defect == nil, "\(s.name): \(run.output)")
                }
            }
        }
    }

    /// Runs a program of these samples (or the go command), with cgo off.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, timeout: Double) throws -> SampleRun.Outcome {
        try SampleRun.run(executable, arguments, in: directory, timeout: timeout, environment: ["CGO_ENABLED": "0"])
    }
}

/// The `go` command, found on PATH or under $GOROOT/bin (nil when absent).
enum GoToolchain {
    static let go: URL? = SampleRun.tool("go")
}
