import Testing
import Findings
@testable import RuleEngine

/// Builds `SourceComment`s from Go-like source lines: a `//` at the start of
/// the trimmed line is standalone, elsewhere it trails code. (Only for
/// tests: the driver takes comments from the parser.)
func comments(in source: String) -> [SourceComment] {
    source.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
        guard let range = line.range(of: "//") else { return nil }
        let column = line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
        let standalone = line[..<range.lowerBound].allSatisfy { $0 == " " || $0 == "\t" }
        return SourceComment(line: index + 1, column: column, text: String(line[range.lowerBound...]), isStandalone: standalone)
    }
}

func finding(_ rule: String = "TM1001", _ category: Category = .timer, file: String = "a.go", line: Int, column: Int = 2,
             message: String = "ticker created by time.NewTicker is not stopped") -> Finding {
    Finding(ruleID: rule, category: category, level: .warning, message: message,
            location: Location(file: file, line: line, column: column))
}

@Suite struct SuppressionTests {
    @Test func directiveForms() {
        #expect(DirectiveParse(comment: "//conclint:ignore TM1001 stopped by Close")
                == .directive(.conclintIgnore, [.rule("TM1001")], reason: "stopped by Close"))
        #expect(DirectiveParse(comment: "//conclint:ignore TM1001,timer,all")
                == .directive(.conclintIgnore, [.rule("TM1001"), .category(.timer), .all], reason: nil))
        #expect(DirectiveParse(comment: "//nolint") == .directive(.nolint, [.all], reason: nil))
        #expect(DirectiveParse(comment: "//nolint:conclint // the ticker lives as long as the server")
                == .directive(.nolint, [.all], reason: "the ticker lives as long as the server"))
        #expect(DirectiveParse(comment: "//nolint:errcheck,all") == .directive(.nolint, [.all], reason: nil))
        #expect(DirectiveParse(comment: "//nolint:errcheck // not ours") == .none)
        #expect(DirectiveParse(comment: "//nolint:errcheck conclint is mentioned only in the reason") == .none)
        #expect(DirectiveParse(comment: "//nolint:conclint the pool owns it")
                == .directive(.nolint, [.all], reason: "the pool owns it"))
        #expect(DirectiveParse(comment: "//nolintfoo") == .none)
        #expect(DirectiveParse(comment: "// conclint:ignore TM1001 spaced, so not a directive") == .none)
        #expect(DirectiveParse(comment: "//conclint:ignorance") == .none)
    }

    @Test func malformedDirectives() {
        #expect(DirectiveParse(comment: "//conclint:ignore") == .malformed("//conclint:ignore names no rule; write //conclint:ignore ID reason"))
        #expect(DirectiveParse(comment: "//conclint:ignore TM10 typo")
                == .malformed("//conclint:ignore: \"TM10\" is not a rule id, a category or all"))
        let index = SuppressionIndex(file: "a.go", comments: comments(in: "x := 1 //conclint:ignore ticker"))
        #expect(index.directives.isEmpty)
        #expect(index.malformed.map(\.oneLine) == ["a.go:1:8: //conclint:ignore: \"ticker\" is not a rule id, a category or all"])
    }

    @Test func trailingDirectiveCoversItsOwnLineOnly() {
        let source = """
        func f() {
        \tt := time.NewTicker(d) //conclint:ignore TM1001 stopped by the caller
        \tu := time.NewTicker(d)
        }
        """
        let index = SuppressionIndex(file: "a.go", comments: comments(in: source))
        #expect(index.suppresses(finding(line: 2))?.reason == "stopped by the caller")
        #expect(index.suppresses(finding(line: 3)) == nil)
        #expect(index.suppresses(finding(file: "b.go", line: 2)) == nil)
    }

    @Test func standaloneDirectiveCoversTheNextLineThroughStackedComments() {
        let source = """
        func f() {
        \t//conclint:ignore TM1001 handed to the session
        \t//nolint:conclint
        \t// an ordinary comment
        \tt := time.NewTicker(d)
        \tu := time.NewTicker(d)
        }
        """
        let index = SuppressionIndex(file: "a.go", comments: comments(in: source))
        #expect(index.directives.map(\.coveredLines) == [2...5, 3...5])
        #expect(index.suppresses(finding(line: 5))?.kind == .conclintIgnore)
        #expect(index.suppresses(finding(line: 6)) == nil)
    }

    @Test func targetsMatchIDCategoryOrAll() {
        let source = """
        a() //conclint:ignore TM1002
        b() //conclint:ignore timer
        c() //conclint:ignore mutex
        d() //nolint:all
        """
        let index = SuppressionIndex(file: "a.go", comments: comments(in: source))
        #expect(index.suppresses(finding(line: 1)) == nil)
        #expect(index.suppresses(finding(line: 2)) != nil)
        #expect(index.suppresses(finding(line: 3)) == nil)
        #expect(index.suppresses(finding("MU1001", .mutex, line: 3)) != nil)
        #expect(index.suppresses(finding("CH1001", .channel, line: 4)) != nil)
    }

    @Test func unusedDirectivesAreReportedOnlyWhenAsked() throws {
        let rules = try RuleSet.load(directory: Repository.rules)
        let source = """
        t := time.NewTicker(d) //conclint:ignore TM1001 used
        u := time.NewTicker(d) //conclint:ignore TM1001 unused
        v := db.Query(q) //conclint:ignore GR9001
        w := 1 //conclint:ignore TM1234 no such rule
        """
        let index = SuppressionIndex(file: "a.go", comments: comments(in: source))
        let engine = RuleEngine(rules: rules)
        var config = Configuration()
        let quiet = engine.finalize(findings: [finding(line: 1)], config: config, suppressions: [index])
        #expect(quiet.findings.isEmpty)
        #expect(quiet.unusedSuppressions.map(\.line) == [2, 3])
        #expect(quiet.notifications.map(\.oneLine) == ["a.go:4:8: conclint:ignore names unknown rule TM1234"])

        config.reportUnusedIgnores = true
        config.requireIgnoreReason = true
        let loud = engine.finalize(findings: [finding(line: 1)], config: config, suppressions: [index])
        #expect(loud.notifications.map(\.oneLine) == [
            "a.go:2:24: unused conclint:ignore directive (TM1001): it suppressed nothing",
            "a.go:3:18: conclint:ignore gives no reason; say why the finding does not apply",
            "a.go:3:18: unused conclint:ignore directive (GR9001): it suppressed nothing",
            "a.go:4:8: conclint:ignore names unknown rule TM1234",
        ])
        #expect(loud.notifications.allSatisfy { $0.kind == .warning })
        #expect(RuleEngine.exitCode(loud.findings, failOn: .note) == 0)
    }

    @Test func directivesForDisabledRulesOrExcludedFilesAreNotUnused() throws {
        let rules = try RuleSet.load(directory: Repository.rules)
        var config = Configuration()
        config.reportUnusedIgnores = true
        config.disable = [RuleSelector(target: .category(.goroutine))]
        let index = SuppressionIndex(file: "a.go", comments: comments(in: "v := db.Query(q) //conclint:ignore GR9001 rows closed by caller"))
        let result = RuleEngine(rules: rules).finalize(findings: [], config: config, suppressions: [index])
        #expect(result.unusedSuppressions.isEmpty)
        #expect(result.notifications.isEmpty)

        var excluding = Configuration()
        excluding.reportUnusedIgnores = true
        excluding.exclude = [PathGlob("a.go")].compactMap { $0 }
        let excluded = RuleEngine(rules: rules).finalize(findings: [], config: excluding, suppressions: [index])
        #expect(excluded.unusedSuppressions.isEmpty)
    }
}
