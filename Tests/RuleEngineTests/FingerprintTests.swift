import Testing
import Findings
@testable import RuleEngine

@Suite struct FingerprintTests {
    static let source = """
    package p

    func poll() {
    \tt := time.NewTicker(d)
    \tu := time.NewTicker(d)
    }
    """

    private func fingerprints(_ text: String, lines: [Int], rule: String = "TM1001",
                              functions: [SourceContext.FunctionSpan] = []) -> [String] {
        let source = SourceContext(file: "a.go", text: text, functions: functions)
        let findings = lines.map { finding(rule, line: $0) }
        return Fingerprinter().assign(findings, sources: ["a.go": source]).map(\.fingerprint)
    }

    @Test func stableWhenUnrelatedLinesAreInsertedAbove() {
        let before = fingerprints(Self.source, lines: [4, 5])
        let edited = Self.source.replacingOccurrences(of: "package p\n", with: "package p\n\nimport \"time\"\n\n// poll polls.\n")
        let after = fingerprints(edited, lines: [8, 9])
        #expect(before == after)
        #expect(before.allSatisfy { $0.count == 18 && $0.hasSuffix(":1") })
    }

    @Test func stableWhenReindented() {
        let reindented = Self.source.replacingOccurrences(of: "\tt := time.NewTicker(d)", with: "        t  :=  time.NewTicker(d)   ")
        #expect(fingerprints(Self.source, lines: [4]) == fingerprints(reindented, lines: [4]))
    }

    @Test func differentFindingsDiffer() {
        let both = fingerprints(Self.source, lines: [4, 5])
        #expect(both[0] != both[1])
        #expect(fingerprints(Self.source, lines: [4], rule: "TM1002") != fingerprints(Self.source, lines: [4]))
        let other = SourceContext(file: "b.go", text: Self.source)
        let inB = Fingerprinter().assign([finding(file: "b.go", line: 4)], sources: ["b.go": other])
        #expect(inB[0].fingerprint != both[0])
    }

    @Test func enclosingFunctionIsPartOfTheKey() {
        let outer = [SourceContext.FunctionSpan(name: "poll", startLine: 3, endLine: 6)]
        let renamed = [SourceContext.FunctionSpan(name: "pollAll", startLine: 3, endLine: 6)]
        #expect(fingerprints(Self.source, lines: [4], functions: outer) != fingerprints(Self.source, lines: [4], functions: renamed))
        let nested = outer + [SourceContext.FunctionSpan(name: "poll.func1", startLine: 4, endLine: 4)]
        #expect(SourceContext(file: "a.go", text: Self.source, functions: nested).enclosingFunction(of: 4) == "poll.func1")
        #expect(SourceContext(file: "a.go", text: Self.source, functions: nested).enclosingFunction(of: 5) == "poll")
    }

    @Test func identicalKeysGetOccurrenceIndicesInFileOrder() {
        let text = "package p\n\nfunc f() {\n\tgo work()\n\tgo work()\n\tgo work()\n}\n"
        let source = SourceContext(file: "a.go", text: text)
        // Given out of order; the index follows the position in the file.
        let findings = [6, 4, 5].map { finding("GR9001", .goroutine, line: $0) }
        let prints = Fingerprinter().assign(findings, sources: ["a.go": source]).map(\.fingerprint)
        let hash = String(prints[0].prefix(16))
        #expect(prints == ["\(hash):3", "\(hash):1", "\(hash):2"])
    }

    @Test func neighbourLinesAreOptional() {
        let source = SourceContext(file: "a.go", text: Self.source)
        let withNeighbours = Fingerprinter(neighbourLines: 1)
        #expect(withNeighbours.key(for: finding(line: 4), source: source).contains("func poll() {\nt := time.NewTicker(d)\nu := time.NewTicker(d)"))
        #expect(!Fingerprinter().key(for: finding(line: 4), source: source).contains("func poll"))
    }

    @Test func knownHashValue() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c: guards against an accidental change of the function.
        #expect(Fingerprinter.hex(Fingerprinter.fnv1a("a")) == "af63dc4c8601ec8c")
        #expect(Fingerprinter.normalise("  a \t b  ") == "a b")
    }
}
