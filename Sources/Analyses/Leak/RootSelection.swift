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
    /// Functions reached only from program entries: goroutines they start
    /// without an exit are long-lived by design.
    let programLifetime: Set<FunctionRef>

    init(program: ProgramIndex, callGraph: CallGraph) {
        let spawns = callGraph.maySpawnGoroutines()
        var roots: [FunctionRef] = []
        for component in callGraph.stronglyConnectedComponents() {
            for node in component.sorted() where node < program.functions.count && spawns[node] && program.functions[node].hasBody {
                roots.append(FunctionRef(node))
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
                let callers = callGraph.incoming[node].map { callGraph.edges[$0].from }
                if !callers.isEmpty, callers.allSatisfy({ lifetime.contains(FunctionRef($0)) }) {
                    lifetime.insert(FunctionRef(node))
                    changed = true
                }
            }
        }
        programLifetime = lifetime
    }

    /// `main` (a function of no arguments named main) and `init` functions.
    static func isProgramEntry(_ f: Function) -> Bool {
        guard f.kind == .function, f.parameters.isEmpty, f.results.isEmpty else { return false }
        let last = f.name.split(separator: ".").last.map(String.init) ?? f.name
        if last == "main" { return true }
        guard last.hasPrefix("init") else { return false }
        let rest = last.dropFirst(4)
        return rest.isEmpty || rest.first == "#" || rest.allSatisfy(\.isNumber)
    }
}
