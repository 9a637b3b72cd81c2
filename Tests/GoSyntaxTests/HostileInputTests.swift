import Foundation
import Testing
@testable import GoSyntax

/// Input that is not Go, or Go built to hurt: the parser reports a clear
/// error at the right place and returns, never crashes or hangs.
@Suite struct HostileInputTests {
    private func parse(_ bytes: [UInt8]) -> SyntaxTree {
        parseGoFile(SourceFile(path: "x.go", bytes: bytes))
    }

    private func parse(_ text: String) -> SyntaxTree { parse(Array(text.utf8)) }

    @Test func emptyFile() {
        let tree = parse("")
        #expect(tree.errors.count == 1)
        #expect(tree.errors.first?.message.contains("package statement must be first") == true)
    }

    /// Nesting 100,000 levels deep in every recursive production stops at
    /// the nesting limit with one error, on this thread's stack whatever
    /// its size.
    @Test(arguments: [
        ("paren", "package p\nvar x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)),
        ("brace", "package p\nfunc f() " + String(repeating: "{", count: 100_000) + String(repeating: "}", count: 100_000)),
        ("complit", "package p\nvar x = []any" + String(repeating: "{", count: 100_000) + String(repeating: "}", count: 100_000)),
        ("pointer", "package p\nvar x " + String(repeating: "*", count: 100_000) + "int"),
        ("index", "package p\nvar x = a" + String(repeating: "[a", count: 100_000) + String(repeating: "]", count: 100_000)),
        ("not", "package p\nvar x = " + String(repeating: "!", count: 100_000) + "true"),
        ("funclit", "package p\nvar x = " + String(repeating: "func() {", count: 20_000) + String(repeating: "}", count: 20_000)),
    ])
    func deepNestingStopsWithOneError(kind: String, source: String) {
        let tree = parse(source)
        let nesting = tree.errors.filter { $0.message.contains("nesting") }
        #expect(nesting.count == 1, "\(kind): \(tree.errors.prefix(3))")
        #expect(tree.errors.count <= 3, "\(kind): \(tree.errors.count) errors")
    }

    @Test func unterminatedRawStringReportsItsStart() throws {
        let tree = parse("package p\n\nvar s = `abc\n" + String(repeating: "x\n", count: 1000))
        let first = try #require(tree.errors.first)
        #expect(first.message == "raw string literal not terminated")
        #expect(tree.source.location(of: first.offset) == SourceLocation(line: 3, column: 9))
    }

    @Test func unterminatedCommentReportsItsStart() throws {
        let tree = parse("package p\nfunc f() {}\n/* never closed\n\nfunc g() {}\n")
        let first = try #require(tree.errors.first)
        #expect(first.message == "comment not terminated")
        #expect(tree.source.location(of: first.offset) == SourceLocation(line: 3, column: 1))
    }

    @Test func invalidUTF8IsReportedWhereItIs() throws {
        var bytes = Array("package p\n// caf".utf8)
        bytes += [0xC3, 0x28]   // a broken two-byte sequence
        bytes += Array("\nvar x = 1\n".utf8)
        let tree = parse(bytes)
        let first = try #require(tree.errors.first)
        #expect(first.message == "invalid UTF-8 encoding")
        #expect(tree.source.location(of: first.offset) == SourceLocation(line: 2, column: 7))
        #expect(tree.errors.count == 1)
    }

    @Test func binaryGarbageEndsQuicklyWithFewErrors() {
        // A deterministic pseudo-random megabyte, NULs included.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<1_000_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let tree = parse(bytes)
        #expect(!tree.errors.isEmpty)
        #expect(tree.errors.count < 300)
    }

    @Test func everyPrefixOfARealFileParsesWithoutCrashing() {
        let text = """
        package p

        import "sync"

        type S[T any] struct { mu sync.Mutex; m map[string]T }

        func (s *S[T]) Get(k string) (T, bool) {
        \ts.mu.Lock()
        \tdefer s.mu.Unlock()
        \tv, ok := s.m[k]
        \treturn v, ok
        }

        func run(ch chan<- int, done <-chan struct{}) {
        \tfor i := range 10 {
        \t\tselect {
        \t\tcase ch <- i:
        \t\tcase <-done:
        \t\t\treturn
        \t\t}
        \t}
        }
        """
        let bytes = Array(text.utf8)
        for n in 0...bytes.count {
            let tree = parse(Array(bytes[0..<n]))
            #expect(!tree.root.isNone || n == 0)
        }
        #expect(parse(bytes).errors.isEmpty)
    }
}
