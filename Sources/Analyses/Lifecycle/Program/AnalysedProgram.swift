import ConcIR

/// The analysed program as the lifecycle engine and the structural rules
/// see it: every function by call-graph node, with its module, and the
/// types of the whole program. Built once per run and only read.
struct AnalysedProgram: Sendable {
    let modules: [Module]
    let callGraph: CallGraph
    let types: TypeEnvironment

    init(modules: [Module], callGraph: CallGraph) {
        self.modules = modules
        self.callGraph = callGraph
        types = TypeEnvironment(modules: modules)
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
