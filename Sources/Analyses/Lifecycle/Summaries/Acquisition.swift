import ConcIR
import RuleEngine

/// One place in a function where a resource comes into being: a call the
/// rule lists, or a call of a helper whose summary returns a fresh one or
/// leaves one acquired.
struct Acquisition: Sendable {
    var block: Int
    var index: Int
    var position: Position
    /// The call as messages name it (`time.NewTicker`, `p.newTicker`).
    var display: String
    /// Where the resource is: a result the call writes, or a receiver or
    /// argument it locks. Nil when the result is not kept.
    var resource: Place?
    /// The resource is an existing place (a mutex) rather than a new value.
    var isPlaceResource: Bool
    /// The call's error result, when it has one.
    var errorPlace: Place?
    /// The call writes its result into a variable (so `defer v.Stop()` can name it).
    var bindsVariable: Bool
    /// The context the resource is bound to (see `AcquireSpec.contextArgument`).
    var boundContext: Place? = nil
    /// A helper's `ok` result, when it has one and no error result, or the
    /// rule's success result (`TryLock`'s): where it is false, nothing was
    /// acquired (`lock, ok := c.acquire()`, `if mu.TryLock() { ... }`).
    var successFlag: Place? = nil
}

enum AcquisitionFinder {
    /// Every acquisition of `model` in the function, in block order.
    static func find(in facts: FunctionFacts, model: ResourceModel, modelIndex: Int,
                     program: AnalysedProgram, summaries: SummaryTable) -> [Acquisition] {
        var out: [Acquisition] = []
        for (b, block) in facts.function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() {
                // A context whose deadline has passed, or whose parent is
                // cancelled, is cancelled before the call returns: there is
                // nothing to acquire.
                if ExpiredDeadline.isExpired(inst, at: i, in: block)
                    || ContextLifetime.hasCancelledParent(inst, at: i, in: block) { continue }
                let declared = model.acquisitions(of: inst, types: facts.types)
                for call in declared {
                    let operand = call.resource(in: inst)
                    var isPlace = false
                    if case .result = call.slot {} else { isPlace = true }
                    out.append(Acquisition(
                        block: b, index: i, position: inst.position, display: call.display,
                        resource: operand?.place, isPlaceResource: isPlace,
                        errorPlace: call.errorResult.flatMap { $0 < inst.results.count ? inst.results[$0].place : nil },
                        bindsVariable: isVariable(operand), boundContext: call.context(in: inst)?.place,
                        successFlag: call.successResult.flatMap { $0 < inst.results.count ? inst.results[$0].place : nil }))
                }
                // A call the rule lists is one acquisition even when the
                // callee is also analysed and its summary returns a fresh
                // resource (a rule naming (*database/sql.DB).Query, linted
                // inside database/sql): the rule's own entry wins, so the
                // same resource is not counted twice under two names.
                let covered = Set(out.suffix(declared.count).map { $0.resource })
                out += helperAcquisitions(inst, block: b, index: i, modelIndex: modelIndex, program: program, summaries: summaries)
                    .filter { declared.isEmpty || !covered.contains($0.resource) }
            }
        }
        return out
    }

    /// Calls of helpers that return a fresh resource or leave one acquired.
    private static func helperAcquisitions(_ inst: Instruction, block: Int, index: Int, modelIndex: Int,
                                           program: AnalysedProgram, summaries: SummaryTable) -> [Acquisition] {
        // A cgo call counts too: preamble C functions have stubs with summaries.
        guard inst.op.isCallShaped, inst.mode == .now, let callee = inst.callee else { return [] }
        let targets = callee.possibleTargets
        guard targets.count == 1, let node = program.node(named: targets[0]),
              let summary = summaries[node, modelIndex] else { return [] }
        let display = ShortName.of(targets[0])
        var out: [Acquisition] = []
        let signature = program.function(node).signature
        for r in summary.returnsFresh.sorted() {
            let operand = r < inst.results.count ? inst.results[r] : nil
            let errorIndex = signature.results.indices.last { $0 != r && signature.results[$0] == .basic(.error) }
            let flagIndex = errorIndex == nil ? signature.results.indices.last { $0 != r && signature.results[$0] == .basic(.bool) } : nil
            out.append(Acquisition(
                block: block, index: index, position: inst.position, display: display, resource: operand?.place,
                isPlaceResource: false,
                errorPlace: errorIndex.flatMap { $0 < inst.results.count ? inst.results[$0].place : nil },
                bindsVariable: isVariable(operand),
                successFlag: flagIndex.flatMap { $0 < inst.results.count ? inst.results[$0].place : nil }))
        }
        for sp in summary.acquires.sorted() {
            guard let place = sp.place(inCallWith: inst.operands) else { continue }
            // `func (c *C) tryLock() bool { return c.mu.TryLock() }`: locked
            // where its result is true.
            let flag = summary.acquiresWhenTrue[sp].flatMap { $0 < inst.results.count ? inst.results[$0].place : nil }
            // `func (s *S) lock() error`: locked where its error is nil.
            let error = summary.acquiresWhenNil[sp].flatMap { $0 < inst.results.count ? inst.results[$0].place : nil }
            out.append(Acquisition(block: block, index: index, position: inst.position, display: display,
                                   resource: place, isPlaceResource: true, errorPlace: error, bindsVariable: false,
                                   successFlag: flag))
        }
        return out
    }

    private static func isVariable(_ operand: Operand?) -> Bool {
        guard case .place(let p)? = operand, case .variable = p.root, p.path.isEmpty else { return false }
        return true
    }
}

/// Qualified names shortened for messages: `example.com/p.newTicker` is
/// `p.newTicker`, `(*example.com/p.T).M` is `(*p.T).M`; the stub of a C
/// function of a cgo preamble (`example.com/p._Cfunc_open`) is `C.open`.
enum ShortName {
    static func of(_ qualified: String) -> String {
        if let r = qualified.range(of: "._Cfunc_") { return "C." + qualified[r.upperBound...] }
        guard let slash = qualified.lastIndex(of: "/") else { return qualified }
        var prefix = ""
        if qualified.hasPrefix("(*") { prefix = "(*" } else if qualified.hasPrefix("(") { prefix = "(" }
        return prefix + qualified[qualified.index(after: slash)...]
    }
}
