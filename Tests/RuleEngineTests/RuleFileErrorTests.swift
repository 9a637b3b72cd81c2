import Foundation
import Testing
@testable import RuleEngine

/// Every validation error names the file, line, byte column and field.
/// Line numbers refer to `minimalRule()` (see Support.swift).
@Suite struct RuleFileErrorTests {
    static let file = "rules/timer/TM1999-sample-rule.yaml"

    private func error(_ text: String, file: String = file) -> String? {
        configurationError { _ = try RuleFileParser.parse(text: text, file: file) }?.description
    }

    @Test func minimalRuleParses() throws {
        let rule = try RuleFileParser.parse(text: minimalRule(), file: Self.file)
        #expect(rule.id == "TM1999")
        #expect(rule.examples.bad.first?.extracted.expected == [ExpectedFinding(line: 3, column: 9)])
        #expect(rule.examples.bad.first?.line == 14)
        #expect(rule.description == "Why it matters.\n")
    }

    @Test func badLevel() {
        #expect(error(minimalRule(level: "warn"))
                == "\(Self.file):4:8: level: expected one of error, warning, note, found \"warn\"")
    }

    @Test func unknownFieldSuggestsTheClosestName() {
        let text = error(minimalRule(extra: "levle: error"))
        #expect(text?.hasPrefix("\(Self.file):24:1: levle: unknown field; expected one of id, name, category") == true)
        #expect(text?.hasSuffix("(did you mean 'level'?)") == true)
    }

    @Test func wrongTypes() {
        #expect(error(minimalRule().replacingOccurrences(of: "tags: [sample]", with: "tags: sample"))
                == "\(Self.file):8:7: tags: expected a list, found \"sample\"")
        #expect(error(minimalRule(extra: "deprecated: maybe"))
                == "\(Self.file):24:13: deprecated: expected true or false, found \"maybe\"")
        #expect(error(minimalRule().replacingOccurrences(of: "summary: A sample rule.", with: "summary: 12"))
                == "\(Self.file):5:10: summary: expected a string, found a number 12")
    }

    @Test func columnsAreBytesAfterMultiByteText() {
        #expect(error(minimalRule().replacingOccurrences(of: "tags: [sample]", with: "tags: [π, 3]"))
                == "\(Self.file):8:12: tags[1]: expected a string, found a number 3")
    }

    @Test func missingRequiredField() {
        #expect(error(minimalRule().replacingOccurrences(of: "summary: A sample rule.\n", with: ""))
                == "\(Self.file):1:1: summary: missing required field")
    }

    @Test func idChecks() {
        #expect(error(minimalRule(id: "TM12"))
                == "\(Self.file):1:5: id: expected two capital letters and four digits such as TM1001, found \"TM12\"")
        #expect(error(minimalRule(id: "MU1999"))
                == "\(Self.file):1:5: id: id MU1999 does not match category timer: its ids start with TM")
        #expect(error(minimalRule(), file: "rules/timer/TM1999-other.yaml")
                == "rules/timer/TM1999-other.yaml:1:5: id: the file of rule TM1999 must be named TM1999-sample-rule.yaml, found TM1999-other.yaml")
        #expect(error(minimalRule(name: "Sample_Rule"), file: "x.yaml")?
                    .hasPrefix("x.yaml:2:7: name: expected a kebab-case name") == true)
    }

    @Test func unknownCategory() {
        #expect(error(minimalRule().replacingOccurrences(of: "category: timer", with: "category: timers"))
                == "\(Self.file):3:11: category: expected one of channel, waitgroup, timer, map-race, escape, mutex, context, cgo, sync, goroutine, found \"timers\"")
    }

    @Test func badExampleWithoutMarker() {
        #expect(error(minimalRule(bad: "package p\n\nvar x = 1\n"))
                == "\(Self.file):13:7: examples.bad[0]: a bad example needs a ↓ marker before each token where a finding is expected")
    }

    @Test func markerThatPointsAtNoToken() {
        #expect(error(minimalRule(bad: "package p\n\nvar x = ↓ 1\n"))
                == "\(Self.file):16:15: examples.bad[0]: a ↓ marker must stand right before the token the finding points at")
    }

    @Test func goodExampleWithMarkerPointsAtTheMarker() {
        #expect(error(minimalRule(good: "package p\n\n// π\nvar y = ↓2\n"))
                == "\(Self.file):23:15: examples.good[0]: a good example must stay silent, so it cannot hold a ↓ marker")
    }

    @Test func goExampleMustBeAWholeFile() {
        #expect(error(minimalRule(bad: "var x = ↓1\n"))
                == "\(Self.file):13:7: examples.bad[0]: a Go example must be a whole file, starting with its package clause")
    }

    @Test func cirExamplesNeedNoPackageClause() throws {
        let text = minimalRule().components(separatedBy: "examples:")[0] + """
        examples:
          bad:
            - lang: cir
              go: "1.22"
              code: |
                func f() {
                  ↓go g()
                }
        """
        let rule = try RuleFileParser.parse(text: text, file: Self.file)
        let example = try #require(rule.examples.bad.first)
        #expect(example.language == .cir)
        #expect(example.goVersion == GoLanguageVersion(major: 1, minor: 22))
        #expect(example.extracted.expected == [ExpectedFinding(line: 2, column: 3)])
        #expect(example.line == 16)
    }

    @Test func nonDeprecatedRuleNeedsABadExample() {
        let text = minimalRule().components(separatedBy: "examples:")[0]
        #expect(error(text) == "\(Self.file):1:1: examples: a rule needs at least one bad example (only deprecated rules may have none)")
        let deprecated = text + "deprecated: true\n"
        #expect(error(deprecated) == nil)
    }

    @Test func malformedYAML() {
        let text = error(minimalRule().replacingOccurrences(of: "tags: [sample]", with: "tags: [sample"))
        #expect(text?.hasPrefix("\(Self.file):9:") == true)
        #expect(text?.contains("malformed YAML") == true)
    }

    @Test func duplicateKeyInOneFile() {
        #expect(error(minimalRule(extra: "level: error"))
                == "\(Self.file):4:1: level: duplicate key 'level' in one mapping")
    }

    @Test func emptyFile() {
        #expect(error("") == "\(Self.file): empty rule file")
    }

    @Test func goVersionNotes() throws {
        let notes = """
        go:
          - from: "1.23"
            level: note
            message-suffix: "(newer Go)"
          - until: 1.22
            level: error
        """
        let rule = try RuleFileParser.parse(text: minimalRule(extra: notes), file: Self.file)
        #expect(rule.level(for: GoLanguageVersion("1.21")) == .error)
        #expect(rule.level(for: GoLanguageVersion("1.22")) == .warning)
        #expect(rule.level(for: GoLanguageVersion("go1.23.2")) == .note)
        #expect(rule.level(for: nil) == .note)
        #expect(rule.messageSuffix(for: GoLanguageVersion("1.24")) == " (newer Go)")
        #expect(rule.messageSuffix(for: GoLanguageVersion("1.22")) == "")
    }

    @Test func goVersionNoteErrors() {
        #expect(error(minimalRule(extra: "go:\n  - from: \"1.23\"\n    until: \"1.24\"\n    level: note"))
                == "\(Self.file):25:5: go[0]: give either from or until, not both")
        #expect(error(minimalRule(extra: "go:\n  - from: \"1.23\""))
                == "\(Self.file):25:5: go[0]: a Go-version note must change the level, the message, or both")
        #expect(error(minimalRule(extra: "go:\n  - from: \"one.23\"\n    level: note"))
                == "\(Self.file):25:11: go[0].from: expected a Go version such as \"1.23\", found \"one.23\"")
    }
}
