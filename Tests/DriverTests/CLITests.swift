import Foundation
import Testing
@testable import Driver
import TestSupport

/// The built executable, end to end: argument parsing, streams, exit codes.
@Suite(.enabled(if: Executable.path != nil, "the conclint executable is not built next to the tests"))
struct CLITests {
    /// How to run conclint without root's power to read anything: as is
    /// when not root, else as `nobody` through setpriv. Nil when that is
    /// impossible here (no setpriv, or the build directory is closed to
    /// other users).
    static let unprivilegedPrefix: [String]? = {
        guard isRoot else { return [] }
        let prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let probe = try? Executable.run(["--version"], in: "/", prefix: prefix)
        return probe?.status == 0 ? prefix : nil
    }()

    @Test func versionAndHelpExitZero() throws {
        let tree = try TemporaryTree()
        let version = try Executable.run(["--version"], in: tree.root)
        #expect(version.status == 0)
        #expect(version.stdout == ToolInfo.version + "\n")
        let help = try Executable.run(["lint", "--help"], in: tree.root)
        #expect(help.status == 0)
        #expect(help.stdout.contains("--format"))
    }

    @Test func usageErrorsExitTwo() throws {
        let tree = try TemporaryTree()
        try tree.write("a.go", "package p\n")
        for arguments in [["lint", "--format", "xml", "--output", "r.txt"], ["lint", "--jobs", "many"],
                          ["lint", "--no-such-flag"], ["parse", "--tests", "maybe"], ["frobnicate"]] {
            let outcome = try Executable.run(arguments, in: tree.root)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stdout == "", "\(arguments)")
            #expect(!outcome.stderr.isEmpty, "\(arguments)")
        }
        #expect(tree.entries() == ["a.go"])
    }

    @Test func lintExitsZeroWithoutFindingsAndWritesSarif() throws {
        let tree = try TemporaryTree()
        try tree.write("a.go", "package p\n\nfunc f() {}\n")
        try tree.write("broken.go", "package p\n\nfunc {\n")
        let outcome = try Executable.run(["lint", "--format", "sarif", "--output", "out.sarif", "./..."], in: tree.root)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.contains("broken.go:"))
        let data = try #require(FileManager.default.contents(atPath: tree.path("out.sarif")))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(!notes.isEmpty)
        #expect(tree.entries() == ["a.go", "broken.go", "out.sarif"])
    }

    @Test func parseExitsOneOnSyntaxErrors() throws {
        let tree = try TemporaryTree()
        try tree.write("broken.go", "package p\n\nfunc {\n")
        let outcome = try Executable.run(["parse", "--stats", "."], in: tree.root)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("broken.go:"))
        #expect(outcome.stdout.contains("files: 1\n"))
    }

    @Test func sameBytesWhateverJobs() throws {
        let tree = try TemporaryTree()
        for i in 0..<30 {
            try tree.write("p\(i % 4)/f\(i).go", i % 3 == 0 ? "package p\(i % 4)\nfunc {\n" : "package p\(i % 4)\n")
        }
        for format in ["text", "sarif", "json"] {
            let one = try Executable.run(["lint", "--jobs", "1", "--format", format, "./..."], in: tree.root)
            let four = try Executable.run(["lint", "--jobs", "4", "--format", format, "./..."], in: tree.root)
            #expect(one.status == four.status)
            #expect(one.stdout == four.stdout, "\(format)")
            #expect(one.stderr == four.stderr, "\(format)")
        }
    }

    /// The leak analysis explores its root functions on `--jobs` threads,
    /// and the map-race and lifecycle analyses the components of each
    /// call-graph wave: the report of the samples (dozens of functions,
    /// each with findings and witness paths) must not depend on how many.
    @Test(arguments: [("samples/leaks", "CH1001"), ("samples/maprace", "MR1001"), ("samples/sync", "SY1001")])
    func samplesGiveTheSameBytesWhateverJobs(directory: String, expectedRule: String) throws {
        let samples = Repository.path(directory)
        let one = try Executable.run(["lint", "--no-cache", "--jobs", "1", "--format", "sarif", "./..."], in: samples)
        let two = try Executable.run(["lint", "--no-cache", "--jobs", "2", "--format", "sarif", "./..."], in: samples)
        #expect(one.status == 1)
        #expect(one.stdout.contains("\"ruleId\": \"\(expectedRule)\""))
        #expect(one.status == two.status)
        #expect(one.stdout == two.stdout)
    }

    /// As root, permission bits do not stop reads, so the run drops to the
    /// `nobody` user with setpriv; otherwise it runs as is.
    @Test(.enabled(if: CLITests.unprivilegedPrefix != nil,
                   "as root, needs setpriv and a build directory that the nobody user can reach"))
    func unreadableDirectoryIsOneLineAndTheRestIsParsed() throws {
        let tree = try TemporaryTree()
        try tree.write("good.go", "package p\n")
        try tree.write("locked/l.go", "package locked\n")
        chmod(tree.path("locked"), 0)
        let prefix = try #require(CLITests.unprivilegedPrefix)
        let outcome = try Executable.run(["parse", "--stats", "./..."], in: tree.root, prefix: prefix)
        #expect(outcome.stderr.contains("locked: cannot read directory: Permission denied\n"))
        #expect(outcome.stdout.contains("files: 1\n"))
        #expect(outcome.status == 1)
    }
}
