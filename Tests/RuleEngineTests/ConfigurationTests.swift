import Foundation
import Testing
import Findings
@testable import RuleEngine

@Suite struct ConfigurationTests {
    static let file = ".conclint.yml"

    private func error(_ text: String) -> String? {
        configurationError { _ = try Configuration.parse(text: text, file: Self.file) }?.description
    }

    @Test func fullConfiguration() throws {
        let text = """
        rules:
          disable: [TM1003, escape]
          enable: [TM1001, all]
        levels:
          TM1001: error
          mutex: note
        exclude:
          - vendor
          - "**/*_test.go"
        fail-on: error
        go: 1.22
        escape:
          noalloc:
            functions: ["example.com/m/codec.Encode"]
            paths: ["internal/hot/**"]
        rules-dirs: [tools/rules]
        report-unused-ignores: true
        require-ignore-reason: true
        """
        let config = try Configuration.parse(text: text, file: Self.file)
        #expect(config.disable.map(\.target) == [.rule("TM1003"), .category(.escape)])
        #expect(config.enable.map(\.target) == [.rule("TM1001"), .all])
        #expect(config.enable.first?.position == SourcePosition(line: 3, column: 12))
        #expect(config.levels.map(\.level) == [.error, .note])
        #expect(config.levels.map(\.selector.target) == [.rule("TM1001"), .category(.mutex)])
        #expect(config.exclude.map(\.pattern) == ["vendor", "**/*_test.go"])
        #expect(config.failOn == .error)
        #expect(config.goVersion == GoLanguageVersion(major: 1, minor: 22))
        #expect(config.noAlloc.functions == ["example.com/m/codec.Encode"])
        #expect(config.noAlloc.paths.first?.matches("internal/hot/buf.go") == true)
        #expect(config.rulesDirectories == ["tools/rules"])
        #expect(config.reportUnusedIgnores)
        #expect(config.requireIgnoreReason)
    }

    @Test func emptyFileIsTheDefaults() throws {
        for text in ["", "# only a comment\n"] {
            let config = try Configuration.parse(text: text, file: Self.file)
            #expect(config.failOn == .warning)
            #expect(config.enable.isEmpty && config.exclude.isEmpty && !config.reportUnusedIgnores)
        }
    }

    @Test func unknownKey() {
        let text = error("fail_on: error")
        #expect(text?.hasPrefix(".conclint.yml:1:1: fail_on: unknown field; expected one of rules, levels") == true)
        #expect(text?.hasSuffix("(did you mean 'fail-on'?)") == true)
        #expect(error("rules:\n  ignore: [TM1001]")?.hasPrefix(".conclint.yml:2:3: rules.ignore: unknown field; expected one of enable, disable") == true)
    }

    /// Windows line ends count as one line break, as libyaml counts them,
    /// and columns stay byte columns on every line.
    @Test func positionsWithWindowsLineEnds() {
        #expect(error("# π\r\nrules:\r\n  ignore: [TM1001]\r\n")?
            .hasPrefix(".conclint.yml:3:3: rules.ignore: unknown field") == true)
        #expect(error("# a\r\n\r\nexclude: vendor\r\n") == ".conclint.yml:3:10: exclude: expected a list, found \"vendor\"")
    }

    @Test func wrongTypes() {
        #expect(error("exclude: vendor") == ".conclint.yml:1:10: exclude: expected a list, found \"vendor\"")
        #expect(error("report-unused-ignores: yes please")
                == ".conclint.yml:1:24: report-unused-ignores: expected true or false, found \"yes please\"")
        #expect(error("rules: [TM1001]") == ".conclint.yml:1:8: rules: expected a mapping, found a list")
        #expect(error("escape:\n  noalloc:\n    functions: Encode")
                == ".conclint.yml:3:16: escape.noalloc.functions: expected a list, found \"Encode\"")
    }

    @Test func badValues() {
        #expect(error("fail-on: warn") == ".conclint.yml:1:10: fail-on: expected one of error, warning, note, found \"warn\"")
        #expect(error("levels:\n  TM1001: high") == ".conclint.yml:2:11: levels.TM1001: expected one of error, warning, note, found \"high\"")
        #expect(error("go: \"1.x\"") == ".conclint.yml:1:5: go: expected a Go version such as \"1.23\", found \"1.x\"")
        #expect(error("exclude: [\"gen/[a-z\"]") == ".conclint.yml:1:11: exclude[0]: unclosed '[' in path pattern")
        #expect(error("rules:\n  disable: [timers]")?
                    .hasPrefix(".conclint.yml:2:13: rules.disable[0]: expected a rule id such as TM1001, a category (channel,") == true)
        #expect(error("levels:\n  tm1001: note")?.hasPrefix(".conclint.yml:2:3: levels.tm1001: expected a rule id") == true)
    }

    @Test func unknownRuleIDsAreReportedWhereTyped() throws {
        let rules = try RuleSet.load(directory: Repository.rules)
        let config = try Configuration.parse(text: "rules:\n  disable: [timer, TM1001, TM1777]", file: Self.file)
        let error = configurationError { try config.validate(against: rules) }
        #expect(error?.description == ".conclint.yml:2:28: rules.disable[2]: unknown rule id TM1777")
        let levels = try Configuration.parse(text: "levels:\n  CX9999: error", file: Self.file)
        #expect(configurationError { try levels.validate(against: rules) }?.description
                == ".conclint.yml:2:3: levels.CX9999: unknown rule id CX9999")
        let fine = try Configuration.parse(text: "levels:\n  TM1001: error\n  goroutine: note", file: Self.file)
        #expect(configurationError { try fine.validate(against: rules) } == nil)
    }

    @Test func loadResolvesRuleDirectoriesAgainstTheFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(".conclint.yml", "rules-dirs: [team/rules, /abs/rules]\n")
        #expect(Configuration.discover(moduleRoot: dir.url) != nil)
        let config = try Configuration.load(file: dir.url.appendingPathComponent(".conclint.yml"), displayPath: ".conclint.yml")
        #expect(config.rulesDirectories == [dir.url.appendingPathComponent("team/rules").path, "/abs/rules"])
        #expect(config.file == ".conclint.yml")
        #expect(Configuration.discover(moduleRoot: dir.url.appendingPathComponent("team")) == nil)
    }
}

