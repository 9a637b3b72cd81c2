import ContentHash
import Discovery
import Findings
import RuleEngine

/// The cgo analysis's results kept between runs, per function: the
/// findings of the per-function checks and the facts CG1004 joins. A
/// function's key is its `FunctionKeys` key (its text, what it reaches, the
/// functions around it, its callers) with the enabled rules, their levels,
/// Go notes and listed calls (`settings`): a look at a function reads
/// nothing else (no comment, no callers' callers), so after an edit a
/// function whose key is the same, and whose findings show the same
/// positions, is not looked at again.
struct CgoReuse {
    struct Stored: Codable {
        var findings: [Finding] = []
        var structFacts: CMemoryInStructNotFreed.Facts?
        /// Each file the findings show positions in, with the digest of its
        /// functions' positions (`FunctionKeys.positionsDigest`): the key
        /// follows callees without their positions, and a flow may show
        /// where a helper frees or blocks.
        var positions: [String: String] = [:]

        /// Nothing found or gathered: most functions.
        var isEmpty: Bool { findings.isEmpty && structFacts == nil && positions.isEmpty }
    }

    private var store: UnitStore<Stored>
    /// Per node: its package's entry and its own key ("" when unknown).
    private let places: [(entry: String, unit: String)]
    private let keys: FunctionKeys
    private(set) var reusedFunctions = 0

    init(memo: AnalysisMemo, index: AnalysedProgram, rules: [Rule], jobs: Parallelism) {
        let keys = memo.keys(of: index, jobs: jobs)
        let settings = rules.sorted { $0.id < $1.id }.map { r in
            "\(r.id) \(r.category) \(r.level) \(String(reflecting: r.goNotes)) \(r.calls.map(\.description).sorted())"
        }.joined(separator: "\n")
        var store = UnitStore<Stored>(memo: memo, kind: "cgo", settings: settings, empty: Stored(), isEmpty: \.isEmpty)
        let packages = store.entryKeys(of: index.modules)
        let prepared = store
        places = (0..<index.nodeCount).map { node in
            (packages[index.callGraph.nodes[node].module], prepared.unitKey(keys.keys[node]))
        }
        store.preload(entries: Array(Set(packages)), jobs: jobs)
        self.store = store
        self.keys = keys
    }

    /// The function's stored results, when its key is as it was.
    mutating func stored(of node: Int) -> Stored? {
        guard node < places.count, let stored = store.cached(entry: places[node].entry, unit: places[node].unit),
              keys.stillShown(stored.positions) else { return nil }
        reusedFunctions += 1
        store.record(entry: places[node].entry, unit: places[node].unit, stored, analysed: false)
        return stored
    }

    /// The results of a function looked at in this run.
    mutating func looked(_ node: Int, _ stored: Stored) {
        guard node < places.count else { return }
        var stored = stored
        stored.positions = keys.positions(shownBy: stored.findings)
        store.record(entry: places[node].entry, unit: places[node].unit, stored, analysed: true)
    }

    func save(jobs: Parallelism) { store.save(jobs: jobs) }
}
