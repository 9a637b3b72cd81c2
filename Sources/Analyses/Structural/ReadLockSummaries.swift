import ConcIR
import Discovery

/// For each function, the places (below its parameters, receiver,
/// captures or globals) it read-locks, itself or through what it calls:
/// so that `s.mu.RLock(); s.helper()` is known to take `s.mu` again when
/// `helper` does. Bottom-up over the call graph's components, those of one
/// wave in parallel: a component reads only its callees' finished entries
/// and its own members', so the table does not depend on the threads.
///
/// Only MU1006 reads the table, and only at the calls of functions that
/// read-lock, comparing with what they read-locked themselves: so an entry
/// keeps only the places `ReadLockDemand` finds some caller could match,
/// and a function that can hold none is not summarized. A summary depends
/// only on the callees' summaries, and a dropped place only ever yields
/// dropped places, so this changes no place MU1006 matches. Summarizing
/// every function (every caller of a socket call carries
/// `syscall.ForkLock`) was over half of the structural analysis's time on
/// GOROOT/src; keeping every place of the functions below an RLock
/// (3,268 field paths per entry in the component that interface calls
/// make of fmt, io and their callers) was still over a third of it.
struct ReadLockSummaries {
    private let finished: Finished

    init(index: AnalysedProgram, jobs: Parallelism = 1) {
        let readLockers = (0..<index.nodeCount).filter { node in
            index.function(node).blocks.contains { $0.instructions.contains { $0.op == .mutexRLock } }
        }
        // Every kind of edge orders the components, so that a closure kept
        // in a variable and called through it comes before its caller.
        let waves = index.callGraph.componentWaves()
        let demand = ReadLockDemand(index: index, readLockers: readLockers, waves: waves)
        var table: [Int: Set<SummaryPlace>] = [:]
        var variants: [Int: [ReadLockVariant]] = [:]
        for wave in waves {
            let components = wave.filter { $0.contains(where: demand.wantsAny) }
            guard !components.isEmpty else { continue }
            let computed = Self.summarize(components, index: index, demand: demand,
                                          finished: Finished(table: table, variants: variants), jobs: jobs)
            for entries in computed {
                for (node, entry) in entries {
                    table[node] = entry.places
                    if let v = entry.variants { variants[node] = v }
                }
            }
        }
        finished = Finished(table: table, variants: variants)
    }

    /// The entries of the components summarized so far.
    private struct Finished {
        var table: [Int: Set<SummaryPlace>]
        /// For a function that read-locks only when a bool parameter says
        /// so (`if needsLock { c.mu.RLock() }`, `LockModeParameters`): what
        /// each combination of the parameters' values read-locks. A call
        /// passing constants reads only the combinations they allow;
        /// `table` holds the union, for every other call.
        var variants: [Int: [ReadLockVariant]]

        var isEmpty: Bool { table.isEmpty }

        /// What a call of `node` with `operands` read-locks: with
        /// variants, those the constant arguments allow.
        func places(_ node: Int, operands: [Operand]) -> Set<SummaryPlace>? {
            guard let all = table[node] else { return nil }
            guard let options = variants[node] else { return all }
            return ReadLockVariant.union(options, operands: operands) ?? all
        }
    }

    /// One member's entry: its places, and per variant when it has
    /// lock-mode parameters.
    private struct Entry {
        var places: Set<SummaryPlace>
        var variants: [ReadLockVariant]?
    }

    /// One wave's components, in parallel. `finished` is passed in and
    /// released on return, so that the caller's table stays unshared and
    /// is updated in place.
    private static func summarize(_ components: [[Int]], index: AnalysedProgram, demand: ReadLockDemand,
                                  finished: Finished, jobs: Parallelism) -> [[Int: Entry]] {
        parallelMap(count: components.count, jobs: jobs) { i in
            summarize(components[i], index: index, demand: demand, finished: finished)
        }
    }

