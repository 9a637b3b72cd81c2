import Findings
import Foundation
import Report
import Testing
@testable import Driver

/// `conclint baseline write` and `--baseline` on a real git history: the
/// accepted finding stays silent after its function moves, a new defect is
/// reported, and the moved function's fingerprint does not change.
@Suite(.enabled(if: GitModule.gitIsAvailable && parserIsReal, "needs git and the real parser"))
struct BaselineTests {
    static let header = "package a\n\n"

    static func findings(_ outcome: CommandOutcome) -> [String] {
        outcome.stdout.split(separator: "\n").filter { $0.hasSuffix("]") && !$0.hasPrefix(" ") }.map(String.init)
    }

    static func sarif(_ repo: GitModule, _ file: String) throws -> RunResult {
        let data = try #require(FileManager.default.contents(atPath: repo.tree.path(file)))
        return try SARIFReader.read(data, file: file)
    }

    @Test func acceptedFindingsStaySilentAndNewOnesAreReported() throws {
        let repo = try GitModule()
        try repo.write("a/a.go", Self.header + GoDefects.blockedSend("Old"))
        try repo.commit("a defect the team accepts")

        let written = BaselineCommand.write(options(["./..."]) { $0.output = "baseline.sarif" }, environment: [:],
                                            workingDirectory: repo.root, processorCount: 2)
        #expect(written.status == .clean, "\(written.stderr)")
        let baseline = try Self.sarif(repo, "baseline.sarif")
        #expect(baseline.findings.count == 1)
        #expect(baseline.findings.first?.ruleID == "CH1001")
        try repo.commit("baseline")

        // Code is added above, the old function moves below a new defect.
        try repo.write("a/a.go", Self.header + "// Helper now comes first.\nfunc Helper() int {\n\treturn 1\n}\n\n"
            + GoDefects.blockedSend("New") + GoDefects.bufferedSend("Fine") + GoDefects.blockedSend("Old"))
        try repo.commit("a new defect, and the old function moved")

        let all = lint(repo.tree, options(["./..."]))
        #expect(Self.findings(all).count == 2, "\(all.stdout)")
        let outcome = lint(repo.tree, options(["./..."]) { $0.workflow.baseline = "baseline.sarif" })
        let reported = Self.findings(outcome)
        #expect(outcome.status == .findings)
        #expect(reported.count == 1, "\(outcome.stdout)")
        // Lines 1-2 header, 3-7 the comment and Helper, 8 `func New() {`, 11 its send.
        #expect(reported.first?.hasPrefix("a/a.go:11:") == true, "\(reported)")
        #expect(reported.first?.hasSuffix("[CH1001]") == true)
    }

    @Test func aMovedFunctionKeepsItsFingerprint() throws {
        let repo = try GitModule()
        try repo.write("a/a.go", Self.header + GoDefects.blockedSend("Old") + GoDefects.bufferedSend("Other"))
        try repo.commit("before")
        let before = lint(repo.tree, options(["./..."], format: "sarif") { $0.output = "before.sarif" })
        #expect(before.status == .findings)

        try repo.write("a/a.go", Self.header + GoDefects.bufferedSend("Other") + "\n\n// moved down\n"
            + GoDefects.blockedSend("Old"))
        try repo.commit("moved")
        let after = lint(repo.tree, options(["./..."], format: "sarif") { $0.output = "after.sarif" })
        #expect(after.status == .findings)

        let old = try Self.sarif(repo, "before.sarif").findings
        let moved = try Self.sarif(repo, "after.sarif").findings
        #expect(old.count == 1 && moved.count == 1)
        #expect(old.first?.location.line != moved.first?.location.line)
        // 16 hex digits and the occurrence (the rule engine's fingerprint, not the reporter's fallback).
        let fingerprint = try #require(old.first?.fingerprint)
        #expect(fingerprint.count == 18 && fingerprint.hasSuffix(":1"), "\(fingerprint)")
        #expect(fingerprint == moved.first?.fingerprint)
    }

    @Test func aMissingOrMalformedBaselineIsAUsageError() throws {
        let repo = try GitModule()
        try repo.write("a/a.go", Self.header + GoDefects.bufferedSend("Fine"))
        try repo.write("bad.sarif", "{\"runs\": 3}")
        for file in ["missing.sarif", "bad.sarif"] {
            let outcome = lint(repo.tree, options(["./..."]) { $0.workflow.baseline = file })
            #expect(outcome.status == .usage, "\(file)")
            #expect(outcome.stderr.contains("baseline"), "\(outcome.stderr)")
        }
    }
}
