import ConcIR

/// The functions of the explored program, numbered as the call graph numbers
/// them, with the per-function facts the interpreter needs (built on first
/// use and kept).
///
/// Not thread-safe: one thread uses one index. Threads that explore the
/// same program each take a `worker()` copy: the copies share the tables
/// and, through a `LayoutStore`, the layouts, so each layout is built once
/// per program instead of once per thread.
public final class ProgramIndex {
    public let modules: [Module]
    /// Every function, in call-graph node order (`FunctionRef.index`).
    public let functions: [Function]
    /// The source file of each function (empty when the module names none).
    public let files: [String]
    public let typeEnvironment: TypeEnvironment
    private let byName: [String: Int]
    /// This thread's layouts: read on every step without a lock.
    private var layouts: [FunctionLayout?]
    /// Every thread's layouts: asked on this thread's first use of a function.
    private let store: LayoutStore
    /// Closures by parent function, for deciding which variables are cells.
    private let closuresByParent: [String: [Int]]

    /// Where a layout gets its function's graph and types when the caller
    /// keeps them for the whole run (the analyses share theirs), by
    /// function index (the call graph's node).
    public struct SharedFacts: Sendable {
        public var cfg: @Sendable (Int) -> ControlFlowGraph
        public var types: @Sendable (Int) -> FunctionTypes

        public init(cfg: @escaping @Sendable (Int) -> ControlFlowGraph, types: @escaping @Sendable (Int) -> FunctionTypes) {
            self.cfg = cfg
            self.types = types
        }
    }

    /// The run's graphs and types (nil: each layout builds its own).
    private let shared: SharedFacts?

    /// `environment` is the modules' type environment when the caller has
    /// one already (the analyses of a run share theirs), and `shared`
    /// where the layouts take their graphs and types from.
    public init(modules: [Module], callGraph: CallGraph, environment: TypeEnvironment? = nil, shared: SharedFacts? = nil) {
        self.shared = shared
        self.modules = modules
        var functions: [Function] = []
        var files: [String] = []
        var byName: [String: Int] = [:]
        for node in callGraph.nodes {
            guard node.module < modules.count, node.function < modules[node.module].functions.count else { continue }
            let module = modules[node.module]
            let f = module.functions[node.function]
            byName[f.name] = functions.count
            functions.append(f)
            files.append(f.file >= 0 && f.file < module.files.count ? module.files[f.file] : "")
        }
        var closures: [String: [Int]] = [:]
        for (i, f) in functions.enumerated() {
            if let parent = f.parent { closures[parent, default: []].append(i) }
        }
        self.functions = functions
        self.files = files
        self.byName = byName
        self.closuresByParent = closures
        self.layouts = Array(repeating: nil, count: functions.count)
        self.store = LayoutStore(count: functions.count)
        self.typeEnvironment = environment ?? TypeEnvironment(modules: modules)
    }

    private init(copying other: ProgramIndex) {
        modules = other.modules
        functions = other.functions
        files = other.files
        typeEnvironment = other.typeEnvironment
        shared = other.shared
        byName = other.byName
        closuresByParent = other.closuresByParent
        layouts = Array(repeating: nil, count: other.functions.count)
        store = other.store
    }

    /// An index of the same program for another thread, sharing this one's
    /// tables and layouts (nothing is rebuilt).
    public func worker() -> ProgramIndex { ProgramIndex(copying: self) }

    /// The function literals written directly inside the function `name`.
    public func closures(of name: String) -> [FunctionRef] {
        (closuresByParent[name] ?? []).map(FunctionRef.init)
    }

    public func function(named name: String) -> FunctionRef? {
        byName[name].map { FunctionRef($0) }
    }

    public subscript(ref: FunctionRef) -> Function { functions[ref.index] }

    /// A function's blocks alone. The machine's hot paths read only these:
    /// taking the array retains one buffer, where a copy of the whole
    /// `Function` retains every array and string it holds.
    public func blocks(_ ref: FunctionRef) -> [Block] { functions[ref.index].blocks }

    /// The loop annotation of a block (nil when out of range or none).
    public func loopAnnotation(_ ref: FunctionRef, block: Int) -> LoopTrips? {
        let blocks = functions[ref.index].blocks
        return block < blocks.count ? blocks[block].loop : nil
    }

    public func isClosure(_ ref: FunctionRef) -> Bool { functions[ref.index].parent != nil }

    /// The layout of a function with a body (computed once per program).
    public func layout(_ ref: FunctionRef) -> FunctionLayout {
        if let l = layouts[ref.index] { return l }
        let l = store.layout(ref.index) { makeLayout(ref) }
        layouts[ref.index] = l
        return l
    }

    private func makeLayout(_ ref: FunctionRef) -> FunctionLayout {
        let f = functions[ref.index]
        let captured = Set((closuresByParent[f.name] ?? []).flatMap { functions[$0].captures.map(\.name) })
        return FunctionLayout(function: f, capturedByClosures: captured, environment: typeEnvironment,
                              cfg: shared?.cfg(ref.index), types: shared?.types(ref.index),
                              closureCaptures: { [functions, byName] name in
                                  byName[name].map { functions[$0] }.flatMap { $0.parent != nil ? $0.captures.map(\.name) : nil } ?? []
                              })
    }
}
