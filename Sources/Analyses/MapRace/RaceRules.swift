/// The conditions under which two accesses of one map race, shared by
/// every check.
enum RaceRules {
    /// At least one writes, and no lock both hold excludes the other.
    static func mayRace(_ a: MapAccess, _ b: MapAccess) -> Bool {
        (a.isWrite || b.isWrite) && !a.locks.excludes(b.locks)
    }

    /// Two goroutines that synchronise with each other: one signals, after
    /// its access, what the other waits for before its own.
    static func ordered(_ a: MapAccess, _ c: MapAccess) -> Bool {
        !a.signalsAfter.isDisjoint(with: c.waitedBefore) || !c.signalsAfter.isDisjoint(with: a.waitedBefore)
    }

    /// The racing pairs between a group `g` (running, with `progress`) and a
    /// group `h` started now; `same` when `h` is another instance of `g`
    /// (objects that differ per iteration are then not shared).
    static func racingPairs(_ g: GoroutineGroup, progress: GroupProgress, _ h: GoroutineGroup,
                            same: Bool) -> [(MapAccess, MapAccess)] {
        var out: [(MapAccess, MapAccess)] = []
        for key in h.accesses.keys.sorted(by: placeOrder) {
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

    /// A deterministic order of places (for reproducible output).
    static func placeOrder(_ a: AbstractPlace, _ b: AbstractPlace) -> Bool {
        String(describing: a) < String(describing: b)
    }
}
