import Foundation
import Findings
import GoSyntax
@testable import Driver

/// A directory tree made for one test and removed afterwards (resolved
/// path, so it matches what conclint reports).
final class TemporaryTree {
    let root: String

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
        root = base + "/conclint-driver-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        chmod(root, 0o755)
    }

    deinit {
        if let e = FileManager.default.enumerator(atPath: root) {
            while let rel = e.nextObject() as? String { chmod(root + "/" + rel, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ contents: String) throws { try write(relative, Data(contents.utf8)) }

    func write(_ relative: String, _ data: Data) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    func entries(_ relative: String = ".") -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path(relative)).sorted()) ?? []
    }
}

/// Whether the real parser has landed (the stub reports an error for every file).
let parserIsReal = parseGoFile(SourceFile(path: "p.go", bytes: Array("package p\n".utf8))).errors.isEmpty

var isRoot: Bool { geteuid() == 0 }

/// Options for a run in `tree` with the given arguments.
func options(_ paths: [String], format: String = "text", jobs: Int = 2, _ adjust: (inout CommandLineOptions) -> Void = { _ in })
    -> CommandLineOptions {
    var o = CommandLineOptions()
    o.paths = paths
    o.format = format
    o.jobs = jobs
    adjust(&o)
    return o
}

func lint(_ tree: TemporaryTree, _ options: CommandLineOptions, pipeline: LintPipeline? = nil,
          environment: [String: String] = [:]) -> CommandOutcome {
    LintCommand.run(options, environment: environment, workingDirectory: tree.root, processorCount: 2,
                    pipeline: pipeline)
}

func parse(_ tree: TemporaryTree, _ options: CommandLineOptions) -> CommandOutcome {
    ParseCommand.run(options, environment: [:], workingDirectory: tree.root, processorCount: 2)
}

/// A stand-in for the rule engine: one finding per parsed file, at the
/// level given, so that exit codes, formats and "the other files were still
/// processed" can be observed before real rules exist.
struct OneFindingPerFileStage: LintStage {
    var level: Level = .warning
    var name: String { "test: one finding per file" }

    func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        output.rules.append(RuleDescriptor(id: "TEST001", name: "parsed", category: .goroutine, defaultLevel: level,
                                           summary: "File was parsed", description: "Emitted by tests."))
        for package in input.packages {
            for file in package.files {
                output.findings.append(Finding(
                    ruleID: "TEST001", category: .goroutine, level: level, message: "parsed",
                    location: Location(file: file.displayPath, line: 1, column: 1), fingerprint: file.displayPath))
            }
        }
    }
}

func findingPipeline(_ level: Level = .warning) -> LintPipeline {
    LintPipeline(stages: [SyntaxErrorStage(), OneFindingPerFileStage(level: level)])
}

/// The files a run parsed, from `OneFindingPerFileStage`'s text output.
func parsedFiles(_ outcome: CommandOutcome) -> [String] {
    outcome.stdout.split(separator: "\n").compactMap { line in
        line.hasSuffix(": parsed [TEST001]") ? String(line.split(separator: ":")[0]) : nil
    }
}

/// The built `conclint` executable, next to the test bundle.
enum Executable {
    static let path: String? = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let binary = candidate.appendingPathComponent("conclint").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        return nil
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `conclint` (optionally through a prefix such as `setpriv ...`) in `directory`.
    static func run(_ arguments: [String], in directory: String, prefix: [String] = []) throws -> Output {
        guard let path else { throw CocoaError(.executableNotLoadable) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = prefix + [path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["PWD"] = directory
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}
