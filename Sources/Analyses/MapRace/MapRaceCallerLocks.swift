import ConcIR

/// The locks every caller holds when it calls a function (`removeDepLocked`
/// called only with `db.mu` held), in the function's own terms: a pre-pass
/// over the call sites, done before the waves, whose result each function's
/// analysis starts from (its accesses are under those locks).
///
/// A lock counts only when every known call site holds it, directly or by
/// its own caller locks, and it can be named in the callee's terms: a global,
/// or reached through a pointer argument (`dc.db.mu` passed `dc.db` is the
/// receiver's `mu`). A function with no call site, one called through an
/// interface, a func value, `go` or `defer`, gets nothing. A call to a
/// function that may release a lock (an unlock in it or its callees) ends
/// the held locks it may release: those of the same key (`LockTypeKey`,
/// the field of a named struct type) as one of its unlocks, or every lock
/// when one of its unlocks has no key. A held lock without a key ends at
/// any such call. Computed from nothing up (a least fixpoint), so a
/// recursive call never justifies itself.
struct MapRaceCallerLocks: Sendable {
    private(set) var entry: [Int: Set<AbstractPlace>] = [:]

    static let maxRounds = 4

    subscript(node: Int) -> Set<AbstractPlace> { entry[node] ?? [] }

    init(program: MapRaceProgram, scan: ProgramScan) {
        let n = program.count
        let unknownCallers = scan.unknownCallers
        let hasSite = scan.hasSite
        var mayRelease = scan.unlocks
        var releasable = scan.releasedKeys
        let lockFunctions = scan.locks
        let callees = scan.callees
        // The direct call sites of each function, by target node (whether a
        // target has unknown callers is known only after the walk): the
        // rounds below only look up what is held at them.
        let candidateSites = scan.directCalls
        // May release: an unlock in the function or in anything it calls,
        // and which locks (by key) those unlocks can be.
        var changed = true
        while changed {
            changed = false
            for node in 0..<n {
                for c in callees[node] where mayRelease[c] {
                    if !mayRelease[node] {
                        mayRelease[node] = true
                        changed = true
                    }
                    guard let mine = releasable[node] else { break }
                    guard let theirs = releasable[c] else {
                        releasable[node] = nil
                        changed = true
                        break
                    }
                    if !theirs.isSubset(of: mine) {
                        releasable[node] = mine.union(theirs)
                        changed = true
                    }
                }
            }
        }
        let directSites = candidateSites.map { sites in sites.filter { !unknownCallers[$0.target] } }
        // What is held at a function's calls depends only on its own entry
        // locks: recomputed in a round only when they changed.
        var heldCache: [Int: (entry: Set<AbstractPlace>, held: [Site: Set<AbstractPlace>])] = [:]
        // Only functions that lock (or inherit locks) can hold one at a call.
        var sites: [Int: [Set<AbstractPlace>]] = [:]
        for _ in 0..<MapRaceCallerLocks.maxRounds {
            sites = [:]
            for node in 0..<n where !directSites[node].isEmpty {
                var held: [Site: Set<AbstractPlace>] = [:]
                if lockFunctions[node] || !self[node].isEmpty {
                    if let cached = heldCache[node], cached.entry == self[node] {
                        held = cached.held
                    } else {
                        held = MapRaceCallerLocks.heldAtCalls(program: program, node: node, entry: self[node], mayRelease: mayRelease,
                                                             releasable: releasable)
                        heldCache[node] = (self[node], held)
                    }
                }
                for site in directSites[node] {
                    sites[site.target, default: []].append(held[site] ?? [])
                }
            }
            var next: [Int: Set<AbstractPlace>] = [:]
            for (t, sets) in sites where hasSite[t] && !unknownCallers[t] {
                guard var common = sets.first else { continue }
                for s in sets.dropFirst() { common.formIntersection(s) }
                if !common.isEmpty { next[t] = common }
            }
            if next == entry { break }
            entry = next
        }
    }

    struct Site: Hashable {
        var position: Position
        var target: Int
    }

