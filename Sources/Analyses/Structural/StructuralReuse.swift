import ConcIR
import ContentHash
import Discovery
import Findings
import RuleEngine

/// What the structural checks found and gathered in each function, kept
/// between runs. After an edit, a function nothing its walk reads changed
/// is not walked again: the function-local checks' findings and the
/// joining checks' facts are taken as they were.
///
/// A function's key is its `FunctionKeys` key (its text, what it reaches,
/// the functions around it, its callers) with the enabled rules, their
/// levels and the bounds (`settings`).
///
/// What a walk reads besides is stored with the findings and compared
/// before reuse (`Reads`): the text of the files whose lines a check read
/// (comments, which the IR does not keep, and lines fixes copy), the
/// method names of the types a check looked up, and the callers of the
/// functions whose callers a check looked at further up than the key goes.
///
/// The joining checks' facts of a function (`JoinFacts`) are kept with it
/// too, and absorbed again without a walk. The findings of a revisiting
/// check's look at a function (`RevisitingCheck`) are kept under a key of
/// the function's own key, the joined facts the look reads, and the
/// closure keys of its callers (which the look may read through); they are
/// reused while that key and the look's reads are as they were.
struct StructuralReuse {
    /// What a walk or a look read besides its key, with digests.
    struct Reads: Codable {
        /// Each file read, with the digest of its text.
        var files: [String: String] = [:]
        /// Each type whose method names were read, with a digest of them.
        var methodSets: [String: String] = [:]
        /// Each function whose callers were read, by name, with the digest
        /// of its callers (`callersDigest`).
        var callers: [String: String] = [:]
        /// Each file the findings show positions in, with the digest of its
        /// functions' positions (`FunctionKeys.positionsDigest`): the key
        /// follows callees without their positions.
        var positions: [String: String] = [:]

        var isEmpty: Bool { files.isEmpty && methodSets.isEmpty && callers.isEmpty && positions.isEmpty }
    }

    /// A revisiting check's findings in the function, under the key they were found with.
    struct JoinResult: Codable {
        var key: String
        var findings: [Finding]
        var reads: Reads
    }

    /// One function's results, as stored.
    struct Stored: Codable {
        var findings: [Finding] = []
        var facts: JoinFacts?
        var reads = Reads()
        /// By rule id.
        var joins: [String: JoinResult] = [:]

        /// Nothing found, gathered or read besides the key: most functions.
        var isEmpty: Bool { findings.isEmpty && facts == nil && reads.isEmpty && joins.isEmpty }
    }

    private var store: UnitStore<Stored>
    /// Per node: its package's entry and its own key ("" when it has no
    /// body or its key cannot be known: never stored or reused).
    private let places: [(entry: String, unit: String)]
    private let program: StructuralProgram
    private let keys: FunctionKeys
    private var fileDigests: [String: String] = [:]
    /// This run's result of each function with a key, and whether it
    /// differs from the stored one (its package's entry is written again).
    private var kept: [Int: (stored: Stored, changed: Bool)] = [:]
    private(set) var reusedFunctions = 0
    private(set) var reusedLooks = 0

    init(memo: AnalysisMemo, program: StructuralProgram, rules: [Rule], jobs: Parallelism) {
        let index = program.index
        let graph = index.callGraph
        let keys = memo.keys(of: index, jobs: jobs)
        let settings = rules.sorted { $0.id < $1.id }.map { r in
            "\(r.id) \(r.category) \(r.level) \(String(reflecting: r.goNotes))"
        }.joined(separator: "\n") + "\nstates \(program.limits.statesPerFunction) depth \(program.limits.callDepth)"
            + " sources \(!program.sources.isEmpty)"
        var store = UnitStore<Stored>(memo: memo, kind: "structural", settings: settings, empty: Stored(), isEmpty: \.isEmpty)
        let packages = store.entryKeys(of: index.modules)
        let prepared = store
        places = (0..<index.nodeCount).map { node in (packages[graph.nodes[node].module], prepared.unitKey(keys.keys[node])) }
        store.preload(entries: Array(Set(packages)), jobs: jobs)
        self.store = store
        self.program = program
        self.keys = keys
    }

