import ConcIR

/// The functions whose analysis can change a map-race finding, computed
/// once per run over the call graph's integer nodes.
///
/// A race needs a map access, so a function can report one, or carry
/// accesses in its summary, only if it or something it reaches over any
/// call-graph edge touches a map (or registers a net/http handler, whose
/// `ServeHTTP` summary it reads by type, without an edge). Such functions
/// are the map-reaching set; the summaries of everything they reach
/// (lock helpers, signalling helpers) feed into theirs. A function in
/// neither is called only by functions in neither: its summary (locks and
/// signals without accesses) is read by nobody that can report, so it is
/// not computed at all. Most of a large program holds mutexes and
/// channels but no map; this leaves out most of the relevant functions.
struct MapRaceScope {
    /// Per node: whether its analysis can matter to a finding.
    private let needed: [Bool]

    init(program: MapRaceProgram, scan: ProgramScan) {
        let graph = program.callGraph
        let count = graph.nodes.count
        let direct = (0..<count).map { $0 < program.count && scan.touchesMaps[$0] }
        // Callers of a map-reaching function reach the map too, and
        // everything a map-reaching function reaches feeds its summary.
        let needed = graph.closure(of: graph.closure(of: direct, .callers), .callees)
        self.needed = needed
    }

    func matters(_ node: Int) -> Bool { node < needed.count && needed[node] }
}
