import ConcIR

/// The functions each function's calls name (`call` and `cgo.call`
/// instructions, any mode), from the run's one walk of every instruction
/// (`FunctionReferences`): the cgo rules ask "does it call `C.free`, an
/// allocator, a blocking call?" of every function, and answer most with
/// no by these lists instead of walking every instruction again for each
/// question.
struct CallNames {
    /// Distinct names, in first-call order, by node.
    private let names: [[String]]
    /// The nodes that call each name, in node order.
    private let callers: [String: [Int]]
    /// Functions assigned to a variable (`f := pkg.F`), by node: what a call
    /// through a local function value may enter (`PlaceNaming.targets`).
    private let assigned: [[String]]

    init(_ references: [FunctionReferences]) {
        names = references.map(\.calledNames)
        assigned = references.map(\.assignedFunctions)
        var callers: [String: [Int]] = [:]
        for (node, called) in names.enumerated() {
            for name in called { callers[name, default: []].append(node) }
        }
        self.callers = callers
    }

    /// Whether some call of `node` names a function that satisfies `test`:
    /// when false, no instruction of it does.
    func calls(_ node: Int, where test: (String) -> Bool) -> Bool {
        names[node].contains(where: test)
    }

    /// Whether `node` assigns a function that satisfies `test` to a variable.
    func assigns(_ node: Int, where test: (String) -> Bool) -> Bool {
        assigned[node].contains(where: test)
    }

    /// The nodes with a call naming one of `targets`, in node order.
    func callers(of targets: Set<String>) -> [Int] {
        Set(targets.flatMap { callers[$0] ?? [] }).sorted()
    }
}
