import ConcIR
import RuntimeModel

/// Goroutines a function starts at most once for the life of the process,
/// whoever calls it and however often: the start is guarded by
/// package-level state that the first start changes for good. Such a
/// goroutine is a process-wide service (a singleton), like one an init
/// starts: running forever is its design, and it cannot pile up.
///
/// Two guards are recognised, in the IR as the lowering writes them:
/// - a compare-and-swap on a package-level flag
///   (`if atomic.CompareAndSwapUint32(&started, 0, 1) { go loop() }`,
///   or a CAS-named function or method of another package:
///   `started.CAS(false, true)`, the runtime's `atomic.Cas(&flag, 0, 1)`):
///   the `go` runs only on the swap's success, which one caller gets;
/// - lazy initialisation of a package-level variable
///   (`if ch != nil { return }; ch = make(chan T); go serve()`): an early
///   way out that skips the start, then a freshly made value published in
///   a package-level variable before the start.
/// - a pool grown to a bound kept in package-level state
///   (`for started < limit { go worker(); started++ }`, the runtime's
///   `for gcBgMarkWorkerCount < gomaxprocs`, or `if started < limit {
///   started++; go worker() }`): the start runs only while a comparison of
///   a package-level counter holds, and the guarded code moves that
///   counter, so however often the function runs, the starts add up to the
///   bound. Only this guard may put the start in a loop, the loop the
///   comparison leaves.
/// Otherwise the start must not sit in a loop of its function.
///
/// A function that only a package-level `sync.Once` runs (`once.Do(start)`)
/// is a third guard: Do runs it once per process.
struct OnceStartedGoroutines {
    let program: ProgramIndex
    /// Functions run only through `once.Do` on a package-level Once.
    var onceOnly: Set<FunctionRef> = []

    func isStartedOnce(_ site: Site) -> Bool {
        let f = program[site.function]
        let cfg = program.layout(site.function).cfg
        guard let block = f.blocks.indices.first(where: { b in
            f.blocks[b].instructions.contains { $0.spawnsGoroutine && $0.position == site.position }
        }), block < cfg.isInCycle.count else { return false }
        if cfg.isInCycle[block] { return guardedByGlobalBound(block, f, cfg) }
        return onceOnly.contains(site.function) || guardedBySwap(block, f, cfg)
            || guardedByLazyInit(block, at: site.position, f, cfg) || guardedByGlobalBound(block, f, cfg)
    }

    /// A block reached only while a comparison with a package-level
    /// variable holds (one side of the branch on it, entered from nowhere
    /// else, dominates the block), where the code that side dominates
    /// writes that variable. In a loop, the comparison must be the one that
    /// leaves the innermost loop around the block.
    private func guardedByGlobalBound(_ block: Int, _ f: Function, _ cfg: ControlFlowGraph) -> Bool {
        let loop = cfg.isInCycle[block] ? cfg.innermostLoop(containing: block) : nil
        for (b, candidate) in f.blocks.enumerated() {
            guard case .branch(.place(let c), let t, let e)? = candidate.terminator, t != e,
                  let test = candidate.comparison(producing: c) else { continue }
            let counters = test.operands.compactMap { o -> Place? in
                guard case .place(let p) = o, case .global = p.root else { return nil }
                return p
            }
            guard !counters.isEmpty else { continue }
            if let loop, !(loop.contains(b) && loop.contains(t) != loop.contains(e)) { continue }
            for side in [t, e] where side < cfg.predecessors.count && cfg.predecessors[side] == [b] && cfg.dominates(side, block) {
                let moves = f.blocks.indices.contains { w in
                    cfg.dominates(side, w) && f.blocks[w].instructions.contains { inst in
                        inst.results.contains { r in r.place.map(counters.contains) ?? false }
                    }
                }
                if moves { return true }
            }
        }
        return false
    }

