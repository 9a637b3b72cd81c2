import ConcIR
import Findings
import Foundation
import RuleEngine
import Testing
@testable import Analyses

/// The leak rules' files: every rule the analysis reports has one, with the
/// examples rules/README.md asks for, and every IR example passes through
/// the analysis alone with exactly the marked findings of its rule. (The Go
/// examples, with their suppressed and prefixed variants, run through the
/// whole pipeline in DriverTests' rule example harness.)
@Suite struct LeakRuleExampleTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The rule files of this analysis (other rules in the same folders belong to other analyses).
    static func leakRules() throws -> [Rule] {
        var files: [RuleFileText] = []
        for folder in ["channel", "waitgroup", "goroutine"] {
            let dir = repository.appendingPathComponent("rules").appendingPathComponent(folder)
            files += try RuleFiles.collect(directory: dir, displayPath: "rules/\(folder)")
                .filter { file in LeakRule.allCases.contains { file.relativePath.hasPrefix($0.rawValue + "-") } }
        }
        return try RuleSet.parse(files: files, displayPath: "rules").rules
    }

    @Test func everyLeakRuleHasAFileWithEnoughExamples() throws {
        let rules = try Self.leakRules()
        #expect(rules.map(\.id).sorted() == LeakRule.allCases.map(\.rawValue).sorted())
        for rule in rules {
            #expect(rule.analysis == "leak", "\(rule.id)")
            #expect(rule.category == LeakRule(rawValue: rule.id)?.category, "\(rule.id)")
            #expect(rule.examples.bad.filter { $0.language == .go }.count >= 4, "\(rule.id) needs four bad Go examples")
            #expect(rule.examples.good.filter { $0.language == .go }.count >= 4, "\(rule.id) needs four good Go examples")
        }
    }

    @Test func irExamplesYieldExactlyTheirMarkedFindings() throws {
        let rules = try Self.leakRules()
        var checked = 0
        for rule in rules {
            for (isBad, examples) in [(true, rule.examples.bad), (false, rule.examples.good)] {
                for example in examples where example.language == .cir {
                    let extracted = example.extracted
                    let module = try DSL.parse(extracted.source, path: "\(rule.file):\(example.line)")
                    let graph = CallGraph(modules: [module])
                    let findings = LeakAnalysis().run(AnalysisContext(modules: [module], callGraph: graph, rules: rules))
                    let actual = findings.filter { $0.ruleID == rule.id }.map { ExpectedFinding(line: $0.location.line, column: $0.location.column) }
                    #expect(actual.sorted() == extracted.expected.sorted(),
                            "\(rule.id) \(isBad ? "bad" : "good") example at \(rule.file):\(example.line)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 8)
    }
}
