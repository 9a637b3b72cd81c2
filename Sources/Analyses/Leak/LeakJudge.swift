import ConcIR
import Findings
import RuleEngine
import RuntimeModel

/// Decides what the states of one exploration show: goroutines blocked
/// forever in states where nothing can move, run-time panics, WaitGroup
/// misuse, goroutines that never finish. Each finding carries the witness
/// path that reaches it.
struct LeakJudge {
    let program: ProgramIndex
    let machine: Machine
    let explorer: Explorer
    let root: FunctionRef
    /// The root is `main`: when it returns the program ends, so goroutines
    /// still blocked then are not leaks.
    let endsProgramOnReturn: Bool
    /// The root runs only for the program's start (main, init, helpers only
    /// they call): goroutines it starts may run forever by design.
    let startsLongLivedGoroutines: Bool
    let rules: [String: Rule]
    /// Functions only a package-level sync.Once runs.
    var onceOnly: Set<FunctionRef> = []

    private(set) var findings: [Finding] = []
    private var reported = Set<String>()
    private var neverFinishing: [(site: Site, finding: Finding)] = []
    private var blockedSpawnSites = Set<Site>()
    private let names: ObjectNames
    private let witness: WitnessBuilder
    private let rootName: String

    init(program: ProgramIndex, machine: Machine, explorer: Explorer, root: FunctionRef, endsProgramOnReturn: Bool,
         startsLongLivedGoroutines: Bool, rules: [String: Rule]) {
        self.program = program
        self.machine = machine
        self.explorer = explorer
        self.root = root
        self.endsProgramOnReturn = endsProgramOnReturn
        self.startsLongLivedGoroutines = startsLongLivedGoroutines
        self.rules = rules
        self.names = ObjectNames(program: program)
        self.rootName = GoNames.function(program[root].name)
        self.witness = WitnessBuilder(program: program, rootName: GoNames.function(program[root].name))
    }

    mutating func observe(_ observation: Explorer.Observation) {
        switch observation {
        case .reached(let node, let state, let events, let ending):
            if ending == .fault, let last = events.last, case .fault(let fault) = last.kind {
                judgeFault(fault, at: last, node: node, state: state)
            }
            for e in events {
                if case .addRacedWithWait(let wg) = e.kind { judgeAddAfterWait(e, wg, node: node, state: state) }
            }
            if !startsLongLivedGoroutines, state.goroutines.first?.status == .finished {
                noteNeverFinishing(node: node, state: state)
            }
        case .terminal(let node, let state):
            judgeTerminal(node: node, state: state)
        }
    }

    /// The findings, with never-finishing goroutines that were not already
    /// reported as blocked.
    mutating func finish() -> [Finding] {
        for c in neverFinishing where !blockedSpawnSites.contains(c.site) { findings.append(c.finding) }
        return findings
    }

    // MARK: States where nothing moves

