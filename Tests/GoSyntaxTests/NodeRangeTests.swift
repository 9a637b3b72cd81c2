import Foundation
import GoSyntax
import TestSupport
import Testing

/// Every node's byte range lies inside its parent's, with or without syntax
/// errors: reports, suppression comments and fixes find a node's text by
/// its range, and the fuzz target (Fuzz/) traps when this breaks.
@Suite struct NodeRangeTests {
    /// The nodes whose range is not inside their parent's, as `parent child` kinds at offsets.
    static func violations(_ text: String) -> [String] {
        let tree = parseGoFile(SourceFile(path: "t.go", bytes: Array(text.utf8)))
        var out: [String] = []
        guard tree.root != .none else { return out }
        tree.walk(tree.root) { node in
            tree.forEachChild(node) { child in
                guard child != .none else { return }
                if tree.start(child) < tree.start(node) || tree.end(child) > tree.end(node) {
                    out.append("\(tree[node]) \(tree.start(node))..<\(tree.end(node)) holds \(tree[child]) \(tree.start(child))..<\(tree.end(child))")
                }
            }
            return true
        }
        return out
    }

    /// The nodes the walk reaches more than once (a node with two parents),
    /// as kinds at offsets.
    static func sharedNodes(_ text: String) -> [String] {
        let tree = parseGoFile(SourceFile(path: "t.go", bytes: Array(text.utf8)))
        var seen = Set<NodeID>()
        var out: [String] = []
        guard tree.root != .none else { return out }
        tree.walk(tree.root) { node in
            if !seen.insert(node).inserted { out.append("\(tree[node]) \(tree.start(node))..<\(tree.end(node))") }
            return true
        }
        return out
    }

    /// A parameter without a name after a name whose type comes from it:
    /// the unnamed entry and the names before it shared one type node
    /// (found by the fuzz target on types2's syntax testdata, whose
    /// tparams.go lists these errors).
    @Test(arguments: [
        "package p\ntype (\n\t_[A, interface{}] int\n\t_[A B, interface{}, C, interface{}] int\n",
        "package p\n\ntype T[P any, Q, interface{}, R, interface{}] int\n",
    ])
    func unnamedParameterSharesNoTypeNode(source: String) {
        #expect(Self.sharedNodes(source) == [])
        #expect(Self.violations(source) == [])
    }

    @Test(arguments: [
        // A method name where the type parameters should be (types2's fixedbugs/issue47996.go).
        "package p\n\nfunc T [P] m () { }\n",
        "package p\n\nfunc (",
        "package p\n\nfunc f() { x := []int{1, 2\n",
        "package p\n\ntype T struct { a int; b\n",
        "package p\n\nvar x = map[string]int{\"a\": }\n",
    ])
    func brokenSourceKeepsChildrenInsideParents(source: String) {
        #expect(Self.violations(source) == [])
    }

    /// Each of these hung the parser once: a stray closing bracket at the
    /// top level (skipping stopped before it, and the loop went round
    /// without consuming it), and a type parameter whose constraint is a
    /// type literal (`[P []byte]`, valid Go) read as an array length.
    @Test(arguments: [
        ")", "]]]", "}", "var x [P[]byte]int", "func f() {} ] func g() {}",
        "type U [P []byte] struct{}", "type U [P [4]byte] struct{}", "type _ func [P any]()",
    ])
    func parsingEnds(source: String) {
        let tree = parseGoFile(SourceFile(path: "t.go", bytes: Array("package p\n\n\(source)\n".utf8)))
        let valid = source.hasPrefix("type U")
        #expect(tree.errors.isEmpty == valid, "\(tree.errors.map(\.message))")
    }

    /// GOROOT's files with syntax errors on purpose (testdata of the
    /// parsers and type checkers): the fuzz target's first findings.
    @Test(.enabled(if: Goroot.isAvailable)) func gorootSyntaxErrorTestdata() throws {
        let root = try #require(Goroot.sourceDirectory)
        var bad: [String] = []
        for dir in ["cmd/compile/internal/types2/testdata", "cmd/compile/internal/syntax/testdata", "go/parser/testdata", "internal/types/testdata"] {
            for file in Goroot.goFiles(under: root + "/" + dir) {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
                if let first = Self.violations(text).first { bad.append("\(file.dropFirst(root.count + 1)): \(first)") }
            }
        }
        #expect(bad == [])
    }
}