    /// A block that runs only when a compare-and-swap on a package-level
    /// variable succeeded: it is dominated by the `then` side of a branch on
    /// the swap's result, a side reached from nowhere else.
    private func guardedBySwap(_ block: Int, _ f: Function, _ cfg: ControlFlowGraph) -> Bool {
        for (b, candidate) in f.blocks.enumerated() {
            guard case .branch(.place(let cond), let t, let e)? = candidate.terminator, cond.path.isEmpty, t != e,
                  t < cfg.predecessors.count, cfg.predecessors[t] == [b], cfg.dominates(t, block) else { continue }
            let swaps = candidate.instructions.contains { inst in
                (inst.op == .atomicCAS || Self.isSwapCall(inst)) && inst.results.first == .place(cond)
                    && isGlobal(inst.operands.first, in: candidate)
            }
            if swaps { return true }
        }
        return false
    }

    /// A call of a compare-and-swap outside sync/atomic, by its name: the
    /// runtime's own `runtime/internal/atomic.Cas` (assembly, no body to
    /// read) and the atomic wrappers that libraries use (`Bool.CAS`,
    /// `Int32.CompareAndSwap` of go.uber.org/atomic), whose first operand
    /// is the flag (the address, or the receiver).
    static func isSwapCall(_ inst: Instruction) -> Bool {
        guard inst.op == .call, inst.mode == .now, let name = inst.callee?.staticName else { return false }
        let short: Substring = FunctionName.methodName(name) ?? name[(name.lastIndex(of: ".").map { name.index(after: $0) } ?? name.startIndex)...]
        return short == "CAS" || short.hasPrefix("Cas") || short.hasPrefix("CompareAndSwap")
    }

    /// A block dominated by the publication of a freshly made value in a
    /// package-level variable (`g = make(...)`), which is itself dominated by
    /// a branch one side of which leaves the function without the start.
    private func guardedByLazyInit(_ block: Int, at start: Position, _ f: Function, _ cfg: ControlFlowGraph) -> Bool {
        let made: Set<Opcode> = [.chanMake, .mapMake, .allocNew, .allocLit, .allocMake]
        var publication: Int?
        for (b, candidate) in f.blocks.enumerated() where cfg.dominates(b, block) {
            var fresh = Set<Place.Root>()
            for inst in candidate.instructions {
                if made.contains(inst.op), case .place(let r)? = inst.results.first, r.path.isEmpty { fresh.insert(r.root) }
                if b == block, inst.spawnsGoroutine, inst.position == start { break }
                if inst.op == .assign, case .place(let dst)? = inst.results.first, dst.path.isEmpty, case .global = dst.root,
                   case .place(let src)? = inst.operands.first, src.path.isEmpty, fresh.contains(src.root) {
                    publication = b
                }
            }
        }
        guard let publication else { return false }
        // An earlier branch whose other side returns without reaching the start.
        for (b, candidate) in f.blocks.enumerated() where b != publication && cfg.dominates(b, publication) {
            guard case .branch(_, let t, let e)? = candidate.terminator, t != e else { continue }
            for side in [t, e] where !cfg.reaches(from: side, to: block) && returns(side, f, cfg) { return true }
        }
        return false
    }

    private func isGlobal(_ o: Operand?, in block: Block) -> Bool {
        guard case .place(let p)? = o else { return false }
        if case .global = p.root { return true }
        // `&flag` computed just before.
        guard p.path.isEmpty || p.path == [.deref] else { return false }
        return block.instructions.contains { inst in
            guard inst.op == .addr, inst.results.first.map({ r in
                if case .place(let rp) = r { return rp.root == p.root && rp.path.isEmpty }
                return false
            }) == true, case .place(let a)? = inst.operands.first, case .global = a.root else { return false }
            return true
        }
    }

    private func returns(_ from: Int, _ f: Function, _ cfg: ControlFlowGraph) -> Bool {
        var seen = Set<Int>([from])
        var work = [from]
        while let b = work.popLast() {
            if case .return? = f.blocks[b].terminator { return true }
            for s in cfg.successors[b] where seen.insert(s).inserted { work.append(s) }
        }
        return false
    }
}
