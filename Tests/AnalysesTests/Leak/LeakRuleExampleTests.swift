import ConcIR
import Findings
import Foundation
import RuleEngine
import Driver
import Testing
@testable import Analyses

/// The leak rules' files: every rule the analysis reports has one, with the
/// examples rules/README.md asks for, and every example passes through the
/// analysis with exactly the marked findings of its rule: IR examples
/// directly, Go examples (and the suppressed and multi-byte-prefixed
/// variants of the bad ones) through the standard lint pipeline.
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

    @Test func goExamplesAndTheirVariantsYieldExactlyTheirMarkedFindings() throws {
        let rules = try Self.leakRules()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-leak-examples-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ relative: String, _ text: String) throws {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("go.mod", "module examples\n\ngo 1.19\n")
        var expected: [String: (rule: String, positions: [ExpectedFinding])] = [:]
        for rule in rules {
            for (kind, examples) in [("bad", rule.examples.bad), ("good", rule.examples.good)] {
                for (i, example) in examples.enumerated() where example.language == .go {
                    let extracted = example.extracted
                    var variants = [("as-written", extracted)]
                    if kind == "bad" {
                        variants.append(("suppressed", ExampleVariants.suppressed(extracted, ruleID: rule.id)))
                        variants.append(("prefixed", ExampleVariants.behindPrefix(extracted)))
                    }
                    for (name, variant) in variants {
                        let file = "\(rule.id)/\(kind)\(i + 1)/\(name)/example.go"
                        try write(file, variant.source)
                        expected[file] = (rule.id, variant.expected)
                    }
                }
            }
        }
        var options = CommandLineOptions()
        options.paths = ["./..."]
        options.jobs = 2
        let configuration = try RunConfiguration.validate(options, environment: ProcessInfo.processInfo.environment,
                                                          workingDirectory: root.resolvingSymlinksInPath().path, processorCount: 2)
        let findings = try LintPipeline.standard(configuration).run(configuration).result.findings
        for (file, want) in expected.sorted(by: { $0.key < $1.key }) {
            let actual = findings.filter { $0.location.file == file && $0.ruleID == want.rule }
                .map { ExpectedFinding(line: $0.location.line, column: $0.location.column) }
            #expect(actual.sorted() == want.positions.sorted(), "\(file)")
        }
        #expect(expected.count >= 13 * 8)
    }
}