@Suite struct PathGlobTests {
    private func matches(_ pattern: String, _ path: String) -> Bool {
        PathGlob(pattern)?.matches(path) ?? false
    }

    @Test func doubleStarMatchesAnyDepth() {
        #expect(matches("**/*_test.go", "a_test.go"))
        #expect(matches("**/*_test.go", "pkg/sub/a_test.go"))
        #expect(!matches("**/*_test.go", "pkg/sub/a.go"))
        #expect(matches("internal/**/gen.go", "internal/gen.go"))
        #expect(matches("internal/**/gen.go", "internal/a/b/gen.go"))
        #expect(!matches("internal/**/gen.go", "other/internal/a/gen.go"))
        #expect(matches("internal/gen/**", "internal/gen/x/y.go"))
    }

    @Test func patternWithoutSlashMatchesANameAnywhere() {
        #expect(matches("*_test.go", "deep/down/x_test.go"))
        #expect(matches("vendor", "vendor/golang.org/x/net/http2/frame.go"))
        #expect(matches("testdata", "pkg/testdata/bad.go"))
        #expect(!matches("vendor", "vendored/x.go"))
    }

    @Test func directoryPatternCoversItsContents() {
        #expect(matches("third_party/proto", "third_party/proto/a/b.go"))
        #expect(!matches("third_party/proto", "third_party/protobuf/b.go"))
        #expect(matches("./gen/", "gen/a.go"))
    }

    @Test func starStaysInOneSegment() {
        #expect(matches("cmd/*.go", "cmd/main.go"))
        #expect(!matches("cmd/*.go", "cmd/tool/main.go"))
        #expect(matches("cmd/*/main.go", "cmd/tool/main.go"))
        #expect(matches("a*b*c.go", "axxbyyc.go"))
        #expect(!matches("a*b*c.go", "axxbyy.go"))
    }

    @Test func classesAndQuestionMarks() {
        #expect(matches("gen/v[0-9].go", "gen/v7.go"))
        #expect(!matches("gen/v[0-9].go", "gen/vx.go"))
        #expect(matches("gen/v[!0-9].go", "gen/vx.go"))
        #expect(matches("gen/?.go", "gen/π.go"))
        #expect(!matches("gen/?.go", "gen/ab.go"))
    }

    @Test func invalidPatterns() {
        #expect(PathGlob("") == nil)
        #expect(PathGlob("gen/[a-z") == nil)
        #expect(PathGlob.problem(in: "gen/[a-z") == "unclosed '[' in path pattern")
    }
}

@Suite struct RunSetupTests {
    @Test func runRulesIncludeConfiguredDirectoriesAndValidateTheConfiguration() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("team/MU9001-team-lock.yaml", minimalRule(id: "MU9001", name: "team-lock")
            .replacingOccurrences(of: "category: timer", with: "category: mutex"))
        try dir.write(".conclint.yml", "rules-dirs: [team]\nlevels:\n  MU9001: error\n")
        let config = try Configuration.resolve(explicitFile: nil, moduleRoot: dir.url)
        let set = try RuleSet.forRun(configuration: config, environment: [:])
        #expect(set["MU9001"] != nil && set["TM1001"] != nil)

        try dir.write("strict.yml", "levels:\n  MU9001: error\n")
        let strict = try Configuration.resolve(explicitFile: "strict.yml", moduleRoot: dir.url, workingDirectory: dir.url)
        #expect(strict.file == "strict.yml")
        let error = configurationError { _ = try RuleSet.forRun(configuration: strict, environment: [:]) }
        #expect(error?.description == "strict.yml:2:3: levels.MU9001: unknown rule id MU9001")
    }

    @Test func missingExplicitFileIsAnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let error = configurationError { _ = try Configuration.resolve(explicitFile: "nope.yml", moduleRoot: dir.url, workingDirectory: dir.url) }
        #expect(error?.description == "nope.yml: cannot read the configuration file")
        #expect(try Configuration.resolve(explicitFile: nil, moduleRoot: dir.url).file == nil)
    }
}
