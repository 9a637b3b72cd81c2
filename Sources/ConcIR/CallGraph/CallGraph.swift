/// The call graph over one or more modules: which function may call, spawn,
/// defer or hand off which other.
///
/// Nodes are the functions of the modules, in module order. Edges come
/// from calls (static, method, interface with their implementations,
/// dynamic with known targets), from `go` and `defer`, from callbacks handed
/// to known spawners (`time.AfterFunc`, `wg.Go`, `http.HandleFunc`), and from
/// function values used anywhere else (`.reference`: stored or passed on,
/// and perhaps called later by code the graph cannot see). Calls whose target
/// is not a function of the modules are kept as `externalCalls`.
public struct CallGraph: Sendable {
    /// A function of one of the modules.
    public struct FunctionID: Hashable, Sendable {
        public var module: Int
        public var function: Int
    }

    /// Where in the caller an edge comes from.
    public struct Site: Hashable, Sendable {
        public var block: Int
        public var instruction: Int
    }

    public struct Edge: Hashable, Sendable {
        public var from: Int
        public var to: Int
        public var kind: CallEdgeKind
        public var site: Site
    }

    /// A call to a function outside the modules (or unknown), by name.
    public struct ExternalCall: Hashable, Sendable {
        public var from: Int
        /// The qualified name, or empty for an unknown callee.
        public var name: String
        public var kind: CallEdgeKind
        public var site: Site
    }

    public let nodes: [FunctionID]
    public let names: [String]
    public let edges: [Edge]
    public let externalCalls: [ExternalCall]
    /// Interface calls with more implementations than the analyses follow
    /// (`Callee.possibleTargets`), kept as unknown external calls: counted
    /// for `--stats`.
    public let unfollowedInterfaceCalls: Int
    /// Edge indices leaving / entering each node.
    public let outgoing: [[Int]]
    public let incoming: [[Int]]
    private let index: [String: Int]
    /// Nodes that start a goroutine themselves (a `go`, `wg.go`,
    /// `time.afterfunc`, or a call to a known spawner).
    private let spawnsDirectly: [Bool]
    /// Per node: the operations its instructions use (`OperationSet`).
    public let operations: [OperationSet]
    /// The bottom-up components over every kind of edge and their waves,
    /// made on the first ask. Six analyses of one lint ask for them (the
    /// map races, both lifecycle engines, the leak analysis's summaries and
    /// roots, the cgo summaries, the structural read-lock summaries), and
    /// each computed them again from the whole graph; the graph never
    /// changes after it is built, so neither do they.
    private let layering = BuiltOnce<Layers>()

    /// Components, bottom-up, and the waves they fall into.
    private struct Layers {
        let components: [[Int]]
        let waves: [[[Int]]]
    }

    public init(modules: [Module], spawners: KnownSpawners = .standard) {
        var nodes: [FunctionID] = []
        var names: [String] = []
        var index: [String: Int] = [:]
        for (m, module) in modules.enumerated() {
            for (f, function) in module.functions.enumerated() where index[function.name] == nil {
                index[function.name] = nodes.count
                nodes.append(FunctionID(module: m, function: f))
                names.append(function.name)
            }
        }
        var builder = EdgeBuilder(index: index, spawners: spawners, nodeCount: nodes.count)
        var operations: [OperationSet] = []
        operations.reserveCapacity(nodes.count)
        for (node, id) in nodes.enumerated() {
            let function = modules[id.module].functions[id.function]
            builder.addEdges(of: function, node: node)
            operations.append(OperationSet(function))
        }
        self.operations = operations
        self.nodes = nodes
        self.names = names
        self.index = index
        self.edges = builder.edges
        self.externalCalls = builder.external
        self.unfollowedInterfaceCalls = builder.unfollowedInterfaceCalls
        self.spawnsDirectly = builder.spawns
        var outgoing = [[Int]](repeating: [], count: nodes.count)
        var incoming = [[Int]](repeating: [], count: nodes.count)
        for (i, e) in builder.edges.enumerated() {
            outgoing[e.from].append(i)
            incoming[e.to].append(i)
        }
        self.outgoing = outgoing
        self.incoming = incoming
    }

    public func node(named name: String) -> Int? { index[name] }

