import ConcIR
import RuntimeModel

/// Which functions the analysis explores, and which of them run for the
/// whole life of the program.
struct RootSelection {
    /// Functions with a body that may start goroutines (themselves or through
    /// callees), callees first (bottom-up over the call graph), so that a
    /// helper's own witness is found before its callers'.
    let roots: [FunctionRef]
    /// `main` and `init` functions: when they return, the program ends (main)
    /// or goroutines they start are meant to live on.
    let programEntries: Set<FunctionRef>
    /// Functions called only from program entries (or from such functions),
    /// each time outside a loop: they run once, so goroutines they start
    /// without an exit are long-lived by design.
    let programLifetime: Set<FunctionRef>

    init(program: ProgramIndex, callGraph: CallGraph, graphs: SharedFunctionFacts) {
        let spawns = callGraph.maySpawnGoroutines()
        let communicating = CommunicatingFunctions(callGraph: callGraph)
        var roots: [FunctionRef] = []
        for component in callGraph.stronglyConnectedComponents() {
            for node in component.sorted() where node < program.functions.count && spawns[node] {
                let f = program.functions[node]
                guard f.hasBody else { continue }
                if callGraph.startsGoroutines(node) || communicating[node]
                    || RootSelection.joins(node, spawns: spawns, communicating: communicating, callGraph: callGraph) {
                    roots.append(FunctionRef(node))
                }
            }
        }
        self.roots = roots
        var entries = Set<FunctionRef>()
        for (i, f) in program.functions.enumerated() where RootSelection.isProgramEntry(f) { entries.insert(FunctionRef(i)) }
        programEntries = entries
        var lifetime = entries
        var changed = true
        while changed {
            changed = false
            for node in 0..<min(program.functions.count, callGraph.incoming.count) where !lifetime.contains(FunctionRef(node)) {
                let edges = callGraph.incoming[node].map { callGraph.edges[$0] }
                // Called only by such functions, and only once each: not from a loop.
                let once = edges.allSatisfy { e in
                    lifetime.contains(FunctionRef(e.from))
                        && !(graphs.cfg(e.from).isInCycle.dropFirst(e.site.block).first ?? false)
                }
                if !edges.isEmpty, once {
                    lifetime.insert(FunctionRef(node))
                    changed = true
                }
            }
        }
        programLifetime = lifetime
        onceOnly = RootSelection.onceOnly(program: program, callGraph: callGraph, graphs: graphs)
    }

    /// Functions that run at most once per process because every call of
    /// them is `once.Do(f)` on a package-level `sync.Once` (or comes from
    /// such a function, outside a loop): a goroutine they start is a
    /// process-wide service, not one more per call.
    let onceOnly: Set<FunctionRef>

    static func onceOnly(program: ProgramIndex, callGraph: CallGraph, graphs: SharedFunctionFacts) -> Set<FunctionRef> {
        let n = min(program.functions.count, callGraph.incoming.count)
        var result = Set<FunctionRef>()
        var changed = true
        var rounds = 0
        while changed && rounds < 8 {
            changed = false
            rounds += 1
            for node in 0..<n where !result.contains(FunctionRef(node)) {
                let edges = callGraph.incoming[node].map { callGraph.edges[$0] }
                guard !edges.isEmpty else { continue }
                let once = edges.allSatisfy { e in
                    guard e.from < program.functions.count else { return false }
                    let f = program.functions[e.from]
                    guard e.site.block < f.blocks.count, e.site.instruction < f.blocks[e.site.block].instructions.count else { return false }
                    let inst = f.blocks[e.site.block].instructions[e.site.instruction]
                    if inst.op == .onceDo, inst.mode == .now, case .place(let p)? = inst.operands.first, case .global = p.root,
                       inst.operands.count == 2, inst.operands[1] == .function(program.functions[node].name) {
                        return true
                    }
                    // Called once by a function that itself runs once.
                    return result.contains(FunctionRef(e.from)) && e.kind == .call && inst.mode == .now
                        && !(graphs.cfg(e.from).isInCycle.dropFirst(e.site.block).first ?? true)
                }
                if once {
                    result.insert(FunctionRef(node))
                    changed = true
                }
            }
        }
        return result
    }

    /// Whether the function brings together a callee that starts goroutines
    /// and another callee that communicates (`Async(f).Get()`: one helper
    /// starts the worker, another waits for it): what it abandons between
    /// the two is its own doing.
    static func joins(_ node: Int, spawns: [Bool], communicating: CommunicatingFunctions, callGraph: CallGraph) -> Bool {
        let callees = callGraph.callees(of: node, kinds: [.call, .defer]).filter { $0 < communicating.count }
        let spawning = callees.filter { spawns[$0] }
        guard !spawning.isEmpty else { return false }
        return callees.contains { c in
            communicating[c] && (spawning.count > 1 || spawning.first != c)
        }
    }

    /// The operations that make a function communicate by itself (with a
    /// `select`): one that only calls others that start goroutines,
    /// without taking part, has nothing of its own to block on, and its
    /// callees are explored as roots themselves.
    static let communication: Set<Opcode> = [
        .chanMake, .chanSend, .chanRecv, .chanClose, .wgAdd, .wgDone, .wgWait, .ctxWithCancel, .ctxWithCancelCause,
        .ctxWithTimeout, .ctxWithDeadline, .ctxCancel, .ctxDone,
    ]

    /// `main` (a function of no arguments named main) and `init` functions:
    /// the package initializer (`p.init`) and each `func init()` of the
    /// package, which the lowering names `p.init.0`, `p.init.1`, ...
    static func isProgramEntry(_ f: Function) -> Bool {
        guard f.kind == .function, f.parameters.isEmpty, f.results.isEmpty else { return false }
        return FunctionName.isProgramMain(f.name) || FunctionName.isInitializer(f.name)
    }
}