    /// The exclusive locks held at each direct call of `node`, in the
    /// callee's terms.
    private static func heldAtCalls(program: MapRaceProgram, node: Int, entry: Set<AbstractPlace>,
                                    mayRelease: [Bool], releasable: [Set<String>?]) -> [Site: Set<AbstractPlace>] {
        let function = program.functions[node]
        let cfg = program.shared.cfg(node)
        let resolver = PlaceResolver(function: function, node: node, cfg: cfg,
                                     captureOwner: { program.captureOwner(of: $0, from: node) })
        let types = program.shared.types(node)
        func key(_ o: Operand?) -> AbstractPlace? { o.flatMap { resolver.resolve($0)?.place } }
        func transfer(_ inst: Instruction, _ held: inout Set<AbstractPlace>) {
            guard inst.mode == .now else { return }
            switch inst.op {
            case .mutexLock:
                if let k = key(inst.operands.first) { held.insert(k) }
            case .mutexUnlock, .mutexRUnlock:
                if let k = key(inst.operands.first) { held.remove(k) } else { held.removeAll() }
            case .call:
                guard let callee = inst.callee else { return }
                let names = callee.possibleTargets
                if names.count == 1, let acquires = ConcurrencyVocabulary.runtimeLocks[names[0]],
                   let o = inst.operands.first, types.type(of: o) == ConcurrencyVocabulary.runtimeMutexPointer {
                    if acquires {
                        if let k = key(o) { held.insert(k) }
                    } else if let k = key(o) { held.remove(k) } else { held.removeAll() }
                    return
                }
                // A callee that may unlock ends what it may release: every
                // held lock, or those of the keys its unlocks have.
                for name in names {
                    guard let t = program.callGraph.node(named: name), mayRelease[t] else { continue }
                    guard let keys = releasable[t] else {
                        held.removeAll()
                        break
                    }
                    held = held.filter { h in
                        guard let k = LockTypeKey.key(of: h, function: function, node: node, types: types) else { return false }
                        return !keys.contains(k)
                    }
                }
            default:
                return
            }
        }
        let input = ForwardDataflow.solve(cfg: cfg, entry: entry, join: { $0.intersection($1) }) { b, state in
            var s = state
            for inst in function.blocks[b].instructions { transfer(inst, &s) }
            return (function.blocks[b].terminator?.targets ?? []).map { ($0, s) }
        }
        var out: [Site: Set<AbstractPlace>] = [:]
        for b in cfg.reversePostorder {
            guard var held = input[b] else { continue }
            for inst in function.blocks[b].instructions {
                if inst.op == .call, inst.mode == .now, let callee = inst.callee, !held.isEmpty {
                    for t in callee.possibleTargets.compactMap({ program.callGraph.node(named: $0) }) {
                        let args = SummaryTranslation.arguments(of: inst, callee: program.functions[t])
                        var inCallee = Set<AbstractPlace>()
                        for p in held {
                            if let q = calleeTerms(p, arguments: args, resolver: resolver, types: types) { inCallee.insert(q) }
                        }
                        let site = Site(position: inst.position, target: t)
                        out[site] = out[site].map { $0.intersection(inCallee) } ?? inCallee
                    }
                }
                transfer(inst, &held)
            }
        }
        return out
    }

    /// A caller's lock in the callee's terms: a global as it is; a place
    /// reached through a pointer argument from that parameter on.
    private static func calleeTerms(_ p: AbstractPlace, arguments: [Operand?], resolver: PlaceResolver,
                                    types: FunctionTypes) -> AbstractPlace? {
        if case .global = p.root { return p }
        for (i, arg) in arguments.enumerated() {
            guard let arg, case .pointer = types.type(of: arg), let a = resolver.resolve(arg)?.place,
                  a.root == p.root, a.steps.count <= p.steps.count, Array(p.steps.prefix(a.steps.count)) == a.steps else { continue }
            return AbstractPlace(.parameter(i), Array(p.steps.dropFirst(a.steps.count)))
        }
        return nil
    }
}
