import ConcIR

/// What a function's instructions name, as one engine's models see it:
/// which models it matters to whatever the summaries say, and which it
/// names an acquiring or releasing call of; with the model-independent
/// references (`FunctionReferences`) it was derived from.
///
/// The engine asks, for every function, every model and every round of a
/// recursive component, whether the function can matter and whether it
/// can acquire anything; answered by walking every instruction and looking
/// up callee names in the call graph's String-keyed index, those questions
/// were a third of the lifecycle analysis. Here they are a few lookups of
/// small integers.
struct FunctionMentions: Sendable {
    let references: FunctionReferences
    /// Per model: relevant without looking at any summary (it names one of
    /// the model's calls, invokes a function value for a model released by
    /// invoking, or takes an input that could hold the resource).
    let relevantByItself: [Bool]
    /// Per model: it names one of the model's acquiring calls.
    let namesAcquisition: [Bool]
    /// Per model: it names one of the model's releasing calls.
    let namesRelease: [Bool]

    /// The nodes of the functions it calls or refers to (`FunctionReferences`).
    var namedNodes: [Int] { references.namedNodes }
    /// The helpers it calls now with exactly one target (`FunctionReferences`).
    var singleTargetNodes: [Int] { references.singleTargetNodes }

    init(node: Int, references: FunctionReferences, program: AnalysedProgram, models: [ResourceModel],
         filters: [ResourceTypeFilter], index: ModelTargetIndex) {
        self.references = references
        var acquiring = [Bool](repeating: false, count: models.count)
        var releasing = [Bool](repeating: false, count: models.count)
        for target in references.targets {
            guard let entry = index.byTarget[target] else { continue }
            for m in entry.acquiring { acquiring[m] = true }
            for m in entry.releasing { releasing[m] = true }
        }
        namesAcquisition = acquiring
        namesRelease = releasing
        let function = program.function(node)
        let inputs = (function.receiver.map { [$0] } ?? []) + function.parameters + function.captures
        relevantByItself = models.indices.map { m in
            if acquiring[m] || releasing[m] { return true }
            if models[m].releasesByInvoking, references.invokes { return true }
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
