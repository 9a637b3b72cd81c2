import ConcIR

/// Names every place of one function by what it refers to (`AbstractPlace`),
/// following copies: a temporary or variable defined once, by a copy
/// (`assign c = %1`), an address (`addr`), a map lookup (`%2 = map.read m`:
/// the inner map `m[]`) or an element (`assign sh = shards[]`), is the place
/// it was copied from. A field of an object made in the function and
/// stored once (`&Cache{items: m}`) is what was stored. Everything else
/// (several definitions, a call's result, a receive) is the variable itself,
/// and so is a copy of a place that the same block then overwrites
/// (`m := t.idle; t.idle = nil`): the copy holds the map the place no
/// longer names, detached from whoever reaches the place afterwards.
///
/// Temporaries and variables are not SSA; a variable written more than once
/// keeps its own identity, which is what two goroutines share.
final class PlaceResolver {
    /// What resolution reads: the function's definitions, stores and loops,
    /// fixed for the function. A recursive component analyses a member once
    /// per round; it builds these once and a fresh resolver (empty memo,
    /// so the same answers in the same order) for each analysis.
    struct Tables: Sendable {
        fileprivate let node: Int
        fileprivate let loops: LoopMembership
        fileprivate let parameterIndex: [String: Int]
        fileprivate let captureOwners: [String: Int]
        fileprivate let definitions: [String: [Definition]]
        /// The single source stored into (root, field), or nil when there are
        /// several stores or the source is not a place.
        fileprivate let stores: [StoreKey: Place?]
        /// Variables and temporaries defined once, by a function reference
        /// (`assign f = func main.main.func1`): what a call through them runs.
        fileprivate let functionValues: [String: String]
        /// Places assigned as a whole (`t.idle = nil`): by block, the
        /// instruction index and the place.
        fileprivate let overwrites: [Int: [(index: Int, place: Place)]]
    }

    let tables: Tables
    var node: Int { tables.node }
    var loops: LoopMembership { tables.loops }
    private var parameterIndex: [String: Int] { tables.parameterIndex }
    private var captureOwners: [String: Int] { tables.captureOwners }
    private var definitions: [String: [Definition]] { tables.definitions }
    private var stores: [StoreKey: Place?] { tables.stores }
    private var functionValues: [String: String] { tables.functionValues }
    private var overwrites: [Int: [(index: Int, place: Place)]] { tables.overwrites }
    private var memo: [String: ResolvedPlace] = [:]
    private var inProgress: Set<String> = []

    fileprivate struct StoreKey: Hashable, Sendable {
        var root: String
        var field: String
    }

    fileprivate enum Source: Sendable {
        /// A copy of a place (`assign`, `addr`).
        case copy(Place)
        /// An element of a place (`map.read`, `map.range`'s value, `xs[]`).
        case element(Place)
        /// A value the function makes or receives (allocation, call result,
        /// receive, constant): an object of its own.
        case made
    }

    fileprivate struct Definition: Sendable {
        var source: Source
        var block: Int
        var index: Int
    }

    /// - Parameter captureOwner: for a captured variable's name, the node of
    ///   the enclosing function that declares it.
    convenience init(function: Function, node: Int, cfg: ControlFlowGraph, captureOwner: (String) -> Int?) {
        self.init(tables: Tables(function: function, node: node, cfg: cfg, captureOwner: captureOwner))
    }

    init(tables: Tables) {
        self.tables = tables
    }
}

