/// net/http runs a handler's `ServeHTTP` on a goroutine per request, so a
/// handler races with itself on whatever its receiver or globals reach,
/// even when the analysed code never registers it (it is handed to a
/// server as an interface value). Accesses through the request and the
/// response writer are per request.
struct HandlerSelfCheck {
    let program: MapRaceProgram
    let summaries: MapRaceSummaries

    func races() -> [RaceReport] {
        var out: [RaceReport] = []
        for node in 0..<program.count where ConcurrencyVocabulary.isServeHTTP(program.functions[node]) {
            let summary = summaries[node]
            guard !summary.isEmpty else { continue }
            let origin = SiteStep(function: node, position: program.functions[node].position, kind: .handler)
            var group = GoroutineGroup(id: 0, origin: origin, entry: node, perRequest: true)
            for a in summary.accesses + summary.background where HandlerSelfCheck.isShared(a.map.root) {
                group.add(a)
            }
            for (a, c) in RaceRules.racingPairs(group, progress: GroupProgress(), group, same: true) {
                out.append(RaceReport(context: node,
                                      first: RaceSide(access: a, origin: origin, entry: node, perRequest: true),
                                      second: RaceSide(access: c, origin: origin, entry: node, isAnotherInstance: true, perRequest: true)))
            }
        }
        return out
    }

    /// The receiver and globals are shared by every request; the writer,
    /// the request and results are not.
    private static func isShared(_ root: AccessRoot) -> Bool {
        switch root {
        case .parameter(let i): return i == 0
        case .global, .local: return true
        case .result: return false
        }
    }
}
