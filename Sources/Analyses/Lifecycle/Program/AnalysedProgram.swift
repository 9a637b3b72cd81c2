import ConcIR

/// The analysed program as the lifecycle engine and the structural rules
/// see it: every function by call-graph node, with its module, and the
/// types of the whole program. Built once per run and only read.
struct AnalysedProgram: Sendable {
    let modules: [Module]
    let callGraph: CallGraph
    let types: TypeEnvironment
    /// For each function with closures, the variables they capture (the
    /// closures written directly in its body; a nested one's captures pass
    /// through the closure around it).
    private let capturedByClosures: [String: Set<String>]
    /// For each function, the variables of it that a closure written in
    /// it (at any depth) assigns as a whole or takes the address of.
    private let assignedByClosures: [String: Set<String>]
    /// The methods (call-graph nodes) declared on each named type, on the
    /// type or a pointer to it, keyed by the named type.
    private let methodsByType: [GoType: [Int]]

    /// Graphs and types shared with the run's other analyses.
    let shared: SharedFunctionFacts

    /// The program of an analysis run: its graphs and types are the run's.
    init(_ context: AnalysisContext) {
        self.init(modules: context.modules, callGraph: context.callGraph, shared: context.shared)
    }

    init(modules: [Module], callGraph: CallGraph, shared: SharedFunctionFacts? = nil) {
        self.modules = modules
        self.callGraph = callGraph
        let shared = shared ?? SharedFunctionFacts(modules: modules, callGraph: callGraph)
        self.shared = shared
        types = shared.environment
        var captured: [String: Set<String>] = [:]
        var methods: [GoType: [Int]] = [:]
        for (node, id) in callGraph.nodes.enumerated() {
            let f = modules[id.module].functions[id.function]
            if let r = f.receiver {
                var named = r.type
                if case .pointer(let inner) = named { named = inner }
                methods[named, default: []].append(node)
            }
            guard let parent = f.parent else { continue }
            captured[parent, default: []].formUnion(f.captures.map(\.name))
        }
        capturedByClosures = captured
        methodsByType = methods
        assignedByClosures = ClosureWrites.byFunction(in: modules, at: callGraph.nodes.map { ($0.module, $0.function) })
    }

    /// The methods declared on a named type (`T`; given `*T`, T's too).
    func methods(of type: GoType) -> [Int] {
        var named = type
        if case .pointer(let inner) = type { named = inner }
        return methodsByType[named] ?? []
    }

    /// The variables of `function` that a closure written in it captures
    /// (and so may read or assign at any time).
    func capturedByClosures(of function: String) -> Set<String> {
        capturedByClosures[function] ?? []
    }

    /// The variables of `function` that a closure written in it assigns
    /// or takes the address of: the others keep the values the function
    /// gives them, whoever reads them.
    func assignedByClosures(of function: String) -> Set<String> {
        assignedByClosures[function] ?? []
    }

    var nodeCount: Int { callGraph.nodes.count }

    func function(_ node: Int) -> Function {
        let id = callGraph.nodes[node]
        return modules[id.module].functions[id.function]
    }

    func module(of node: Int) -> Module {
        modules[callGraph.nodes[node].module]
    }

    func node(named name: String) -> Int? { callGraph.node(named: name) }

    /// The source file of a function, as findings name it ("" when the
    /// function's file index is out of range).
    func file(of node: Int) -> String {
        let f = function(node)
        let files = module(of: node).files
        return f.file >= 0 && f.file < files.count ? files[f.file] : ""
    }

    /// The language version of a function's package (nil: the newest).
    func goVersion(of node: Int) -> GoVersion? { module(of: node).languageVersion }

    /// Nodes that run on a goroutine of their own: targets of `go` edges.
    func spawnedByGo() -> Set<Int> {
        Set(callGraph.edges.filter { $0.kind == .go }.map(\.to))
    }
}
