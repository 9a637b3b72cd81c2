import ConcIR
import ContentHash
import Discovery
import Findings

/// A key per function with a body, for the analyses that keep results per
/// function (structural, cgo): it changes whenever anything a look at the
/// function alone can read changes.
///
/// - what the function reaches over every call-graph edge, directly or
///   not (`ClosureKeys`), digest by digest (`FunctionDigests`: text,
///   closures, the declarations of its package and imports), without the
///   positions: a line added above a callee moves it without changing
///   what a caller's look decides from it (a finding that shows positions
///   of other functions is checked by `positionsDigest`). The
///   summaries such a look consults (WaitGroup Done, read locks, call
///   cycles, C memory freed by a parameter, thread locking, blocking
///   calls) all stand on what the function reaches. Every edge, interface
///   calls to each implementation included, because some checks ask
///   whether all of a call's targets do something. For each function
///   reached, also the facts its summaries take from outside its text:
///   whether a `go` statement starts it, and the function around a
///   closure;
/// - the function's own digest, positions included (the closure's key is
///   its component's, and tells the members of a call cycle apart only
///   with it);
/// - the functions around it, up to the package level (whose receiver a
///   closure works on, whether it runs at initialisation), without
///   positions;
/// - each function that calls, starts, defers or names it, with the kind
///   of edge (the locks callers hold, where a goroutine is started, whether
///   it only ever runs as a goroutine of its own), without positions: a
///   look compares positions of one file only with each other, and a line
///   added or removed elsewhere in the file keeps their order.
///
/// What a look reads beyond that (its callers' callers, comments, the
/// positions its findings show in other functions) is the analysis's to
/// note and compare (`callersDigest`, `positionsDigest`).
struct FunctionKeys {
    /// Per node: its key, empty when it has no body or cannot be known.
    let keys: [[UInt8]]
    let closure: ClosureKeys
    private let digests: FunctionDigests
    private let graph: CallGraph
    /// The nodes of each file.
    private let nodesByFile: [String: [Int]]

    init(digests: FunctionDigests, index: AnalysedProgram, jobs: Parallelism) {
        let graph = index.callGraph
        let count = min(index.nodeCount, digests.count)
        let parents: [Int?] = (0..<count).map { node in index.function(node).parent.flatMap(index.node(named:)) }
        var spawned = [Bool](repeating: false, count: graph.nodes.count)
        for e in graph.edges where e.kind == .go && e.to < spawned.count { spawned[e.to] = true }
        let shapes = digests.positionFree
        let closure = ClosureKeys(digests: shapes, callGraph: graph, follows: { _ in true }, extra: { node in
            var bytes: [UInt8] = [node < spawned.count && spawned[node] ? 1 : 0]
            if node < count, let p = parents[node], p < count { bytes += shapes[p] }
            return bytes
        })
        var nodesByFile: [String: [Int]] = [:]
        for node in 0..<count { nodesByFile[index.file(of: node), default: []].append(node) }
        self.nodesByFile = nodesByFile
        keys = parallelMap(count: index.nodeCount, jobs: jobs) { node -> [UInt8] in
            guard node < count, index.function(node).hasBody else { return [] }
            let reached = closure.key(node)
            guard !reached.isEmpty else { return [] }
            var hasher = SHA256()
            hasher.update(digests[node])
            hasher.update(reached)
            // The functions around it, innermost first, and its callers,
            // without their positions: what a look reads of them is their
            // shape (a receiver, the locks held at a call, where a `go`
            // statement is relative to what it starts), and every position
            // a finding shows is checked apart.
            var around = parents[node]
            var depth = 0
            while let p = around, p < count, depth < 64 {
                hasher.update(shapes[p])
                around = parents[p]
                depth += 1
            }
            hasher.update(UInt64(depth))
            hasher.update(Self.callers(of: node, graph, shapes))
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

    /// The digests, positions included, of every function of `file`: what
    /// the positions a stored finding shows in that file stand on. (Not the
    /// file's text: a file outside the analysed packages has none at hand,
    /// and a comment that moves nothing changes no position.)
    private func positionsDigest(_ file: String) -> String {
        var hasher = SHA256()
        for node in nodesByFile[file] ?? [] { hasher.update(digests[node]) }
        return hasher.finalizeHex()
    }

    /// For each file `findings` show a position in, its `positionsDigest`:
    /// stored with the findings, compared by `stillShown` before reuse.
    func positions(shownBy findings: [Finding]) -> [String: String] {
        var out: [String: String] = [:]
        for file in Set(findings.flatMap(\.filesShown)) { out[file] = positionsDigest(file) }
        return out
    }

    /// Whether every file of `positions` still holds its functions where it did.
    func stillShown(_ positions: [String: String]) -> Bool {
        positions.allSatisfy { positionsDigest($0.key) == $0.value }
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

extension Finding {
    /// Every file the finding shows a position in: its location, related
    /// locations, the steps of its flows, and the edits of its fixes.
    fileprivate var filesShown: Set<String> {
        var files: Set<String> = [location.file]
        for r in related { files.insert(r.location.file) }
        for flow in flows {
            for thread in flow.threads {
                for step in thread.steps { files.insert(step.location.file) }
            }
        }
        for fix in fixes {
            for edit in fix.edits { files.insert(edit.file) }
        }
        return files
    }
}
