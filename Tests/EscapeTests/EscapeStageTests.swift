import Driver
import Findings
import Foundation
import Testing

/// The escape rules in `conclint lint`: held functions come from the
/// directive or from `.conclint.yml`; other packages are not analysed.
@Suite struct EscapeStageTests {
    static let source = """
    package m

    // Frame copies a payload into a frame of n bytes.
    func Frame(payload []byte, n int) int {
    \tbuf := make([]byte, n)
    \tcopy(buf, payload)
    \treturn len(buf)
    }

    // Grow is not held.
    func Grow(n int) []byte { return make([]byte, n) }
    """

    /// Lints a one-file module; returns the escape findings as `line:col rule`.
    static func lint(_ source: String, config: String?) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-escape-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "module example.com/m\n\ngo 1.19\n".write(toFile: dir + "/go.mod", atomically: true, encoding: .utf8)
        try source.write(toFile: dir + "/m.go", atomically: true, encoding: .utf8)
        if let config { try config.write(toFile: dir + "/.conclint.yml", atomically: true, encoding: .utf8) }
        var options = CommandLineOptions()
        options.paths = ["."]
        options.jobs = 1
        let configuration = try RunConfiguration.validate(options, environment: ProcessInfo.processInfo.environment,
                                                          workingDirectory: dir, processorCount: 1)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        return outcome.result.findings.filter { $0.ruleID.hasPrefix("ES") }
            .map { "\($0.location.line):\($0.location.column) \($0.ruleID)" }
    }

    @Test func nothingIsReportedWithoutAHeldFunction() throws {
        #expect(try Self.lint(Self.source, config: nil).isEmpty)
    }

    @Test func configuredFunctionsAreHeld() throws {
        let config = "escape:\n  noalloc:\n    functions:\n      - example.com/m.Frame\n"
        #expect(try Self.lint(Self.source, config: config) == ["5:9 ES1001"])
    }

    @Test func configuredPathsHoldEveryFunction() throws {
        let config = "escape:\n  noalloc:\n    paths:\n      - \"*.go\"\n"
        #expect(try Self.lint(Self.source, config: config) == ["5:9 ES1001", "11:34 ES1001"])
    }
}
