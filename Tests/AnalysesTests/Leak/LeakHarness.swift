import ConcIR
import Findings
import Foundation
import RuleEngine
import RuntimeModel
@testable import Analyses

/// Runs the leak analysis on DSL text whose expected findings are marked
/// with `↓` (as in rule examples): the marker stands right before the
/// instruction, select or case a finding points at.
enum LeakHarness {
    /// One rule value per leak rule, so the unit tests do not depend on the
    /// rule files (those are tested by `LeakRuleExampleTests`).
    static let rules: [Rule] = LeakRule.allCases.map { r in
        Rule(id: r.rawValue, name: "rule-\(r.rawValue.lowercased())", category: r.category, level: .warning,
             summary: "s", description: "d", since: "0.1.0", analysis: "leak", file: "")
    }

    struct Result {
        var findings: [Finding]
        var expected: [ExpectedFinding]
        var statistics: [String: Int]

        /// The findings as "RULE@line:col", sorted.
        var actual: [String] {
            findings.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" }.sorted()
        }

        func expectedWith(_ ids: [String]) -> [String] {
            zip(ids, expected).map { "\($0)@\($1.line):\($1.column)" }.sorted()
        }

        func finding(_ rule: String) -> Finding? { findings.first { $0.ruleID == rule } }
    }

    static func analyse(_ marked: String, limits: AnalysisLimits = AnalysisLimits(), rules: [Rule] = rules) throws -> Result {
        let example = ExtractedExample(snippet: marked)
        let module = try DSL.parse(example.source, path: "test.cir")
        let issues = Validator.validate(module)
        guard issues.isEmpty else { throw HarnessError.invalid(issues.map(\.description)) }
        let stats = StatisticsSink()
        let context = AnalysisContext(modules: [module], callGraph: CallGraph(modules: [module]), rules: rules,
                                      statistics: stats, limits: limits)
        let findings = LeakAnalysis().run(context)
        return Result(findings: findings, expected: example.expected,
                      statistics: Dictionary(stats.snapshot.map { ($0.name, $0.count) }, uniquingKeysWith: +))
    }

    enum HarnessError: Error {
        case invalid([String])
    }
}