extension PlaceResolver.Tables {
    init(function: Function, node: Int, cfg: ControlFlowGraph, captureOwner: (String) -> Int?) {
        self.node = node
        self.loops = LoopMembership(cfg: cfg)
        var parameterIndex: [String: Int] = [:]
        var index = 0
        if let r = function.receiver {
            if !r.name.isEmpty { parameterIndex[r.name] = 0 }
            index = 1
        }
        for p in function.parameters {
            if !p.name.isEmpty { parameterIndex[p.name] = index }
            index += 1
        }
        self.parameterIndex = parameterIndex
        var owners: [String: Int] = [:]
        for c in function.captures where !c.name.isEmpty {
            if let o = captureOwner(c.name) { owners[c.name] = o }
        }
        self.captureOwners = owners

        var definitions: [String: [PlaceResolver.Definition]] = [:]
        var functionValues: [String: String] = [:]
        var storeSources: [PlaceResolver.StoreKey: [Place?]] = [:]
        var overwrites: [Int: [(index: Int, place: Place)]] = [:]
        func record(_ result: Operand, _ source: PlaceResolver.Source, _ block: Int, _ index: Int, storedValue: Place?) {
            guard case .place(let p) = result else { return }
            let name = PlaceResolver.rootName(p.root)
            let steps = AbstractPlace.steps(of: p.path)
            if steps.isEmpty {
                definitions[name, default: []].append(PlaceResolver.Definition(source: source, block: block, index: index))
            } else if steps.count == 1, case .field(let f) = steps[0] {
                storeSources[PlaceResolver.StoreKey(root: name, field: f), default: []].append(storedValue)
            }
        }
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() {
                if inst.op == .assign, case .place(let target)? = inst.results.first, !target.path.isEmpty {
                    overwrites[b, default: []].append((i, target))
                }
                for (r, result) in inst.results.enumerated() {
                    let source = PlaceResolver.source(of: inst, result: r)
                    var stored: Place?
                    if inst.op == .assign, r == 0, case .place(let src)? = inst.operands.first { stored = src }
                    if inst.op == .assign, r == 0, case .function(let f)? = inst.operands.first,
                       case .place(let dst) = result, dst.path.isEmpty {
                        functionValues[PlaceResolver.rootName(dst.root)] = f
                    }
                    record(result, source, b, i, storedValue: stored)
                }
            }
            if case .select(let cases, _)? = block.terminator {
                for c in cases {
                    if case .recv(_, let results) = c.communication {
                        for r in results { record(r, .made, b, block.instructions.count, storedValue: nil) }
                    }
                }
            }
        }
        self.definitions = definitions
        self.overwrites = overwrites
        self.functionValues = functionValues.filter { definitions[$0.key]?.count == 1 }
        var stores: [PlaceResolver.StoreKey: Place?] = [:]
        for (key, sources) in storeSources {
            stores[key] = sources.count == 1 ? sources[0] : nil
        }
        self.stores = stores
    }
}

extension PlaceResolver {
    fileprivate static func source(of inst: Instruction, result r: Int) -> Source {
        let first = inst.operands.first?.place
        switch inst.op {
        case .assign, .addr:
            if let first { return .copy(first) }
        case .mapRead:
            if r == 0, let first { return .element(first) }
        case .mapRange:
            if r == 1, let first { return .element(first) }
        default:
            break
        }
        return .made
    }

    static func rootName(_ root: Place.Root) -> String {
        switch root {
        case .temp(let n): return "%\(n)"
        case .variable(let v): return v
        case .global(let g): return "global " + g
        }
    }

    /// Every field stored exactly once from a place: (object variable or
    /// temporary, field, stored place).
    var singleStores: [(object: String, field: String, source: Place)] {
        stores.compactMap { key, source in source.map { (key.root, key.field, $0) } }
            .sorted { ($0.object, $0.field) < ($1.object, $1.field) }
    }

    /// The variable or temporary named `name` (as `rootName` spells it).
    func resolveRoot(named name: String) -> ResolvedPlace? {
        if name.hasPrefix("%"), let n = UInt32(name.dropFirst()) { return resolve(Place(.temp(n))) }
        return resolve(Place(.variable(name)))
    }

    /// The function a function value holds, when it is defined once by a
    /// function reference.
    func functionValue(_ operand: Operand) -> String? {
        switch operand {
        case .function(let f):
            return f
        case .place(let p) where p.path.isEmpty:
            return functionValues[PlaceResolver.rootName(p.root)]
        default:
            return nil
        }
    }

    /// The place an operand refers to, nil for constants and unknown values.
    func resolve(_ operand: Operand) -> ResolvedPlace? {
        guard case .place(let p) = operand else { return nil }
        return resolve(p)
    }

    func resolve(_ place: Place) -> ResolvedPlace? {
        resolve(place, depth: 0)
    }

    /// The variable `name` of this function (a closure's capture translated
    /// into the function that declares it).
    func resolveVariable(_ name: String) -> ResolvedPlace? {
        resolve(Place(.variable(name)), depth: 0)
    }

    /// The place `base` names followed by `steps`: what `resolve` gives for
    /// a place whose prefix resolved to `base`. A callee's summary names
    /// hundreds of places through one argument: translated at a call, the
    /// argument is resolved once and each place extends it.
    func extend(_ base: ResolvedPlace, with steps: [PathStep]) -> ResolvedPlace? {
        extend(base, steps[...], depth: 0)
    }

