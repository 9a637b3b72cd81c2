import ConcIR
import Findings

/// SY1004: an atomic value loaded, changed and stored back without a lock
/// or a compare-and-swap: `v.Store(change(v.Load()))`.
///
/// Each step is atomic, the sequence is not: two goroutines both load the
/// same old value and the second Store overwrites the first one's change
/// (a lost update: a config key added by one reload disappears, a counter
/// misses increments). Hold a mutex around the load and store (readers may
/// still Load without it), or loop on CompareAndSwap.
///
/// Reported: a Store (atomic.Value, typed atomics, sync/atomic functions)
/// reached from a Load of the same value in the same function (made
/// directly, or by a getter that only returns it: `AtomicGetter`), when the
/// loaded value is used (or the stored one is computed: `x.Store(x.Load()+1)`),
/// no lock is held at the Load and the callers do not hold one either.
/// Not reported: a Store whose value cannot carry anything the Load
/// returned: on no path from the Load (a variable the Load filled and
/// every path then overwrote with something else: `v.Store(x); x =
/// v.Load()` in a loop that picks a new x first), or by construction
/// (the IR shows it made only from constants, parameters, other
/// places and other atomics: a last-hit cache storing what a search found,
/// `StoreInt32(&ack[me], my)` with `my` loaded from another variable). A
/// blind write after a check is one writer winning, not a change computed
/// from a stale value being lost, as a constant Store already is not. An
/// expression the IR does not model (`v + 1`) counts as derived. Nor is
/// an atomic in a local variable that no other goroutine can
/// see (no closure captures it, it is never passed, stored or returned:
/// only atomic operations touch it), and a Store made holding a lock that
/// was also held at a re-Load of the same value every path from the first
/// Load passes through (double-checked initialisation: the writers are
/// serialised by that lock, the unlocked Load is only a fast path).
struct AtomicLoadModifyStore: FunctionLocalCheck {
    static let id = "SY1004"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.atomicValueLoad, .atomicValueStore, .atomicLoad, .atomicStore, .call] }
    var findings: [Finding] = []
    private var loads: [(site: InstructionSite, inst: Instruction)] = []
    private var stores: [(site: InstructionSite, inst: Instruction)] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now else { return }
        switch inst.op {
        case .atomicValueLoad, .atomicLoad: loads.append((site, inst))
        case .call:
            // `cfg := c.config()`, a getter of `c.cfg.Load()` (`AtomicGetter`).
            if let load = AtomicGetter.load(madeBy: inst, index: scope.program.index) { loads.append((site, load)) }
        default: stores.append((site, inst))
        }
    }

    mutating func finishFunction(_ scope: FunctionScope) {
        defer { loads = []; stores = [] }
        guard !loads.isEmpty, !stores.isEmpty, !Self.isInitialization(scope) else { return }
        var locks: HeldLocks?
        var callersLock: Bool?
        var flow: LoadedValueFlow?
        var unshared: [Place: Bool] = [:]
        var reported = Set<InstructionSite>()
        for store in stores {
            guard let target = store.inst.operands.first?.place.map(scope.facts.normalize),
                  store.inst.operands.count >= 2, !store.inst.operands[1].isConstant else { continue }
            if unshared[target] == nil { unshared[target] = Self.isUnsharedLocal(target, scope) }
            if unshared[target] == true { continue }
            for load in loads where (load.inst.op == .atomicValueLoad) == (store.inst.op == .atomicValueStore) {
                guard !reported.contains(store.site),
                      load.inst.operands.first?.place.map(scope.facts.normalize) == target,
                      let holders = Holders.of(load.inst.results.first, in: scope.function) ?? (load.inst.results.isEmpty ? [] : nil) else { continue }
                let used = Self.isRead(holders, scope) || Self.isComputed(store.inst.operands[1], scope)
                guard used, Self.mayDerive(store.inst.operands[1], from: holders, scope) else { continue }
                if flow == nil { flow = Self.loadedValueFlow(scope) }
                guard load.inst.results.isEmpty
                        || flow?.reaches(from: load.site, to: store.site, value: store.inst.operands[1]) == true,
                      let path = Self.path(from: load.site, to: store.site, scope) else { continue }
                if locks == nil { locks = HeldLocks(function: scope.function, cfg: scope.cfg, normalize: scope.facts.normalize) }
                if locks?.holdsSomeLock(at: load.site) == true { continue }
                if let locks, Self.reloadedUnderStoreLock(load: load.site, store: store.site, target: target, loads: loads, locks, scope) { continue }
                if callersLock == nil { callersLock = CallerLocks.everyCallerHoldsALock(scope.node, program: scope.program) }
                if callersLock == true { continue }
                reported.insert(store.site)
                let name = GoSpelling.expression(target) ?? "the value"
                let message = "\(name) is loaded on line \(load.inst.position.line) and stored back here without a lock: "
                    + "two goroutines can load the same value and one Store overwrites the other's change (lost update); "
                    + "hold a mutex around the load and store, or loop on CompareAndSwap"
                let flow = WitnessFlow.make(scope, message: "the load, then the store of a value computed from it",
                                            start: (load.inst.position, "\(name) is loaded here"), branches: path,
                                            end: (store.inst.position, "a value computed from it is stored here; a Store in between is lost"))
                if var f = scope.finding(ruleID, at: store.inst.position, message, flows: [flow]) {
                    if let at = scope.location(load.inst.position) { f.related = [RelatedLocation(location: at, message: "the load")] }
                    findings.append(f)
                }
            }
        }
    }

    /// The forward flow of loaded values through the function.
    private static func loadedValueFlow(_ scope: FunctionScope) -> LoadedValueFlow {
        let f = scope.function
        let index = scope.program.index
        let captured = index.capturedByClosures(of: f.name)
        return LoadedValueFlow(function: f, successors: scope.cfg.successors, captured: captured) { root in
            isSliceOrArray(root, scope)
        }
    }

    /// Whether the variable or temporary holds a slice or an array.
    private static func isSliceOrArray(_ root: Place.Root, _ scope: FunctionScope) -> Bool {
        switch scope.program.index.types.underlying(scope.types.type(of: .place(Place(root)))) {
        case .slice, .array: return true
        default: return false
        }
    }

    /// The choices on a path from the load to the store, nil when there is none.
    private static func path(from load: InstructionSite, to store: InstructionSite, _ scope: FunctionScope) -> [ControlFlowGraph.Edge]? {
        let search = WitnessSearch<Bool>(function: scope.function, infeasible: scope.facts.infeasible)
        return search.first(from: load, state: false) { _, site, _ in site == store ? .found : .proceed }?.branches
    }

    /// Whether a lock held at the Store was also held at a re-Load of the
    /// same value that every path from `load` to the Store passes through.
    private static func reloadedUnderStoreLock(load: InstructionSite, store: InstructionSite, target: Place,
                                               loads: [(site: InstructionSite, inst: Instruction)],
                                               _ locks: HeldLocks, _ scope: FunctionScope) -> Bool {
        let atStore = locks.held(at: store)
        guard !atStore.isEmpty else { return false }
        let reloads = Set(loads.filter { other in
            other.site != load && other.inst.operands.first?.place.map(scope.facts.normalize) == target
                && !locks.held(at: other.site).isDisjoint(with: atStore)
        }.map(\.site))
        guard !reloads.isEmpty else { return false }
        let search = WitnessSearch<Bool>(function: scope.function, infeasible: scope.facts.infeasible)
        let bypass = search.first(from: load, state: false) { _, site, _ in
            if site == store { return .found }
            return reloads.contains(site) ? .stop : .proceed
        }
        return bypass == nil
    }

    /// A local variable of this function that no other goroutine can see:
    /// not a parameter, result, receiver or captured variable; not captured
    /// by a closure; and touched only by atomic operations or by plain
    /// accesses to other fields of it (never passed, copied or returned whole,
    /// nor the atomic part of it), and never assigned whole nor the part
    /// that holds the atomic (a local pointer may point to shared memory;
    /// `var x T` is never assigned, `p := &shared` is).
    private static func isUnsharedLocal(_ target: Place, _ scope: FunctionScope) -> Bool {
        let root = target.root
        guard case .variable(let name) = root else { return false }
        let f = scope.function
        guard f.locals.contains(where: { $0.name == name }),
              !f.parameters.contains(where: { $0.name == name }), !f.results.contains(where: { $0.name == name }),
              !f.captures.contains(where: { $0.name == name }), f.receiver?.name != name else { return false }
        let atomicOps: OpcodeSet = [.atomicLoad, .atomicStore, .atomicAdd, .atomicSwap, .atomicCAS,
                                    .atomicValueLoad, .atomicValueStore, .atomicValueSwap, .atomicValueCAS]
        // The variable itself, or a part of it that holds the atomic (x, x.i for x.i.c).
        func exposes(_ o: Operand) -> Bool {
            guard let p = o.place, p.root == root else { return false }
            return p.path.count <= target.path.count && Array(target.path.prefix(p.path.count)) == p.path
        }
        // `%n = addr x.i`: the receiver of a typed atomic's method; it may only be used by atomic operations.
        var aliases = Set<Place.Root>()
        for block in f.blocks {
            for inst in block.instructions where inst.op == .addr && inst.operands.contains(where: { $0.place?.root == root }) {
                guard let r = inst.results.first?.place, r.path.isEmpty, case .temp = r.root else { return false }
                aliases.insert(r.root)
            }
        }
        func mentions(_ o: Operand) -> Bool { o.place.map { $0.root == root || aliases.contains($0.root) } ?? false }
        for block in f.blocks {
            for inst in block.instructions {
                // Written whole, or the part holding the atomic: it may now point to shared memory.
                if inst.results.contains(where: exposes) { return false }
                if inst.op == .addr, inst.operands.contains(where: { $0.place?.root == root }) { continue }
                guard inst.operands.contains(where: mentions) else { continue }
                if atomicOps.contains(inst.op) {
                    // Only as the atomic's own operand, never as the value stored or swapped in.
                    if inst.operands.dropFirst().contains(where: mentions) { return false }
                    continue
                }
                // A copy of another field (x.before, also as an argument) is fine; the
                // variable itself, the atomic part or an address of them is not.
                if inst.operands.contains(where: { exposes($0) || ($0.place.map { aliases.contains($0.root) } ?? false) }) { return false }
            }
            switch block.terminator {
            case .return(let values)?: if values.contains(where: mentions) { return false }
            case .panic(let value)?: if mentions(value) { return false }
            default: break
            }
        }
        return !scope.program.index.capturedByClosures(of: f.name).contains(name)
    }

    /// Whether `value` may be computed from what the Load put in `holders`:
    /// it names a holder, or a place some instruction of the function writes
    /// from such a value, followed back through every write of the place's
    /// root (whole or a part, also through an address taken of it). `?` (an
    /// expression the IR does not model) may be anything; so may a variable
    /// a closure captures (the closure may assign it), and a call's result
    /// when the loaded value escapes to a call or to memory a call can read.
    /// The result of another atomic load is what that atomic held, not this
    /// Load's value. A slice or array, and a place assigned from itself
    /// (`x = x[i:]`, whose bounds the IR drops), may hold anything.
    static func mayDerive(_ value: Operand, from holders: Set<Place.Root>, _ scope: FunctionScope) -> Bool {
        let f = scope.function
        var writes: [Place.Root: [Instruction]] = [:]
        var addressOf: [Place.Root: Place.Root] = [:]   // `%t = addr x...`: %t -> x
        for block in f.blocks {
            for inst in block.instructions {
                for r in inst.results { if let p = r.place { writes[p.root, default: []].append(inst) } }
                if inst.op == .addr, let src = inst.operands.first?.place, case .place(let dst)? = inst.results.first, dst.path.isEmpty {
                    addressOf[dst.root] = src.root
                }
            }
        }
        // A call given an address of x may write x.
        for block in f.blocks {
            for inst in block.instructions where inst.op == .call || inst.op == .cgoCall {
                for o in inst.operands {
                    if let r = o.place?.root, let x = addressOf[r] { writes[x, default: []].append(inst) }
                }
            }
        }
        let loads: OpcodeSet = [.atomicLoad, .atomicValueLoad]
        let escapes = f.blocks.contains { block in
            block.instructions.contains { inst in
                guard inst.operands.contains(where: { $0.place.map { holders.contains($0.root) } ?? false }) else { return false }
                if inst.op == .call || inst.op == .cgoCall || inst.mode != .now { return true }
                return inst.results.contains { r in
                    guard let p = r.place else { return false }
                    if case .global = p.root { return true }
                    return !p.path.isEmpty
                }
            }
        }
        let captured = scope.program.index.capturedByClosures(of: f.name)
        var seen = Set<Place.Root>()
        var work = [value]
        while let o = work.popLast() {
            switch o {
            case .unknown:
                return true
            case .place(let p):
                if holders.contains(p.root) { return true }
                guard seen.insert(p.root).inserted else { continue }
                if case .variable(let name) = p.root, captured.contains(name) { return true }
                // Slices and arrays are filled by what the IR does not show
                // (copy(dst, src)).
                if isSliceOrArray(p.root, scope) { return true }
                for inst in writes[p.root] ?? [] {
                    if loads.contains(inst.op) { continue }
                    // `x = x[i:]`: the rest of the expression is not in the IR.
                    if inst.op == .assign, inst.operands.first?.place?.root == p.root { return true }
                    if escapes, inst.op == .call || inst.op == .cgoCall { return true }
                    work.append(contentsOf: inst.operands)
                }
            default:
                continue
            }
        }
        return false
    }

    /// Whether the loaded value is read anywhere (beyond copying it to a variable).
    private static func isRead(_ holders: Set<Place.Root>, _ scope: FunctionScope) -> Bool {
        for block in scope.function.blocks {
            for inst in block.instructions {
                if inst.op == .assign, case .place(let d)? = inst.results.first, d.path.isEmpty, holders.contains(d.root),
                   inst.operands.first?.place.map({ $0.path.isEmpty && holders.contains($0.root) }) == true { continue }
                if inst.operands.contains(where: { $0.place.map { holders.contains($0.root) } ?? false }) { return true }
            }
            if case .return(let values)? = block.terminator,
               values.contains(where: { $0.place.map { holders.contains($0.root) } ?? false }) { return true }
        }
        return false
    }

    /// A computed value (`x.Load() + 1`): `?` itself (an expression the IR
    /// does not model), a place an `add` or `sub` writes (`v++`, `v + 1`),
    /// or a variable assigned `?`.
    private static func isComputed(_ value: Operand, _ scope: FunctionScope) -> Bool {
        if value == .unknown { return true }
        guard let p = value.place, p.path.isEmpty else { return false }
        var isVariable = false
        if case .variable = p.root { isVariable = true }
        return scope.function.blocks.contains { block in
            block.instructions.contains { inst in
                guard inst.results.first?.place == p else { return false }
                if inst.op == .add || inst.op == .sub { return true }
                return isVariable && inst.op == .assign && inst.operands.first == .unknown
            }
        }
    }

    /// `init` functions run before any goroutine of the package.
    private static func isInitialization(_ scope: FunctionScope) -> Bool {
        PackageInitialization.contains(scope.function.name)
    }
}
