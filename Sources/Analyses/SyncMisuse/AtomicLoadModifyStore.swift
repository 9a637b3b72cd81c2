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
/// reached from a Load of the same value in the same function, when the
/// loaded value is used (or the stored one is computed: `x.Store(x.Load()+1)`),
/// no lock is held at the Load and the callers do not hold one either.
struct AtomicLoadModifyStore: StructuralCheck {
    static let id = "SY1004"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.atomicValueLoad, .atomicValueStore, .atomicLoad, .atomicStore] }
    private var findings: [Finding] = []
    private var loads: [(site: InstructionSite, inst: Instruction)] = []
    private var stores: [(site: InstructionSite, inst: Instruction)] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now else { return }
        switch inst.op {
        case .atomicValueLoad, .atomicLoad: loads.append((site, inst))
        default: stores.append((site, inst))
        }
    }

    mutating func finishFunction(_ scope: FunctionScope) {
        defer { loads = []; stores = [] }
        guard !loads.isEmpty, !stores.isEmpty, !Self.isInitialization(scope) else { return }
        var locks: HeldLocks?
        var callersLock: Bool?
        var reported = Set<InstructionSite>()
        for store in stores {
            guard let target = store.inst.operands.first?.place.map(scope.facts.normalize),
                  store.inst.operands.count >= 2, !store.inst.operands[1].isConstant else { continue }
            for load in loads where (load.inst.op == .atomicValueLoad) == (store.inst.op == .atomicValueStore) {
                guard !reported.contains(store.site),
                      load.inst.operands.first?.place.map(scope.facts.normalize) == target,
                      let holders = Holders.of(load.inst.results.first, in: scope.function) ?? (load.inst.results.isEmpty ? [] : nil) else { continue }
                let used = Self.isRead(holders, scope) || Self.isComputed(store.inst.operands[1], scope)
                guard used, let path = Self.path(from: load.site, to: store.site, scope) else { continue }
                if locks == nil { locks = HeldLocks(function: scope.function, cfg: scope.cfg, normalize: scope.facts.normalize) }
                if locks?.holdsSomeLock(at: load.site) == true { continue }
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

    /// The choices on a path from the load to the store, nil when there is none.
    private static func path(from load: InstructionSite, to store: InstructionSite, _ scope: FunctionScope) -> [ControlFlowGraph.Edge]? {
        let search = WitnessSearch<Bool>(function: scope.function, infeasible: scope.facts.infeasible)
        return search.first(from: load, state: false) { _, site, _ in site == store ? .found : .proceed }?.branches
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

    /// A value computed by an expression the IR does not model (`x.Load() + 1`):
    /// `?` itself, or a variable assigned `?`.
    private static func isComputed(_ value: Operand, _ scope: FunctionScope) -> Bool {
        if value == .unknown { return true }
        guard let p = value.place, p.path.isEmpty, case .variable = p.root else { return false }
        return scope.function.blocks.contains { block in
            block.instructions.contains { $0.op == .assign && $0.results.first?.place == p && $0.operands.first == .unknown }
        }
    }

    /// `init` functions run before any goroutine of the package.
    private static func isInitialization(_ scope: FunctionScope) -> Bool {
        scope.function.name.hasSuffix(".init") || scope.function.name.contains(".init.func")
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { findings }
}
