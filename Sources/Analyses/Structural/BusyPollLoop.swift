import ConcIR
import Findings

/// CH1102: a loop that only polls: `for len(ch) == 0 {}`,
/// `for atomic.LoadInt32(&ready) == 0 { runtime.Gosched() }`, `for !done {}`.
///
/// Nothing in the loop blocks, sleeps or works, so it spins at full speed
/// until another goroutine changes what it polls: a core burnt for the
/// whole wait, and for a plain flag the compiler may hoist the read out of
/// the loop so that it never ends. Receive from the channel, wait on a
/// channel that is closed when the flag would be set, or use a
/// sync.Cond / WaitGroup.
///
/// Loops with a known trip count, ranges over maps and channels, loops that
/// start goroutines, retry loops that update with CompareAndSwap/Add/Swap,
/// and loops that call a helper storing through its pointer receiver or a
/// pointer argument (`for b.Len() < n { b.Write(p) }`, a fill loop), and
/// loops that make a system call (an EINTR retry around wait4), are not
/// reported.
struct BusyPollLoop: FunctionLocalCheck {
    static let id = "CH1102"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [] }
    var wantsTerminators: Bool { true }
    var findings: [Finding] = []
    private var facts: BusyWaitFacts?
    private var calleeUpdates: [DepthKey: Bool] = [:]
    private var systemCalls: SystemCalls?

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {}

    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {
        // Once per loop: at its header.
        guard scope.hasCycle, let loop = scope.cfg.loops.first(where: { $0.header == block }) else { return }
        let blocks = scope.function.blocks
        if blocks[loop.header].loop?.isCounted == true { return }
        if facts == nil { facts = BusyWaitFacts(program: scope.program) }
        if systemCalls == nil { systemCalls = SystemCalls(program: scope.program) }
        guard var busy = facts, let syscalls = systemCalls else { return }
        defer { facts = busy }
        var polled: String?
        var compared: String?
        for b in loop.blocks {
            let terminator = blocks[b].terminator
            // A select with a default is CH1101's; without one it waits.
            if case .select? = terminator { return }
            for inst in blocks[b].instructions {
                if busy.isBarrier(inst) { return }
                // A range over a map or channel ends with it (or blocks on
                // the channel); a loop that starts goroutines works.
                if inst.op == .mapRange || inst.isRangeStep || inst.mode == .go { return }
                // A loop that updates a variable walks or counts: it is not waiting.
                if case .place(let dst)? = inst.results.first {
                    if case .temp = dst.root {} else { return }
                }
                // A helper that updates its receiver (or what a pointer argument points to)
                // is the same progress: `for b.Len() < n { b.Write(p) }` fills, it does not wait.
                if inst.op == .call, inst.mode == .now, updatesThroughPointer(inst, scope.program) { return }
                // A system call is the kernel's work and often blocks: an EINTR retry loop waits in it.
                if syscalls.made(by: inst) { return }
                if polled == nil { polled = Self.polls(inst) }
            }
            if polled == nil, case .branch(let c, _, _)? = terminator, let p = c.place {
                if case .temp = p.root {
                    // `for oldp.syscalltick == tick { osyield() }`: a field compared, if nothing else is polled.
                    if compared == nil, let field = blocks[b].comparison(producing: p)?.operands.compactMap(\.place)
                        .first(where: { !$0.path.isEmpty }) {
                        compared = Self.flag(field, scope)
                    }
                } else {
                    polled = Self.flag(p, scope)
                }
            }
        }
        guard let polled = polled ?? compared else { return }
        let position = blocks[loop.header].terminatorPosition
        let message = "this loop polls \(polled) without blocking or sleeping: it spins at full speed until another goroutine "
            + "changes it, burning a core; receive from a channel (or wait on one that is closed when it changes) instead"
        if let f = scope.finding(ruleID, at: position, message) { findings.append(f) }
    }

    /// Whether a call of the analysed code stores through its pointer
    /// receiver or a pointer parameter, itself or in a helper it calls
    /// (two levels deep). Known trivial calls (runtime.Gosched) never do.
    private mutating func updatesThroughPointer(_ inst: Instruction, _ program: StructuralProgram) -> Bool {
        guard let targets = inst.callee?.possibleTargets else { return false }
        for t in targets where !BusyWaitFacts.trivialCalls.contains(t) {
            if let node = program.index.node(named: t), updates(node, program, depth: 0) { return true }
        }
        return false
    }

    /// Memoised per function and depth (see `BusyWaitFacts`); the depth
    /// bound ends a callee cycle.
    private mutating func updates(_ node: Int, _ program: StructuralProgram, depth: Int) -> Bool {
        let key = DepthKey(node: node, depth: depth)
        if let known = calleeUpdates[key] { return known }
        let f = program.index.function(node)
        var pointers: Set<String> = []
        for v in f.parameters + (f.receiver.map { [$0] } ?? []) {
            if case .pointer = v.type { pointers.insert(v.name) }
        }
        var result = false
        outer: for block in f.blocks {
            for inst in block.instructions {
                for case .place(let p) in inst.results {
                    if case .variable(let name) = p.root, !p.path.isEmpty, pointers.contains(name) { result = true; break outer }
                }
                guard inst.op == .call, inst.mode == .now, depth < 2, let targets = inst.callee?.possibleTargets else { continue }
                for t in targets where !BusyWaitFacts.trivialCalls.contains(t) {
                    if let n = program.index.node(named: t), updates(n, program, depth: depth + 1) { result = true; break outer }
                }
            }
        }
        calleeUpdates[key] = result
        return result
    }

    /// A polled place, for the message.
    private static func flag(_ place: Place, _ scope: FunctionScope) -> String {
        GoSpelling.expression(scope.normalize(place)).map { "the flag \($0)" } ?? "a flag"
    }

    /// What an instruction polls, for the message.
    private static func polls(_ inst: Instruction) -> String? {
        let name = inst.operands.first?.place.flatMap(GoSpelling.expression)
        switch inst.op {
        case .chanLen: return "len(\(name ?? "ch"))"
        case .atomicLoad, .atomicValueLoad: return name.map { "\($0) (an atomic load)" } ?? "an atomic value"
        case .mapLen: return "len(\(name ?? "m"))"
        case .call:
            // A call that is not a barrier: a helper of the analysed code that only reads.
            guard inst.mode == .now, let target = inst.callee?.possibleTargets.first, !BusyWaitFacts.trivialCalls.contains(target) else { return nil }
            return ShortName.of(target) + "()"
        default: return nil
        }
    }
}
