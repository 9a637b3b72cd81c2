import ConcIR
import RuntimeModel

/// What a call to a function does to its arguments, as far as goroutine
/// leaks care. Computed bottom-up over the call graph's strongly connected
/// components (callees first), the way the Go compiler's escape analysis
/// tags parameters.
public struct FunctionSummary: Hashable, Sendable {
    /// Channel, WaitGroup, timer or context operations, goroutine starts, or
    /// calls through function values from code it does not see: the
    /// function must be executed, not skipped. (Locks alone do not count:
    /// they only order computation.) Calls through its parameters are
    /// `ParameterEffects.called`, decided by each caller's arguments.
    public var touchesConcurrency: Bool
    /// Per argument, receiver first.
    public var parameters: [ParameterEffects]
    /// Parts of parameters the function keeps, where it keeps no more of
    /// them: `return c.buckets[i]`, `l.PushFront(c.list)`. Others get that
    /// part, not the parameter, so only the part escapes when the call is
    /// skipped (a cache whose getter returns a bucket does not let its
    /// worker's channels escape). A parameter kept whole, or through a
    /// copy, is `retained` instead.
    public var retainedParts: [SkippableCalls.Part] = []
}

/// The effects a function (with its callees) has on one parameter.
public struct ParameterEffects: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let sends = ParameterEffects(rawValue: 1 << 0)
    public static let receives = ParameterEffects(rawValue: 1 << 1)
    public static let closes = ParameterEffects(rawValue: 1 << 2)
    /// Wait, Lock, or a send or receive that may block.
    public static let mayBlockOn = ParameterEffects(rawValue: 1 << 3)
    public static let addsOrDones = ParameterEffects(rawValue: 1 << 4)
    /// Handed to a goroutine the function starts.
    public static let passedToGoroutine = ParameterEffects(rawValue: 1 << 5)
    /// Stored in a global or a field, returned, sent, or passed to code the
    /// analysis does not see: others may use it later.
    public static let retained = ParameterEffects(rawValue: 1 << 6)
    /// Called as a function (or handed to a callee that calls it): what
    /// the call does depends on the value the caller passes. Recorded while
    /// the function does not touch concurrency by itself; once it does,
    /// every caller runs it whatever it passes.
    public static let called = ParameterEffects(rawValue: 1 << 7)
}

/// Summaries for every function of a call graph.
public struct CalleeSummaries: Sendable {
    public private(set) var summaries: [FunctionSummary]

    public init(program: ProgramIndex, callGraph: CallGraph) {
        let n = program.functions.count
        summaries = Array(repeating: FunctionSummary(touchesConcurrency: true, parameters: []), count: n)
        for component in callGraph.stronglyConnectedComponents() {
            let members = component.filter { $0 < n }
            // Optimistic start inside the component, then iterate to a fixpoint.
            for m in members { summaries[m] = FunctionSummary(touchesConcurrency: false, parameters: []) }
            let inComponent = ComponentMembership(members)
            var changed = true
            var rounds = 0
            while changed && rounds < 16 {
                changed = false
                rounds += 1
                var readsComponent = false
                for m in members {
                    let s = summarize(program.functions[m], program: program, component: inComponent, readsComponent: &readsComponent)
                    if s != summaries[m] {
                        summaries[m] = s
                        changed = true
                    }
                }
                // A round that read no summary of the component (a function
                // that does not call itself: most components) depended only
                // on finished components: another round would compute the
                // same summaries, so the fixpoint is reached.
                if !readsComponent { break }
            }
        }
    }

    public subscript(ref: FunctionRef) -> FunctionSummary { summaries[ref.index] }

    /// The functions the machine may skip, with the arguments they keep.
    /// The machine skips a function whatever it is called with, so one
    /// that calls a parameter is run.
    public var skippableCalls: SkippableCalls {
        var table: [FunctionRef: [Bool]] = [:]
        var parts: [FunctionRef: [SkippableCalls.Part]] = [:]
        for (i, s) in summaries.enumerated() where !s.touchesConcurrency && !s.parameters.contains(where: { $0.contains(.called) }) {
            table[FunctionRef(i)] = s.parameters.map { $0.contains(.retained) }
            if !s.retainedParts.isEmpty { parts[FunctionRef(i)] = s.retainedParts }
        }
        return SkippableCalls(retainedArguments: table, retainedParts: parts)
    }

    private static let concurrencyOps: Set<Opcode> = [
        .chanMake, .chanSend, .chanRecv, .chanClose, .chanLen,
        .wgAdd, .wgDone, .wgWait, .wgGo,
        .timerNew, .tickerNew, .timerStop, .tickerStop, .timerReset, .tickerReset,
        .timeAfter, .timeAfterFunc, .timeTick,
        .ctxWithCancel, .ctxWithCancelCause, .ctxWithTimeout, .ctxWithDeadline, .ctxCancel, .ctxDone,
        .onceDo,
    ]