    /// The entries of one component's members: re-computed until they stop
    /// changing when the members call each other. Only the places `demand`
    /// wants are kept; a member that wants none keeps none.
    private static func summarize(_ component: [Int], index: AnalysedProgram, demand: ReadLockDemand,
                                  finished: Finished) -> [Int: Entry] {
        let bodies = component.filter { index.function($0).hasBody }
        var own: [Int: Set<SummaryPlace>] = [:]
        var ownVariants: [Int: [ReadLockVariant]] = [:]
        let lookup: (Int) -> Set<SummaryPlace>? = { own[$0] ?? finished.table[$0] }
        // A call's view: a finished callee's variants by its constant
        // arguments; a member of the component, its union (still moving).
        let called: (Int, [Operand]) -> Set<SummaryPlace>? = { own[$0] ?? finished.places($0, operands: $1) }
        var naming: [Int: PlaceNaming] = [:]
        // Each member's lock-mode parameters, found once (members are
        // computed again in every round of a recursive component).
        var lockModes: [Int: [LockModeParameter]] = [:]
        // A member whose callees in the component have not changed since it
        // was last computed would compute the same entry again: skipped.
        // (Callees outside the component are finished and never change.)
        let members = Set(component)
        let inputs = Dictionary(uniqueKeysWithValues: bodies.map { node in
            (node, index.callGraph.callees(of: node).filter(members.contains))
        })
        var stamp = 0
        var changedAt: [Int: Int] = [:]
        var computedAt: [Int: Int] = [:]
        for _ in 0..<LifecycleEngine.maxComponentRounds {
            var changed = false
            for node in bodies {
                if let at = computedAt[node], !(inputs[node] ?? []).contains(where: { (changedAt[$0] ?? -1) >= at }) { continue }
                computedAt[node] = stamp + 1
                guard demand.wantsAny(in: node) else { continue }
                let function = index.function(node)
                guard mayReadLock(function, index: index, anyKnown: !finished.isEmpty || !own.isEmpty, lookup: lookup)
                        || own[node] != nil else { continue }
                let f = naming[node] ?? PlaceNaming(function)
                naming[node] = f
                /// The places read-locked in the blocks `reached` allows,
                /// with `variant`'s values passed on to calls.
                func readLocked(reached: [Bool]?, variant: LockModeVariant) -> Set<SummaryPlace> {
                    var places = Set<SummaryPlace>()
                    for (b, block) in function.blocks.enumerated() where reached?[b] ?? true {
                        for inst in block.instructions where inst.mode == .now {
                            if inst.op == .mutexRLock, let p = inst.operands.first?.place, let sp = f.summaryPlace(for: p),
                               demand.wants(sp, in: node) {
                                places.insert(sp)
                            }
                            guard inst.op == .call else { continue }
                            let passed = variant.values.isEmpty
                                ? inst.operands : inst.operands.map { o in variant.value(of: o).map(Operand.bool) ?? o }
                            for callee in calledSummaries(inst, naming: f, index: index, operands: passed, lookup: called) {
                                for sp in callee {
                                    // A global names the same place in every function.
                                    if case .global = sp.base {
                                        if demand.wants(sp, in: node) { places.insert(sp) }
                                        continue
                                    }
                                    if let p = sp.place(inCallWith: inst.operands), let mine = f.summaryPlace(for: p),
                                       demand.wants(mine, in: node) {
                                        places.insert(mine)
                                    }
                                }
                            }
                        }
                    }
                    return places
                }
                let parameters = lockModes[node] ?? LockModeParameters.find(in: function, closures: { [] })
                    .filter { !index.assignedByClosures(of: function.name).contains($0.name) }
                lockModes[node] = parameters
                var places: Set<SummaryPlace>
                var variants: [ReadLockVariant]?
                if parameters.isEmpty {
                    places = readLocked(reached: nil, variant: .only)
                } else {
                    let made = LockModeVariant.all(parameters).map { v in
                        ReadLockVariant(assumption: v.assumption,
                                        places: readLocked(reached: ReadLockVariant.reachable(function, variant: v), variant: v))
                    }
                    places = made.reduce(into: Set<SummaryPlace>()) { $0.formUnion($1.places) }
                    variants = made
                }
                if own[node] != places, !places.isEmpty || own[node] != nil {
                    own[node] = places
                    changed = true
                    stamp += 1
                    changedAt[node] = stamp
                }
                if let variants { ownVariants[node] = variants }
            }
            if !changed || bodies.count == 1 && !index.callGraph.callees(of: bodies[0], kinds: [.call]).contains(bodies[0]) {
                break
            }
        }
        var entries: [Int: Entry] = [:]
        for (node, places) in own { entries[node] = Entry(places: places, variants: ownVariants[node]) }
        return entries
    }

    /// The places `node` read-locks that some caller could match (see
    /// `ReadLockDemand`).
    func places(_ node: Int) -> Set<SummaryPlace> { finished.table[node] ?? [] }

    /// The summaries of the functions an instruction calls (now, not go or
    /// defer): of a function with lock-mode parameters, what the call's
    /// constant arguments let it read-lock.
    func calledSummaries(_ inst: Instruction, facts: FunctionFacts, index: AnalysedProgram) -> [Set<SummaryPlace>] {
        ReadLockSummaries.calledSummaries(inst, naming: facts.naming, index: index, operands: inst.operands,
                                                 lookup: finished.places)
    }

    private static func calledSummaries(_ inst: Instruction, naming: PlaceNaming, index: AnalysedProgram, operands: [Operand],
                                        lookup: (Int, [Operand]) -> Set<SummaryPlace>?) -> [Set<SummaryPlace>] {
        guard inst.op == .call, inst.mode == .now else { return [] }
        return naming.targets(of: inst.callee).compactMap { name in index.node(named: name).flatMap { lookup($0, operands) } }
    }

    /// A cheap look before naming the function's places: it read-locks,
    /// or it calls a function whose summary read-locks something (through
    /// a local function value: one the body names).
    private static func mayReadLock(_ function: Function, index: AnalysedProgram, anyKnown: Bool,
                                    lookup: (Int) -> Set<SummaryPlace>?) -> Bool {
        func readLocks(_ name: String) -> Bool {
            guard let node = index.node(named: name), let places = lookup(node) else { return false }
            return !places.isEmpty
        }
        guard anyKnown else { return function.blocks.contains { $0.instructions.contains { $0.op == .mutexRLock } } }
        var callsThroughValue = false
        for block in function.blocks {
            for inst in block.instructions {
                if inst.op == .mutexRLock { return true }
                guard inst.op == .call, inst.mode == .now, let callee = inst.callee else { continue }
                let known = callee.possibleTargets
                if known.isEmpty {
                    if case .dynamic = callee { callsThroughValue = true }
                } else if known.contains(where: readLocks) {
                    return true
                }
            }
        }
        guard callsThroughValue else { return false }
        return function.blocks.contains { block in
            block.instructions.contains { inst in
                inst.operands.contains { if case .function(let name) = $0 { return readLocks(name) } else { return false } }
            }
        }
    }
}

