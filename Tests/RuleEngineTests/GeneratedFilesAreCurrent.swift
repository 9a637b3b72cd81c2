import Foundation
import Testing
@testable import RuleEngine

/// The embedded copy of rules/ and the rules table of docs/rules.md are
/// generated; they must match rules/. With CONCLINT_UPDATE_GENERATED=1 the
/// tests rewrite them instead (then review and commit the diff).
@Suite struct GeneratedFilesAreCurrent {
    private var updating: Bool { ProcessInfo.processInfo.environment["CONCLINT_UPDATE_GENERATED"] == "1" }

    @Test func embeddedRulesSourceIsCurrent() throws {
        let files = try RuleFiles.collect(directory: Repository.rules, displayPath: "rules")
        let expected = EmbeddedRulesRenderer.render(files)
        let actual = try String(contentsOf: Repository.generatedRules, encoding: .utf8)
        if updating, actual != expected {
            try expected.write(to: Repository.generatedRules, atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == expected, "EmbeddedRules.generated.swift is stale; regenerate it")
    }

    @Test func rulesTableInDocsIsCurrent() throws {
        let rules = try RuleSet.load(directory: Repository.rules, displayPath: "rules")
        let document = try String(contentsOf: Repository.rulesDoc, encoding: .utf8)
        let expected = try #require(RulesTable.replacingTable(in: document, with: rules), "docs/rules.md lacks the table markers")
        if updating, document != expected {
            try expected.write(to: Repository.rulesDoc, atomically: true, encoding: .utf8)
            return
        }
        #expect(document == expected, "the rules table of docs/rules.md is stale; regenerate it")
    }

    @Test func rendererRoundTripsAwkwardText() {
        let text = "a \"# quote\" \\#( and \"\"\"# end\nno final newline"
        #expect(EmbeddedRulesRenderer.delimiterLength(for: text) == 2)
        let rendered = EmbeddedRulesRenderer.render([RuleFileText(relativePath: "x/y.yaml", text: text)])
        #expect(rendered.contains("text: ##\"\"\"\n" + text + "\n\"\"\"##),"))
    }
}
