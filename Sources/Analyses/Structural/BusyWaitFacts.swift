import ConcIR

/// Whether a stretch of a loop gives the CPU away or does real work: the
/// question behind the busy-waiting rules. A loop whose every turn only
/// polls (a select with default, len(ch), an atomic load, a flag) and
/// reaches nothing that blocks, sleeps or calls out burns a core while it
/// waits.
///
/// Waiting: channel sends and receives, a select without default, Wait of
/// a WaitGroup or Cond, Sleep, Once.Do. Working: a call, except the few
/// known to return at once (runtime.Gosched yields but does not wait) and
/// functions of the analysed code that themselves only poll. Looks four
/// calls deep (`isSweepDone` -> `isDone` -> `Uint32.Load` -> `Load`);
/// deeper, and so round a callee cycle, counts as work, and so does a
/// function without a body outside the atomic packages (see `isAtomic`).
///
/// Memoised per function and depth: an answer found two calls down, where
/// the search is cut sooner, is not the answer from the top. A memo per
/// function alone made a function's findings depend on which other
/// functions had been looked at first, and so on what else was linted.
struct BusyWaitFacts {
    private let program: StructuralProgram
    private var calleeWorks: [DepthKey: Bool] = [:]

    init(program: StructuralProgram) {
        self.program = program
    }

    /// External functions that neither block nor do work worth a turn.
    static let trivialCalls: Set<String> = [
        "runtime.Gosched", "time.Now", "time.Since", "time.Until", "(time.Time).Before", "(time.Time).After",
        "(time.Time).Sub", "runtime.NumGoroutine",
        // The runtime's own yields (sched_yield, the PAUSE instruction), as Gosched.
        "runtime.osyield", "runtime.procyield",
    ]

    static let waiting: Set<Opcode> = [.chanSend, .chanRecv, .wgWait, .condWait, .timeSleep, .onceDo, .mutexLock, .mutexRLock]

    /// Atomic read-modify-writes: progress (a counter claimed, a slot swapped), not a poll.
    static let progressing: Set<Opcode> = [.atomicCAS, .atomicValueCAS, .atomicAdd, .atomicSwap, .atomicValueSwap]

    /// Whether the instruction blocks or works (ends a busy stretch).
    mutating func isBarrier(_ inst: Instruction) -> Bool {
        guard inst.mode == .now else { return false }
        if Self.waiting.contains(inst.op) {
            // Locks are taken at once when nobody holds them: polling under a lock is still polling.
            return inst.op != .mutexLock && inst.op != .mutexRLock
        }
        switch inst.op {
        case .call, .cgoCall:
            return callWorks(inst)
        case _ where Self.progressing.contains(inst.op):
            // A retry loop making progress, not a wait.
            return true
        default:
            return false
        }
    }

    /// A function of the atomic packages (`runtime/internal/atomic.Cas`,
    /// `(*runtime/internal/atomic.Uint32).Load`): assembly that reads or
    /// swaps shared state, what a polling loop does. Other functions without
    /// a body (assembly, linknames such as reflect's `mapiternext`) are code
    /// the analysis cannot see, and count as work.
    static func isAtomic(_ name: String) -> Bool {
        let end = FunctionName.methodName(name) == nil
            ? name.lastIndex(of: ".") : name.firstIndex(of: ")").flatMap { name[..<$0].lastIndex(of: ".") }
        guard let end else { return false }
        var package = name[..<end]
        while package.hasPrefix("(") || package.hasPrefix("*") { package = package.dropFirst() }
        return package == "runtime/internal/atomic" || package == "sync/atomic" || package == "internal/runtime/atomic"
    }

    /// Whether a terminator blocks: a select without default (or `select {}`).
    static func blocks(_ terminator: Terminator?) -> Bool {
        if case .select(_, let def)? = terminator { return def == nil }
        return false
    }

    private mutating func callWorks(_ inst: Instruction) -> Bool {
        guard let callee = inst.callee else { return true }
        let targets = callee.possibleTargets
        if targets.isEmpty {
            if case .function(let n) = callee, Self.trivialCalls.contains(n) { return false }
            if case .method(let n) = callee, Self.trivialCalls.contains(n) { return false }
            return true
        }
        for t in targets where !Self.trivialCalls.contains(t) {
            guard let node = program.index.node(named: t) else { return true }
            if works(node, depth: 0) { return true }
        }
        return false
    }

    /// Whether a function of the analysed code waits, works or loops.
    private mutating func works(_ node: Int, depth: Int) -> Bool {
        guard depth < 4 else { return true }
        let key = DepthKey(node: node, depth: depth)
        if let known = calleeWorks[key] { return known }
        let f = program.index.function(node)
        var result = false
        if !f.hasBody {
            result = !Self.isAtomic(f.name)
        } else if f.blocks.count > 64 || ControlFlowGraph(f).isInCycle.contains(true) {
            result = true
        } else {
            outer: for block in f.blocks {
                if Self.blocks(block.terminator) { result = true; break }
                for inst in block.instructions where inst.mode == .now {
                    if Self.waiting.contains(inst.op) || inst.op == .cgoCall { result = true; break outer }
                    // A helper that claims with an atomic Add/Swap/CompareAndSwap makes progress each
                    // call, as in the loop itself: `for pb.Next() {}` hands out iterations, it does not poll.
                    if Self.progressing.contains(inst.op) { result = true; break outer }
                    if inst.op == .call {
                        guard let callee = inst.callee else { result = true; break outer }
                        let targets = callee.possibleTargets
                        if targets.isEmpty {
                            if case .function(let n) = callee, Self.trivialCalls.contains(n) { continue }
                            result = true
                            break outer
                        }
                        for t in targets where !Self.trivialCalls.contains(t) {
                            guard let n = program.index.node(named: t), !works(n, depth: depth + 1) else { result = true; break outer }
                        }
                    }
                }
            }
        }
        calleeWorks[key] = result
        return result
    }
}

/// A function asked at a depth of a bounded search: the memo key of
/// searches whose answer depends on how much depth is left.
struct DepthKey: Hashable {
    var node: Int
    var depth: Int
}
