import ConcIR
import Findings
import Foundation
import RuleEngine
import Testing
@testable import Analyses

/// Runs the lifecycle and structural analyses on IR written in the DSL,
/// with the repository's rules (or a team directory), and reports what
/// they found in a form tests can compare exactly.
enum Harness {
    /// The repository's rules/ directory, found from this file.
    static let rulesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    static let repositoryRules: RuleSet = {
        do {
            return try RuleSet.load(directory: rulesDirectory, displayPath: "rules")
        } catch {
            Issue.record("rules/ does not load: \(error)")
            return try! RuleSet(rules: [])
        }
    }()

    /// Parses DSL text; a parse error fails the test and yields no module.
    static func module(_ text: String, path: String = "test.cir") -> Module? {
        do {
            let module = try DSL.parse(text, path: path)
            let issues = Validator.validate(module)
            if !issues.isEmpty { Issue.record("invalid IR: \(issues.map(\.description).joined(separator: "; "))") }
            return module
        } catch {
            Issue.record("DSL does not parse: \(error)")
            return nil
        }
    }

    /// The findings of every analysis for the rules `ids` (all rules of
    /// the set when nil) on the modules.
    static func findings(_ modules: [Module], rules: RuleSet = repositoryRules, only ids: Set<String>? = nil,
                         sources: SourceText = .none, limits: AnalysisLimits = AnalysisLimits()) -> [Finding] {
        let enabled = rules.rules.filter { ids?.contains($0.id) ?? true }
        let context = AnalysisContext(modules: modules, callGraph: CallGraph(modules: modules), rules: enabled, limits: limits)
        let analyses: [any Analysis] = [LifecycleAnalysis(sources: sources), StructuralAnalysis(sources: sources)]
        return analyses.filter { $0.isNeeded(by: enabled) }.flatMap { $0.run(context) }.sorted(by: Finding.precedes)
    }

    static func findings(_ text: String, only ids: Set<String>? = nil, sources: SourceText = .none) -> [Finding] {
        guard let m = module(text) else { return [] }
        return findings([m], only: ids, sources: sources)
    }

    /// `ID@line:col` for each finding, the compact form tests compare.
    static func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" }
    }
}
