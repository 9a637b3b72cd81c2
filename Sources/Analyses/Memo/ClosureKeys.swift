import ConcIR
import ContentHash

/// A key per call-graph node that changes whenever anything the analysis
/// may read from the function onwards changes: its own digest, the
/// digests of every function it reaches over the edges the analysis
/// follows (`follows`), directly or not, and for each of them the facts
/// the analysis decides from outside its text (`extra`: "only a sync.Once
/// runs it", a summary that folds in callees the analysis does not enter).
///
/// Which edges to follow is the analysis's to say, because it decides how
/// far a change travels: every function calls `error.Error` somewhere, and
/// an interface call's edges go to every implementation in the program, so
/// following them all would make nearly every closure the whole program.
/// An analysis that never enters such a call follows only what it enters
/// and puts what it reads of the rest (a summary) in `extra`.
///
/// Computed bottom-up over the strongly connected components of the
/// followed edges, like a Merkle tree: a component's key hashes its
/// members' digests and extras and the keys of the components it reaches,
/// so the whole closure costs one pass over the edges.
public struct ClosureKeys: Sendable {
    private let keys: [[UInt8]]
    private let componentOf: [Int]

    public init(digests: FunctionDigests, callGraph: CallGraph, follows: (CallGraph.Edge) -> Bool,
                extra: (Int) -> [UInt8]) {
        let count = min(digests.count, callGraph.nodes.count)
        let successors = (0..<callGraph.nodes.count).map { node in
            Array(Set(callGraph.outgoing[node].lazy.map { callGraph.edges[$0] }.filter(follows).map(\.to))).sorted()
        }
        var componentOf = [Int](repeating: -1, count: callGraph.nodes.count)
        var keys: [[UInt8]] = []
        for component in StronglyConnectedComponents.compute(successors: successors) {
            let c = keys.count
            for node in component { componentOf[node] = c }
            var members = component.filter { $0 < count }.map { node -> [UInt8] in
                let more = extra(node)
                return Array(digests[node]) + more + [UInt8(truncatingIfNeeded: more.count), UInt8(truncatingIfNeeded: more.count >> 8)]
            }
            members.sort { $0.lexicographicallyPrecedes($1) }
            var reached = Set<Int>()
            var complete = true
            for node in component {
                for callee in successors[node] where componentOf[callee] != c {
                    // Callees come first; one that did not, or one without a
                    // key, leaves this closure unknown: no key, no reuse.
                    if componentOf[callee] < 0 || keys[componentOf[callee]].isEmpty {
                        complete = false
                    } else {
                        reached.insert(componentOf[callee])
                    }
                }
            }
            guard complete else {
                keys.append([])
                continue
            }
            var hasher = SHA256()
            hasher.update(UInt64(members.count))
            for m in members { hasher.update(m) }
            let calleeKeys = reached.map { keys[$0] }.sorted { $0.lexicographicallyPrecedes($1) }
            hasher.update(UInt64(calleeKeys.count))
            for k in calleeKeys { hasher.update(k) }
            keys.append(hasher.finalize())
        }
        self.keys = keys
        self.componentOf = componentOf
    }

    /// The key of node `node` (that of its component); empty when it
    /// cannot be known, and then nothing keyed by it may be reused.
    public func key(_ node: Int) -> [UInt8] {
        node < componentOf.count && componentOf[node] >= 0 ? keys[componentOf[node]] : []
    }
}