    /// The distinct nodes an edge of one of `kinds` leads to from `node`.
    public func callees(of node: Int, kinds: Set<CallEdgeKind> = CallEdgeKind.all) -> [Int] {
        var seen = Set<Int>()
        return outgoing[node].compactMap { i in
            let e = edges[i]
            return kinds.contains(e.kind) && seen.insert(e.to).inserted ? e.to : nil
        }
    }

    /// Strongly connected components over the edges of `kinds`, bottom-up:
    /// a component comes after every component it calls into, so summaries
    /// can be computed callee first (mutually recursive functions share a
    /// component).
    public func stronglyConnectedComponents(kinds: Set<CallEdgeKind> = CallEdgeKind.all) -> [[Int]] {
        if kinds == CallEdgeKind.all { return layering.value { layers(kinds: kinds) }.components }
        return StronglyConnectedComponents.compute(successors: (0..<nodes.count).map { callees(of: $0, kinds: kinds) })
    }

    /// The bottom-up components grouped in waves: a component's callees
    /// (outside itself) all lie in earlier waves, so the components of one
    /// wave depend only on summaries finished before it and can be
    /// analysed in parallel, with the same result as one after another.
    /// Within a wave, components keep their bottom-up order.
    public func componentWaves(kinds: Set<CallEdgeKind> = CallEdgeKind.all) -> [[[Int]]] {
        if kinds == CallEdgeKind.all { return layering.value { layers(kinds: kinds) }.waves }
        return layers(kinds: kinds).waves
    }

    /// The components over the edges of `kinds` and their waves.
    private func layers(kinds: Set<CallEdgeKind>) -> Layers {
        let successors = (0..<nodes.count).map { callees(of: $0, kinds: kinds) }
        let components = StronglyConnectedComponents.compute(successors: successors)
        var componentOf = [Int](repeating: 0, count: nodes.count)
        for (c, members) in components.enumerated() {
            for node in members { componentOf[node] = c }
        }
        var waveOf = [Int](repeating: 0, count: components.count)
        var waves: [[[Int]]] = []
        // Callees come first, so every callee's wave is known when its caller's is computed.
        for (c, members) in components.enumerated() {
            var wave = 0
            for node in members {
                for callee in successors[node] where componentOf[callee] != c {
                    wave = max(wave, waveOf[componentOf[callee]] + 1)
                }
            }
            waveOf[c] = wave
            if wave == waves.count { waves.append([]) }
            waves[wave].append(members)
        }
        return Layers(components: components, waves: waves)
    }

    /// For each of `members` (a component, say), the positions in `members`
    /// of the members that call it (any kind of edge): whom to analyse again
    /// when its summary changes.
    public func callers(within members: [Int]) -> [[Int]] {
        let position = Dictionary(members.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var callers = [[Int]](repeating: [], count: members.count)
        for (i, node) in members.enumerated() {
            for callee in callees(of: node) {
                if let c = position[callee] { callers[c].append(i) }
            }
        }
        return callers
    }

    /// Which way `closure` follows the edges.
    public enum Direction: Sendable {
        /// From a node to those that call it (any kind of edge).
        case callers
        /// From a node to what it calls (any kind of edge).
        case callees
    }

    /// `marked` (one flag per node) grown with every node reachable from a
    /// marked one in `direction`: the functions that may reach something
    /// (callers), or everything a set of functions may reach (callees).
    public func closure(of marked: [Bool], _ direction: Direction) -> [Bool] {
        var result = marked
        if result.count < nodes.count { result += [Bool](repeating: false, count: nodes.count - result.count) }
        var work = result.indices.filter { result[$0] }
        while let node = work.popLast() {
            for i in direction == .callers ? incoming[node] : outgoing[node] {
                let next = direction == .callers ? edges[i].from : edges[i].to
                guard !result[next] else { continue }
                result[next] = true
                work.append(next)
            }
        }
        return result
    }

    /// Whether the node starts a goroutine itself: a `go`, `wg.go`,
    /// `time.afterfunc`, or a call that hands a callback to a known spawner.
    public func startsGoroutines(_ node: Int) -> Bool { spawnsDirectly[node] }

    /// For each node: whether calling it may start a goroutine, itself or
    /// through what it calls, defers, or hands a function to. A `go` edge
    /// does not propagate: the spawner is already marked.
    public func maySpawnGoroutines() -> [Bool] {
        var result = spawnsDirectly
        var work = (0..<nodes.count).filter { result[$0] }
        while let callee = work.popLast() {
            for i in incoming[callee] {
                let e = edges[i]
                guard e.kind == .call || e.kind == .defer || e.kind == .reference, !result[e.from] else { continue }
                result[e.from] = true
                work.append(e.from)
            }
        }
        return result
    }
}

/// How a caller reaches a callee.
public enum CallEdgeKind: UInt8, Hashable, Sendable, CaseIterable {
    /// A call, or a synchronous callback (`once.do`).
    case call
    /// `go f(...)`.
    case go
    /// `defer f(...)`: runs when the caller returns.
    case `defer`
    /// A function handed to a known spawner: it runs on another goroutine
    /// (`time.afterfunc`, `wg.go`, `http.HandleFunc`, `errgroup.Go`).
    case callback
    /// A function value stored or passed on; it may be called later.
    case reference