    private mutating func judgeTerminal(node: Int, state: ProgramState) {
        let rootFinished = state.goroutines.first?.status == .finished
        if rootFinished && endsProgramOnReturn { return }
        let path = explorer.path(to: node)
        if Self.passesGuess(path) { return }
        for g in state.goroutines.indices where state.goroutines[g].isLive && !state.goroutines[g].isSpeculative {
            guard let op = machine.blockedOperation(of: g, in: state), op.isCertain else { continue }
            let goroutine = state.goroutines[g]
            let context = rootFinished ? "after \(rootName) returns" : "while every other goroutine is blocked too"
            let rule: LeakRule
            var objects = Set<ObjectID>()
            var message: String
            let named = op.operands.first.flatMap(GoNames.operand) ?? op.channels.first.flatMap { name(of: $0, state) }
            let channelName = named ?? "the channel"
            let nilChannel = named.map { "nil channel \($0)" } ?? "a nil channel"
            for c in op.channels { objects.formUnion(ids(of: c)) }
            let allNil = !op.channels.isEmpty && op.channels.allSatisfy { $0 == .nilChannel }
            if allNil, op.kind != .select, let operand = op.operands.first,
               CalleeFailureNil(program: program).isCalleeFailure(operand, in: op.site.function) { continue }
            switch op.kind {
            case .send:
                rule = allNil ? .nilChannel : .blockedSend
                message = allNil ? "send on \(nilChannel) blocks forever"
                    : "send on \(channelName) blocks forever: nothing receives from it \(context)"
            case .receive:
                rule = allNil ? .nilChannel : .blockedReceive
                if allNil {
                    message = "receive from \(nilChannel) blocks forever"
                } else if case .contextDone? = op.channels.first {
                    message = "receive from \(channelName) blocks forever: the context is never cancelled and has no deadline"
                } else {
                    message = "receive from \(channelName) blocks forever: nothing sends on it or closes it \(context)"
                }
            case .rangeReceive:
                rule = allNil ? .nilChannel : .rangeNeverClosed
                message = allNil ? "range over \(nilChannel) blocks forever"
                    : "range over \(channelName) never ends: nothing closes it \(context)"
            case .select:
                // The "set drained inputs to nil" idiom ends its loop on a
                // condition the IR does not model (`for a != nil || b != nil`).
                if allNil && isInLoopWithUnknownExit(op.site) { continue }
                rule = allNil ? .nilChannel : .blockedSelect
                let caseNames = op.operands.compactMap(GoNames.operand)
                message = allNil ? "select over nil channels blocks forever"
                    : "select blocks forever: none of its cases (\(caseNames.joined(separator: ", "))) can proceed \(context)"
            case .emptySelect:
                if g != 0 && !startsLongLivedGoroutines { noteNeverFinishing(g, node: node, state: state) }
                continue
            case .waitGroupWait:
                guard let wg = op.waitGroup else { continue }
                objects.insert(wg)
                let wgName = op.operands.first.flatMap(GoNames.operand) ?? "wg"
                let counter = state.heap[wg].waitGroup?.counter ?? 0
                if isCounted(goroutine, by: wg, wait: op.operands.first) {
                    rule = .waitInsideCountedGoroutine
                    message = "\(wgName).Wait() waits for a counter this goroutine must itself bring down with Done: it waits forever"
                } else {
                    rule = .waitNeverReturns
                    message = "\(wgName).Wait() never returns: the counter stays at \(counter) "
                        + (blockedCountedGoroutine(by: wg, other: g, in: state).map { "(a goroutine it counts is blocked for ever\(blockedAt($0, from: op.site)))" }
                            ?? "(a Done is missing on some path)")
                }
            case .lock:
                continue
            }
            if let s = goroutine.spawnSite { blockedSpawnSites.insert(s) }
            var related: [RelatedLocation] = []
            for id in objects.sorted() where state.heap.contains(id) {
                let what = state.heap[id].waitGroup != nil ? "the WaitGroup" : "the channel"
                if state.heap[id].origin.position.isPresent {
                    related.append(RelatedLocation(location: witness.location(state.heap[id].origin),
                                                   message: "\(what) \(names.name(of: id, in: state) ?? "") is made here"
                                                       .replacingOccurrences(of: "  ", with: " ")))
                }
            }
            if let s = goroutine.spawnSite {
                related.append(RelatedLocation(location: witness.location(s), message: "the blocked goroutine is started here"))
            }
            let final = WitnessBuilder.FinalStep(goroutine: goroutine.traceID, site: op.site, message: "blocks here forever")
            emit(rule, at: op.site, message: message, related: related, node: node, objects: objects,
                 goroutine: goroutine.traceID, final: final, state: state, events: path)
        }
    }

