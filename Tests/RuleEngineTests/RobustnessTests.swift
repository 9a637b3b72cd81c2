import Testing
@testable import RuleEngine

/// Bad input ends in a `ConfigurationError`, never a crash or a hang.
@Suite struct RobustnessTests {
    @Test func deeplyNestedYAML() {
        let text = "rules: " + String(repeating: "[", count: 100_000)
        #expect(configurationError { _ = try Configuration.parse(text: text, file: "c.yml") } != nil)
    }

    @Test func binaryGarbageAndOddScalars() {
        for text in ["\u{0}\u{1}\u{2}", "- a\n- b", "? [a]\n: b", "&a x: *a", "rules: !!binary aGVsbG8=", "levels:\n  [TM1001]: error"] {
            #expect(configurationError { _ = try Configuration.parse(text: text, file: "c.yml") } != nil, "\(text)")
            #expect(configurationError { _ = try RuleFileParser.parse(text: text, file: "r.yaml") } != nil, "\(text)")
        }
    }

    @Test func aliasesAreReadAsTheirValues() throws {
        let text = "exclude: &ex [vendor]\nrules:\n  disable: [timer]\n"
        #expect(try Configuration.parse(text: text, file: "c.yml").exclude.map(\.pattern) == ["vendor"])
    }

    @Test func negativeNeighbourCountIsTreatedAsZero() {
        let source = SourceContext(file: "a.go", text: "x\ny\n")
        let key = Fingerprinter(neighbourLines: -3).key(for: finding(line: 1), source: source)
        #expect(key.hasSuffix("\u{1F}x"))
    }

    @Test func findingsOutsideTheFileHaveAnEmptyLineText() {
        let source = SourceContext(file: "a.go", text: "x\n")
        #expect(Fingerprinter().key(for: finding(line: 99), source: source).hasSuffix("\u{1F}"))
        #expect(Fingerprinter().key(for: finding(line: -1), source: nil).hasSuffix("\u{1F}"))
    }
}
