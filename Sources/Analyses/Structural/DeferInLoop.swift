import ConcIR
import Findings

/// GR1050, MU1050, CX1050: a `defer` that releases a per-iteration
/// resource inside a loop, or a per-call resource in a recursive function.
///
/// Deferred calls run when the function returns, not when the iteration
/// ends: a batch importer with `defer f.Close()` in its loop holds every
/// file open until the batch is done (and runs out of descriptors); `defer
/// mu.Unlock()` after a Lock in a loop deadlocks on the second iteration;
/// `defer cancel()` keeps every iteration's context and timer alive. In a
/// recursive function, each level keeps its resource until the whole
/// recursion unwinds (and a lock taken again by the next level deadlocks).
/// Move the body into a function literal called each iteration, or release
/// explicitly at the end of the iteration.
///
/// A recursion counts only when it is certain from the code: a cycle of
/// static calls (functions and concrete methods, `once.Do` callbacks),
/// where a call through an interface or a function value may close the
/// cycle only if it can dispatch to the function itself (`h.next.ServeHTTP`
/// in a ServeHTTP, a recursive closure `walk(child)`). A cycle that leaves
/// through some other dynamic call (`r.Read` to any Reader of the program,
/// a callback field) is a possibility of the whole-program call graph, not
/// a recursion of the function: every function that reads, writes or calls
/// back would otherwise look recursive.
///
/// Not reported in a loop: a defer under a select case that receives from
/// a time.Timer made before the loop and never reset, or reset only after
/// a Stop that returned true (the case runs at most once, so one resource
/// is held, not one per turn).
///
/// One check per category: the rule id follows the released resource.
struct DeferInLoop: FunctionLocalCheck {
    static let goroutineID = "GR1050"
    static let mutexID = "MU1050"
    static let contextID = "CX1050"

    let ruleID: String
    private let resource: DeferredRelease.Resource
    var operations: OpcodeSet { .all }
    var findings: [Finding] = []
    /// For each function looked at, the other functions of its certain recursion (empty: none).
    private var recursive: [Int: Set<Int>] = [:]

