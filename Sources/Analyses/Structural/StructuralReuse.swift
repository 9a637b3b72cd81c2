import ConcIR
import ContentHash
import Discovery
import Findings
import RuleEngine

/// The findings the function-local structural checks made in each
/// function, kept between runs. After an edit, a function nothing its walk
/// reads changed is not walked by those checks again: its findings are
/// taken as they were.
///
/// A function's key hashes what a walk of it can read:
/// - what it reaches over every call-graph edge, directly or not
///   (`ClosureKeys`), digest by digest (`FunctionDigests`: text, closures,
///   the declarations of its package and imports): the summaries the walk
///   consults (WaitGroup Done, read locks, call cycles, system calls four
///   calls down, whether a callee may start goroutines) all stand on what
///   the function reaches. Every edge, interface calls to each
///   implementation included, because some checks ask whether all of a
///   call's targets do something. For each function reached, also the
///   facts the summaries take from outside its text: whether a `go`
///   statement starts it, and the function around a closure;
/// - the functions around it, up to the package level (whose receiver a
///   closure works on, whether it runs at initialisation);
/// - each function that calls, starts, defers or names it, with the kind
///   of edge (the locks callers hold, where a goroutine is started);
/// - the enabled rules, their levels, and the bounds (`settings`).
///
/// What a walk reads besides is stored with the findings and compared
/// before reuse: the text of the files whose lines a check read
/// (comments, which the IR does not keep, and lines fixes copy), and the
/// method names of the types a check looked up.
struct StructuralReuse {
    /// One function's results, as stored.
    struct Stored: Codable {
        var findings: [Finding] = []
        /// Each file read, with the digest of its text.
        var files: [String: String] = [:]
        /// Each type whose method names were read, with a digest of them.
        var methodSets: [String: String] = [:]

        /// Nothing found and nothing read besides the key: most functions.
        var isEmpty: Bool { findings.isEmpty && files.isEmpty && methodSets.isEmpty }
    }

    private var store: UnitStore<Stored>
    /// Per node: its package's entry and its own key ("" when it has no
    /// body or its key cannot be known: never stored or reused).
    private let places: [(entry: String, unit: String)]
    private let sources: SourceText
    private var fileDigests: [String: String] = [:]
    private(set) var reusedFunctions = 0

    init(memo: AnalysisMemo, program: StructuralProgram, rules: [Rule], jobs: Int) {
        let index = program.index
        let graph = index.callGraph
        let digests = memo.digests
        let count = min(index.nodeCount, digests.count)
        let parents: [Int?] = (0..<count).map { node in index.function(node).parent.flatMap(index.node(named:)) }
        let closure = ClosureKeys(digests: digests, callGraph: graph, follows: { _ in true }, extra: { node in
            var bytes: [UInt8] = [program.spawnedByGo.contains(node) ? 1 : 0]
            if node < count, let p = parents[node], p < count { bytes += digests[p] }
            return bytes
        })
        let settings = rules.sorted { $0.id < $1.id }.map { r in
            "\(r.id) \(r.category) \(r.level) \(String(reflecting: r.goNotes))"
        }.joined(separator: "\n") + "\nstates \(program.limits.statesPerFunction) depth \(program.limits.callDepth)"
            + " sources \(!program.sources.isEmpty)"
        var store = UnitStore<Stored>(memo: memo, kind: "structural", settings: settings, empty: Stored(), isEmpty: \.isEmpty)
        let packages = index.modules.map { m in store.entryKey(([m.packagePath] + m.files).joined(separator: "\n")) }
        let prepared = store
        places = parallelMap(count: index.nodeCount, jobs: jobs) { node -> (entry: String, unit: String) in
            let entry = packages[graph.nodes[node].module]
            guard node < count, index.function(node).hasBody else { return (entry, "") }
            let reached = closure.key(node)
            guard !reached.isEmpty else { return (entry, "") }
            // The closure's key is its component's: the function's own
            // digest tells the members of a call cycle apart.
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
            // Who calls, starts, defers or names it.
            let callers = graph.incoming[node].map { i -> [UInt8] in
                let e = graph.edges[i]
                return [e.kind.rawValue] + (e.from < count ? Array(digests[e.from]) : [])
            }.sorted { $0.lexicographicallyPrecedes($1) }
            hasher.update(UInt64(callers.count))
            for c in callers { hasher.update(c) }
            return (entry, prepared.unitKey(hasher.finalize()))
        }
        store.preload(entries: Array(Set(packages)), jobs: jobs)
        self.store = store
        sources = program.sources
    }

    /// The findings stored for the function, when its key and everything
    /// its walk read besides are as they were.
    mutating func findings(of node: Int, program: StructuralProgram) -> [Finding]? {
        guard node < places.count, let stored = store.cached(entry: places[node].entry, unit: places[node].unit) else { return nil }
        for (file, digest) in stored.files where fileDigest(file) != digest { return nil }
        for (type, digest) in stored.methodSets where Self.digest(of: program.methodNames[type]) != digest { return nil }
        reusedFunctions += 1
        store.record(entry: places[node].entry, unit: places[node].unit, stored, analysed: false)
        return stored.findings
    }

    /// The findings of a function walked in this run, with what the walk read.
    mutating func record(_ node: Int, findings: [Finding], scope: FunctionScope) {
        guard node < places.count else { return }
        var stored = Stored(findings: findings)
        for file in scope.filesRead { stored.files[file] = fileDigest(file) }
        for type in scope.methodSetsRead { stored.methodSets[type] = Self.digest(of: scope.program.methodNames[type]) }
        store.record(entry: places[node].entry, unit: places[node].unit, stored, analysed: true)
    }

    func save(jobs: Int) { store.save(jobs: jobs) }

    private mutating func fileDigest(_ file: String) -> String {
        if let known = fileDigests[file] { return known }
        let digest = SHA256.hex(sources.bytes(of: file) ?? [])
        fileDigests[file] = digest
        return digest
    }

    private static func digest(of names: Set<String>) -> String {
        SHA256.hex(names.sorted().joined(separator: "\n"))
    }
}
