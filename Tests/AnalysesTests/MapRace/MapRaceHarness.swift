import ConcIR
import Findings
import Foundation
import RuleEngine
@testable import Analyses

/// Runs the map-race analysis on DSL text whose expected findings are
/// marked with `↓` right before the map operation each finding points at
/// (the write; of two writes, the later one).
enum MapRaceHarness {
    /// One rule value per map-race rule, so the unit tests do not depend on
    /// the rule files (those are tested through their examples).
    static let rules: [Rule] = MapRaceRule.allCases.map { r in
        Rule(id: r.rawValue, name: "rule-\(r.rawValue.lowercased())", category: .mapRace, level: .error,
             summary: "s", description: "d", since: "0.1.0", analysis: "maprace", file: "")
    }

    struct Result {
        var findings: [Finding]
        var expected: [ExpectedFinding]
        var statistics: [String: Int]

        /// The findings as "RULE@line:col", sorted.
        var actual: [String] {
            findings.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" }.sorted()
        }

        /// The markers, each with its rule, in marker order.
        func expectedWith(_ ids: [String]) -> [String] {
            zip(ids, expected).map { "\($0)@\($1.line):\($1.column)" }.sorted()
        }

        func finding(_ rule: String) -> Finding? { findings.first { $0.ruleID == rule } }
    }

    static func analyse(_ marked: String) throws -> Result {
        let example = ExtractedExample(snippet: marked)
        let module = try DSL.parse(example.source, path: "test.cir")
        let issues = Validator.validate(module)
        guard issues.isEmpty else { throw HarnessError.invalid(issues.map(\.description)) }
        return analyse(modules: [module], expected: example.expected)
    }

    static func analyse(modules: [Module], expected: [ExpectedFinding] = []) -> Result {
        let stats = StatisticsSink()
        let context = AnalysisContext(modules: modules, callGraph: CallGraph(modules: modules), rules: rules, statistics: stats)
        let findings = MapRaceAnalysis().run(context)
        return Result(findings: findings, expected: expected,
                      statistics: Dictionary(stats.snapshot.map { ($0.name, $0.count) }, uniquingKeysWith: +))
    }

    enum HarnessError: Error {
        case invalid([String])
    }
}
