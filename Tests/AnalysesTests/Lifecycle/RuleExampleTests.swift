import ConcIR
import Findings
import RuleEngine
import Testing
@testable import Analyses

/// The IR examples (`lang: cir`) of the rules the lifecycle engine and the
/// structural checks implement, run as tests: each bad example reports
/// exactly its ↓ markers (rule id, line and column), each good one nothing.
/// Go examples wait for the lowering; their IR twins run here.
@Suite struct RuleExampleTests {
    /// The rules of the lifecycle engine and the lifecycle-family
    /// structural checks (timer, waitgroup WG1050-WG1099, context, mutex,
    /// and the team-range example rules); other analyses test their own.
    static let analysed: [Rule] = Harness.repositoryRules.rules.filter { rule in
        guard rule.analysis == "lifecycle" || rule.analysis == "structural" else { return false }
        return ownedIDs.contains(rule.id) || RuleID.isTeamRange(rule.id)
    }

    static let ownedIDs: Set<String> = [
        "TM1001", "TM1002", "TM1003", "TM1004", "TM1005",
        "WG1050", "WG1051", "WG1052", "WG1053", "WG1054",
        "CX1001", "CX1002",
        "MU1001", "MU1002", "MU1003", "MU1004", "MU1005", "MU1006",
    ]

    @Test(arguments: analysed.map(\.id))
    func irExamplesReportExactlyTheirMarkers(_ id: String) throws {
        let rule = try #require(Harness.repositoryRules[id])
        for (index, example) in rule.examples.bad.enumerated() where example.language == .cir {
            let extracted = example.extracted
            #expect(!extracted.expected.isEmpty, "\(id) bad example \(index + 1) has no marker")
            guard let module = Self.module(example, extracted) else { continue }
            let got = Harness.findings([module], only: [id]).map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" }
            let want = extracted.expected.map { "\(id)@\($0.line):\($0.column)" }
            #expect(got.sorted() == want.sorted(), "\(id) bad example \(index + 1) (\(example.file):\(example.line))")
        }
        for (index, example) in rule.examples.good.enumerated() where example.language == .cir {
            guard let module = Self.module(example, example.extracted) else { continue }
            let got = Harness.summary(Harness.findings([module], only: [id]))
            #expect(got.isEmpty, "\(id) good example \(index + 1) (\(example.file):\(example.line))")
        }
    }

    /// Built-in rules of the lifecycle and structural analyses have IR
    /// twins of bad and good examples, so that the engine is tested on each
    /// rule before the lowering exists.
    @Test(arguments: analysed.filter { !RuleID.isTeamRange($0.id) }.map(\.id))
    func everyRuleHasIRExamples(_ id: String) throws {
        let rule = try #require(Harness.repositoryRules[id])
        #expect(rule.examples.bad.contains { $0.language == .cir }, "\(id) has no bad IR example")
        #expect(rule.examples.good.contains { $0.language == .cir }, "\(id) has no good IR example")
        #expect(rule.examples.bad.filter { $0.language == .go }.count >= 4, "\(id) needs four bad Go examples")
        #expect(rule.examples.good.filter { $0.language == .go }.count >= 4, "\(id) needs four good Go examples")
    }

    private static func module(_ example: RuleExample, _ extracted: ExtractedExample) -> Module? {
        guard var module = Harness.module(extracted.source, path: "example.cir") else { return nil }
        if let version = example.goVersion { module.goVersion = version.description }
        return module
    }
}
