import ConcIR
import Findings
import RuleEngine
@testable import Analyses

/// Runs one rule of the sync, defer or busy-waiting family on DSL text
/// whose expected findings are marked with `↓` (right before the
/// instruction or terminator a finding points at), with the repository's
/// rule files. The suites' headers declare `file "test.cir"`, so that
/// findings and fixes name the file the Go source is given as.
enum SyncHarness {
    struct Outcome {
        var expected: [String]
        var actual: [String]
        var findings: [Finding]
    }

    /// `goSource`: the Go text of the file, for fixes (the IR then gives
    /// explicit positions into it).
    static func run(_ marked: String, rule: String, goSource: String? = nil) -> Outcome {
        let example = ExtractedExample(snippet: marked)
        let text = SourceText(files: goSource.map { ["test.cir": $0] } ?? [:])
        let findings = Harness.findings(example.source, only: [rule], sources: text)
        return Outcome(expected: example.expected.map { "\($0.line):\($0.column)" }.sorted(),
                       actual: findings.map { "\($0.location.line):\($0.location.column)" }.sorted(),
                       findings: findings)
    }

    /// The steps of a finding's first code flow as "line message".
    static func steps(_ f: Finding?) -> [String] {
        (f?.flows.first?.threads ?? []).flatMap { $0.steps.map { "\($0.location.line) \($0.message)" } }
    }
}
