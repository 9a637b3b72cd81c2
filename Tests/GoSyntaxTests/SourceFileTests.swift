import Testing
@testable import GoSyntax

@Suite struct SourceFileTests {
    @Test func locationsAreOneBasedByteColumns() {
        let f = SourceFile(path: "x.go", bytes: Array("ab\nπc\n".utf8))
        #expect(f.location(of: 0) == SourceLocation(line: 1, column: 1))
        #expect(f.location(of: 3) == SourceLocation(line: 2, column: 1))
        // 'c' follows the two bytes of π: byte column 3.
        #expect(f.location(of: 5) == SourceLocation(line: 2, column: 3))
        #expect(f.lineCount == 2)
        #expect(f.lineText(2) == "πc")
    }
}