    /// Whether the select at `site` sits in a loop that an unknown condition may leave.
    private func isInLoopWithUnknownExit(_ site: Site) -> Bool {
        let f = program[site.function]
        let cfg = program.layout(site.function).cfg
        guard let b = f.blocks.indices.first(where: { i in
            if case .select? = f.blocks[i].terminator { return f.blocks[i].terminatorPosition == site.position }
            return false
        }), let loop = cfg.innermostLoop(containing: b) else { return false }
        return loop.blocks.contains { lb in
            guard lb < f.blocks.count, f.blocks[lb].branchesOnUnknown, case .branch(_, let t, let e)? = f.blocks[lb].terminator else { return false }
            return loop.contains(t) != loop.contains(e)
        }
    }

    private func ids(of channel: BlockedOperation.Channel) -> [ObjectID] {
        switch channel {
        case .made(let id): return [id]
        case .contextDone(let id, let ctx): return [id, ctx]
        case .other(let id?): return [id]
        default: return []
        }
    }

    private func name(of channel: BlockedOperation.Channel, _ state: ProgramState) -> String? {
        guard let id = ids(of: channel).first else { return nil }
        return names.describe(id, in: state)
    }

    /// Whether the goroutine itself still owes a Done on `wg`: a deferred
    /// Done, `wg.Go`, or a Done on the same operand in the waiting function.
    /// Where a goroutine other than `other` that `wg` counts (a deferred
    /// Done, or `wg.Go`) is blocked for ever: the reason its Done never
    /// comes, rather than a path without one.
    private func blockedCountedGoroutine(by wg: ObjectID, other: Int, in state: ProgramState) -> Site? {
        for g in state.goroutines.indices where g != other && state.goroutines[g].isLive && !state.goroutines[g].isSpeculative {
            guard isCounted(state.goroutines[g], by: wg, wait: nil), let op = machine.blockedOperation(of: g, in: state),
                  op.isCertain, op.kind != .waitGroupWait else { continue }
            return op.site
        }
        return nil
    }

    /// " at line N" of `site` for a message about `reference`, with the
    /// file's name when it is another file; empty without a position.
    private func blockedAt(_ site: Site, from reference: Site) -> String {
        guard site.position.isPresent else { return "" }
        let here = witness.location(site)
        guard here.file != witness.location(reference).file else { return " at line \(here.line)" }
        let name = here.file.split(separator: "/").last.map(String.init) ?? here.file
        return " at \(name):\(here.line)"
    }

    private func isCounted(_ g: Goroutine, by wg: ObjectID, wait: Operand?) -> Bool {
        if g.doneOnFinish == wg { return true }
        for frame in g.frames {
            let f = program[frame.function]
            for d in frame.defers where Int(d.block) < f.blocks.count && Int(d.instruction) < f.blocks[Int(d.block)].instructions.count {
                if f.blocks[Int(d.block)].instructions[Int(d.instruction)].op == .wgDone, d.operands.first == .object(wg) { return true }
            }
        }
        guard let top = g.frames.last, let wait else { return false }
        return program[top.function].blocks.contains { b in b.instructions.contains { $0.op == .wgDone && $0.operands.first == wait } }
    }

    /// Whether a path lets a Wait return on a counter the model does not
    /// know (`wg.Add(n)`, n unknown): the model only guesses that it may,
    /// so what the path reaches after it is not a witness.
    static func passesGuess(_ path: [TraceEvent]) -> Bool {
        path.contains { if case .waitReturnedOnGuess = $0.kind { return true } else { return false } }
    }

    // MARK: Panics and WaitGroup misuse

