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

    static func tool(_ name: String) -> URL? { SampleRun.tool(name) }

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
                let report = ValgrindLeakReport(run.output)
                #expect(report.hasLeakCheck, "\(s.name): no leak check in\n\(run.output)")
                let left = report.programBlocks
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

    /// Loss records as valgrind 3.19 prints them for a bad sample: the
    /// program's thousand blocks count, the runtime's thread start record
    /// (a race with process exit) and glibc's thread storage do not.
    @Test func lossRecordsAreReadAndTheRuntimesOwnAreLeftOut() {
        let output = """
            ==7== 24 bytes in 1 blocks are still reachable in loss record 1 of 4
            ==7==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)
            ==7==    by 0x4862ED: x_cgo_thread_start (gcc_util.c:15)
            ==7==    by 0x45F2E3: runtime.asmcgocall.abi0 (asm_amd64.s:844)
            ==7==
            ==7== 288 bytes in 1 blocks are possibly lost in loss record 2 of 4
            ==7==    at 0x48465EF: calloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)
            ==7==    by 0x401171D: _dl_allocate_tls (dl-tls.c:670)
            ==7==
            ==7== 48 (16 direct, 32 indirect) bytes in 2 blocks are definitely lost in loss record 3 of 4
            ==7==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)
            ==7==    by 0x485B10: db_open (main.go:17)
            ==7==
            ==7== 1,017,000 bytes in 1,000 blocks are definitely lost in loss record 4 of 4
            ==7==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)
            ==7==    by 0x485AF3: _cgo_807e7b47142d_Cfunc__Cmalloc (_cgo_export.c:30)
            ==7==
            ==7== LEAK SUMMARY:
            ==7==    definitely lost: 1,017,016 bytes in 1,002 blocks
            """
        let report = ValgrindLeakReport(output)
        #expect(report.hasLeakCheck)
        #expect(report.records.map(\.blocks) == [1, 1, 2, 1_000])
        #expect(report.records.map(\.kind) == ["still reachable", "possibly lost", "definitely lost", "definitely lost"])
        #expect(report.records.map(\.isGoRuntimeGlue) == [true, false, false, false])
        #expect(report.programBlocks == 1_002)
        let clean = ValgrindLeakReport("==1== All heap blocks were freed -- no leaks are possible")
        #expect(clean.hasLeakCheck && clean.programBlocks == 0)
        #expect(!ValgrindLeakReport("no summary").hasLeakCheck)
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
