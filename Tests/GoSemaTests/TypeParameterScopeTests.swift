import GoSyntax
import Testing
@testable import GoSema

/// A generic function's type parameters are in scope in its own body, and
/// nowhere else. The checker once kept them by the function's node number
/// alone; node numbers start again in every file, so a function of another
/// file that had the same number got them too, declared with name numbers
/// that belonged to the other file: a crash on nats-server (an index out of
/// range), and a wrong binding where the number happened to be in range.
@Suite struct TypeParameterScopeTests {
    static let generic = "package p\n\nfunc G[T any](x T) T { return x }\n"

    /// The second file's function, padded with `v = v` statements and
    /// empty blocks (names the file already has, so that its name numbers
    /// stay as in `generic`: p, the function, then T) until its node
    /// number is the generic function's.
    static func plain(_ assignments: Int, _ blocks: Int) -> String {
        let padding = String(repeating: "v = v; ", count: assignments) + String(repeating: "{}; ", count: blocks)
        return "package p\n\nfunc F() T { var v T; \(padding)return v }\n\ntype T int\n"
    }

    static func declaration(_ name: String, in source: String) -> NodeID? {
        let tree = parseGoFile(SourceFile(path: "p/x.go", bytes: Array(source.utf8)))
        var found: NodeID?
        tree.walk(tree.root) { id in
            if case .funcDecl(_, let n, _, _) = tree[id], tree.text(n) == name { found = id }
            return found == nil
        }
        return found
    }

    @Test func aFunctionNumberedLikeAGenericOneInAnotherFileDoesNotSeeItsTypeParameters() throws {
        let target = try #require(Self.declaration("G", in: Self.generic))
        var found: (source: String, assignments: Int)?
        search: for assignments in 0..<40 {
            for blocks in 0..<4 where Self.declaration("F", in: Self.plain(assignments, blocks)) == target {
                found = (Self.plain(assignments, blocks), assignments)
                break search
            }
        }
        // The test is about that collision: make sure it is there.
        let (other, assignments) = try #require(found, "no padding numbers F like G")
        let c = CheckedSource(packages: [("example.com/p", [("b.go", other), ("a.go", Self.generic)])])
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        // The v returned is of the package's type T, not of G's type parameter T.
        let returned = 1 + 2 * assignments
        #expect(c.type("v", occurrence: returned) == "p.T")
    }
}