    /// The summary of `f` from the current `summaries`; sets `readsComponent`
    /// when it read the summary of a member of `component`.
    private func summarize(_ f: Function, program: ProgramIndex, component: ComponentMembership,
                           readsComponent: inout Bool) -> FunctionSummary {
        var names: [String] = []
        if let r = f.receiver { names.append(r.name) }
        names += f.parameters.map(\.name)
        var effects = [ParameterEffects](repeating: [], count: names.count)
        guard f.hasBody else {
            return FunctionSummary(touchesConcurrency: false, parameters: effects.map { _ in .retained })
        }
        // Which parameters each variable or temporary may hold (flow-insensitive).
        var holds: [Place.Root: Set<Int>] = [:]
        for (i, name) in names.enumerated() where !name.isEmpty { holds[.variable(name), default: []].insert(i) }
        func params(_ o: Operand) -> Set<Int> {
            switch o {
            case .place(let p):
                return holds[p.root] ?? []
            case .function(let name):
                // A closure of this function holds the parameters it captures.
                guard let ref = program.function(named: name), program[ref].parent == f.name else { return [] }
                return Set(program[ref].captures.compactMap { c in names.firstIndex(of: c.name) })
            default:
                return []
            }
        }
        // Parameters the function assigns (a select's receive included) or
        // takes the address of: a place rooted at one may not be a part of
        // what the caller passed.
        var rebound = Set<String>()
        func rebinds(_ results: [Operand]) {
            for case .place(let p) in results where p.path.isEmpty {
                if case .variable(let v) = p.root { rebound.insert(v) }
            }
        }
        for block in f.blocks {
            for inst in block.instructions {
                if inst.op == .addr, case .place(let p)? = inst.operands.first, p.path.isEmpty, case .variable(let v) = p.root {
                    rebound.insert(v)
                }
                rebinds(inst.results)
            }
            if case .select(let cases, _)? = block.terminator {
                for c in cases { if case .recv(_, let results) = c.communication { rebinds(results) } }
            }
        }
        var retainedParts = Set<SkippableCalls.Part>()
        var changed = true
        var rounds = 0
        while changed && rounds < 32 {
            changed = false
            rounds += 1
            for block in f.blocks {
                for inst in block.instructions where inst.op == .assign || inst.op == .addr {
                    guard let src = inst.operands.first, case .place(let dst)? = inst.results.first, dst.path.isEmpty else { continue }
                    let from = params(src)
                    if !from.isEmpty, !(holds[dst.root] ?? []).isSuperset(of: from) {
                        holds[dst.root, default: []].formUnion(from)
                        changed = true
                    }
                }
            }
        }
        var touches = false
        var functionValues: LocalFunctionValues?
        func values() -> LocalFunctionValues {
            if let functionValues { return functionValues }
            let made = LocalFunctionValues(f, program: program)
            functionValues = made
            return made
        }
        func mark(_ o: Operand, _ e: ParameterEffects) {
            var e = e
            // A part of a parameter itself (not of a copy): only the part is kept.
            if e.contains(.retained), case .place(let p) = o, !p.path.isEmpty, case .variable(let name) = p.root,
               !rebound.contains(name), let i = names.firstIndex(of: name), holds[p.root] == [i] {
                retainedParts.insert(SkippableCalls.Part(argument: i, path: p.path))
                e.remove(.retained)
            }
            for i in params(o) where i < effects.count { effects[i].formUnion(e) }
        }
        for block in f.blocks {
            for inst in block.instructions {
                if CalleeSummaries.concurrencyOps.contains(inst.op) || inst.spawnsGoroutine { touches = true }
                let first = inst.operands.first ?? .unknown
                switch inst.op {
                case .chanSend:
                    mark(first, [.sends, .mayBlockOn])
                    if inst.operands.count > 1 { mark(inst.operands[1], .retained) }
                case .chanRecv: mark(first, [.receives, .mayBlockOn])
                case .chanClose: mark(first, .closes)
                case .wgAdd, .wgDone: mark(first, .addsOrDones)
                case .wgWait: mark(first, .mayBlockOn)
                case .mutexLock, .mutexRLock: mark(first, .mayBlockOn)
                case .use, .poolPut, .atomicValueStore, .atomicValueSwap, .atomicValueCAS, .cgoCall:
                    inst.operands.forEach { mark($0, .retained) }
                case .mapWrite:
                    // The model does not follow what maps hold (see the machine's mapWrite).
                    inst.operands.dropFirst().forEach { mark($0, .retained) }
                case .assign:
                    if case .place(let dst)? = inst.results.first, !dst.path.isEmpty || dst.root.isGlobal { mark(first, .retained) }
                case .call:
                    if !touches {
                        touches = callTouches(inst, values: values, calledParameters: &effects, program: program,
                                              component: component, readsComponent: &readsComponent)
                    }
                    applyCall(inst, program: program, component: component, readsComponent: &readsComponent, mark: mark)
                default:
                    if inst.mode == .go { inst.operands.forEach { mark($0, .passedToGoroutine) } }
                }
            }
            switch block.terminator {
            case .return(let values)?:
                values.forEach { mark($0, .retained) }
            case .select(let cases, _)?:
                if !cases.isEmpty { touches = true }
                for c in cases {
                    switch c.communication {
                    case .send(let ch, let v):
                        mark(ch, [.sends, .mayBlockOn])
                        mark(v, .retained)
                    case .recv(let ch, _):
                        mark(ch, [.receives, .mayBlockOn])
                    }
                }
            default: break
            }
        }
        // A part of a parameter that is kept anyway adds nothing.
        let parts = retainedParts.filter { $0.argument < effects.count && !effects[$0.argument].contains(.retained) }
        return FunctionSummary(touchesConcurrency: touches, parameters: effects, retainedParts: parts.sorted())
    }

