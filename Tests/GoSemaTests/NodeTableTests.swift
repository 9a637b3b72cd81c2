import GoSyntax
import Testing
@testable import GoSema

/// `NodeTable` behaves as the dictionary it replaced: absent until set,
/// the last value set wins, nil removes, and ids outside the file's
/// nodes are absent and ignored rather than trapping.
@Suite struct NodeTableTests {
    @Test func setGetOverwriteAndRemove() {
        var table = NodeTable<String>(nodeCount: 10, expected: 2)
        #expect(table[NodeID(3)] == nil)
        #expect(table.count == 0)
        table[NodeID(3)] = "three"
        table[NodeID(7)] = "seven"
        #expect(table[NodeID(3)] == "three")
        #expect(table[NodeID(7)] == "seven")
        #expect(table[NodeID(4)] == nil)
        table[NodeID(3)] = "III"
        #expect(table[NodeID(3)] == "III")
        #expect(table.count == 2)
        table[NodeID(7)] = nil
        #expect(table[NodeID(7)] == nil)
        #expect(table.count == 1)
        table[NodeID(7)] = "again"
        #expect(table[NodeID(7)] == "again")
    }

    @Test func idsOutsideTheFileAreAbsent() {
        var table = NodeTable<Int>(nodeCount: 4)
        table[NodeID(4)] = 1
        table[NodeID(-1)] = 2
        #expect(table[NodeID(4)] == nil)
        #expect(table[NodeID(-1)] == nil)
        #expect(table.count == 0)
    }

    /// The checker's tables on a real file hold what the checker found:
    /// constant values on constant expressions, selections on selectors.
    @Test func theCheckerFillsBothTables() {
        let checked = CheckedSource("""
        package p
        import "sync"
        const n = 2 + 3
        type T struct{ f int }
        func g(t T, mu *sync.Mutex) string { mu.Lock(); _ = t.f + n; return "a" }
        """)
        let file = checked.file
        let tree = checked.tree
        var constants: [String] = []
        var selected: [String] = []
        for raw in 1..<Int32(tree.nodeCount) {
            let node = NodeID(raw)
            if let c = file.constant(of: node) { constants.append("\(tree.text(node))=\(c)") }
            if let s = file.selections[node] { selected.append("\(tree.text(node)):\(s.object.name)") }
        }
        #expect(constants.contains("2 + 3=5"))
        #expect(constants.contains("\"a\"=\"a\""))
        #expect(!constants.contains { $0.hasPrefix("t.f") })
        #expect(selected.contains("mu.Lock:Lock"))
        #expect(selected.contains("t.f:f"))
        #expect(!selected.contains { $0.hasPrefix("n:") || $0.hasPrefix("t:") })
    }
}
