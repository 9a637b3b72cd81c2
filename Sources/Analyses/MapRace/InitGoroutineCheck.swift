import ConcIR

/// A goroutine that a package's `init` starts keeps running while `main`
/// does: Go runs every `init` on the main goroutine, then `main.main`, and
/// nothing orders what the goroutine does after that against `main`.
/// Neither function calls the other, so no function's analysis sees the
/// two together; this pairs each initializer's goroutines left running
/// (its summary's background, on package-level variables) with the
/// accesses of every program `main`.
struct InitGoroutineCheck {
    let program: MapRaceProgram
    let summaries: MapRaceSummaries

    /// Whether the check reads `node`'s summary (`MapRaceReuse` keeps
    /// those, as nothing calls either).
    static func reads(_ function: Function) -> Bool {
        FunctionName.isInitializer(function.name) || FunctionName.isProgramMain(function.name)
    }

    func races() -> [RaceReport] {
        var initializers: [Int] = []
        var mains: [Int] = []
        for node in 0..<program.count {
            let name = program.functions[node].name
            if FunctionName.isInitializer(name) { initializers.append(node) }
            if FunctionName.isProgramMain(name) { mains.append(node) }
        }
        guard !initializers.isEmpty, !mains.isEmpty else { return [] }
        var out: [RaceReport] = []
        var reported = Set<[RaceReport.SiteKey]>()
        for i in initializers {
            let started = summaries[i].background.filter(\.map.isGlobal)
            guard !started.isEmpty else { continue }
            let origin = SiteStep(function: i, position: program.functions[i].position, kind: .initialization)
            var group = GoroutineGroup(id: 0, origin: origin, entry: nil, perRequest: false)
            for a in started { group.add(a) }
            for m in mains {
                var own = GoroutineGroup(id: 1, origin: SiteStep(function: m, position: program.functions[m].position, kind: .call),
                                         entry: m, perRequest: false)
                for a in summaries[m].accesses where a.map.isGlobal { own.add(a) }
                for (a, c) in RaceRules.racingPairs(group, progress: GroupProgress(), own, same: false) {
                    guard reported.insert(RaceReport.sites(a, c)).inserted else { continue }
                    out.append(RaceReport(context: m, first: RaceSide(access: a, origin: origin, entry: nil),
                                          second: RaceSide(access: c, origin: nil, entry: m)))
                }
            }
        }
        return out
    }
}