    public static let all = Set(allCases)
}

/// Collects the edges of each function's instructions.
private struct EdgeBuilder {
    let index: [String: Int]
    let spawners: KnownSpawners
    var edges: [CallGraph.Edge] = []
    var external: [CallGraph.ExternalCall] = []
    var unfollowedInterfaceCalls = 0
    var spawns: [Bool]

    init(index: [String: Int], spawners: KnownSpawners, nodeCount: Int) {
        self.index = index
        self.spawners = spawners
        spawns = [Bool](repeating: false, count: nodeCount)
    }

    mutating func addEdges(of function: Function, node: Int) {
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() {
                add(inst, node: node, site: CallGraph.Site(block: b, instruction: i))
            }
            // A function value returned, panicked with or sent in a select
            // case leaves the caller as surely as one passed to a call:
            // whoever receives it may call it (`return tx.release`).
            let site = CallGraph.Site(block: b, instruction: block.instructions.count)
            for case .function(let f) in Self.operands(of: block.terminator) { link(node, f, .reference, site) }
        }
    }

    private static func operands(of terminator: Terminator?) -> [Operand] {
        switch terminator {
        case nil: return []
        case .return(let values)?: return values
        case .panic(let value)?: return [value]
        case .select(let cases, _)?:
            return cases.compactMap { c in
                if case .send(_, let value) = c.communication { return value }
                return nil
            }
        case .jump?, .branch?, .unreachable?: return []
        }
    }

    private mutating func add(_ inst: Instruction, node: Int, site: CallGraph.Site) {
        if inst.spawnsGoroutine { spawns[node] = true }
        let modeKind: CallEdgeKind = inst.mode == .go ? .go : (inst.mode == .defer ? .defer : .call)
        var handled = -1
        switch inst.op {
        case .call, .cgoCall:
            let callee = inst.callee ?? .unknown
            let targets = callee.possibleTargets
            if targets.isEmpty { external.append(.init(from: node, name: "", kind: modeKind, site: site)) }
            if callee.isUnfollowedInterfaceCall { unfollowedInterfaceCalls += 1 }
            for t in targets { link(node, t, modeKind, site) }
            for t in targets {
                guard let entry = spawners[t] else { continue }
                if entry.kind == .callback { spawns[node] = true }
                if entry.argument < inst.operands.count, case .function(let f) = inst.operands[entry.argument] {
                    link(node, f, entry.kind, site)
                    handled = entry.argument
                }
            }
        case .wgGo, .timeAfterFunc, .onceDo:
            if inst.operands.count == 2, case .function(let f) = inst.operands[1] {
                link(node, f, inst.op == .onceDo ? .call : .callback, site)
                handled = 1
            }
        default:
            break
        }
        for (i, operand) in inst.operands.enumerated() where i != handled {
            if case .function(let f) = operand { link(node, f, .reference, site) }
        }
    }

    private mutating func link(_ from: Int, _ name: String, _ kind: CallEdgeKind, _ site: CallGraph.Site) {
        if let to = index[name] {
            edges.append(.init(from: from, to: to, kind: kind, site: site))
        } else {
            external.append(.init(from: from, name: name, kind: kind, site: site))
        }
    }
}
