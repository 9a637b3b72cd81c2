/// Tarjan's strongly connected components, without recursion.
///
/// The call graph of a large program can hold chains of many thousands of
/// functions; a recursive walk would overflow the stack on them. The walk
/// here keeps its own stack of (node, next successor) frames.
public enum StronglyConnectedComponents {
    /// The components of the graph, each a list of nodes, in reverse
    /// topological order: when an edge leads from component A to component
    /// B, B comes first. For a call graph (caller -> callee) that is
    /// bottom-up, callees first. Nodes within a component are in the order
    /// Tarjan pops them; successor indices out of range are ignored.
    public static func compute(successors: [[Int]]) -> [[Int]] {
        let n = successors.count
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var frames: [(node: Int, next: Int)] = []
        var components: [[Int]] = []
        var counter = 0

        for root in 0..<n where index[root] == -1 {
            index[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            frames.append((root, 0))
            while let frame = frames.last {
                let v = frame.node
                let succ = successors[v]
                if frame.next < succ.count {
                    frames[frames.count - 1].next += 1
                    let w = succ[frame.next]
                    guard w >= 0 && w < n else { continue }
                    if index[w] == -1 {
                        index[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append(w)
                        onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { low[parent] = min(low[parent], low[v]) }
                if low[v] == index[v] {
                    var component: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component.append(w)
                        if w == v { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}
