import Foundation
import Testing
import Findings
@testable import RuleEngine

@Suite struct RuleSetLoadingTests {
    @Test func loadsEveryRuleFileOfTheRepository() throws {
        let set = try RuleSet.load(directory: Repository.rules, displayPath: "rules")
        let ids = set.rules.map(\.id)
        #expect(ids.contains("TM1001"))
        #expect(ids.contains("GR9001"))
        #expect(ids == ids.sorted())
        let ticker = try #require(set["TM1001"])
        #expect(ticker.file == "rules/timer/TM1001-ticker-not-stopped.yaml")
        #expect(ticker.category == .timer)
        #expect(ticker.level == .warning)
        #expect(ticker.lifecycle?.acquire.map(\.call.description) == ["time.NewTicker", "time.NewTimer"])
        #expect(set.rule(idOrName: "sql-rows-not-closed")?.id == "GR9001")
        #expect(set.descriptors.map(\.id) == ids)
    }

    /// Rule files parse side by side; the rules and the error reported are
    /// those of parsing them one by one: every rule, and the first broken
    /// file in order.
    @Test func filesParsedSideBySideGiveTheOrderOfOneByOne() throws {
        let files = EmbeddedRules.files
        var byOne: [Rule] = []
        for file in files { byOne.append(try RuleFileParser.parse(text: file.text, file: "rules/" + file.relativePath)) }
        #expect(try RuleSet.parse(files: files, displayPath: "rules").rules == RuleSet(rules: byOne).rules)
        var broken = files
        for k in [files.count / 3, 2 * files.count / 3] {
            broken[k].text = "id: [\n"
        }
        let message = configurationError { _ = try RuleSet.parse(files: broken, displayPath: "rules") }?.description
        #expect(message?.hasPrefix("rules/" + files[files.count / 3].relativePath + ":") == true, "\(message ?? "no error")")
    }

    @Test func builtInRulesHaveFourBadAndFourGoodExamplesInDifferentFiles() throws {
        let set = try RuleSet.load(directory: Repository.rules, displayPath: "rules")
        for rule in set.rules where !rule.deprecated {
            #expect(rule.examples.bad.count >= 4, "\(rule.id) has \(rule.examples.bad.count) bad examples")
            #expect(rule.examples.good.count >= 4, "\(rule.id) has \(rule.examples.good.count) good examples")
            let sources = (rule.examples.bad + rule.examples.good).map(\.code)
            #expect(Set(sources).count == sources.count, "\(rule.id) repeats an example")
        }
    }

    @Test func embeddedRulesEqualTheFilesOnDisk() throws {
        let onDisk = try RuleFiles.collect(directory: Repository.rules, displayPath: "rules")
        #expect(EmbeddedRules.files.map(\.relativePath) == onDisk.map(\.relativePath))
        #expect(EmbeddedRules.files == onDisk, "stale: CONCLINT_UPDATE_GENERATED=1 swift test --filter GeneratedFilesAreCurrent")
        let builtin = try RuleSet.builtin(environment: [:])
        #expect(builtin.rules.map(\.id) == (try RuleSet.load(directory: Repository.rules)).rules.map(\.id))
        #expect(builtin["TM1001"]?.file == "rules/timer/TM1001-ticker-not-stopped.yaml")
    }

    @Test func environmentVariableReplacesTheBuiltInRules() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("timer/TM1999-sample-rule.yaml", minimalRule())
        let set = try RuleSet.builtin(environment: ["CONCLINT_RULES": dir.url.path])
        #expect(set.rules.map(\.id) == ["TM1999"])
    }

    @Test func teamDirectoryAddsRulesWithoutRebuild() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("TM9002-team-rule.yaml", minimalRule(id: "TM9002", name: "team-rule"))
        let team = try RuleSet.load(directory: dir.url, displayPath: "team-rules")
        let all = try RuleSet.load(directory: Repository.rules).adding(team)
        #expect(all["TM9002"]?.file == "team-rules/TM9002-team-rule.yaml")
        #expect(all["TM1001"] != nil)
    }

    @Test func duplicateIDAcrossFilesNamesTheSecondFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a/TM1999-sample-rule.yaml", minimalRule())
        try dir.write("b/TM1999-other-rule.yaml", minimalRule(name: "other-rule"))
        let error = configurationError { _ = try RuleSet.load(directory: dir.url, displayPath: "team") }
        #expect(error?.description == "team/b/TM1999-other-rule.yaml:1:5: id: duplicate id TM1999: already used by team/a/TM1999-sample-rule.yaml")
    }

    @Test func duplicateNameAcrossFilesIsRejected() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("TM1998-sample-rule.yaml", minimalRule(id: "TM1998"))
        try dir.write("TM1999-sample-rule.yaml", minimalRule())
        let error = configurationError { _ = try RuleSet.load(directory: dir.url, displayPath: "d") }
        #expect(error?.description == "d/TM1999-sample-rule.yaml:1:5: name: duplicate name sample-rule: already used by TM1998 in d/TM1998-sample-rule.yaml")
    }

    @Test func missingDirectoryIsAConfigurationError() {
        let error = configurationError { _ = try RuleSet.load(directory: URL(fileURLWithPath: "/nonexistent-conclint-dir"), displayPath: "nowhere") }
        #expect(error?.description == "nowhere: rules directory not found")
    }

    @Test func nonYAMLFilesAreIgnored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("README.md", "# not a rule")
        try dir.write("TM1999-sample-rule.yml", minimalRule())
        #expect(try RuleSet.load(directory: dir.url).rules.map(\.id) == ["TM1999"])
    }
}