    private func resolve(_ place: Place, depth: Int) -> ResolvedPlace? {
        guard depth < 12 else { return nil }
        let base: ResolvedPlace
        switch place.root {
        case .global(let g):
            base = ResolvedPlace(AbstractPlace(.global(g)))
        case .temp, .variable:
            guard let r = root(PlaceResolver.rootName(place.root), depth: depth) else { return nil }
            base = r
        }
        return extend(base, AbstractPlace.steps(of: place.path)[...], depth: depth)
    }

    private func extend(_ start: ResolvedPlace, _ path: ArraySlice<PathStep>, depth: Int) -> ResolvedPlace? {
        var base = start
        var steps = path
        // A field of an object made here and stored once is what was stored.
        while let first = steps.first, case .field(let f) = first, base.place.steps.isEmpty,
              case .local(let owner, let name) = base.place.root, owner == node,
              let stored = stores[StoreKey(root: name, field: f)], let source = stored,
              let inner = resolve(source, depth: depth + 1) {
            base = ResolvedPlace(inner.place, varying: base.varying.union(inner.varying),
                                 clauseVarying: base.clauseVarying.union(inner.clauseVarying))
            steps = steps.dropFirst()
        }
        guard let place = base.place.appending(steps) else { return nil }
        base.place = place
        return base
    }

    private func root(_ name: String, depth: Int) -> ResolvedPlace? {
        if let known = memo[name] { return known }
        guard !inProgress.contains(name) else { return ResolvedPlace(AbstractPlace(.local(owner: node, name: name))) }
        inProgress.insert(name)
        defer { inProgress.remove(name) }
        let resolved = computeRoot(name, depth: depth)
        if let resolved { memo[name] = resolved }
        return resolved
    }

    private func computeRoot(_ name: String, depth: Int) -> ResolvedPlace? {
        if let owner = captureOwners[name] {
            return ResolvedPlace(AbstractPlace(.local(owner: owner, name: name)))
        }
        let defs = definitions[name] ?? []
        let own = AbstractPlace(.local(owner: node, name: name))
        if defs.isEmpty {
            if let i = parameterIndex[name] { return ResolvedPlace(AbstractPlace(.parameter(i))) }
            return ResolvedPlace(own)
        }
        if defs.count > 1 || parameterIndex[name] != nil {
            return variedByDefinitions(own, defs)
        }
        let def = defs[0]
        let enclosing = loops.loops(containing: def.block)
        switch def.source {
        case .copy(let src):
            if isOverwrittenAfter(src, def) {
                var r = ResolvedPlace(own)
                introduceVariation(&r, enclosing, def.block)
                return r
            }
            guard var r = resolve(src, depth: depth + 1) else { return nil }
            if src.path.contains(.element) { introduceVariation(&r, enclosing, def.block) }
            return r
        case .element(let src):
            guard let inner = resolve(src, depth: depth + 1), let place = inner.place.appending([.element]) else { return nil }
            var r = ResolvedPlace(place, varying: inner.varying, clauseVarying: inner.clauseVarying)
            introduceVariation(&r, enclosing, def.block)
            return r
        case .made:
            var r = ResolvedPlace(own)
            introduceVariation(&r, enclosing, def.block)
            return r
        }
    }

    /// Whether the place copied by `def` is assigned as a whole later in the
    /// same block: the copy keeps what the place held before.
    private func isOverwrittenAfter(_ source: Place, _ def: Definition) -> Bool {
        guard !source.path.isEmpty else { return false }
        return overwrites[def.block]?.contains { $0.index > def.index && $0.place == source } ?? false
    }

    /// A definition in `block` that yields a different object per iteration.
    private func introduceVariation(_ r: inout ResolvedPlace, _ enclosing: [Int], _ block: Int) {
        for header in enclosing {
            if header == block { r.clauseVarying.insert(header) } else { r.varying.insert(header) }
        }
    }

    /// A variable defined several times: inside a loop only, it is made per
    /// iteration; defined both before a loop and in it, it is the loop's own
    /// variable (`for p := head; p != nil; p = p.next`).
    private func variedByDefinitions(_ place: AbstractPlace, _ defs: [Definition]) -> ResolvedPlace {
        var r = ResolvedPlace(place)
        var candidates = Set<Int>()
        for d in defs { candidates.formUnion(loops.loops(containing: d.block)) }
        for header in candidates {
            let inside = defs.filter { loops.loops(containing: $0.block).contains(header) }
            if inside.count < defs.count || inside.contains(where: { $0.block == header }) {
                r.clauseVarying.insert(header)
            } else {
                r.varying.insert(header)
            }
        }
        return r
    }
}
