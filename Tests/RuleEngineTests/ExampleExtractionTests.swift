import Testing
@testable import RuleEngine

@Suite struct ExampleExtractionTests {
    @Test func markersAreRemovedAndColumnsCountedInBytes() {
        let example = ExtractedExample(snippet: "package p\n\nvar s = \"π\"; var t = ↓f(↓x)\n\t↓go g()\n")
        #expect(example.source == "package p\n\nvar s = \"π\"; var t = f(x)\n\tgo g()\n")
        // `var s = "π"; var t = ` is 22 bytes (π is two), so f is at byte column 23.
        #expect(example.expected == [ExpectedFinding(line: 3, column: 23), ExpectedFinding(line: 3, column: 25),
                                     ExpectedFinding(line: 4, column: 2)])
        #expect(example.misplacedMarkers.isEmpty)
    }

    /// Snippets and lines without a marker are kept as written (the path
    /// every good example and most lines take), next to lines with one.
    @Test func linesWithoutMarkersAreKeptAsWritten() {
        let good = "package p\n\n// π → ←\nvar s = \"\\t\"\n\n"
        #expect(ExtractedExample(snippet: good).source == good)
        #expect(ExtractedExample(snippet: good).expected.isEmpty)
        let bad = good + "var t = ↓f()\n// π\n"
        #expect(ExtractedExample(snippet: bad).source == good + "var t = f()\n// π\n")
        #expect(ExtractedExample(snippet: bad).expected == [ExpectedFinding(line: 6, column: 9)])
    }

    @Test func misplacedMarkersAreReportedAtTheirRawPosition() {
        let example = ExtractedExample(snippet: "package p\nvar x = ↓ 1 ↓\n")
        #expect(example.expected.isEmpty)
        #expect(example.misplacedMarkers == [ExpectedFinding(line: 2, column: 9), ExpectedFinding(line: 2, column: 15)])
    }

    @Test func suppressedVariantIsSilentAndKeepsIndentation() {
        let example = ExtractedExample(snippet: "package p\n\nfunc f() {\n\tt := ↓time.NewTicker(d)\n}\n")
        let variant = ExampleVariants.suppressed(example, ruleID: "TM1001")
        #expect(variant.expected.isEmpty)
        #expect(variant.source == "package p\n\nfunc f() {\n\t//conclint:ignore TM1001 example variant: suppressed\n\tt := time.NewTicker(d)\n}\n")
        // The suppression index agrees that the directive covers the marked line (now line 5).
        let index = SuppressionIndex(file: "x.go", comments: comments(in: variant.source))
        #expect(index.suppresses(finding(file: "x.go", line: 5)) != nil)
    }

    @Test func prefixVariantShiftsColumnsByThePrefixBytes() {
        let example = ExtractedExample(snippet: "package p\n\nfunc f() {\n\tt, u := ↓a(), ↓b()\n\tc()\n}\n")
        let variant = ExampleVariants.behindPrefix(example)
        #expect(ExampleVariants.multiBytePrefix.utf8.count == 13)
        #expect(ExampleVariants.multiBytePrefix.count == 10)
        #expect(variant.source == "package p\n\nfunc f() {\n\t/* π → */ t, u := a(), b()\n\tc()\n}\n")
        #expect(variant.expected == [ExpectedFinding(line: 4, column: 23), ExpectedFinding(line: 4, column: 28)])
        // The shifted column still points at the same token.
        let line = Array(variant.source.split(separator: "\n", omittingEmptySubsequences: false)[3].utf8)
        #expect(line[22] == UInt8(ascii: "a") && line[27] == UInt8(ascii: "b"))
    }

    @Test func everyBuiltInExampleExtractsToTheTokenItMarks() throws {
        let rules = try RuleSet.load(directory: Repository.rules)
        for rule in rules.rules {
            for example in rule.examples.bad {
                let extracted = example.extracted
                #expect(!extracted.expected.isEmpty)
                #expect(!extracted.source.unicodeScalars.contains(exampleMarker))
                let lines = extracted.source.split(separator: "\n", omittingEmptySubsequences: false)
                for position in extracted.expected {
                    let bytes = Array(lines[position.line - 1].utf8)
                    let byte = bytes[position.column - 1]
                    #expect(byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t"), "\(rule.id) \(position)")
                }
            }
            for example in rule.examples.good {
                #expect(example.extracted.expected.isEmpty)
            }
        }
    }
}

/// A Go example must be a whole file: its first line of code (after blank
/// lines and comments, line or block) is the package clause.
@Test(arguments: [
    ("package p\n", true),
    ("// Package p does x.\n\npackage p\n\nfunc f() {}\n", true),
    ("/* a */ package p\n", true),
    ("/* a\n   b */\n\n\tpackage\tp\n", true),
    ("\n\n  package p", true),
    ("func f() {}\npackage p\n", false),
    ("// only a comment\n", false),
    ("/* never closed\npackage p\n", false),
    ("", false),
    ("packagep\n", false),
])
func examplesStartWithTheirPackageClause(source: String, expected: Bool) {
    #expect(ExamplesParser.startsWithPackageClause(source) == expected, "\(source)")
}
