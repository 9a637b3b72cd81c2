import Testing
import Findings
@testable import RuleEngine

@Suite struct ExplainTests {
    let rule: Rule

    init() throws {
        rule = try #require(try RuleSet.load(directory: Repository.rules)["TM1001"])
    }

    @Test func explainShowsEverythingTheRuleFileSays() {
        let text = RuleExplainer.render(rule)
        #expect(text.hasPrefix("TM1001 ticker-not-stopped\ncategory: timer   level: warning   precision: high   since: 0.1.0\n"))
        #expect(text.contains(rule.summary))
        #expect(text.contains("Known false positives:"))
        #expect(text.contains("Go versions:\n  from Go 1.23: level note; the message adds \"(since Go 1.23"))
        #expect(text.contains("acquired by: time.NewTicker (result #0), time.NewTimer (result #0)"))
        #expect(text.contains("Bad examples (each ↓ marks where a finding is reported):"))
        #expect(text.contains("--- bad 6\n"))
        #expect(text.contains("--- good 7\n"))
        for example in rule.examples.bad + rule.examples.good {
            #expect(text.contains(example.code.trimmingTrailingNewlines))
        }
        #expect(text.contains("\tticker := ↓time.NewTicker(interval)"))
    }

    @Test func sarifMetadataComesFromTheRuleFile() {
        let metadata = SARIFRuleMetadata(rule: rule)
        #expect(metadata.shortDescription == rule.summary)
        #expect(metadata.fullDescription.hasPrefix("A ticker created with time.NewTicker keeps firing until Stop is called, and a timer"))
        #expect(metadata.fullDescription.hasSuffix("that no profile of the caller explains."))
        #expect(!metadata.fullDescription.contains("\n"))
        #expect(metadata.helpMarkdown.contains("## Bad examples"))
        #expect(metadata.helpMarkdown.contains("```go\npackage poller"))
        #expect(metadata.helpMarkdown.contains("## Go versions\n\n- from Go 1.23: level note"))
        #expect(metadata.tags == ["timer", "resource-leak", "lifecycle"])
        #expect(metadata.precision == "high")
        #expect(metadata.problemSeverity == "warning")
        #expect(SARIFRuleMetadata(rule: rule, level: .note).problemSeverity == "recommendation")
        #expect(metadata.category == .timer)
    }

    @Test func categoryIsAlwaysATag() throws {
        let sqlRows = try #require(try RuleSet.load(directory: Repository.rules)["GR9001"])
        #expect(SARIFRuleMetadata(rule: sqlRows).tags.last == "goroutine")
    }

    @Test func descriptorCarriesTheRuleFields() {
        let descriptor = rule.descriptor
        #expect(descriptor.id == "TM1001" && descriptor.name == "ticker-not-stopped")
        #expect(descriptor.category == .timer && descriptor.defaultLevel == .warning)
        #expect(descriptor.precision == "high" && descriptor.description == rule.description)
    }
}
