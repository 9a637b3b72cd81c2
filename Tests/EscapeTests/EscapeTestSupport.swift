import Escape
import Foundation
import GoSema
import GoSyntax

/// Runs the escape analysis on Go source held in memory.
enum EscapeFixture {
    /// The decisions for one file of package `p`, as `line:col: message` lines, in order.
    static func decisions(_ source: String, options: EscapeOptions = EscapeOptions()) -> [String] {
        report(source, options: options).ordered.map { "\($0.line):\($0.column): \($0.message)" }
    }

    static func report(_ source: String, options: EscapeOptions = EscapeOptions()) -> EscapeReport {
        let tree = parseGoFile(SourceFile(path: "p.go", bytes: Array(source.utf8)))
        let package = AnalysedPackage(importPath: "p", name: tree.packageName ?? "p", directory: "", trees: [tree],
                                      moduleRoot: nil, modulePath: nil, goVersion: nil)
        var loader = LoaderOptions.fromEnvironment(jobs: 1)
        loader.checkDependencyBodies = true
        let program = ProgramLoader.load([package], options: loader)
        return EscapeAnalysis.run(program, options: options)
    }
}

/// The repository, found from this file's path.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
}

/// Runs a program and returns its standard output and error, or nil when
/// it cannot be started (Go is not installed).
func runProgram(_ arguments: [String], in directory: String) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["GOFLAGS"] = "-mod=mod"
    environment["GO111MODULE"] = "on"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

var goIsInstalled: Bool {
    runProgram(["go", "version"], in: "/")?.status == 0
}
