import Cgo
import Driver
import Findings
import Foundation
import Testing
import TestSupport

/// samples/cgo: cgo programs with the defects of the cgo rules (bad/) and
/// correct look-alikes (good/), shaped as real wrappers are: a SQLite-like
/// handle, a compression binding, a resolver calling getaddrinfo, a device
/// handle locked to its thread.
///
/// The running program is the judge: each bad program shows its defect
/// when run (a DEFECT line it prints itself after measuring the C heap
/// with mallinfo2, the thread count in /proc/self/status, the thread a
/// goroutine runs on; or glibc's own abort on a double free, or the cgo
/// pointer check's panic), and each look-alike exits 0 without one. The
/// memory samples (`// valgrind: leak` or `clean`) also run under
/// valgrind's leak check, which counts the C blocks left at exit.
/// conclint must report exactly the `// want RULE at LINE:COL` lines of
/// each sample for the cgo rules.
@Suite struct CgoSampleTests {
    static let samples = URL(fileURLWithPath: Repository.path("samples/cgo"))

    /// The rules these samples are about (others may report on them too).
    static func isSampledRule(_ id: String) -> Bool { id.hasPrefix("CG1") }

    /// The C compiler cgo uses, found on PATH (nil when absent).
    static let gcc: URL? = tool("gcc")
    static let go: URL? = tool("go")
    static let valgrind: URL? = tool("valgrind")

    static func tool(_ name: String) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        var candidates = (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        if name == "go", let root = environment["GOROOT"] { candidates.append(URL(fileURLWithPath: root).appendingPathComponent("bin")) }
        return candidates.map { $0.appendingPathComponent(name) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func load(_ kind: String) throws -> [SampleProgram] {
        try SampleProgram.load(samples, kind: kind)
    }

    /// Runs a sample (or the go command that builds it) with cgo on and the
    /// cgo pointer check at its default.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, timeout: Double) throws -> SampleRun.Outcome {
        try SampleRun.run(executable, arguments, in: directory, timeout: timeout,
                          environment: ["CGO_ENABLED": "1", "GODEBUG": "cgocheck=1"])
    }

    @Test func everySampleStatesItsExpectations() throws {
        let bad = try Self.load("bad")
        let good = try Self.load("good")
        #expect(bad.count >= 8)
        #expect(good.count >= 5)
        var rules = Set<String>()
        for s in bad + good {
            #expect(s.source.contains("import \"C\""), "\(s.name): not a cgo program")
        }
        for s in bad {
            #expect(!s.runtime.isEmpty && s.runtime != "ok", "\(s.name): runtime expectation")
            #expect(!s.wants.isEmpty, "\(s.name): want lines")
            for w in s.wants {
                rules.insert(w.rule)
                #expect(Self.isSampledRule(w.rule), "\(s.name): \(w.rule) is not a cgo rule")
                #expect(s.pointsAtToken(line: w.line, column: w.column, after: [0x20, 0x09, 0x28, 0x5B]),
                        "\(s.name): \(w.rule) at \(w.line):\(w.column) points at no token")
            }
        }
        #expect(rules.count >= 8, "rules with a sample: \(rules.sorted())")
        for s in good {
            #expect(s.runtime == "ok" && s.wants.isEmpty && s.source.contains("// want nothing"), "\(s.name)")
        }
    }

    @Test(.enabled(if: CgoSampleTests.go != nil && CgoSampleTests.gcc != nil, "needs the go toolchain and gcc"))
    func theRunningProgramShowsEachDefectAndNoLookAlikeOne() throws {
        let go = try #require(Self.go)
        for kind in ["bad", "good"] {
            // One build per kind (all programs at once), then one run each.
            let (build, runs) = try SampleRun.buildAndRunEach(go: go, samples: Self.samples, kind: kind, timeout: 60,
                                                               environment: ["CGO_ENABLED": "1", "GODEBUG": "cgocheck=1"])
            #expect(build.status == 0, "go build failed: \(build.output)")
            for (s, run) in runs {
                #expect(!run.timedOut, "\(s.name) did not end")
                if kind == "bad" {
                    #expect(run.output.contains(s.runtime), "\(s.name): expected \"\(s.runtime)\", got:\n\(run.output)")
                } else {
                    let defect = ["DEFECT", "panic:", "fatal error", "free():", "double free"].first { run.output.contains($0) }
                    #expect(run.status == 0 && defect == nil, "\(s.name): \(run.output)")
                }
            }
        }
    }

