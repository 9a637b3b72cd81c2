import ConcIR
import Foundation

/// What every analysis derives from the program in the same way: the type
/// environment, each function's control-flow graph and operand types, and
/// what the lifecycle engines read of every function (`FunctionReferences`).
///
/// The analyses run on threads of their own, and each made these for the
/// functions it looked at: on the whole of GOROOT/src the map races, the
/// lifecycle rules, the structural checks and the cgo checks built the
/// same graphs and type tables again (with five type environments), about
/// 4% of the lint. They now take them from one store per run, made by the
/// first analysis that asks. A graph or a table is never changed once made,
/// so sharing them across threads is safe; the lock guards only the table
/// of them, and is not held while one is made (two threads that make the
/// same one at once make equal values, and the first stays).
public final class SharedFunctionFacts: @unchecked Sendable {
    public let environment: TypeEnvironment
    private let modules: [Module]
    private let nodes: [CallGraph.FunctionID]
    private let lock = NSLock()
    private var graphs: [ControlFlowGraph?]
    private var types: [FunctionTypes?]
    /// What each function's instructions name, made once (an engine that
    /// asks while it is made waits for it).
    private let references = BuiltOnce<[FunctionReferences]>()

    public init(modules: [Module], callGraph: CallGraph) {
        self.modules = modules
        nodes = callGraph.nodes
        environment = TypeEnvironment(modules: modules)
        graphs = Array(repeating: nil, count: callGraph.nodes.count)
        types = Array(repeating: nil, count: callGraph.nodes.count)
    }

    /// The control-flow graph of call-graph node `node`.
    public func cfg(_ node: Int) -> ControlFlowGraph {
        if let known = lock.withLock({ graphs[node] }) { return known }
        let made = ControlFlowGraph(function(node))
        return lock.withLock {
            if let first = graphs[node] { return first }
            graphs[node] = made
            return made
        }
    }

    /// The operand types of call-graph node `node`.
    public func types(_ node: Int) -> FunctionTypes {
        if let known = lock.withLock({ types[node] }) { return known }
        let made = FunctionTypes(function: function(node), environment: environment)
        return lock.withLock {
            if let first = types[node] { return first }
            types[node] = made
            return made
        }
    }

    /// What each function's instructions name (`FunctionReferences`),
    /// made by `make` for the first engine of the run that asks.
    func functionReferences(_ make: () -> [FunctionReferences]) -> [FunctionReferences] {
        references.value(make)
    }

    private func function(_ node: Int) -> Function {
        let id = nodes[node]
        return modules[id.module].functions[id.function]
    }
}
