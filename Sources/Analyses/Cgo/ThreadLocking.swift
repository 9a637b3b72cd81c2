import ConcIR

/// `runtime.LockOSThread` and `UnlockOSThread` as paths see them, helpers
/// included: a function that locks on every path and never unlocks (a
/// `lockThread()` helper) counts as a lock where it is called, one that
/// only unlocks counts as an unlock. Locks nest since Go 1.10: each lock
/// needs its own unlock.
struct ThreadLocking {
    enum Effect { case lock, unlock }

    /// The state along a path from a lock: the nesting depth, and how many
    /// deferred unlocks will run at the return. Both are capped, so paths
    /// through loops end.
    struct Depth: Hashable {
        var locks: Int
        var deferredUnlocks: Int
        static let cap = 4
    }

    private let index: AnalysedProgram
    private(set) var lockHelpers = Set<Int>()
    private(set) var unlockHelpers = Set<Int>()
    /// Functions that may lock or unlock the thread, themselves or through
    /// what they call: those that lock, unlock or call
    /// `runtime.LockOSThread` / `UnlockOSThread`, and every function that
    /// reaches one in the call graph. A helper is one of them, so no other
    /// function has an effect or a lock site; most functions are not.
    private let mayLock: [Bool]

    init(program: CgoProgram) {
        let index = program.index
        self.index = index
        mayLock = Self.functionsReachingThreadLocks(index)
        for component in program.components {
            for node in component where mayLock[node] && !program.isCFunction(node) {
                let function = index.function(node)
                let effects = function.blocks.flatMap(\.instructions).filter { $0.mode == .now }.compactMap { effect(of: $0, in: function) }
                if effects.contains(.lock), !effects.contains(.unlock), locksOnEveryExit(program.facts(node)) {
                    lockHelpers.insert(node)
                } else if effects.contains(.unlock), !effects.contains(.lock) {
                    unlockHelpers.insert(node)
                }
            }
        }
    }

    /// Those that touch the thread lock themselves, then their callers
    /// (any edge: a call of a helper is a call edge to it).
    private static func functionsReachingThreadLocks(_ index: AnalysedProgram) -> [Bool] {
        let direct = (0..<index.nodeCount).map { locksOrUnlocks(index.function($0)) }
        return index.callGraph.closure(of: direct, .callers)
    }

    private static func locksOrUnlocks(_ function: Function) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { inst in
                switch inst.op {
                case .lockOSThread, .unlockOSThread: return true
                case .call:
                    let targets = inst.callee?.possibleTargets ?? []
                    return targets.contains("runtime.LockOSThread") || targets.contains("runtime.UnlockOSThread")
                default: return false
                }
            }
        }
    }

    /// What an instruction does to the thread lock, by itself (mode aside).
    func effect(of inst: Instruction, in function: Function) -> Effect? {
        switch inst.op {
        case .lockOSThread: return .lock
        case .unlockOSThread: return .unlock
        case .call:
            let targets = inst.callee?.possibleTargets ?? []
            if targets.contains("runtime.LockOSThread") { return .lock }
            if targets.contains("runtime.UnlockOSThread") { return .unlock }
            let nodes = targets.compactMap(index.node(named:))
            if !nodes.isEmpty, nodes.allSatisfy(lockHelpers.contains) { return .lock }
            if !nodes.isEmpty, nodes.allSatisfy(unlockHelpers.contains) { return .unlock }
            return nil
        default:
            return nil
        }
    }

    /// The sites that lock the thread (in mode now).
    func lockSites(_ node: Int) -> [InstructionSite] {
        guard mayLock[node] else { return [] }
        let function = index.function(node)
        var out: [InstructionSite] = []
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where inst.mode == .now && effect(of: inst, in: function) == .lock {
                out.append(InstructionSite(block: b, index: i))
            }
        }
        return out
    }

    /// Applies an instruction to the depth; false when the path is balanced
    /// again (nothing more to follow).
    func apply(_ inst: Instruction, in function: Function, to depth: inout Depth) -> Bool {
        guard let effect = effect(of: inst, in: function) else { return true }
        switch (effect, inst.mode) {
        case (.lock, .now):
            depth.locks = min(depth.locks + 1, Depth.cap)
        case (.unlock, .now):
            depth.locks = max(depth.locks - 1, 0)
            return depth.locks > 0
        case (.unlock, .defer):
            depth.deferredUnlocks = min(depth.deferredUnlocks + 1, Depth.cap)
        default:
            break
        }
        return true
    }

    /// Whether the function leaves on every path with the thread still
    /// locked by itself (searched from the entry, so a path that skips the
    /// lock counts against it).
    private func locksOnEveryExit(_ facts: FunctionFacts) -> Bool {
        let function = facts.function
        guard function.hasBody else { return false }
        var reachedExit = false
        let unlockedExit = StatePathSearch<Depth>.run(function, cfg: facts.cfg, from: InstructionSite(block: 0, index: -1),
                                                      state: Depth(locks: 0, deferredUnlocks: 0), step: { inst, _, depth in
            _ = apply(inst, in: function, to: &depth)
            return .proceed
        }, atExit: { terminator, depth in
            guard case .return = terminator else { return false }
            reachedExit = true
            return depth.locks <= depth.deferredUnlocks
        })
        return unlockedExit == nil && reachedExit
    }
}
