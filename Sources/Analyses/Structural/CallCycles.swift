import ConcIR

/// The call graph's cycles over plain calls (`call` edges, not `go`,
/// `defer` or references), as components: every call cycle through a
/// function stays inside its component. Built once per run, so that a
/// check asking "can this function recurse?" answers most functions (no
/// cycle) without walking the whole graph from each of them.
struct CallCycles {
    /// The component of each call-graph node.
    private let componentOf: [Int]
    private let members: [[Int]]

    init(_ graph: CallGraph) {
        let components = graph.stronglyConnectedComponents(kinds: [.call])
        var componentOf = [Int](repeating: 0, count: graph.nodes.count)
        for (c, nodes) in components.enumerated() {
            for n in nodes { componentOf[n] = c }
        }
        self.componentOf = componentOf
        members = components
    }

    /// The functions on some call cycle through `node` (itself included), when
    /// there is more than one; empty when a cycle through it can only be a call
    /// of itself.
    func others(of node: Int) -> [Int] {
        let nodes = members[componentOf[node]]
        return nodes.count > 1 ? nodes : []
    }

    /// Whether `a` and `b` lie on a common call cycle (or are the same function).
    func sameComponent(_ a: Int, _ b: Int) -> Bool { componentOf[a] == componentOf[b] }
}