    /// The function's stored results, when its key and everything its walk
    /// read besides are as they were.
    mutating func stored(of node: Int) -> Stored? {
        guard node < places.count, let stored = store.cached(entry: places[node].entry, unit: places[node].unit),
              stillRead(stored.reads) else { return nil }
        reusedFunctions += 1
        kept[node] = (stored, false)
        return stored
    }

    /// The results of a function walked in this run, with what the walk read.
    mutating func walked(_ node: Int, findings: [Finding], facts: JoinFacts?, scope: FunctionScope) {
        guard node < places.count, !places[node].unit.isEmpty else { return }
        let shown = findings + (facts?.onceReentered?.findings.map(\.finding) ?? [])
        kept[node] = (Stored(findings: findings, facts: facts, reads: reads(of: scope, showing: shown)), true)
    }

    /// The key of a revisiting check's look at the function: its own key,
    /// the joined facts the look reads (`inputs`), and the closure keys of
    /// its callers; nil when the function has no key.
    func lookKey(_ node: Int, rule: String, inputs: [UInt8]) -> String? {
        guard node < places.count, !places[node].unit.isEmpty else { return nil }
        var hasher = SHA256()
        hasher.update(field: places[node].unit)
        hasher.update(field: rule)
        hasher.update(inputs)
        let graph = program.index.callGraph
        let callers = Set(graph.incoming[node].map { graph.edges[$0].from })
        let closures = callers.map { keys.closure.key($0) }.sorted { $0.lexicographicallyPrecedes($1) }
        hasher.update(UInt64(closures.count))
        for k in closures {
            guard !k.isEmpty else { return nil }
            hasher.update(k)
        }
        return hasher.finalizeHex()
    }

    /// The findings of an earlier look at the function under the same key,
    /// when what the look read besides is as it was.
    mutating func look(_ node: Int, rule: String, key: String) -> [Finding]? {
        guard let result = kept[node]?.stored.joins[rule], result.key == key, stillRead(result.reads) else { return nil }
        reusedLooks += 1
        return result.findings
    }

    /// The findings of a look made in this run.
    mutating func looked(_ node: Int, rule: String, key: String, findings: [Finding], scope: FunctionScope) {
        guard var entry = kept[node] else { return }
        entry.stored.joins[rule] = JoinResult(key: key, findings: findings, reads: reads(of: scope, showing: findings))
        entry.changed = true
        kept[node] = entry
    }

    /// Writes the entries of the packages with a function whose results changed.
    mutating func save(jobs: Parallelism) {
        for (node, entry) in kept.sorted(by: { $0.key < $1.key }) {
            store.record(entry: places[node].entry, unit: places[node].unit, entry.stored, analysed: entry.changed)
        }
        store.save(jobs: jobs)
    }

    /// What the walk or look of `scope` read besides its key, and the
    /// positions `findings` (what it found or gathered) show.
    private mutating func reads(of scope: FunctionScope, showing findings: [Finding]) -> Reads {
        var reads = Reads()
        reads.positions = keys.positions(shownBy: findings)
        for file in scope.filesRead { reads.files[file] = fileDigest(file) }
        for type in scope.methodSetsRead { reads.methodSets[type] = Self.digest(of: program.methodNames[type]) }
        for node in scope.callersRead {
            reads.callers[program.index.function(node).name] = keys.callersDigest(node)
        }
        return reads
    }

    private mutating func stillRead(_ reads: Reads) -> Bool {
        for (file, digest) in reads.files where fileDigest(file) != digest { return false }
        for (type, digest) in reads.methodSets where Self.digest(of: program.methodNames[type]) != digest { return false }
        guard keys.stillShown(reads.positions) else { return false }
        for (name, digest) in reads.callers {
            guard let node = program.index.node(named: name), keys.callersDigest(node) == digest else { return false }
        }
        return true
    }

    private mutating func fileDigest(_ file: String) -> String {
        if let known = fileDigests[file] { return known }
        let digest = SHA256.hex(program.sources.bytes(of: file) ?? [])
        fileDigests[file] = digest
        return digest
    }

    private static func digest(of names: Set<String>) -> String {
        SHA256.hex(names.sorted().joined(separator: "\n"))
    }
}
