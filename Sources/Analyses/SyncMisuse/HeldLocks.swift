import ConcIR

/// The locks a function holds at each of its instructions on every path
/// that reaches it (a must analysis: a lock counts only when every path
/// took it and none released it since).
///
/// A lock is a `mutex.lock`/`mutex.rlock`, or a `Lock`/`RLock` method
/// called on a place (`c.L.Lock()` through sync.Locker, a wrapper type's
/// Lock); an `Unlock`/`RUnlock` of the same place releases it. Deferred
/// unlocks run at the return, so they release nothing on the way. The
/// sync checks ask it whether an atomic read-modify-write is serialised,
/// and whether `Cond.Wait` is called with its lock held. With
/// `exclusiveOnly`, read locks do not count (what keeps writers apart).
struct HeldLocks {
    private let function: Function
    private let normalize: (Place) -> Place
    private let entry: [Set<Place>?]

    private let exclusiveOnly: Bool

    init(function: Function, cfg: ControlFlowGraph, normalize: @escaping (Place) -> Place, exclusiveOnly: Bool = false) {
        self.function = function
        self.normalize = normalize
        self.exclusiveOnly = exclusiveOnly
        let blocks = function.blocks
        entry = ForwardDataflow.solve(cfg: cfg, entry: Set<Place>(), join: { $0.intersection($1) }) { b, state in
            var held = state
            for inst in blocks[b].instructions { Self.apply(inst, to: &held, normalize: normalize, exclusiveOnly: exclusiveOnly) }
            return cfg.successors[b].map { ($0, held) }
        }
    }

    /// The locks held right before the instruction at `site` (empty when
    /// the block is unreachable).
    func held(at site: InstructionSite) -> Set<Place> {
        guard site.block >= 0, site.block < entry.count, var held = entry[site.block] else { return [] }
        let instructions = function.blocks[site.block].instructions
        for inst in instructions.prefix(min(site.index, instructions.count)) {
            Self.apply(inst, to: &held, normalize: normalize, exclusiveOnly: exclusiveOnly)
        }
        return held
    }

    /// Whether some lock is held at `site`.
    func holdsSomeLock(at site: InstructionSite) -> Bool { !held(at: site).isEmpty }

    private static func apply(_ inst: Instruction, to held: inout Set<Place>, normalize: (Place) -> Place, exclusiveOnly: Bool) {
        guard inst.mode == .now else { return }
        switch inst.op {
        case .mutexLock:
            if let p = inst.operands.first?.place { held.insert(normalize(p)) }
        case .mutexRLock:
            if !exclusiveOnly, let p = inst.operands.first?.place { held.insert(normalize(p)) }
        case .mutexUnlock, .mutexRUnlock:
            if let p = inst.operands.first?.place { held.remove(normalize(p)) }
        case .call:
            guard let callee = inst.callee, callee.hasReceiver, let p = inst.operands.first?.place else { return }
            switch lockMethod(callee) {
            case .acquire?: held.insert(normalize(p))
            case .acquireShared?: if !exclusiveOnly { held.insert(normalize(p)) }
            case .release?: held.remove(normalize(p))
            case nil: break
            }
        default:
            break
        }
    }

    private enum LockMethod { case acquire, acquireShared, release }

    /// `Lock`/`RLock` and `Unlock`/`RUnlock` methods of any type (a
    /// sync.Locker, a type that embeds or wraps a mutex).
    private static func lockMethod(_ callee: Callee) -> LockMethod? {
        let name: String
        switch callee {
        case .method(let n), .interface(let n, _): name = n
        default: return nil
        }
        guard let method = FunctionName.methodName(name) else { return nil }
        switch method {
        case "Lock", "lock": return .acquire
        case "RLock": return .acquireShared
        case "Unlock", "RUnlock", "unlock": return .release
        default: return nil
        }
    }
}

/// Whether the callers of a function hold a lock where they call it: the
/// `fooLocked` helpers that expect their caller to have locked.
enum CallerLocks {
    /// True when the function has at least one caller in the analysed code
    /// and every call site of every caller holds some lock. With
    /// `spawns`, a `go` statement that starts the function counts as a
    /// call site too: the goroutine starts while its spawner holds the lock.
    static func everyCallerHoldsALock(_ node: Int, program: StructuralProgram, spawns: Bool = false) -> Bool {
        let graph = program.index.callGraph
        let calls = graph.incoming[node].map { graph.edges[$0] }.filter { $0.kind == .call || (spawns && $0.kind == .go) }
        guard !calls.isEmpty, calls.count <= 64 else { return false }
        var byCaller: [Int: HeldLocks] = [:]
        for e in calls {
            let locks: HeldLocks
            if let known = byCaller[e.from] {
                locks = known
            } else {
                let f = program.index.function(e.from)
                let facts = FunctionFacts(node: e.from, program: program.index)
                locks = HeldLocks(function: f, cfg: facts.cfg, normalize: facts.normalize)
                byCaller[e.from] = locks
            }
            if !locks.holdsSomeLock(at: InstructionSite(block: e.site.block, index: e.site.instruction)) { return false }
        }
        return true
    }
}
