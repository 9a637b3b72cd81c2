import Foundation
import Testing
@testable import Discovery

/// Differential test: on all of GOROOT/src, discovery selects exactly the
/// files `go list` selects (linux/amd64, cgo on, release tags of the
/// installed Go), package by package. Runs when a Go toolchain is present.
enum GoToolchain {
    /// `go env GOROOT`, or $GOROOT, when `go` runs here.
    static let root: String? = {
        if let env = ProcessInfo.processInfo.environment["GOROOT"], !env.isEmpty { return env }
        guard let out = run(["go", "env", "GOROOT"]), out.status == 0 else { return nil }
        let path = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }()

    static let version: GoVersion? = {
        guard let out = run(["go", "env", "GOVERSION"]), out.status == 0 else { return nil }
        return GoVersion(parsing: out.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }()

    static func run(_ arguments: [String], in directory: String? = nil,
                    environment: [String: String] = [:]) -> (status: Int32, stdout: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let directory {
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            // The go command names directories after $PWD when it matches.
            variables["PWD"] = directory
        }
        process.environment = variables
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Test(.enabled(if: GoToolchain.root != nil && GoToolchain.version != nil, "needs the Go toolchain (go env GOROOT)"))
func discoveryMatchesGoListOnGorootSrc() throws {
    let goroot = try #require(GoToolchain.root)
    let version = try #require(GoToolchain.version)
    let src = goroot + "/src"
    let format = "{{.Dir}}|{{.Name}}|{{join .GoFiles \" \"}} {{join .CgoFiles \" \"}} {{join .TestGoFiles \" \"}}|{{join .XTestGoFiles \" \"}}"
    let listed = try #require(GoToolchain.run(
        ["go", "list", "-e", "-f", format, "./..."], in: src,
        environment: ["GOOS": "linux", "GOARCH": "amd64", "CGO_ENABLED": "1", "GOFLAGS": ""]))
    #expect(listed.status == 0)

    // directory -> "name: files" for the package and its external tests.
    var expected: [String: [String]] = [:]
    for line in listed.stdout.split(separator: "\n") {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4 else { continue }
        let internalFiles = fields[2].split(separator: " ").map(String.init).sorted()
        let externalFiles = fields[3].split(separator: " ").map(String.init).sorted()
        var packages: [String] = []
        if !internalFiles.isEmpty { packages.append("\(fields[1]): " + internalFiles.joined(separator: " ")) }
        if !externalFiles.isEmpty { packages.append("\(fields[1])_test: " + externalFiles.joined(separator: " ")) }
        expected[fields[0]] = packages
    }
    #expect(expected.count > 100)

    let context = BuildContext(goos: "linux", goarch: "amd64", cgoEnabled: true, releaseVersion: version.language)
    let workspace = WorkspaceDiscovery.discover(["./..."], options: DiscoveryOptions(
        context: context, workingDirectory: src, jobs: ProcessInfo.processInfo.activeProcessorCount))
    var actual: [String: [String]] = [:]
    for package in workspace.packages {
        let names = package.files.map { PathUtilities.lastComponent($0) }.joined(separator: " ")
        actual[package.directory, default: []].append("\(package.name): \(names)")
    }
    // The go command stops at the nested cmd module (conclint reads it too)
    // and leaves out the documentation-only `builtin` package in patterns.
    let outsideCmd = actual.filter {
        !$0.key.hasPrefix(src + "/cmd/") && $0.key != src + "/cmd" && $0.key != src + "/builtin"
    }
    for directory in Set(expected.keys).union(outsideCmd.keys).sorted() {
        #expect(outsideCmd[directory] == expected[directory], "\(directory)")
    }
    #expect(workspace.notifications.isEmpty, "\(workspace.notifications.prefix(5))")
    #expect(workspace.module?.path == "std")
    #expect(workspace.packages.first { $0.directory == src + "/net/http" }?.importPath == "net/http")
}
