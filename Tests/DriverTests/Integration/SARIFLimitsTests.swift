import Findings
import Foundation
import TestSupport
import Testing
@testable import Report

/// SARIF within code scanning's limits, and SARIF read back: what `merge`
/// and `--baseline` rely on.
struct SARIFLimitsTests {
    static func finding(_ i: Int, level: Level, steps: Int = 1) -> Finding {
        let file = i % 3 == 0 ? "dir/ünï côde.go" : "pkg/file\(i % 4).go"
        let flow = CodeFlow(message: "how it blocks", threads: [
            ThreadFlow(name: "main goroutine", steps: (0..<steps).map {
                FlowStep(location: Location(file: file, line: $0 + 1, column: 2), message: "step \($0)")
            }),
        ])
        return Finding(ruleID: level == .error ? "CH1001" : "TM1001", category: level == .error ? .channel : .timer,
                       level: level, message: "finding \(i)", location: Location(file: file, line: i + 1, column: 3,
                                                                                 endLine: i + 1, endColumn: 9),
                       related: [RelatedLocation(location: Location(file: "/abs/other.go", line: 2, column: 1), message: "spawned here")],
                       flows: [flow],
                       fixes: [Fix(description: "buffer it", edits: [
                           TextEdit(file: file, startLine: 1, startColumn: 1, endLine: 1, endColumn: 4, text: "x"),
                           TextEdit(file: "b.go", startLine: 2, startColumn: 1, endLine: 2, endColumn: 1, text: "y"),
                           TextEdit(file: file, startLine: 3, startColumn: 1, endLine: 3, endColumn: 2, text: "z"),
                       ])],
                       fingerprint: "f\(i):1")
    }

    static func result(_ findings: [Finding]) -> RunResult {
        let rules = [
            RuleDescriptor(id: "CH1001", name: "send-blocks-forever", category: .channel, defaultLevel: .error,
                           summary: "A send blocks", description: "Forever.", tags: ["leak", "channel"], helpURI: "https://x/CH1001"),
            RuleDescriptor(id: "TM1001", name: "ticker-not-stopped", category: .timer, defaultLevel: .warning,
                           summary: "A ticker", description: "Never stopped.", tags: (0..<30).map { "t\($0)" }, precision: "medium"),
        ]
        return RunResult(root: "/work space/m", rules: rules, findings: findings.sorted(by: Finding.precedes),
                         notifications: [Findings.Notification(kind: .error, file: "bad.go", line: 3, column: 1, message: "syntax error"),
                                         Findings.Notification(kind: .note, file: "", message: "no file")],
                         toolVersion: "0.1.0")
    }

    static func document(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func run(_ text: String) throws -> [String: Any] {
        try #require((try document(text)["runs"] as? [[String: Any]])?.first)
    }

    static func notes(_ run: [String: Any]) -> [String] {
        let invocation = (run["invocations"] as? [[String: Any]])?.first
        return (invocation?["toolExecutionNotifications"] as? [[String: Any]] ?? []).compactMap {
            ($0["message"] as? [String: Any])?["text"] as? String
        }
    }

    @Test func aRunWithinTheLimitsIsUntouchedAndReadsBackToTheSameBytes() throws {
        let result = Self.result((0..<12).map { Self.finding($0, level: $0 % 2 == 0 ? .error : .warning) })
        var unlimited = ReportOptions()
        unlimited.sarifLimits = .unlimited
        var limits = SARIFLimits.codeScanning
        limits.maxTagsPerRule = 100
        let text = Reporter.render(result, as: .sarif, options: ReportOptions(sarifLimits: limits))
        #expect(text == Reporter.render(result, as: .sarif, options: unlimited))
        #expect(!Self.notes(try Self.run(text)).contains { $0.contains("SARIF limits") })

        let back = try SARIFReader.read(Data(text.utf8), file: "x.sarif")
        #expect(back.root == result.root)
        #expect(back.findings == result.findings.map { f in
            var f = f
            // The reporter groups fix edits by file.
            f.fixes = f.fixes.map { fix in
                Fix(description: fix.description, edits: fix.edits.filter { $0.file != "b.go" } + fix.edits.filter { $0.file == "b.go" })
            }
            return f
        })
        #expect(Reporter.render(back, as: .sarif, options: ReportOptions(sarifLimits: limits)) == text)
    }

    @Test func tooManyResultsKeepTheMostSevereAndSaySo() throws {
        let findings = (0..<30).map { Self.finding($0, level: $0 % 3 == 0 ? .error : ($0 % 3 == 1 ? .warning : .note)) }
        var options = ReportOptions()
        options.sarifLimits.maxResults = 12
        let text = Reporter.render(Self.result(findings), as: .sarif, options: options)
        let run = try Self.run(text)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 12)
        // The cut file is still valid SARIF under the contract (when the shared validator is there).
        let validator = URL(fileURLWithPath: Repository.root).appendingPathComponent("../shared/sarif/validate.py").standardizedFileURL.path
        if FileManager.default.fileExists(atPath: validator), (try? Shell.run(["python3", "-c", "import jsonschema"]))?.status == 0 {
            let directory = try Repository.temporaryDirectory("conclint-sarif-limits")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let file = directory + "/cut.sarif"
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let outcome = try Shell.run(["python3", validator, file])
            #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        }
        #expect(results.filter { $0["level"] as? String == "error" }.count == 10)
        #expect(results.filter { $0["level"] as? String == "warning" }.count == 2)
        #expect(Self.notes(run).contains { $0.contains("SARIF holds 12 of 30 results") })
    }

    @Test func aFileOverTheSizeLimitIsCutToFit() throws {
        let findings = (0..<200).map { Self.finding($0, level: .warning, steps: 20) }
        let whole = Reporter.render(Self.result(findings), as: .sarif, options: ReportOptions(sarifLimits: .unlimited))
        var options = ReportOptions()
        options.sarifLimits.maxBytes = whole.utf8.count / 3
        let text = Reporter.render(Self.result(findings), as: .sarif, options: options)
        #expect(text.utf8.count <= options.sarifLimits.maxBytes)
        let run = try Self.run(text)
        let kept = (run["results"] as? [[String: Any]])?.count ?? 0
        #expect(kept > 0 && kept < 200)
        #expect(Self.notes(run).contains { $0.contains("SARIF holds \(kept) of 200 results") })
        // One more result would not have fitted.
        options.sarifLimits.maxBytes = text.utf8.count - 1
        let smaller = try Self.run(Reporter.render(Self.result(findings), as: .sarif, options: options))
        #expect(((smaller["results"] as? [[String: Any]])?.count ?? 0) < kept)
    }

    @Test func longWitnessPathsAndManyTagsAreCut() throws {
        var options = ReportOptions()
        options.sarifLimits.maxThreadFlowLocationsPerResult = 5
        let run = try Self.run(Reporter.render(Self.result([Self.finding(1, level: .warning, steps: 9)]), as: .sarif, options: options))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let flow = try #require((result["codeFlows"] as? [[String: Any]])?.first)
        let steps = ((flow["threadFlows"] as? [[String: Any]])?.first?["locations"] as? [Any])?.count
        #expect(steps == 5)
        #expect(Self.notes(run).contains { $0.contains("witness paths of 1 results cut to 5 steps") })
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for rule in rules {
            let tags = (rule["properties"] as? [String: Any])?["tags"] as? [String] ?? []
            #expect(tags.count <= 20)
        }
    }
}
