import ConcIR
import ContentHash
import Discovery

/// A key per function with a body, for the analyses that keep results per
/// function (structural, cgo): it changes whenever anything a look at the
/// function alone can read changes.
///
/// - what the function reaches over every call-graph edge, directly or
///   not (`ClosureKeys`), digest by digest (`FunctionDigests`: text,
///   closures, the declarations of its package and imports): the
///   summaries such a look consults (WaitGroup Done, read locks, call
///   cycles, C memory freed by a parameter, thread locking, blocking
///   calls) all stand on what the function reaches. Every edge, interface
///   calls to each implementation included, because some checks ask
///   whether all of a call's targets do something. For each function
///   reached, also the facts its summaries take from outside its text:
///   whether a `go` statement starts it, and the function around a
///   closure;
/// - the function's own digest (the closure's key is its component's, and
///   tells the members of a call cycle apart only with it);
/// - the functions around it, up to the package level (whose receiver a
///   closure works on, whether it runs at initialisation);
/// - each function that calls, starts, defers or names it, with the kind
///   of edge (the locks callers hold, where a goroutine is started, whether
///   it only ever runs as a goroutine of its own).
///
/// What a look reads beyond that (its callers' callers, comments) is the
/// analysis's to note and compare (`callersDigest`).
struct FunctionKeys {
    /// Per node: its key, empty when it has no body or cannot be known.
    let keys: [[UInt8]]
    let closure: ClosureKeys
    private let digests: FunctionDigests
    private let graph: CallGraph

    init(digests: FunctionDigests, index: AnalysedProgram, jobs: Int) {
        let graph = index.callGraph
        let count = min(index.nodeCount, digests.count)
        let parents: [Int?] = (0..<count).map { node in index.function(node).parent.flatMap(index.node(named:)) }
        var spawned = [Bool](repeating: false, count: graph.nodes.count)
        for e in graph.edges where e.kind == .go && e.to < spawned.count { spawned[e.to] = true }
        let closure = ClosureKeys(digests: digests, callGraph: graph, follows: { _ in true }, extra: { node in
            var bytes: [UInt8] = [node < spawned.count && spawned[node] ? 1 : 0]
            if node < count, let p = parents[node], p < count { bytes += digests[p] }
            return bytes
        })
        keys = parallelMap(count: index.nodeCount, jobs: jobs) { node -> [UInt8] in
            guard node < count, index.function(node).hasBody else { return [] }
            let reached = closure.key(node)
            guard !reached.isEmpty else { return [] }
            var hasher = SHA256()
            hasher.update(digests[node])
            hasher.update(reached)
            // The functions around it, innermost first.
            var around = parents[node]
            var depth = 0
            while let p = around, p < count, depth < 64 {
                hasher.update(digests[p])
                around = parents[p]
                depth += 1
            }
            hasher.update(UInt64(depth))
            hasher.update(Self.callers(of: node, graph, digests))
            return hasher.finalize()
        }
        self.closure = closure
        self.digests = digests
        self.graph = graph
    }

    /// The function's digest and, for each call-graph edge into it, the
    /// kind of edge and the caller's digest: what a look at the callers of
    /// a function other than the one analysed reads.
    func callersDigest(_ node: Int) -> String {
        guard node < digests.count else { return "" }
        var hasher = SHA256()
        hasher.update(digests[node])
        hasher.update(Self.callers(of: node, graph, digests))
        return hasher.finalizeHex()
    }

    private static func callers(of node: Int, _ graph: CallGraph, _ digests: FunctionDigests) -> [UInt8] {
        let callers = graph.incoming[node].map { i -> [UInt8] in
            let e = graph.edges[i]
            return [e.kind.rawValue] + (e.from < digests.count ? Array(digests[e.from]) : [])
        }.sorted { $0.lexicographicallyPrecedes($1) }
        var hasher = SHA256()
        hasher.update(UInt64(callers.count))
        for c in callers { hasher.update(c) }
        return hasher.finalize()
    }
}
