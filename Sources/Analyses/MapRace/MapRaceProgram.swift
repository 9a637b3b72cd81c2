import ConcIR

/// The analysed functions, numbered as the call graph numbers them, with
/// the program-wide facts the map-race analysis reads: each function's
/// module (for its Go version) and file, who declares a closure's captured
/// variables, and which channel fields are used as locks.
struct MapRaceProgram: Sendable {
    let callGraph: CallGraph
    let functions: [Function]
    let files: [String]
    /// Per function: Go 1.22 or later (or an unknown version, taken as the
    /// newest), where each loop iteration has its own variables.
    let perIterationLoopVariables: [Bool]
    /// Channel fields only ever made with a buffer of one: `ch <- x` then
    /// `<-ch` brackets a critical section (the memory model's k-th receive
    /// before the k+1-th send).
    let semaphoreFields: Set<String>
    /// Pointer-to-mutex fields that always point at one other lock field.
    let lockPointers: LockPointerFields
    /// The closures written directly in each function, by node.
    private let closureChildren: [Int: [Int]]

    /// Interface calls with more implementations than this are not followed:
    /// their summaries would mix unrelated types.
    static let maxImplementations = 4

    /// Graphs and types shared with the run's other analyses.
    let shared: SharedFunctionFacts

    init(modules: [Module], callGraph: CallGraph, shared: SharedFunctionFacts? = nil) {
        self.callGraph = callGraph
        let shared = shared ?? SharedFunctionFacts(modules: modules, callGraph: callGraph)
        self.shared = shared
        var functions: [Function] = []
        var files: [String] = []
        var perIteration: [Bool] = []
        for node in callGraph.nodes {
            let module = modules[node.module]
            let f = module.functions[node.function]
            functions.append(f)
            files.append(f.file >= 0 && f.file < module.files.count ? module.files[f.file] : "")
            perIteration.append(module.languageVersion.map { $0.isAtLeast(1, 22) } ?? true)
        }
        self.functions = functions
        self.files = files
        self.perIterationLoopVariables = perIteration
        self.semaphoreFields = MapRaceProgram.semaphoreFields(functions, operations: callGraph.operations)
        self.lockPointers = LockPointerFields(functions: functions, operations: callGraph.operations, types: { shared.types($0) })
        var children: [Int: [Int]] = [:]
        for (node, f) in functions.enumerated() {
            if let parent = f.parent, let p = callGraph.node(named: parent) { children[p, default: []].append(node) }
        }
        self.closureChildren = children
    }

    /// The closures written inside function `node`, at any depth.
    func closures(in node: Int) -> [Int] {
        var out: [Int] = []
        var pending = closureChildren[node] ?? []
        while let next = pending.popLast(), out.count < 4_096 {
            out.append(next)
            pending += closureChildren[next] ?? []
        }
        return out
    }

    var count: Int { functions.count }

    /// The node of the enclosing function that declares `name`, captured by
    /// closure `node` (nil when the chain of parents does not declare it).
    func captureOwner(of name: String, from node: Int) -> Int? {
        var current = functions[node]
        for _ in 0..<32 {
            guard let parentName = current.parent, let parent = callGraph.node(named: parentName) else { return nil }
            let f = functions[parent]
            if f.captures.contains(where: { $0.name == name }) {
                current = f
                continue
            }
            let declares = f.receiver?.name == name || f.parameters.contains { $0.name == name }
                || f.results.contains { $0.name == name } || f.locals.contains { $0.name == name }
            return declares ? parent : nil
        }
        return nil
    }

    /// The functions of the program a callee may enter (none for unknown
    /// code, or for an interface with too many implementations).
    func targets(of callee: Callee) -> [Int] {
        if case .interface(_, let impls) = callee, impls.count > MapRaceProgram.maxImplementations { return [] }
        return callee.possibleTargets.compactMap { callGraph.node(named: $0) }
    }

    private static func semaphoreFields(_ functions: [Function], operations: [OperationSet]) -> Set<String> {
        var capacityOne: [String: Bool] = [:]
        for (node, f) in functions.enumerated() where node >= operations.count || operations[node].contains(.chanMake) {
            var made: [UInt32: Bool] = [:]
            for block in f.blocks {
                for inst in block.instructions {
                    if inst.op == .chanMake, case .place(let r)? = inst.results.first, case .temp(let n) = r.root, r.path.isEmpty {
                        made[n] = inst.operands.first == .int(1)
                    }
                    if inst.op == .chanMake, case .place(let r)? = inst.results.first, case .field(let field)? = r.path.last {
                        let one = inst.operands.first == .int(1)
                        capacityOne[field] = (capacityOne[field] ?? true) && one
                    }
                    guard inst.op == .assign, case .place(let dst)? = inst.results.first, case .field(let field)? = dst.path.last,
                          case .place(let src)? = inst.operands.first, case .temp(let n) = src.root, src.path.isEmpty,
                          let one = made[n] else { continue }
                    capacityOne[field] = (capacityOne[field] ?? true) && one
                }
            }
        }
        return Set(capacityOne.filter(\.value).keys)
    }
}
