import Foundation
import Findings
import Testing
@testable import Driver

@Test func lintWithoutFindingsExitsZeroAndReportsSyntaxErrorsOnStderr() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n\nfunc f() {}\n")
    try tree.write("broken.go", "package p\n\nfunc {\n")
    let outcome = lint(tree, options(["./..."]))
    #expect(outcome.status == .clean)
    #expect(outcome.stdout == "")
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("broken.go:") })
    // Each notification is one line that starts with the file it is about.
    #expect(lines.allSatisfy { $0.hasPrefix("a.go:") || $0.hasPrefix("broken.go:") })
}

@Test func findingsAtOrAboveTheFailingLevelExitOne() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n")
    let warning = findingPipeline(.warning)
    #expect(lint(tree, options(["."]), pipeline: warning).status == .findings)
    #expect(lint(tree, options(["."]) { $0.failOn = "note" }, pipeline: warning).status == .findings)
    #expect(lint(tree, options(["."]) { $0.failOn = "error" }, pipeline: warning).status == .clean)
    #expect(lint(tree, options(["."]), pipeline: findingPipeline(.note)).status == .clean)
    #expect(lint(tree, options(["."]) { $0.failOn = "error" }, pipeline: findingPipeline(.error)).status == .findings)
    let outcome = lint(tree, options(["."]), pipeline: warning)
    #expect(outcome.stdout == "a.go:1:1: parsed [TEST001]\n")
}

@Test(arguments: [
    ("format", "xml"), ("failOn", "fatal"), ("go", "2.x"), ("tags", "a,b-c"), ("maxFileSize", "lots"),
    ("maxFileSize", "0"), ("jobs", "0"), ("output", "missing/dir/out.txt"), ("output", "."),
])
func usageErrorsExitTwoAndWriteNothing(option: String, value: String) throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n")
    let before = tree.entries()
    let outcome = lint(tree, options(["."], format: "sarif") { o in
        o.output = "report.sarif"
        switch option {
        case "format": o.format = value
        case "failOn": o.failOn = value
        case "go": o.goVersion = value
        case "tags": o.tags = value
        case "maxFileSize": o.maxFileSize = value
        case "jobs": o.jobs = Int(value)
        default: o.output = value
        }
    }, pipeline: findingPipeline())
    #expect(outcome.status == .usage)
    #expect(outcome.stdout == "")
    #expect(outcome.stderr.hasPrefix("conclint: error: "))
    #expect(outcome.stderr.split(separator: "\n").count == 1)
    #expect(tree.entries() == before)
}

@Test func validOptionsAreAccepted() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "//go:build special && go1.20\n\npackage p\n")
    try tree.write("b_test.go", "package p\n")
    let outcome = lint(tree, options(["."]) { o in
        o.tags = "special,other"
        o.goVersion = "go1.20.3"
        o.maxFileSize = "64KiB"
        o.tests = false
    }, pipeline: findingPipeline(.note))
    #expect(outcome.status == .clean)
    #expect(parsedFiles(outcome) == ["a.go"])
    let older = lint(tree, options(["."]) { $0.tags = "special"; $0.goVersion = "1.19" }, pipeline: findingPipeline(.note))
    #expect(parsedFiles(older) == ["b_test.go"])
}

@Test func outputIsWrittenAtomicallyAndReplacesTheOldFile() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n")
    try tree.write("out/report.json", "old contents")
    let toStdout = lint(tree, options(["a.go"], format: "json"), pipeline: findingPipeline())
    let toFile = lint(tree, options(["a.go"], format: "json") { $0.output = "out/report.json" }, pipeline: findingPipeline())
    #expect(toFile.status == .findings)
    #expect(toFile.stdout == "")
    #expect(tree.read("out/report.json") == toStdout.stdout)
    // Nothing but the report is left in its directory: no temporary file.
    #expect(tree.entries("out") == ["report.json"])
}

@Test func outputThroughASymlinkKeepsTheLink() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n")
    try tree.write("real/report.txt", "old")
    try FileManager.default.createSymbolicLink(atPath: tree.path("link.txt"), withDestinationPath: tree.path("real/report.txt"))
    let outcome = lint(tree, options(["a.go"]) { $0.output = "link.txt" }, pipeline: findingPipeline())
    #expect(outcome.status == .findings)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: tree.path("link.txt")) == tree.path("real/report.txt"))
    #expect(tree.read("real/report.txt") == "a.go:1:1: parsed [TEST001]\n")
}

