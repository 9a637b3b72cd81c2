import Testing
@testable import GoSyntax

/// The cursor answers as the line table's binary search does, whatever
/// order the offsets come in: forwards (its fast path), backwards, by
/// jumps past its lookahead, and at the ends of the file.
@Suite struct LineCursorTests {
    /// Lines of every length from empty to long, with a multi-byte rune
    /// and no final newline.
    private let source = SourceFile(path: "x.go", bytes: Array("package p\n\n\nfunc f() {\n\tx := \"π\"\n}\n\n// end".utf8))

    private func agrees(_ offsets: [UInt32]) -> Bool {
        let cursor = LineCursor(source)
        return offsets.allSatisfy { cursor.location(of: $0) == source.location(of: $0) }
    }

    @Test func forwardsBackwardsAndByJumps() {
        let all = Array(UInt32(0)...UInt32(source.bytes.count))
        #expect(agrees(all))
        #expect(agrees(all.reversed()))
        // Alternating ends of the file, then strides over several lines.
        #expect(agrees(zip(all, all.reversed()).flatMap { [$0, $1] }))
        #expect(agrees(stride(from: 0, to: all.count, by: 7).map { all[$0] } + stride(from: 3, to: all.count, by: 11).map { all[$0] }))
    }

    @Test func answersOnTheLastLineAndAfterAFinalNewline() {
        let cursor = LineCursor(source)
        let end = UInt32(source.bytes.count)
        #expect(cursor.location(of: end) == source.location(of: end))
        #expect(cursor.location(of: end).line == 8)
        let trailing = SourceFile(path: "y.go", bytes: Array("a\nb\n".utf8))
        let c = LineCursor(trailing)
        #expect(c.location(of: 4) == trailing.location(of: 4))
        #expect(c.location(of: 2) == SourceLocation(line: 2, column: 1))
        #expect(c.location(of: 0) == SourceLocation(line: 1, column: 1))
    }

    @Test func anEmptyFileIsLineOne() {
        let empty = SourceFile(path: "e.go", bytes: [])
        #expect(LineCursor(empty).location(of: 0) == SourceLocation(line: 1, column: 1))
    }
}
