import ConcIR

/// What a function's instructions name, gathered in one pass when the
/// engine starts: the operations and callees it matches (each once), the
/// functions it calls or refers to as call-graph nodes, and which models
/// it matters to whatever the summaries say.
///
/// The engine asks, for every function, every model and every round of a
/// recursive component, whether the function can matter and whether it
/// can acquire anything; answered by walking every instruction and looking
/// up callee names in the call graph's String-keyed index, those questions
/// were a third of the lifecycle analysis. Here they are a few lookups of
/// small integers.
struct FunctionMentions: Sendable {
    /// The distinct targets of the function's instructions (`matchTargets`).
    let targets: [CompiledCall.Target]
    /// Some instruction calls a function value held in a place.
    let invokes: Bool
    /// The distinct nodes of the functions it calls (known targets) or
    /// refers to (function operands).
    let namedNodes: [Int]
    /// The nodes of the known targets of its calls and cgo calls that run
    /// now and have exactly one target: the helpers whose summaries can
    /// acquire (`AcquisitionFinder`).
    let singleTargetNodes: [Int]
    /// Per model: relevant without looking at any summary (it names one of
    /// the model's calls, invokes a function value for a model released by
    /// invoking, or takes an input that could hold the resource).
    let relevantByItself: [Bool]
    /// Per model: it names one of the model's acquiring calls.
    let namesAcquisition: [Bool]
    /// Per model: it names one of the model's releasing calls.
    let namesRelease: [Bool]

    init(node: Int, program: AnalysedProgram, models: [ResourceModel], filters: [ResourceTypeFilter], index: ModelTargetIndex) {
        let function = program.function(node)
        var targets = Set<CompiledCall.Target>()
        var invokes = false
        var named = Set<Int>()
        var singles = Set<Int>()
        for block in function.blocks {
            for inst in block.instructions {
                targets.formUnion(inst.matchTargets)
                if inst.invokedPlace != nil { invokes = true }
                let known = inst.callee?.possibleTargets ?? []
                for name in known {
                    if let n = program.node(named: name) { named.insert(n) }
                }
                if inst.op.isCallShaped, inst.mode == .now, known.count == 1, let n = program.node(named: known[0]) {
                    singles.insert(n)
                }
                for case .function(let name) in inst.operands {
                    if let n = program.node(named: name) { named.insert(n) }
                }
            }
        }
        self.targets = Array(targets)
        self.invokes = invokes
        namedNodes = named.sorted()
        singleTargetNodes = singles.sorted()
        var acquiring = [Bool](repeating: false, count: models.count)
        var releasing = [Bool](repeating: false, count: models.count)
        for target in targets {
            guard let entry = index.byTarget[target] else { continue }
            for m in entry.acquiring { acquiring[m] = true }
            for m in entry.releasing { releasing[m] = true }
        }
        namesAcquisition = acquiring
        namesRelease = releasing
        let inputs = (function.receiver.map { [$0] } ?? []) + function.parameters + function.captures
        relevantByItself = models.indices.map { m in
            if acquiring[m] || releasing[m] { return true }
            if models[m].releasesByInvoking, invokes { return true }
            guard !models[m].transfers.isEmpty else { return false }
            return inputs.contains { filters[m].mayHold($0.type, in: program.types) && !$0.name.isEmpty }
        }
    }
}

/// For each call or operation some model matches, which models acquire
/// and which release by it: one lookup per distinct target of a function
/// instead of two per model.
struct ModelTargetIndex: Sendable {
    struct Entry: Sendable {
        var acquiring: [Int] = []
        var releasing: [Int] = []
    }
    let byTarget: [CompiledCall.Target: Entry]

    init(_ models: [ResourceModel]) {
        var table: [CompiledCall.Target: Entry] = [:]
        for (m, model) in models.enumerated() {
            for target in model.acquisitions.keys { table[target, default: Entry()].acquiring.append(m) }
            for target in model.releases.keys { table[target, default: Entry()].releasing.append(m) }
        }
        byTarget = table
    }
}
