import Testing
import Findings
@testable import RuleEngine

@Suite struct FinalizeTests {
    let rules: RuleSet
    let engine: RuleEngine

    init() throws {
        rules = try RuleSet.load(directory: Repository.rules)
        engine = RuleEngine(rules: rules)
    }

    private func config(_ yaml: String) throws -> Configuration {
        try Configuration.parse(text: yaml, file: ".conclint.yml")
    }

    @Test func enableAndDisablePrecedence() throws {
        let policy = { (yaml: String) in RulePolicy(rules: self.rules, configuration: try self.config(yaml)) }
        let ticker = try #require(rules["TM1001"]), sqlRows = try #require(rules["GR9001"])
        #expect(try policy("").isEnabled(ticker))
        #expect(try !policy("rules:\n  disable: [timer]").isEnabled(ticker))
        #expect(try policy("rules:\n  disable: [timer]\n  enable: [TM1001]").isEnabled(ticker))
        #expect(try !policy("rules:\n  disable: [all]\n  enable: [timer]").isEnabled(sqlRows))
        #expect(try policy("rules:\n  disable: [all]\n  enable: [timer]").isEnabled(ticker))
        #expect(try !policy("rules:\n  disable: [TM1001]\n  enable: [TM1001]").isEnabled(ticker))
        var retired = ticker
        retired.deprecated = true
        #expect(try !policy("rules:\n  enable: [TM1001]").isEnabled(retired))
        var optIn = ticker
        optIn.enabledByDefault = false
        #expect(try !policy("").isEnabled(optIn))
        #expect(try policy("rules:\n  enable: [timer]").isEnabled(optIn))
    }

    @Test func disabledRulesAndExcludedPathsAreDropped() throws {
        let findings = [finding(file: "vendor/x/a.go", line: 3), finding(file: "a.go", line: 3),
                        finding("GR9001", .goroutine, file: "a.go", line: 9)]
        let result = engine.finalize(findings: findings, config: try config("rules:\n  disable: [goroutine]\nexclude: [vendor]"))
        #expect(result.findings.map(\.location.file) == ["a.go"])
        #expect(result.findings.map(\.ruleID) == ["TM1001"])
    }

    @Test func levelsFollowTheRuleTheGoVersionAndTheConfiguration() throws {
        let raw = [finding(line: 3)]
        let old = GoLanguageVersion(major: 1, minor: 21)
        let byModule = engine.finalize(findings: raw, config: Configuration(), goVersion: old)
        #expect(byModule.findings.map(\.level) == [.warning])
        #expect(byModule.findings.first?.message == raw[0].message)

        let newest = engine.finalize(findings: raw, config: Configuration())
        #expect(newest.findings.first?.level == .note)
        #expect(newest.findings.first?.message.hasSuffix("(since Go 1.23 an unreferenced timer or ticker is garbage collected, so this wastes wake-ups until then rather than leaking)") == true)

        let fileVersion = [SourceContext(file: "a.go", lines: [], goVersion: GoLanguageVersion(major: 1, minor: 23))]
        #expect(engine.finalize(findings: raw, config: Configuration(), sources: fileVersion, goVersion: old).findings.first?.level == .note)

        let pinned = try config("go: \"1.20\"")
        #expect(engine.finalize(findings: raw, config: pinned, sources: fileVersion).findings.first?.level == .warning)

        let overridden = try config("levels:\n  timer: note\n  TM1001: error")
        let result = engine.finalize(findings: raw, config: overridden)
        #expect(result.findings.first?.level == .error)
        #expect(result.rules.map(\.defaultLevel) == [.error])
    }

    @Test func categoryComesFromTheRule() {
        var wrong = finding(line: 3)
        wrong.category = .mutex
        #expect(engine.finalize(findings: [wrong], config: Configuration()).findings.first?.category == .timer)
    }

    @Test func duplicatesAreMergedAndOutputIsSorted() throws {
        let findings = [finding(file: "b.go", line: 1), finding(line: 9), finding(line: 3, column: 7),
                        finding(line: 3, column: 7), finding("GR9001", .goroutine, line: 3, column: 7, message: "rows")]
        let result = engine.finalize(findings: findings, config: Configuration(), goVersion: GoLanguageVersion(major: 1, minor: 20))
        #expect(result.findings.map { "\($0.location.file):\($0.location.line):\($0.location.column):\($0.ruleID)" }
                == ["a.go:3:7:GR9001", "a.go:3:7:TM1001", "a.go:9:2:TM1001", "b.go:1:2:TM1001"])
        #expect(result.findings.allSatisfy { !$0.fingerprint.isEmpty })
        #expect(result.rules.map(\.id) == ["GR9001", "TM1001"])
        #expect(result.rules.first?.summary == rules["GR9001"]?.summary)
    }

    @Test func findingsOfUnknownRulesBecomeNotifications() {
        let result = engine.finalize(findings: [finding("XX0001", .timer, line: 2)], config: Configuration())
        #expect(result.findings.isEmpty)
        #expect(result.notifications.map(\.oneLine) == ["a.go:2:2: internal: a finding for unknown rule XX0001 was dropped"])
    }

    @Test func suppressedFindingsAreDropped() {
        let index = SuppressionIndex(file: "a.go", comments: [
            SourceComment(line: 2, column: 2, text: "//conclint:ignore TM1001 owned by the pool", isStandalone: true),
        ])
        let result = engine.finalize(findings: [finding(line: 3), finding(line: 4)], config: Configuration(), suppressions: [index])
        #expect(result.findings.map(\.location.line) == [4])
        #expect(result.unusedSuppressions.isEmpty)
    }

    @Test func exitCodes() {
        let warning = finding(line: 1)
        var note = finding(line: 2)
        note.level = .note
        #expect(RuleEngine.exitCode([], failOn: .note) == 0)
        #expect(RuleEngine.exitCode([note], failOn: .warning) == 0)
        #expect(RuleEngine.exitCode([note], failOn: .note) == 1)
        #expect(RuleEngine.exitCode([note, warning], failOn: .warning) == 1)
        #expect(RuleEngine.exitCode([warning], failOn: .error) == 0)
    }
}
