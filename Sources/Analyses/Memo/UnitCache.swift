import ContentHash
import Foundation

/// The results of an analysis's units (a leak root's exploration ...),
/// kept between runs, one entry per package.
///
/// Each unit has a key that hashes everything its result depends on (the
/// build, the analysis's settings, the closure of the call graph from it);
/// a result is reused only under the same key, so a stale one is never
/// handed back. The entry of a package is found by the package's name and
/// files and holds the latest result of each of its units by key: after an
/// edit, the units whose closure it did not touch are reused, and only the
/// others are analysed again. (An entry per unit would cost a file per
/// unit; an entry keyed by all of a package's units would re-analyse the
/// whole package for any change in it.)
///
/// Built before the analysis runs: `cached[i]` is unit i's stored result,
/// or nil when it must be analysed. After it, `store` writes the entries of
/// the packages with a unit that was analysed. Concurrent runs may both
/// write an entry; the store renames whole files into place, and whichever
/// wins holds results that are each valid under their own key.
struct UnitCache<Result: Codable> {
    let memo: AnalysisMemo
    let kind: String
    /// The units of each package, in unit order, the key of each (empty
    /// when unknown: never stored or reused), and the package's entry key.
    private let groups: [(units: [Int], entry: String)]
    private let unitKeys: [String]
    private(set) var cached: [Result?]
    private(set) var reusedUnits = 0

    /// `settings`: everything besides the closure that decides the units'
    /// results (enabled rules with their levels, limits). `group(i)` names
    /// unit i's package (its import path and files): the entry's identity.
    init(memo: AnalysisMemo, kind: String, settings: String, count: Int, group: (Int) -> String, key: (Int) -> [UInt8]) {
        self.memo = memo
        self.kind = kind
        var prefix = SHA256()
        for field in [memo.salt, kind, settings] { prefix.update(field: field) }
        unitKeys = (0..<count).map { i in
            let k = key(i)
            guard !k.isEmpty else { return "" }
            var hasher = prefix
            hasher.update(k)
            return hasher.finalizeHex()
        }
        var byGroup: [String: [Int]] = [:]
        var order: [String] = []
        for i in 0..<count {
            let g = group(i)
            if byGroup[g] == nil { order.append(g) }
            byGroup[g, default: []].append(i)
        }
        groups = order.map { name in
            var hasher = SHA256()
            for field in [memo.salt, kind, name] { hasher.update(field: field) }
            return (byGroup[name] ?? [], hasher.finalizeHex())
        }
        cached = Array(repeating: nil, count: count)
        for group in groups {
            guard let payload = memo.store.load(kind: kind, key: group.entry),
                  let stored = try? JSONDecoder().decode([String: Result].self, from: payload) else { continue }
            for u in group.units where !unitKeys[u].isEmpty {
                if let r = stored[unitKeys[u]] {
                    cached[u] = r
                    reusedUnits += 1
                }
            }
        }
    }

    /// Writes the entries of the packages with a unit that was analysed;
    /// `results` holds every unit's result, in unit order.
    func store(_ results: [Result]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for group in groups where group.units.contains(where: { cached[$0] == nil }) {
            var entry: [String: Result] = [:]
            for u in group.units where !unitKeys[u].isEmpty { entry[unitKeys[u]] = results[u] }
            guard let payload = try? encoder.encode(entry) else { continue }
            memo.store.store(kind: kind, key: group.entry, payload: payload)
        }
    }
}
