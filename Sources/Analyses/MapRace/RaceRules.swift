/// The conditions under which two accesses of one map race, shared by
/// every check.
enum RaceRules {
    /// At least one writes, and no lock both hold excludes the other.
    static func mayRace(_ a: MapAccess, _ b: MapAccess) -> Bool {
        (a.isWrite || b.isWrite) && !a.runsFunctionValue && !b.runsFunctionValue && !a.locks.excludes(b.locks)
    }

    /// Two goroutines that synchronise with each other: one signals, after
    /// its access, what the other waits for before its own.
    static func ordered(_ a: MapAccess, _ c: MapAccess) -> Bool {
        !a.signalsAfter.isDisjoint(with: c.waitedBefore) || !c.signalsAfter.isDisjoint(with: a.waitedBefore)
            || !a.signalsAfter.isDisjoint(with: c.startedAfter) || !c.signalsAfter.isDisjoint(with: a.startedAfter)
    }

    /// The racing pairs between a group `g` (running, with `progress`) and a
    /// group `h` started now; `same` when `h` is another instance of `g`
    /// (objects that differ per iteration are then not shared).
    static func racingPairs(_ g: GoroutineGroup, progress: GroupProgress, _ h: GoroutineGroup,
                            same: Bool) -> [(MapAccess, MapAccess)] {
        var out: [(MapAccess, MapAccess)] = []
        // Only maps both touch, in a fixed order (dictionary order changes
        // from run to run).
        for key in h.accesses.keys.filter({ g.accesses[$0] != nil }).sorted(by: placeOrder) {
            guard let older = g.accesses[key], let newer = h.accesses[key] else { continue }
            for a in older where a.signalsAfter.isDisjoint(with: progress.joined) {
                for c in newer where mayRace(a, c) {
                    if same && (a.perIteration || c.perIteration) { continue }
                    if ordered(a, c) { continue }
                    out.append((a, c))
                }
            }
        }
        return out
    }

    static func siteOrder(_ a: SiteStep, _ b: SiteStep) -> Bool {
        (a.function, a.position.line, a.position.column) < (b.function, b.position.line, b.position.column)
    }

    /// A deterministic order of places (for reproducible output): by root,
    /// then step by step. Printing both places to compare their text took
    /// about 5% of the analysis's time on GOROOT/src.
    static func placeOrder(_ a: AbstractPlace, _ b: AbstractPlace) -> Bool {
        if a.root != b.root { return rootOrder(a.root, b.root) }
        for (x, y) in zip(a.steps, b.steps) where x != y {
            switch (x, y) {
            case (.field(let f), .field(let g)): return f < g
            case (.field, .element): return true
            case (.element, _): return false
            }
        }
        return a.steps.count < b.steps.count
    }

    private static func rootOrder(_ a: AccessRoot, _ b: AccessRoot) -> Bool {
        func rank(_ r: AccessRoot) -> Int {
            switch r {
            case .parameter: return 0
            case .result: return 1
            case .global: return 2
            case .local: return 3
            }
        }
        switch (a, b) {
        case (.parameter(let i), .parameter(let j)), (.result(let i), .result(let j)): return i < j
        case (.global(let x), .global(let y)): return x < y
        case (.local(let o, let x), .local(let p, let y)): return (o, x) < (p, y)
        default: return rank(a) < rank(b)
        }
    }
}