    private mutating func judgeFault(_ fault: RuntimeFault, at event: TraceEvent, node: Int, state: ProgramState) {
        let path = explorer.path(to: node)
        if Self.passesGuess(path) { return }
        let operandName = firstOperandName(at: event.site)
        switch fault {
        case .sendOnClosedChannel(let ch):
            let name = operandName ?? names.describe(ch, in: state)
            let closeIndex = path.lastIndex { $0.kind == .closed(ch) }
            let close = closeIndex.map { path[$0] }
            let closerReceived = closeIndex.map { ci in
                path[..<ci].contains { e in
                    guard e.goroutine == path[ci].goroutine, e.goroutine != event.goroutine else { return false }
                    if case .received(ch?, _) = e.kind { return true }
                    return false
                }
            } ?? false
            if closerReceived, let close, rules[LeakRule.closeByReceiver.rawValue] != nil {
                let final = WitnessBuilder.FinalStep(goroutine: event.goroutine, site: event.site, message: "panics here: send on closed channel")
                emit(.closeByReceiver, at: close.site,
                     message: "\(firstOperandName(at: close.site) ?? name) is closed by a goroutine that receives from it while another goroutine still sends on it: the send at line \(event.site.position.line) panics",
                     related: [RelatedLocation(location: witness.location(event.site), message: "this send panics")],
                     node: node, objects: [ch], goroutine: event.goroutine, final: final, state: state, events: path)
            } else {
                var related: [RelatedLocation] = []
                if let close { related.append(RelatedLocation(location: witness.location(close.site), message: "\(name) is closed here")) }
                let final = WitnessBuilder.FinalStep(goroutine: event.goroutine, site: event.site, message: "panics here: send on closed channel")
                emit(.sendOnClosed, at: event.site,
                     message: "send on closed channel \(name) panics" + (close.map { ": it is closed at line \($0.site.position.line)" } ?? ""),
                     related: related, node: node, objects: [ch], goroutine: event.goroutine, final: final, state: state, events: path)
            }
        case .closeOfClosedChannel(let ch):
            let name = operandName ?? names.describe(ch, in: state)
            let first = path.last { $0.kind == .closed(ch) }
            let final = WitnessBuilder.FinalStep(goroutine: event.goroutine, site: event.site, message: "panics here: close of closed channel")
            let already = first.map { f in
                f.site == event.site ? ": another goroutine already closed it here" : ": it is already closed at line \(f.site.position.line)"
            } ?? ""
            emit(.closeOfClosed, at: event.site, message: "close of closed channel \(name) panics" + already,
                 related: first.map { [RelatedLocation(location: witness.location($0.site), message: "first closed here")] } ?? [],
                 node: node, objects: [ch], goroutine: event.goroutine, final: final, state: state, events: path)
        case .closeOfNilChannel:
            let final = WitnessBuilder.FinalStep(goroutine: event.goroutine, site: event.site, message: "panics here: close of nil channel")
            emit(.nilChannel, at: event.site, message: "close of nil channel \(operandName ?? "") panics".replacingOccurrences(of: "  ", with: " "),
                 related: [], node: node, objects: [], goroutine: event.goroutine, final: final, state: state, events: path)
        case .negativeWaitGroupCounter(let wg):
            let wgName = operandName ?? "the WaitGroup"
            let final = WitnessBuilder.FinalStep(goroutine: event.goroutine, site: event.site, message: "panics here: negative WaitGroup counter")
            emit(.negativeCounter, at: event.site,
                 message: "this makes the counter of \(wgName) negative (sync: negative WaitGroup counter): more Done than Add",
                 related: [], node: node, objects: [wg], goroutine: event.goroutine, final: final, state: state, events: path)
        }
    }

    private mutating func judgeAddAfterWait(_ event: TraceEvent, _ wg: ObjectID, node: Int, state: ProgramState) {
        let path = explorer.path(to: node)
        let wait = path.last { $0.kind == .waitReturned(wg) }
        let wgName = firstOperandName(at: event.site) ?? "the WaitGroup"
        let final = WitnessBuilder.FinalStep(goroutine: event.goroutine, site: event.site, message: "Add from zero after Wait returned")
        emit(.addAfterWait, at: event.site,
             message: "\(wgName).Add may run after \(wgName).Wait" + (wait.map { " (line \($0.site.position.line))" } ?? "")
                 + " has returned: that Wait does not wait for this goroutine; call Add before starting it",
             related: wait.map { [RelatedLocation(location: witness.location($0.site), message: "Wait returns here first")] } ?? [],
             node: node, objects: [wg], goroutine: event.goroutine, final: final, state: state, events: path)
    }

    // MARK: Goroutines that never finish