/// `--output /dev/null` must not turn the device into a file. As root the
/// test makes its own null device (so a bug could not break the machine's);
/// otherwise /dev/null cannot be replaced anyway and is used directly.
@Test func outputToADeviceWritesInPlace() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n")
    var device = "/dev/null"
    if isRoot {
        device = tree.path("null")
        // Device 1:3 (the null device), encoded as Linux dev_t encodes small numbers.
        try #require(mknod(device, S_IFCHR | 0o666, 0x0103) == 0, "mknod failed")
    }
    let outcome = lint(tree, options(["a.go"]) { $0.output = device }, pipeline: findingPipeline())
    #expect(outcome.status == .findings)
    var info = stat()
    #expect(stat(device, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    #expect(!tree.entries().contains { $0.contains(".tmp-") })
}

@Test func aFailedWriteLeavesNothingBehind() throws {
    let tree = try TemporaryTree()
    try FileManager.default.createDirectory(atPath: tree.path("target"), withIntermediateDirectories: true)
    #expect(throws: (any Error).self) { try AtomicFileWriter.write("text", to: tree.path("target")) }
    #expect(tree.entries() == ["target"])
    #expect(tree.entries("target") == [])
}

@Test func outputDoesNotDependOnJobs() throws {
    let tree = try TemporaryTree()
    try tree.write("go.mod", "module example.com/m\ngo 1.22\n")
    for i in 0..<40 {
        let body = i % 5 == 0 ? "package d\(i % 6)\n\nfunc {\n" : "package d\(i % 6)\n\nfunc f\(i)() {}\n"
        try tree.write("d\(i % 6)/f\(i).go", body)
    }
    try tree.write("d1/binary.go", Data([0x00, 0x01, 0x02]))
    for format in ["text", "json", "sarif", "github", "gitlab"] {
        let one = lint(tree, options(["./..."], format: format, jobs: 1), pipeline: findingPipeline())
        let four = lint(tree, options(["./..."], format: format, jobs: 4), pipeline: findingPipeline())
        #expect(one.stdout == four.stdout, "\(format)")
        #expect(one.stderr == four.stderr, "\(format)")
        #expect(!one.stdout.isEmpty)
    }
    let parseOne = parse(tree, options(["./..."], jobs: 1))
    let parseFour = parse(tree, options(["./..."], jobs: 4))
    #expect(parseOne.stdout == parseFour.stdout && parseOne.stderr == parseFour.stderr)
}

@Test func parsePrintsSortedSyntaxErrorsAndStatistics() throws {
    let tree = try TemporaryTree()
    try tree.write("b.go", "package p\n\nfunc {\n")
    try tree.write("a.go", "package p\n\nvar = 1\n")
    try tree.write("c.go", "package p\n")
    let outcome = parse(tree, options(["."]) { $0.stats = true })
    #expect(outcome.status == .findings)
    let lines = outcome.stdout.split(separator: "\n").map(String.init)
    let errors = lines.filter { $0.contains(".go:") }
    #expect(errors == errors.sorted { ($0.split(separator: ":")[0], $0) < ($1.split(separator: ":")[0], $1) })
    #expect(errors.contains { $0.hasPrefix("a.go:") } && errors.contains { $0.hasPrefix("b.go:") })
    #expect(lines.contains("files: 3"))
    #expect(lines.contains("lines: 7"))
    let totalBytes = 18 + 19 + 10
    #expect(lines.contains("bytes: \(totalBytes)"))
    #expect(lines.contains("syntax errors: \(errors.count)"))
    #expect(lines.last?.hasPrefix("wall time: ") == true)
}

@Test(.enabled(if: parserIsReal, "needs the real parser (the stub reports every file)"))
func parseOfCleanFilesExitsZero() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n\nfunc f() {}\n")
    let outcome = parse(tree, options(["."]))
    #expect(outcome.status == .clean)
    #expect(outcome.stdout == "" && outcome.stderr == "")
}

/// The analyses that take longest start first, so that neither thread runs
/// one alone at the end; the others follow in the registry's order.
@Test func analysesStartLongestFirst() {
    #expect(AnalysisStage.startOrder(["lifecycle", "structural", "leak", "maprace", "cgo"]) == [3, 2, 1, 0, 4])
    #expect(AnalysisStage.startOrder(["custom", "cgo", "other", "maprace"]) == [3, 1, 0, 2])
    #expect(AnalysisStage.startOrder([]) == [])
}

/// A lint hands what it built to the command line, which ends the process
/// holding it instead of freeing it (Terminal.finish); the exit codes and
/// output of the binary are checked in CLITests.
@Test func aLintHandsItsMemoryToTheCaller() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package p\n\nfunc f() {}\n")
    let outcome = lint(tree, options(["./..."]))
    #expect(outcome.status == .clean)
    #expect(outcome.memory != nil)
}
