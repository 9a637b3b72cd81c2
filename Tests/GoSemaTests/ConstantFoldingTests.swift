import GoSyntax
import Testing
@testable import GoSema

/// String constants are folded as Go folds them, up to a size: a blob
/// spelled as thousands of concatenated literals (generated files do
/// this) stays a string value instead of making every prefix a constant.
@Suite struct ConstantFoldingTests {
    /// The constants recorded on the `+` nodes of the file, in source order
    /// of their start (nil where none was recorded).
    private func concatenations(_ checked: CheckedSource) -> [Constant?] {
        var found: [Constant?] = []
        checked.tree.walk(checked.tree.root) { n in
            if case .binary(.add, _, _, _) = checked.tree[n] { found.append(checked.file.constant(of: n)) }
            return true
        }
        return found
    }

    @Test func shortConcatenationsFold() {
        let checked = CheckedSource("""
        package p
        const greeting = "hello, " + "world"
        """)
        #expect(concatenations(checked) == [.string("hello, world")])
    }

    @Test func aConcatenationPastTheLimitIsAStringValue() {
        let half = String(repeating: "x", count: Constant.maxFoldedStringBytes / 2 + 1)
        let checked = CheckedSource("""
        package p
        var blob = "\(half)" + "\(half)" + "tail"
        func use() int { return len(blob) }
        """)
        // The outer `+` starts first in a pre-order walk; neither folds
        // (the inner one is already over the limit), and both are strings.
        #expect(concatenations(checked) == [nil, nil])
        #expect(checked.type("blob", occurrence: 1) == "string")
    }

    /// time/tzdata's shape: seven thousand lines of `"..." +`, far deeper
    /// than any hand-written expression. Checked in a moment, and the
    /// constants recorded stay under the limit.
    @Test func aDeepChainOfLiteralsIsCheckedWithoutQuadraticCopies() {
        let line = "\"" + String(repeating: "\\x00", count: 25) + "\" +\n"
        let source = "package p\nconst zipdata = " + String(repeating: line, count: 7_000) + "\"\"\n"
        let checked = CheckedSource(source)
        let folded = concatenations(checked).compactMap { $0 }
        #expect(!folded.isEmpty)
        for c in folded {
            guard case .string(let s) = c else {
                Issue.record("a concatenation folded to \(c)")
                continue
            }
            #expect(s.utf8.count <= Constant.maxFoldedStringBytes)
        }
    }
}
