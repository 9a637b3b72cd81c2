import Foundation

/// One program of a samples/ set (samples/leaks, samples/sync, samples/cgo):
/// `NAME/main.go` under `bad/` or `good/`, whose first lines state what it
/// shows: `// runtime: TEXT` (what its output must contain; "ok": nothing
/// bad), `// want RULE at LINE:COL` (each finding conclint must report) and,
/// for programs about C memory, `// valgrind: leak` or `// valgrind: clean`
/// (what valgrind's leak check must find at exit).
public struct SampleProgram {
    public var kind: String
    public var name: String
    public var source: String
    public var runtime: String
    public var wants: [(rule: String, line: Int, column: Int)]
    public var valgrind: String = ""

    /// The samples of `directory/kind`, in name order.
    public static func load(_ directory: URL, kind: String) throws -> [SampleProgram] {
        let dir = directory.appendingPathComponent(kind)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        return try names.map { name in
            let source = try String(contentsOf: dir.appendingPathComponent(name).appendingPathComponent("main.go"), encoding: .utf8)
            var runtime = ""
            var valgrind = ""
            var wants: [(rule: String, line: Int, column: Int)] = []
            for line in source.split(separator: "\n", omittingEmptySubsequences: false).prefix(12) {
                if line.hasPrefix("// runtime: ") { runtime = String(line.dropFirst("// runtime: ".count)) }
                if line.hasPrefix("// valgrind: ") { valgrind = String(line.dropFirst("// valgrind: ".count)) }
                let parts = line.split(separator: " ")
                if parts.count == 5, parts[0] == "//", parts[1] == "want", parts[3] == "at" {
                    let pos = parts[4].split(separator: ":").compactMap { Int($0) }
                    if pos.count == 2 { wants.append((String(parts[2]), pos[0], pos[1])) }
                }
            }
            return SampleProgram(kind: kind, name: name, source: source, runtime: runtime, wants: wants, valgrind: valgrind)
        }
    }

    /// Whether LINE:COL starts a token: a non-blank byte at the start of the
    /// line or right after one of `openers` (space, tab, `(` ...).
    public func pointsAtToken(line: Int, column: Int, after openers: [UInt8]) -> Bool {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let text = line >= 1 && line <= lines.count ? Array(lines[line - 1].utf8) : []
        return column >= 1 && column <= text.count && text[column - 1] != 0x20 && text[column - 1] != 0x09
            && (column == 1 || openers.contains(text[column - 2]))
    }
}

/// Runs a sample program (or the go command that builds it).
public enum SampleRun {
    /// An executable found on PATH (or, for `go`, under $GOROOT/bin); nil
    /// when it is not installed.
    public static func tool(_ name: String) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        var candidates = (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        if name == "go", let root = environment["GOROOT"] { candidates.append(URL(fileURLWithPath: root).appendingPathComponent("bin")) }
        return candidates.map { $0.appendingPathComponent(name) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    public struct Outcome {
        public var status: Int32
        public var output: String
        public var timedOut: Bool
    }

    /// Runs `executable` with stdout and stderr in one file, `environment`
    /// added to this process's, killing it after `timeout` seconds. Without
    /// a HOME, the go command gets a GOCACHE in the temporary directory.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL, timeout: Double,
                           environment extra: [String: String]) throws -> Outcome {
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
        environment.merge(extra) { _, new in new }
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

extension SampleRun {
    /// Builds every sample of `directory/kind` with one `go build` (all the
    /// programs at once, in a temporary directory), then runs each with
    /// `timeout`; the build's outcome and each run's, in sample order (no
    /// runs when the build failed). `environment` applies to both.
    /// With `runner`, each selected program runs under it (`valgrind
    /// ARGS... PROGRAM`).
    public static func buildAndRunEach(go: URL, samples directory: URL, kind: String, buildFlags: [String] = [],
                                       timeout: Double, environment: [String: String],
                                       runner: (tool: URL, arguments: [String])? = nil,
                                       selecting selected: (SampleProgram) -> Bool = { _ in true })
        throws -> (build: Outcome, runs: [(sample: SampleProgram, outcome: Outcome)]) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let build = try run(go, ["build"] + buildFlags + ["-o", out.path + "/", "./\(kind)/..."], in: directory,
                            timeout: 600, environment: environment)
        guard build.status == 0 else { return (build, []) }
        let runs = try SampleProgram.load(directory, kind: kind).filter(selected).map { sample in
            let program = out.appendingPathComponent(sample.name)
            let outcome = try runner.map { try run($0.tool, $0.arguments + [program.path], in: out, timeout: timeout, environment: environment) }
                ?? run(program, [], in: out, timeout: timeout, environment: environment)
            return (sample, outcome)
        }
        return (build, runs)
    }
}
