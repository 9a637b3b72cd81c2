import Discovery

/// The results of an analysis's units (a leak root's exploration ...),
/// kept between runs, for an analysis that knows all its units before it
/// runs: `UnitStore` with every unit looked up at once.
///
/// Built before the analysis runs: `cached[i]` is unit i's stored result,
/// or nil when it must be analysed. After it, `store` writes the entries of
/// the packages with a unit that was analysed. (An entry per unit would
/// cost a file per unit; an entry keyed by all of a package's units would
/// re-analyse the whole package for any change in it.)
struct UnitCache<Result: Codable> {
    private var units: UnitStore<Result>
    /// Per unit: its package's entry key and its own key (empty when
    /// unknown: never stored or reused).
    private let places: [(entry: String, unit: String)]
    private(set) var cached: [Result?]
    var reusedUnits: Int { units.reusedUnits }

    /// `settings`: everything besides the closure that decides the units'
    /// results (enabled rules with their levels, limits). `group(i)` names
    /// unit i's package (its import path and files): the entry's identity.
    init(memo: AnalysisMemo, kind: String, settings: String, count: Int, group: (Int) -> String, key: (Int) -> [UInt8]) {
        var units = UnitStore<Result>(memo: memo, kind: kind, settings: settings)
        var entries: [String: String] = [:]
        let places = (0..<count).map { i -> (entry: String, unit: String) in
            let g = group(i)
            let entry = entries[g] ?? units.entryKey(g)
            entries[g] = entry
            return (entry, units.unitKey(key(i)))
        }
        cached = places.map { units.cached(entry: $0.entry, unit: $0.unit) }
        self.units = units
        self.places = places
    }

    /// Writes the entries of the packages with a unit that was analysed;
    /// `results` holds every unit's result, in unit order.
    func store(_ results: [Result], jobs: Parallelism) {
        var units = self.units
        for (i, place) in places.enumerated() {
            units.record(entry: place.entry, unit: place.unit, results[i], analysed: cached[i] == nil)
        }
        units.save(jobs: jobs)
    }
}
