import ConcIR
import Discovery
import RuleEngine

/// What functions do with the WaitGroups they are given: which they call
/// Done on, on every path (by the lifecycle engine's summaries of a
/// built-in "wg.Done" resource) or on some path (by their Done calls).
/// Shared by the WaitGroup checks.
struct WaitGroupFacts {
    /// The built-in model: a WaitGroup owes one Done; `defer wg.Done()`
    /// pays it on every path, panics included; handing the WaitGroup to a
    /// goroutine or helper that pays it counts.
    let model: ResourceModel
    let summaries: SummaryTable
    private let someDone: [Int: Set<SummaryPlace>]

    static let modelIndex = 0

    static func makeModel() -> ResourceModel? {
        guard let leak = MessageTemplate("{resource} is not done") else { return nil }
        let done = CallPattern(packagePath: "sync", receiver: .init(typeName: "WaitGroup", isPointer: true), name: "Done")
        let spec = LifecycleSpec(resource: "WaitGroup", acquire: [], release: [.call(done, .receiver)],
                                 transfer: [.argumentIfReleased, .goroutineIfReleased, .closureIfReleased],
                                 messages: LifecycleMessages(leak: leak),
                                 options: LifecycleOptions(deferReleaseOK: true, loopScoped: false, panicPaths: true))
        return ResourceModel(ruleID: "wg-done", spec: spec)
    }

    init?(index: AnalysedProgram, limits: AnalysisLimits, jobs: Parallelism = 1) {
        guard let model = Self.makeModel() else { return nil }
        self.model = model
        summaries = LifecycleEngine(program: index, models: [model], limits: limits, jobs: jobs).run().summaries
        var someDone: [Int: Set<SummaryPlace>] = [:]
        for node in 0..<index.nodeCount where index.callGraph.operations[node].contains(.wgDone) {
            let function = index.function(node)
            let naming = PlaceNaming(function)
            for block in function.blocks {
                for inst in block.instructions where inst.op == .wgDone {
                    if let p = inst.operands.first?.place, let sp = naming.summaryPlace(for: p) {
                        someDone[node, default: []].insert(sp)
                    }
                }
            }
        }
        self.someDone = someDone
    }

    /// Places the function calls Done on, on some path (directly) or on
    /// every path (through what it calls).
    func dones(_ node: Int) -> Set<SummaryPlace> {
        var out = someDone[node] ?? []
        if let s = summaries[node, Self.modelIndex] { out.formUnion(s.releases.union(s.handsOver)) }
        return out
    }

    /// Whether the instruction starts a goroutine that calls Done on `wg`
    /// (a place of the spawning function, normalized by `facts`).
    func spawnsDone(_ inst: Instruction, on wg: Place, facts: FunctionFacts, index: AnalysedProgram) -> Bool {
        guard inst.mode == .go, let callee = inst.callee else { return false }
        return callee.possibleTargets.contains { name in
            guard let node = index.node(named: name) else { return false }
            return dones(node).contains { sp in
                sp.place(inCallWith: inst.operands).map(facts.normalize) == wg
            }
        }
    }
}
