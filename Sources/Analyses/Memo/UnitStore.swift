import ConcIR
import ContentHash
import Discovery
import Foundation

/// The stored results of an analysis's units, one entry per package, read
/// as the analysis meets its units: the lifecycle engine learns which
/// call-graph components have anything to analyse only as the summaries
/// of their callees come in, so it cannot list its units before it runs.
/// (`UnitCache` is the form for an analysis that can.)
///
/// A unit's key hashes everything its result depends on (the build, the
/// analysis's settings, and what the caller hashes in: the closure of the
/// call graph from it); a result is handed back only under the same key,
/// so a stale one never is. The entry of a package is found by the
/// package's name and files and holds the latest result of each of its
/// units by key, so after an edit the units the edit did not reach are
/// reused and only the others are analysed again.
///
/// Not thread-safe: look units up and record them between the parallel
/// parts of the analysis. Concurrent runs may both write an entry; the
/// store renames whole files into place, and whichever wins holds results
/// that are each valid under their own key.
struct UnitStore<Result: Codable> {
    let memo: AnalysisMemo
    let kind: String
    /// Salt, kind and settings, hashed once: each unit key continues it.
    private let prefix: SHA256
    /// Per package entry key: the stored results by unit key (read once).
    private var stored: [String: [String: Result]] = [:]
    /// Per package entry key: this run's results by unit key.
    private var current: [String: [String: Result]] = [:]
    /// Entries with a unit that was analysed (not reused): written by `save`.
    private var changed: Set<String> = []
    private(set) var reusedUnits = 0
    /// The result most units have (nothing found), stored as the unit's
    /// key alone: encoding and decoding tens of thousands of empty results
    /// cost more than the analysis they save.
    private let empty: Result?
    private let isEmpty: (Result) -> Bool

    /// How an entry is stored: the units whose result is `empty` by key,
    /// the others with their results.
    private struct Entry: Codable {
        var empty: [String]
        var units: [String: Result]
    }

    /// `settings`: everything besides the closure that decides the units'
    /// results (enabled rules with their levels, limits). `empty`, with
    /// `isEmpty` to recognise it, is stored as a key alone.
    init(memo: AnalysisMemo, kind: String, settings: String, empty: Result? = nil, isEmpty: @escaping (Result) -> Bool = { _ in false }) {
        self.memo = memo
        self.kind = kind
        self.empty = empty
        self.isEmpty = empty == nil ? { _ in false } : isEmpty
        var prefix = SHA256()
        for field in [memo.salt, kind, settings] { prefix.update(field: field) }
        self.prefix = prefix
    }

    /// The key of a unit whose own key is `key`; empty (never stored or
    /// reused) when `key` is.
    func unitKey(_ key: [UInt8]) -> String {
        guard !key.isEmpty else { return "" }
        var hasher = prefix
        hasher.update(key)
        return hasher.finalizeHex()
    }

    /// The entry key of each module's package (`Module.cacheGroup`).
    func entryKeys(of modules: [Module]) -> [String] {
        modules.map { entryKey($0.cacheGroup) }
    }

    /// The entry key of the package named `group` (its import path and files).
    func entryKey(_ group: String) -> String {
        var hasher = SHA256()
        for field in [memo.salt, kind, group] { hasher.update(field: field) }
        return hasher.finalizeHex()
    }

    /// Reads the entries of these packages at once, in parallel (each
    /// is read once either way).
    mutating func preload(entries: [String], jobs: Parallelism) {
        let wanted = Array(Set(entries).filter { stored[$0] == nil }).sorted()
        let loaded = parallelMap(count: wanted.count, jobs: jobs) { i in read(wanted[i]) }
        for (entry, units) in zip(wanted, loaded) { stored[entry] = units }
    }

    private func read(_ entry: String) -> [String: Result] {
        guard let payload = memo.store.load(kind: kind, key: entry),
              let stored = try? JSONDecoder().decode(Entry.self, from: payload) else { return [:] }
        var units = stored.units
        if let empty {
            for key in stored.empty { units[key] = empty }
        }
        return units
    }

    /// The earlier run's result of the unit, if its package's entry holds one under this key.
    mutating func cached(entry: String, unit: String) -> Result? {
        guard !unit.isEmpty else { return nil }
        if stored[entry] == nil { stored[entry] = read(entry) }
        guard let result = stored[entry]?[unit] else { return nil }
        reusedUnits += 1
        return result
    }

    /// This run's result of a unit; `analysed`: not handed back by `cached`.
    mutating func record(entry: String, unit: String, _ result: Result, analysed: Bool) {
        if analysed { changed.insert(entry) }
        guard !unit.isEmpty else { return }
        current[entry, default: [:]][unit] = result
    }

    /// Writes the entries of the packages with a unit that was analysed,
    /// each with every unit of the package this run recorded; entries are
    /// encoded and written in parallel (the store renames each file into
    /// place, so writers do not meet).
    func save(jobs: Parallelism) {
        let entries = changed.sorted()
        _ = parallelMap(count: entries.count, jobs: jobs) { i -> Bool in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let units = current[entries[i]] ?? [:]
            let empties = units.filter { isEmpty($0.value) }.keys.sorted()
            guard let payload = try? encoder.encode(Entry(empty: empties, units: units.filter { !isEmpty($0.value) })) else {
                return false
            }
            memo.store.store(kind: kind, key: entries[i], payload: payload)
            return true
        }
    }
}

extension Module {
    /// What names the module's package for the units stored per package:
    /// its import path and files (a file added or removed makes another
    /// entry; a file's text does not, the units' keys hold that).
    var cacheGroup: String { ([packagePath] + files).joined(separator: "\n") }
}