    init(ruleID: String) {
        self.ruleID = ruleID
        switch ruleID {
        case Self.mutexID: resource = .lock
        case Self.contextID: resource = .cancelFunc
        default: resource = .other
        }
    }

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .defer, let release = DeferredRelease(inst, scope: scope), release.resource == resource else { return }
        let cfg = scope.cfg
        guard site.block < cfg.blockCount, cfg.isReachable(site.block) else { return }
        if cfg.isInCycle[site.block] {
            reportInLoop(inst, site, release, scope)
        } else {
            reportInRecursion(inst, site, release, scope)
        }
    }

    private mutating func reportInLoop(_ inst: Instruction, _ site: InstructionSite, _ release: DeferredRelease, _ scope: FunctionScope) {
        let cfg = scope.cfg
        let loopBlocks: [Int]
        if let loop = cfg.innermostLoop(containing: site.block) {
            loopBlocks = loop.blocks
        } else {
            loopBlocks = (0..<cfg.blockCount).filter { cfg.isInCycle[$0] }
        }
        guard let acquired = acquisition(of: release, in: loopBlocks, scope) else { return }
        if Self.entersOnce(site.block, loopBlocks, scope) { return }
        // A handful of files or connections kept open to the end on
        // purpose (a test holding five clients while it checks the
        // server's count) is not a pile-up; a lock is: it deadlocks on the
        // second turn.
        if resource != .lock, FixedTripCount.runsFewTimes(site.block, scope) { return }
        // The defer only backs up an explicit release at the end of the
        // turn (for a panic in between): nothing piles up. A lock is left
        // out: unlocking it again when the function returns is its own bug.
        if resource != .lock, Self.releasedBeforeNextTurn(after: site, release, scope) { return }
        if resource != .lock, Self.armedOnce(site, release, loopBlocks: loopBlocks, scope) { return }
        // Resources collected to use together after the loop are meant to
        // stay open until the function returns (`KeptBeyondIteration`); for
        // a cancel func, what its context is handed to (a watch stream
        // kept in a slice needs the context alive).
        if resource != .lock {
            let index = scope.program.index
            let counted = cfg.loops.filter { $0.blocks.contains(site.block) }
                .allSatisfy { scope.function.blocks[$0.header].loop?.isCounted == true }
            if KeptBeyondIteration.holds(release, alsoFollowing: derivedContexts(of: release, in: loopBlocks, scope),
                                         loopBlocks: loopBlocks, scope.function, scope.types, goroutinesKeep: counted,
                                         function: { name in index.node(named: name).map(index.function) }) {
                return
            }
        }
        // A lock reached through a variable the loop reassigns (`for p := c.parent; p != nil; p = p.parent`,
        // `for _, it := range items { it.mu.Lock() ...`) is another mutex in each iteration: nothing waits.
        if resource == .lock, case .variable(let name) = release.place.root,
           Self.assigns(name, in: loopBlocks, scope) { return }
        // An element's lock in a counted loop (`for i := range s.shards {
        // s.shards[i].mu.Lock(); defer s.shards[i].mu.Unlock() }`) takes
        // every shard until the function returns, one per turn: nothing
        // is taken twice (`ElementLockLoop` on the lifecycle side).
        if resource == .lock, release.place.path.contains(.element),
           let loop = cfg.innermostLoop(containing: site.block),
           scope.function.blocks[loop.header].loop?.isCounted == true { return }
        let function = ShortName.of(scope.function.name)
        let spelling = release.spelling(in: scope, at: inst.position)
        let message: String
        switch resource {
        case .lock:
            message = "defer \(spelling) in a loop runs only when \(function) returns: the lock taken on line \(acquired.line) "
                + "is still held when the next iteration locks it again (deadlock); unlock at the end of the iteration, "
                + "or move the body into a function literal"
        case .cancelFunc:
            message = "defer \(spelling) in a loop runs only when \(function) returns: every iteration's context "
                + "(and its timer) stays alive until then; call \(spelling) at the end of the iteration, "
                + "or move the body into a function literal"
        case .other:
            message = "defer \(spelling) in a loop runs only when \(function) returns: what each iteration acquires "
                + "(line \(acquired.line)) is held until then, so they pile up; move the body into a function literal "
                + "called each iteration, or release at the end of the iteration"
        }
        let fixes = functionLiteralFix(site, loopBlocks, scope)
        if let f = scope.finding(ruleID, at: inst.position, message, fixes: fixes) { findings.append(f) }
    }

    /// Whether every path from the defer that comes round to it again
    /// first releases the same value explicitly (`defer conn.Close()` ...
    /// `conn.Close()` before the next Accept). The search's state says
    /// whether the variable was written since the defer: a release after
    /// that (`nc.Close(); nc = dial(); defer nc.Close()`, the next turn's
    /// first Close) gives back another value, not the deferred one.
    private static func releasedBeforeNextTurn(after site: InstructionSite, _ release: DeferredRelease,
                                               _ scope: FunctionScope) -> Bool {
        let search = WitnessSearch<Bool>(function: scope.function, infeasible: scope.facts.infeasible)
        let unreleasedTurn = search.first(from: site, state: false, visit: { inst, at, overwritten in
            if at == site { return .found }
            if !overwritten, release.isReleased(by: inst, normalize: scope.normalize) { return .stop }
            if inst.results.contains(where: { $0.place.map(scope.normalize)?.contains(release.place) == true }) {
                overwritten = true
            }
            return .proceed
        })
        return unreleasedTurn == nil
    }

    /// `if t == nil { t = newTimer(); defer t.Stop() }` in a loop: the
    /// defer runs only on the nil side of a test of its variable, which
    /// that side sets before it and the loop never sets back to nil, so it
    /// runs at most once per call (quic-go's deadline timer, made on the
    /// first turn that needs one).
    private static func armedOnce(_ site: InstructionSite, _ release: DeferredRelease, loopBlocks: [Int],
                                  _ scope: FunctionScope) -> Bool {
        let v = release.place
        guard v.path.isEmpty, case .variable = v.root else { return false }
        let cfg = scope.cfg
        let blocks = scope.function.blocks
        let nilSides = loopBlocks.compactMap { b -> Int? in
            guard case .branch(.place(let condition), let then, _)? = blocks[b].terminator,
                  blocks[b].nilTested(by: condition)?.place.map(scope.normalize) == v,
                  cfg.predecessors[then] == [b], cfg.dominates(then, site.block) else { return nil }
            return then
        }
        guard let guarded = nilSides.first else { return false }
        var setBeforeDefer = false
        for b in loopBlocks {
            for (i, inst) in blocks[b].instructions.enumerated()
            where inst.results.contains(where: { $0.place.map(scope.normalize) == v }) {
                // Every write in the loop is on the guarded side, not nil.
                guard cfg.dominates(guarded, b), inst.operands.first != .nil else { return false }
                if cfg.dominates(b, site.block), b != site.block || i < site.index { setBeforeDefer = true }
            }
        }
        return setBeforeDefer
    }

    /// The contexts the loop derives together with the cancel funcs the
    /// defer calls (`ctx` of `ctx, cancel := context.WithTimeout(...)`).
    private func derivedContexts(of release: DeferredRelease, in blocks: [Int], _ scope: FunctionScope) -> [Place.Root] {
        guard release.resource == .cancelFunc else { return [] }
        var roots: [Place.Root] = []
        for b in blocks {
            for i in scope.function.blocks[b].instructions where release.isAcquired(by: i, normalize: scope.normalize) {
                if i.results.count == 2, let ctx = i.results[0].place, ctx.path.isEmpty { roots.append(ctx.root) }
            }
        }
        return roots
    }

    /// Where the loop acquires what the defer releases.
    private func acquisition(of release: DeferredRelease, in blocks: [Int], _ scope: FunctionScope) -> Position? {
        for b in blocks.sorted() {
            for i in scope.function.blocks[b].instructions where release.isAcquired(by: i, normalize: scope.normalize) {
                return i.position
            }
        }
        return nil
    }

    private mutating func reportInRecursion(_ inst: Instruction, _ site: InstructionSite, _ release: DeferredRelease, _ scope: FunctionScope) {
        if recursive[scope.node] == nil {
            recursive[scope.node] = Self.recursion(of: scope.node, scope.program.index, cycles: scope.program.callCycles)
        }
        guard let members = recursive[scope.node], !members.isEmpty,
              let acquired = acquisition(of: release, in: Array(0..<scope.cfg.blockCount), scope) else { return }
        // A call back into the recursion after the defer. For a lock, only a
        // static call of this same function that locks the same mutex again.
        let recursiveSites: Set<InstructionSite>
        if resource == .lock {
            recursiveSites = sameLockReentries(release, scope)
        } else {
            let graph = scope.program.index.callGraph
            let index = scope.program.index
            recursiveSites = Set(graph.outgoing[scope.node].map { graph.edges[$0] }
                .filter { members.contains($0.to) && Self.certain($0, root: scope.node, index) }
                .map { InstructionSite(block: $0.site.block, index: $0.site.instruction) })
        }
        guard !recursiveSites.isEmpty else { return }
        if resource == .other, Self.recursesInsideAcquiredContext(release, recursiveSites, scope) { return }
        let search = WitnessSearch<Bool>(function: scope.function, infeasible: scope.facts.infeasible)
        guard let witness = search.first(from: site, state: false, visit: { _, s, _ in recursiveSites.contains(s) ? .found : .proceed }) else { return }
        let callAt = WitnessFlow.position(witness.site, in: scope.function)
        let function = ShortName.of(scope.function.name)
        let spelling = release.spelling(in: scope, at: inst.position)
        let message: String
        switch resource {
        case .lock:
            message = "defer \(spelling) in recursive \(function): the lock taken on line \(acquired.line) is still held "
                + "when the recursive call on line \(callAt.line) runs, and is released only when the recursion unwinds "
                + "(a deadlock if the next level locks it); unlock before recursing"
        case .cancelFunc:
            message = "defer \(spelling) in recursive \(function): each level's context stays alive until the whole "
                + "recursion returns (the recursive call is on line \(callAt.line)); cancel before recursing"
        case .other:
            message = "defer \(spelling) in recursive \(function): each level holds what it acquired (line \(acquired.line)) "
                + "until the whole recursion returns (the recursive call is on line \(callAt.line)), so they pile up with the depth; "
                + "release before recursing"
        }
        let flow = WitnessFlow.make(scope, message: "the release is deferred past the recursive call",
                                    start: (inst.position, "\(spelling) is deferred here"), branches: witness.branches,
                                    end: (callAt, "\(function) calls itself with the resource still held"))
        if let f = scope.finding(ruleID, at: inst.position, message, flows: [flow]) { findings.append(f) }
    }

    /// `ctx, span := trace.StartSpan(ctx, name)` and every recursive call
    /// given that ctx: the acquisition hands out a context that carries
    /// what it opened (a trace span, a region), and the next level runs
    /// inside it, so the release is meant to wait for the nested work;
    /// releasing before the recursive call would end it too early. The
    /// context variable is assigned only by the acquisition.
    private static func recursesInsideAcquiredContext(_ release: DeferredRelease, _ sites: Set<InstructionSite>,
                                                      _ scope: FunctionScope) -> Bool {
        let function = scope.function
        var contexts: Set<String> = []
        for block in function.blocks {
            for inst in block.instructions where release.isAcquired(by: inst, normalize: scope.normalize) {
                var producer = inst
                // `assign span = %2` after `%1, %2 = call ...`: the context is a sibling result of the call.
                if inst.op == .assign, case .place(let src)? = inst.operands.first, case .temp = src.root,
                   let made = block.instructions.last(where: { $0.results.contains { $0.place == src } }) {
                    producer = made
                }
                for case .place(let r) in producer.results {
                    var target = r
                    if case .temp = r.root, let copy = block.instructions.first(where: {
                        $0.op == .assign && $0.operands.first?.place == r
                    }), case .place(let dst)? = copy.results.first { target = dst }
                    guard target.path.isEmpty, case .variable(let name) = target.root,
                          scope.types.type(of: target).wellKnown == .context else { continue }
                    contexts.insert(name)
                }
            }
        }
        let assigned = contexts.filter { name in
            function.blocks.reduce(0) { n, block in
                n + block.instructions.filter { i in i.results.contains { $0.place == Place(.variable(name)) } }.count
            } == 1
        }
        guard !assigned.isEmpty else { return false }
        return sites.allSatisfy { site in
            function.blocks[site.block].instructions[site.index].operands.contains { operand in
                guard let p = operand.place, p.path.isEmpty, case .variable(let name) = p.root else { return false }
                return assigned.contains(name)
            }
        }
    }

    /// The calls that enter this same function again with the lock of
    /// `release` being the same mutex: a static call (not an interface
    /// method, not a function value) of the function itself, where the
    /// mutex is a global, a captured variable, or reached from a
    /// parameter or receiver that the call passes on unchanged in the same
    /// position (`t.size(c)` for `t.mu`, not `t.next.size(c)` nor `w.fw.Close()`).
    private func sameLockReentries(_ release: DeferredRelease, _ scope: FunctionScope) -> Set<InstructionSite> {
        let function = scope.function
        guard let held = scope.naming.summaryPlace(for: release.place) else { return [] }
        var parameter: Place?
        if case .operand(let k) = held.base {
            guard let local = scope.naming.localPlace(for: SummaryPlace(base: .operand(k), path: [])),
                  case .variable(let name) = local.root else { return [] }
            // A parameter the function reassigns may name another value at the call.
            if Self.assigns(name, in: Array(0..<function.blocks.count), scope) { return [] }
            parameter = local
        }
        var out = Set<InstructionSite>()
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where inst.op == .call && inst.mode == .now {
                switch inst.callee {
                case .function(let n)?, .method(let n)?:
                    guard n == function.name else { continue }
                default:
                    continue
                }
                if case .operand(let k) = held.base {
                    guard k < inst.operands.count, let arg = inst.operands[k].place,
                          scope.normalize(arg) == parameter else { continue }
                }
                out.insert(InstructionSite(block: b, index: i))
            }
        }
        return out
    }

    /// Whether the block runs at most once however often the loop turns:
    /// it lies under a select case that receives from the channel of a
    /// time.Timer made before the loop in a local variable that nothing
    /// resets (except right after a Stop that returned true), reassigns or
    /// hands on (a Timer's channel delivers one value per start), as in a
    /// fallback that starts after a delay.
    private static func entersOnce(_ block: Int, _ loopBlocks: [Int], _ scope: FunctionScope) -> Bool {
        let function = scope.function
        let inLoop = Set(loopBlocks)
        for b in loopBlocks {
            guard case .select(let cases, _)? = function.blocks[b].terminator else { continue }
            for c in cases where scope.cfg.dominates(c.target, block) {
                guard case .recv = c.communication, let channel = c.channel.place.map(scope.normalize),
                      case .field("C")? = channel.path.last, channel.path.count == 1,
                      case .variable(let name) = channel.root,
                      scope.types.type(of: .place(Place(channel.root))).wellKnownThroughPointer == .timer,
                      function.locals.contains(where: { $0.name == name }),
                      !function.captures.contains(where: { $0.name == name }) else { continue }
                if timerOnlyMadeAndStopped(channel.root, outside: inLoop, scope) { return true }
            }
        }
        return false
    }

    /// Whether the variable is assigned only outside the loop, from a
    /// timer.new (through its temporary), and is otherwise only stopped or
    /// received from: no Reset, no copy, not passed on, not captured.
    private static func timerOnlyMadeAndStopped(_ root: Place.Root, outside loop: Set<Int>, _ scope: FunctionScope) -> Bool {
        let function = scope.function
        guard case .variable(let name) = root else { return false }
        var made = false
        for (b, block) in function.blocks.enumerated() {
            for inst in block.instructions {
                if inst.results.contains(where: { $0.place?.root == root }) {
                    guard !loop.contains(b), inst.op == .assign, case .place(let src)? = inst.operands.first, case .temp = src.root,
                          src.path.isEmpty, Self.madeByTimerNew(src.root, function) else { return false }
                    made = true
                    continue
                }
                guard inst.operands.contains(where: { $0.place?.root == root }) else { continue }
                if inst.op == .timerStop { continue }
                if inst.op == .timerReset, inst.mode == .now, resetAfterSuccessfulStop(block: b, root, scope) { continue }
                return false
            }
            switch block.terminator {
            case .return(let values)?: if values.contains(where: { $0.place?.root == root }) { return false }
            case .select(let cases, _)?:
                for c in cases {
                    if case .send(let ch, let v) = c.communication,
                       ch.place?.root == root || v.place?.root == root { return false }
                }
            default: break
            }
        }
        return made && !scope.program.index.capturedByClosures(of: function.name).contains(name)
    }

    /// `if t.Stop() { t.Reset(d) }`: Stop reported true, so the timer had
    /// not fired and delivered nothing; restarting it still delivers at
    /// most one value in all. The Reset's block is entered only from the
    /// true side of a branch on the result of a Stop of the same timer.
    private static func resetAfterSuccessfulStop(block: Int, _ root: Place.Root, _ scope: FunctionScope) -> Bool {
        let blocks = scope.function.blocks
        let preds = scope.cfg.predecessors[block]
        guard !preds.isEmpty else { return false }
        // Nothing else touches the timer before the Reset in its block.
        for inst in blocks[block].instructions {
            if inst.op == .timerReset { break }
            if inst.operands.contains(where: { $0.place?.root == root }) || inst.results.contains(where: { $0.place?.root == root }) { return false }
        }
        for p in preds {
            guard case .branch(.place(let cond), let then, let other)? = blocks[p].terminator, then == block, other != block,
                  cond.path.isEmpty, case .temp = cond.root,
                  let stop = blocks[p].instruction(producing: cond),
                  stop.op == .timerStop, stop.mode == .now, stop.operands.first?.place?.root == root else { return false }
        }
        return true
    }

    private static func madeByTimerNew(_ temp: Place.Root, _ function: Function) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { $0.op == .timerNew && $0.results.first?.place == Place(temp) }
        }
    }

    /// Whether an instruction in `blocks` stores a new value into the
    /// variable `name` itself (not into one of its fields).
    private static func assigns(_ name: String, in blocks: [Int], _ scope: FunctionScope) -> Bool {
        for b in blocks {
            for inst in scope.function.blocks[b].instructions {
                for r in inst.results {
                    if let p = r.place, p.path.isEmpty, p.root == .variable(name) { return true }
                }
            }
        }
        return false
    }

    /// The functions of the certain recursion through `root`: those that
    /// `root` reaches and that reach `root` back through certain call edges
    /// (`root` itself among them when it recurses); empty when it does not.
    ///
    /// Certain edges are `call` edges, so such a cycle lies inside `root`'s
    /// component of `call` edges (`cycles`): most functions have none, or
    /// only themselves, and the walk stays inside it.
    private static func recursion(of root: Int, _ index: AnalysedProgram, cycles: CallCycles?) -> Set<Int> {
        let graph = index.callGraph
        if let cycles, cycles.others(of: root).isEmpty {
            let callsItself = graph.outgoing[root].contains { graph.edges[$0].to == root && graph.edges[$0].kind == .call }
            return callsItself ? [root] : []
        }
        func reach(_ start: Int, forward: Bool) -> Set<Int> {
            var seen: Set<Int> = []
            var work = [start]
            while let n = work.popLast() {
                for i in forward ? graph.outgoing[n] : graph.incoming[n] {
                    let e = graph.edges[i]
                    let next = forward ? e.to : e.from
                    guard !seen.contains(next), cycles?.sameComponent(next, root) ?? true,
                          certain(e, root: root, index) else { continue }
                    seen.insert(next)
                    work.append(next)
                }
            }
            return seen
        }
        let forward = reach(root, forward: true)
        guard forward.contains(root) else { return [] }
        return forward.intersection(reach(root, forward: false))
    }

    /// Whether a call edge surely enters its target when its site runs: a
    /// static call (function, concrete method, `once.Do` of a function), or
    /// a dynamic one (interface method, function value) back into `root`.
    private static func certain(_ edge: CallGraph.Edge, root: Int, _ index: AnalysedProgram) -> Bool {
        guard edge.kind == .call else { return false }
        return edge.to == root || CertainCall.isStatic(edge, index)
    }

    /// Wraps the loop body in `func() { ... }()`, when the body has no
    /// return (which would then return from the literal), no `break` and
    /// no `continue` (which would not compile there), and the source lines
    /// are known: the `for` line, and the body's closing brace alone on its
    /// line.
    private func functionLiteralFix(_ site: InstructionSite, _ loopBlocks: [Int], _ scope: FunctionScope) -> [Fix] {
        guard let loop = scope.cfg.innermostLoop(containing: site.block) else { return [] }
        let blocks = scope.function.blocks
        let inLoop = Set(loop.blocks)
        // Only the header leaves the loop, and nothing in it returns.
        for b in loop.blocks where b != loop.header {
            if blocks[b].terminator?.exitsFunction == true { return [] }
            if scope.cfg.successors[b].contains(where: { !inLoop.contains($0) }) { return [] }
        }
        // One way back to the header: a `continue` would not compile inside the literal.
        guard let latch = loop.latches.first, loop.latches.count == 1 else { return [] }
        let forLine = Int(blocks[loop.header].terminatorPosition.line)
        var bodyEnd = latch
        // A three-clause loop's post statement (`i++`) is a block of its own on
        // the `for` line, entered from the end of the body and from each
        // `continue`: with one entry, that entry is the end of the body.
        if Int(blocks[latch].terminatorPosition.line) == forLine {
            let entries = scope.cfg.predecessors[latch].filter { inLoop.contains($0) }
            guard entries.count == 1, let only = entries.first else { return [] }
            bodyEnd = only
        }
        let closeLine = Int(blocks[bodyEnd].terminatorPosition.line)
        let sources = scope.sources(reading: scope.file)
        guard closeLine > forLine + 1, let indent = sources.indentation(scope.file, forLine),
              let close = sources.line(scope.file, closeLine), close.filter({ $0 != " " && $0 != "\t" }) == "}" else { return [] }
        let inner = indent + "\t"
        return [Fix(description: "run the loop body in a function literal, so the deferred call runs at the end of each iteration",
                    edits: [
                        TextEdit(file: scope.file, startLine: forLine + 1, startColumn: 1, endLine: forLine + 1, endColumn: 1,
                                 text: inner + "func() {\n"),
                        TextEdit(file: scope.file, startLine: closeLine, startColumn: 1, endLine: closeLine, endColumn: 1,
                                 text: inner + "}()\n"),
                    ])]
    }
}