    /// Whether the call makes the caller one the machine must execute. A
    /// call through one of the caller's parameters, or that hands one to a
    /// callee that calls it, marks that parameter `called` instead.
    private func callTouches(_ inst: Instruction, values: () -> LocalFunctionValues,
                             calledParameters effects: inout [ParameterEffects], program: ProgramIndex,
                             component: ComponentMembership, readsComponent: inout Bool) -> Bool {
        if inst.mode == .go { return true }
        guard let callee = inst.callee else { return false }
        func summary(_ name: String) -> FunctionSummary? {
            guard let ref = program.function(named: name) else { return nil }
            if component.contains(ref.index) { readsComponent = true }
            return summaries[ref.index]
        }
        /// Whether calling through a value from `from` may touch concurrency.
        func mayTouch(_ from: LocalFunctionValues.Sources) -> Bool {
            if from.unknown { return true }
            for i in from.parameters where i < effects.count { effects[i].insert(.called) }
            // With arguments this function does not choose: what the value does
            // on its own and through whatever it calls.
            return from.names.contains { name in
                if KnownSpawners.standard[name] != nil { return true }
                guard let s = summary(name) else { return false }
                return s.touchesConcurrency || s.parameters.contains { $0.contains(.called) }
            }
        }
        /// Whether a call of `name` with this instruction's arguments may.
        func callOf(_ name: String) -> Bool {
            if KnownSpawners.standard[name] != nil { return true }
            guard let s = summary(name) else { return false }
            if s.touchesConcurrency { return true }
            for (j, e) in s.parameters.enumerated() where e.contains(.called) {
                if j >= inst.operands.count || mayTouch(values().sources(of: inst.operands[j])) { return true }
            }
            return false
        }
        switch callee {
        case .dynamic(let value, let targets):
            var from = values().sources(of: value)
            // The machine calls the lowering's single possible target when
            // it cannot tell the value (`Machine.resolveCallee`).
            if targets.count == 1 { from.names.insert(targets[0]) }
            return mayTouch(from)
        case .function(let name), .method(let name):
            return callOf(name)
        case .interface(_, let impls):
            // The machine runs an interface call only when one implementation is known.
            guard impls.count == 1 else { return false }
            return callOf(impls[0])
        case .unknown:
            return false
        }
    }

    /// A call's effects on the caller's parameters it passes on.
    private func applyCall(_ inst: Instruction, program: ProgramIndex, component: ComponentMembership,
                           readsComponent: inout Bool, mark: (Operand, ParameterEffects) -> Void) {
        let targets = inst.callee?.possibleTargets ?? []
        let known = targets.compactMap { program.function(named: $0) }
        if !inst.operands.isEmpty, known.count == targets.count, known.contains(where: { component.contains($0.index) }) {
            readsComponent = true
        }
        for (i, arg) in inst.operands.enumerated() {
            if known.isEmpty || known.count != targets.count {
                mark(arg, .retained)
                continue
            }
            var e: ParameterEffects = []
            for ref in known {
                let s = summaries[ref.index]
                e.formUnion(i < s.parameters.count ? s.parameters[i] : .retained)
                // A part the callee keeps of the argument is kept of what
                // was passed (the whole argument, at most).
                if s.retainedParts.contains(where: { $0.argument == i }) { e.insert(.retained) }
            }
            if inst.mode == .go { e.insert(.passedToGoroutine) }
            // Which of the caller's parameters a call runs is the function
            // values' flow (`callTouches`), not this one: a closure handed
            // to a callee that calls it does not call what it captures.
            e.remove(.called)
            mark(arg, e)
        }
    }
}

/// The members of one strongly connected component, for asking whether a
/// summary read belongs to the component being solved. Components are
/// almost always one function: a small array then, a set for big ones.
struct ComponentMembership {
    private let few: [Int]
    private let many: Set<Int>?

    init(_ members: [Int]) {
        few = members
        many = members.count > 8 ? Set(members) : nil
    }

    func contains(_ node: Int) -> Bool { many?.contains(node) ?? few.contains(node) }
}
