import Foundation
import RuleEngine
import Testing

/// The examples in each rule file are its tests: every bad example is found
/// exactly where its ↓ markers say, every good one stays silent, and the
/// variants behave (silent under a suppression comment; the same findings,
/// shifted by the prefix's bytes, behind a multi-byte prefix).
@Suite struct RuleExamplesTests {
    @Test func harnessRuns() throws {
        let harness = RuleExampleHarness.shared
        if let error = harness.error { Issue.record(Comment(rawValue: error)) }
        #expect(!harness.cases.isEmpty)
    }

    @Test(arguments: RuleExampleHarness.ruleIDs)
    func examples(ruleID: String) throws {
        let harness = RuleExampleHarness.shared
        try #require(harness.error == nil, Comment(rawValue: harness.error ?? ""))
        let rule = try #require(harness.rules[ruleID])
        #expect(rule.examples.bad.count >= 4, "\(ruleID) has \(rule.examples.bad.count) bad examples; rules need at least four")
        #expect(rule.examples.good.count >= 4, "\(ruleID) has \(rule.examples.good.count) good examples; rules need at least four")
        for c in harness.cases where c.ruleID == ruleID {
            let actual = harness.actual(c)
            let expected = c.expected.sorted()
            #expect(actual == expected, """
                \(ruleID) \(c.kind.rawValue) example \(c.index) (\(c.origin)): expected \(expected), found \(actual)
                everything found in it: \(harness.everything(c))
                """)
        }
    }
}
