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

    init(program: MapRaceProgram) {
        let graph = program.callGraph
        let count = graph.nodes.count
        var reaching = [Bool](repeating: false, count: count)
        var work: [Int] = []
        for node in 0..<min(count, program.count) where Self.touchesMaps(program.functions[node]) {
            reaching[node] = true
            work.append(node)
        }
        // Callers of a map-reaching function reach the map too.
        while let node = work.popLast() {
            for i in graph.incoming[node] {
                let caller = graph.edges[i].from
                guard !reaching[caller] else { continue }
                reaching[caller] = true
                work.append(caller)
            }
        }
        // Everything a map-reaching function reaches feeds its summary.
        var needed = reaching
        work = (0..<count).filter { reaching[$0] }
        while let node = work.popLast() {
            for i in graph.outgoing[node] {
                let callee = graph.edges[i].to
                guard !needed[callee] else { continue }
                needed[callee] = true
                work.append(callee)
            }
        }
        self.needed = needed
    }

    func matters(_ node: Int) -> Bool { node < needed.count && needed[node] }

    private static let mapOperations: Set<Opcode> = [.mapRead, .mapWrite, .mapDelete, .mapLen, .mapRange, .mapClear]

    /// A map operation of its own, or a handler registration (its group
    /// comes from the handler type's `ServeHTTP`, found by type).
    private static func touchesMaps(_ function: Function) -> Bool {
        for block in function.blocks {
            for inst in block.instructions {
                if mapOperations.contains(inst.op) { return true }
                guard inst.op == .call, let callee = inst.callee else { continue }
                for name in callee.possibleTargets where ConcurrencyVocabulary.perRequestRegistrations[name] != nil { return true }
            }
        }
        return false
    }
}
