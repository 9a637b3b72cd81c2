import Foundation
import Testing
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

    struct Sample {
        var kind: String
        var name: String
        var source: String
        /// `// runtime: TEXT`: what the program's output must contain ("ok": nothing bad).
        var runtime: String
        /// `// want RULE at LINE:COL`.
        var wants: [(rule: String, line: Int, column: Int)]
    }

    static func load(_ kind: String) throws -> [Sample] {
        let dir = samples.appendingPathComponent(kind)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        return try names.map { name in
            let source = try String(contentsOf: dir.appendingPathComponent(name).appendingPathComponent("main.go"), encoding: .utf8)
            var runtime = ""
            var wants: [(String, Int, Int)] = []
            for line in source.split(separator: "\n", omittingEmptySubsequences: false).prefix(12) {
                if line.hasPrefix("// runtime: ") { runtime = String(line.dropFirst("// runtime: ".count)) }
                let parts = line.split(separator: " ")
                if parts.count == 5, parts[0] == "//", parts[1] == "want", parts[3] == "at" {
                    let pos = parts[4].split(separator: ":").compactMap { Int($0) }
                    if pos.count == 2 { wants.append((String(parts[2]), pos[0], pos[1])) }
                }
            }
            return Sample(kind: kind, name: name, source: source, runtime: runtime, wants: wants)
        }
    }

    @Test func everySampleStatesItsExpectations() throws {
        let bad = try Self.load("bad")
        let good = try Self.load("good")
        #expect(bad.count >= 20)
        #expect(good.count >= 10)
        for s in bad {
            #expect(!s.runtime.isEmpty && s.runtime != "ok", "\(s.name): runtime expectation")
            #expect(!s.wants.isEmpty, "\(s.name): want lines")
            let lines = s.source.split(separator: "\n", omittingEmptySubsequences: false)
            for w in s.wants {
                #expect(LeakRule(rawValue: w.rule) != nil, "\(s.name): \(w.rule) is not a leak rule")
                // The position is the first byte of a token on an existing line.
                let line = w.line >= 1 && w.line <= lines.count ? Array(lines[w.line - 1].utf8) : []
                let ok = w.column >= 1 && w.column <= line.count && line[w.column - 1] != 0x20 && line[w.column - 1] != 0x09
                    && (w.column == 1 || [0x20, 0x09, 0x28].contains(line[w.column - 2]))
                #expect(ok, "\(s.name): \(w.rule) at \(w.line):\(w.column) points at no token")
            }
        }
        for s in good {
            #expect(s.runtime == "ok" && s.wants.isEmpty && s.source.contains("// want nothing"), "\(s.name)")
        }
    }

    @Test func theGoRuntimeShowsEachDefectAndNoLookAlikeOne() throws {
        let go = try #require(GoToolchain.go)
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-samples-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: build) }
        for kind in ["bad", "good"] {
            // One build per kind (all programs at once), then one run each.
            let out = build.appendingPathComponent(kind)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try Self.run(go, ["build", "-o", out.path + "/", "./\(kind)/..."], in: Self.samples, timeout: 600)
            #expect(result.status == 0, "go build failed: \(result.output)")
            for s in try Self.load(kind) {
                let run = try Self.run(out.appendingPathComponent(s.name), [], in: build, timeout: 30)
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

    struct Outcome {
        var status: Int32
        var output: String
        var timedOut: Bool
    }

    /// Runs a program with stdout and stderr in one file, killing it after `timeout` seconds.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, timeout: Double) throws -> Outcome {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-run-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        if environment["HOME"] == nil && environment["GOCACHE"] == nil {
            environment["GOCACHE"] = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-gocache").path
        }
        environment["CGO_ENABLED"] = "0"
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, output: output, timedOut: timedOut)
    }
}

/// The `go` command, found on PATH or under $GOROOT/bin (nil when absent).
enum GoToolchain {
    static let go: URL? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates = (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        if let root = environment["GOROOT"] { candidates.append(URL(fileURLWithPath: root).appendingPathComponent("bin")) }
        return candidates.map { $0.appendingPathComponent("go") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