    /// The C heap blocks a program leaves allocated at exit, by valgrind's
    /// leak check: definitely lost (no pointer left anywhere) plus still
    /// reachable (a pointer left only in memory valgrind cannot tell is
    /// garbage, such as the Go heap). Possibly lost blocks are the Go
    /// runtime's own thread allocations and are not counted. Nil when the
    /// output has no leak summary.
    static func blocksLeftAtExit(_ valgrindOutput: String) -> Int? {
        if valgrindOutput.contains("All heap blocks were freed") { return 0 }
        var total: Int? = nil
        for line in valgrindOutput.split(separator: "\n") {
            for kind in ["definitely lost:", "still reachable:"] {
                guard let r = line.range(of: kind), let inRange = line.range(of: " in ", range: r.upperBound..<line.endIndex),
                      let blocks = line[inRange.upperBound...].split(separator: " ").first.map({ $0.replacingOccurrences(of: ",", with: "") }),
                      let n = Int(blocks) else { continue }
                total = (total ?? 0) + n
            }
        }
        return total
    }

    /// The memory samples under valgrind: each bad one leaves the C blocks
    /// of every leaking call (its loop makes a thousand), each look-alike
    /// none, which shows the leak is C heap and not a figure of mallinfo2.
    @Test(.enabled(if: CgoSampleTests.go != nil && CgoSampleTests.gcc != nil && CgoSampleTests.valgrind != nil,
                   "needs the go toolchain, gcc and valgrind"))
    func valgrindFindsTheCHeapEachMemorySampleLeaks() throws {
        let go = try #require(Self.go)
        let valgrind = try #require(Self.valgrind)
        var checked = 0
        for kind in ["bad", "good"] {
            let (build, runs) = try SampleRun.buildAndRunEach(
                go: go, samples: Self.samples, kind: kind, timeout: 300, environment: ["CGO_ENABLED": "1"],
                runner: (valgrind, ["--leak-check=full", "--show-leak-kinds=all"]), selecting: { !$0.valgrind.isEmpty })
            #expect(build.status == 0, "go build failed: \(build.output)")
            for (s, run) in runs {
                #expect(!run.timedOut, "\(s.name) did not end under valgrind")
                let left = try #require(Self.blocksLeftAtExit(run.output), "\(s.name): no leak summary in\n\(run.output)")
                #expect(s.valgrind == (kind == "bad" ? "leak" : "clean"), "\(s.name): valgrind expectation")
                if s.valgrind == "leak" {
                    #expect(left >= 100, "\(s.name): \(left) C blocks left at exit")
                } else {
                    #expect(left == 0, "\(s.name): \(left) C blocks left at exit")
                }
                checked += 1
            }
        }
        #expect(checked >= 5)
    }

    @Test func leakSummaryIsReadFromValgrindOutput() {
        let leaking = """
            ==1== LEAK SUMMARY:
            ==1==    definitely lost: 1,017,000 bytes in 1,000 blocks
            ==1==    indirectly lost: 0 bytes in 0 blocks
            ==1==      possibly lost: 1,152 bytes in 4 blocks
            ==1==    still reachable: 443,000 bytes in 1,200 blocks
            """
        #expect(Self.blocksLeftAtExit(leaking) == 2_200)
        #expect(Self.blocksLeftAtExit("==1== All heap blocks were freed -- no leaks are possible") == 0)
        #expect(Self.blocksLeftAtExit("no summary") == nil)
    }

    @Test(.enabled(if: CPreambleReader().isAvailable, "reading preambles needs libclang"))
    func lintReportsExactlyTheWantedFindings() throws {
        var options = CommandLineOptions()
        options.paths = ["./..."]
        options.jobs = 2
        let root = Self.samples.path
        // The rule files as they are in the repository (the embedded copy may lag while they are edited).
        var environment = ProcessInfo.processInfo.environment
        environment["CONCLINT_RULES"] = Repository.path("rules")
        let configuration = try RunConfiguration.validate(options, environment: environment,
                                                          workingDirectory: root, processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        var reported: [String: [String]] = [:]
        for f in outcome.result.findings where Self.isSampledRule(f.ruleID) {
            reported[f.location.file, default: []].append("\(f.ruleID) at \(f.location.line):\(f.location.column)")
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
        #expect(checked >= 13)
    }
}