    private mutating func noteNeverFinishing(node: Int, state: ProgramState) {
        for g in state.goroutines.indices.dropFirst() {
            let goroutine = state.goroutines[g]
            guard goroutine.neverFinishes, !goroutine.isSpeculative, goroutine.status != .finished else { continue }
            noteNeverFinishing(g, node: node, state: state)
        }
    }

    private mutating func noteNeverFinishing(_ g: Int, node: Int, state: ProgramState) {
        let goroutine = state.goroutines[g]
        guard let site = goroutine.spawnSite, let bottom = goroutine.frames.first?.function,
              !neverFinishing.contains(where: { $0.site == site }),
              let rule = rules[LeakRule.neverFinishes.rawValue] else { return }
        // A process-wide service started once (a swap or lazy-init guard on
        // package-level state), like one an init starts.
        if OnceStartedGoroutines(program: program, onceOnly: onceOnly).isStartedOnce(site) { return }
        let (position, isSelect) = endlessPosition(of: bottom)
        let at = Site(function: bottom, position: position)
        let how = isSelect ? "select {} blocks forever" : "its loop has no exit"
        let message = "goroutine started at line \(site.position.line) never finishes: \(how)"
        let final = WitnessBuilder.FinalStep(goroutine: goroutine.traceID, site: at, message: isSelect ? "blocks here forever" : "loops here forever")
        let flow = witness.codeFlow(explorer.path(to: node), objects: [], goroutine: goroutine.traceID, final: final, names: [:],
                                    summary: message)
        let finding = Finding(ruleID: rule.id, category: rule.category, level: rule.level, message: message,
                              location: witness.location(at),
                              related: [RelatedLocation(location: witness.location(site), message: "the goroutine is started here")],
                              flows: [flow])
        neverFinishing.append((site, finding))
    }

    /// Where a function that cannot return spends forever: its `select {}`,
    /// or the header of its first loop.
    private func endlessPosition(of ref: FunctionRef) -> (Position, isSelect: Bool) {
        let f = program[ref]
        let cfg = program.layout(ref).cfg
        for b in cfg.reversePostorder where b < f.blocks.count {
            if case .select(let cases, let def)? = f.blocks[b].terminator, cases.isEmpty, def == nil {
                return (f.blocks[b].terminatorPosition, true)
            }
        }
        if let loop = cfg.loops.first, loop.header < f.blocks.count {
            let header = f.blocks[loop.header]
            return (header.instructions.first?.position ?? header.terminatorPosition, false)
        }
        return (f.position, false)
    }

    // MARK: Findings

    private func firstOperandName(at site: Site) -> String? {
        let f = program[site.function]
        for block in f.blocks {
            if let inst = block.instructions.first(where: { $0.position == site.position }), let o = inst.operands.first {
                return GoNames.operand(o)
            }
            if case .select(let cases, _)? = block.terminator, let c = cases.first(where: { $0.position == site.position }) {
                return GoNames.operand(c.channel)
            }
        }
        return nil
    }

    private mutating func emit(_ leakRule: LeakRule, at site: Site, message: String, related: [RelatedLocation], node: Int,
                               objects: Set<ObjectID>, goroutine: Int32, final: WitnessBuilder.FinalStep, state: ProgramState,
                               events: [TraceEvent]? = nil) {
        guard let rule = rules[leakRule.rawValue] else { return }
        let key = "\(leakRule.rawValue)@\(site.function.raw):\(site.position)"
        guard reported.insert(key).inserted else { return }
        var objectNames: [ObjectID: String] = [:]
        for id in objects { objectNames[id] = names.name(of: id, in: state) }
        let flow = witness.codeFlow(events ?? explorer.path(to: node), objects: objects, goroutine: goroutine, final: final,
                                    names: objectNames, summary: message)
        findings.append(Finding(ruleID: rule.id, category: rule.category, level: rule.level, message: message,
                                location: witness.location(site), related: related, flows: [flow]))
    }
}
