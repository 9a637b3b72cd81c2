import ConcIR

/// Which functions may block in one of a rule's listed calls (`C.sleep`,
/// `C.getaddrinfo`, `syscall.Read` ...), directly or through the functions
/// they call: Go wrappers and the stubs of preamble C functions alike, so
/// `Lookup → C.resolve → getaddrinfo` is known to block. `go` statements
/// and callbacks do not propagate: they block another goroutine.
///
/// Only calls whose target is known propagate: static calls, and calls
/// through an interface or a function value that has exactly one possible
/// target in the program. A call that fans out to several implementations
/// (`w.Write` in `io.WriteString`, `Error()`/`String()` in `fmt`) is not
/// followed: which one runs depends on the value, and following every one
/// made nearly every function that formats or writes "reach" `getaddrinfo`
/// through some `Write` or `Error` method elsewhere in the program.
///
/// A dial or listen of net with a numeric address (`NumericNetAddress`)
/// never enters net's cgo resolver, so it is followed only into what its
/// callee may block in without the resolver: `Dial("tcp", "127.0.0.1:0")`
/// does not reach `getaddrinfo`, `Dial("tcp", "db:postgresql")` does.
struct BlockingCalls {
    /// The first step towards a listed call from a function.
    struct Step {
        var site: InstructionSite
        /// The listed call (when `next` is nil) or the function called next.
        var callee: String
        var next: Int?
    }

    let names: Set<String>
    private(set) var steps: [Int: Step] = [:]
    /// The functions that may block without entering net's cgo resolver
    /// (see `isResolver`): what a call with a numeric address can still
    /// reach (see `NumericNetAddress`).
    private var stepsAvoidingResolver: [Int: Step] = [:]
    private let index: AnalysedProgram

    init(program: CgoProgram, names: Set<String>) {
        self.names = names
        let index = program.index
        self.index = index
        guard !names.isEmpty else { return }
        var seeds: [Int: Step] = [:]
        // Only functions with a call naming a listed function can make one.
        for node in program.callNames.callers(of: names) {
            let function = index.function(node)
            search: for (b, block) in function.blocks.enumerated() {
                for (i, inst) in block.instructions.enumerated() where inst.mode != .go && inst.op.isCallShaped {
                    guard let listed = inst.callee?.possibleTargets.first(where: names.contains) else { continue }
                    seeds[node] = Step(site: InstructionSite(block: b, index: i), callee: listed, next: nil)
                    break search
                }
            }
        }
        let names = index.callGraph.names
        stepsAvoidingResolver = Self.callers(of: seeds.filter { !Self.isResolver(names[$0.key]) }, index) { e, _ in
            !Self.isResolver(names[e.from])
        }
        let avoiding = stepsAvoidingResolver
        steps = Self.callers(of: seeds, index) { e, inst in
            !NumericNetAddress.keepsOutOfResolver(inst, in: index.function(e.from)) || avoiding[e.to] != nil
        }
    }

    /// Breadth first from the seeds back to their callers, along the edges
    /// that may be followed (see `isSpecific`) and `follows` accepts (given
    /// the edge's call instruction): each function keeps a shortest chain.
    /// Sorting the seeds keeps the chains the same from run to run.
    private static func callers(of seeds: [Int: Step], _ index: AnalysedProgram,
                                follows: (CallGraph.Edge, Instruction) -> Bool) -> [Int: Step] {
        var steps = seeds
        var work = seeds.keys.sorted()
        var head = 0
        while head < work.count {
            let callee = work[head]
            head += 1
            for e in index.callGraph.incoming[callee].map({ index.callGraph.edges[$0] })
            where (e.kind == .call || e.kind == .defer) && steps[e.from] == nil && isSpecific(e, index) {
                if let inst = instruction(at: e, index), !follows(e, inst) { continue }
                steps[e.from] = Step(site: InstructionSite(block: e.site.block, index: e.site.instruction),
                                     callee: index.callGraph.names[callee], next: callee)
                work.append(e.from)
            }
        }
        return steps
    }

    /// Whether the function belongs to net's cgo resolver: the functions of
    /// its cgo files (`cgoLookupHost`, `cgoLookupPort`, `cgoLookupIP`,
    /// `cgoLookupServicePort` ... and their closures), the only Go code of
    /// net that calls C.
    static func isResolver(_ name: String) -> Bool { name.hasPrefix("net.cgo") }

    func mayBlock(_ node: Int) -> Bool { steps[node] != nil }

    /// Whether a call instruction of `function` may block when it enters
    /// `node`: a call with a numeric address (see `NumericNetAddress`)
    /// only through what does not need net's resolver.
    func mayBlock(_ node: Int, enteredBy inst: Instruction, in function: Function) -> Bool {
        guard steps[node] != nil else { return false }
        return stepsAvoidingResolver[node] != nil || !NumericNetAddress.keepsOutOfResolver(inst, in: function)
    }

    /// Whether a call may be followed: a static call, or a call through an
    /// interface or a function value with exactly one possible target.
    static func isSpecific(_ callee: Callee?, targets: [String]) -> Bool {
        switch callee {
        case .interface?, .dynamic?: return targets.count == 1
        default: return true
        }
    }

    /// Whether a call-graph edge is a call that may be followed (see
    /// `isSpecific`). An edge from a function operand (a callback such as
    /// `once.Do(f)`) is as specific as the operand.
    private static func isSpecific(_ e: CallGraph.Edge, _ index: AnalysedProgram) -> Bool {
        guard let inst = instruction(at: e, index), inst.op.isCallShaped, let callee = inst.callee else { return true }
        let targets = callee.possibleTargets
        guard targets.contains(index.callGraph.names[e.to]) else { return true }
        return isSpecific(callee, targets: targets)
    }

    /// The instruction a call-graph edge starts from.
    private static func instruction(at e: CallGraph.Edge, _ index: AnalysedProgram) -> Instruction? {
        let function = index.function(e.from)
        guard e.site.block < function.blocks.count, e.site.instruction < function.blocks[e.site.block].instructions.count
        else { return nil }
        return function.blocks[e.site.block].instructions[e.site.instruction]
    }

    /// The chain of calls an instruction blocks in, callee first
    /// (`["C.lookup_host", "C.getaddrinfo"]`); nil when it cannot block in a listed call.
    func chain(of inst: Instruction, facts: FunctionFacts) -> [String]? {
        guard inst.mode != .go, inst.op.isCallShaped else { return nil }
        let targets = facts.targets(of: inst.callee)
        guard Self.isSpecific(inst.callee, targets: targets) else { return nil }
        if let listed = targets.first(where: names.contains) { return [listed] }
        for t in targets {
            if let node = index.node(named: t), mayBlock(node, enteredBy: inst, in: facts.function) {
                return [CNames.short(t)] + chain(from: node)
            }
        }
        return nil
    }

    /// The calls from `node` down to the listed one.
    func chain(from node: Int) -> [String] {
        var out: [String] = []
        var current: Int? = node
        var seen = Set<Int>()
        while let n = current, seen.insert(n).inserted, let step = steps[n] {
            out.append(CNames.short(step.callee))
            current = step.next
        }
        return out
    }

    /// "C.getaddrinfo", or "C.getaddrinfo (through resolve → C.lookup_host)".
    static func describe(_ chain: [String]) -> String {
        guard let last = chain.last else { return "a blocking call" }
        return chain.count == 1 ? last : "\(last) (through \(chain.dropLast().joined(separator: " → ")))"
    }
}
