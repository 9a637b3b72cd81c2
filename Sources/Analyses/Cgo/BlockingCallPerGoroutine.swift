import ConcIR
import Findings

/// CG1010: a blocking C call made by goroutines started without bound: in
/// a loop over items, connections or an endless accept loop, or per HTTP
/// request (net/http serves each request on its own goroutine). A goroutine
/// blocked in C keeps its OS thread for the whole call, and the runtime
/// starts a new thread for the others: a thousand concurrent lookups are a
/// thousand threads, up to the 10000-thread limit that kills the process.
///
/// Not reported: a loop with a counted trip (`for i := 0; i < workers; i++`,
/// a worker pool), and goroutines throttled by a semaphore: a send on a
/// shared channel (or a call that makes one) before the `go` in the loop or
/// before the blocking call in the goroutine, as net's `acquireThread` does.
struct BlockingCallPerGoroutine: CgoCheck {
    static let id = "CG1010"
    var ruleID: String { Self.id }

    func findings(at node: Int, _ program: CgoProgram) -> [Finding] {
        let blocking = program.blockingCalls(forRule: Self.id)
        let throttle = program.throttle
        var out: [Finding] = []
        let function = program.index.function(node)
        guard function.hasBody else { return [] }
        let handler = Self.isHTTPHandler(function)
        guard handler || program.index.callGraph.operations[node].contains(mode: .go) else { return [] }
        let facts = program.facts(node)
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() {
                let site = InstructionSite(block: b, index: i)
                if inst.mode == .go, let (chain, target) = spawnedChain(inst, facts: facts, blocking: blocking, program: program),
                   let why = unbounded(site, handler: handler, facts: facts),
                   !throttle.throttlesLoop(site, facts: facts), !(target.map { throttle.throttlesBefore(blocking: blocking, in: $0) } ?? false) {
                    let message = "goroutines started \(why) call \(BlockingCalls.describe(chain)), which blocks an OS thread "
                        + "for the whole call: the process grows a thread per blocked goroutine"
                    if let f = program.finding(Self.id, node: node, at: inst.position, message) { out.append(f) }
                } else if handler, inst.mode == .now, let chain = blocking.chain(of: inst, facts: facts),
                          !throttle.throttled(before: site, facts: facts) {
                    let message = "\(BlockingCalls.describe(chain)) blocks an OS thread for each request being served: "
                        + "net/http runs every request on its own goroutine, so concurrent requests grow a thread each"
                    if let f = program.finding(Self.id, node: node, at: inst.position, message) { out.append(f) }
                }
            }
        }
        return out
    }

    /// The blocking chain of what a `go` instruction starts, and the
    /// started function (nil for `go C.f()` itself).
    private func spawnedChain(_ inst: Instruction, facts: FunctionFacts, blocking: BlockingCalls,
                              program: CgoProgram) -> ([String], Int?)? {
        let targets = facts.targets(of: inst.callee)
        guard BlockingCalls.isSpecific(inst.callee, targets: targets) else { return nil }
        for t in targets {
            if blocking.names.contains(t) { return ([t], nil) }
            if let node = program.index.node(named: t), blocking.mayBlock(node, enteredBy: inst, in: facts.function) {
                return ([CNames.short(t)] + blocking.chain(from: node), node)
            }
        }
        return nil
    }

    /// Why a `go` at `site` starts goroutines without bound ("in a loop",
    /// "per request"), or nil when it does not.
    private func unbounded(_ site: InstructionSite, handler: Bool, facts: FunctionFacts) -> String? {
        if let loop = facts.cfg.innermostLoop(containing: site.block) {
            switch facts.function.blocks[loop.header].loop {
            case .count?, .countPlus?: return nil
            case .length?, .lengthPlus?: return "once per element in a loop"
            case .unknown?, nil: return "in a loop"
            }
        }
        return handler ? "per request" : nil
    }

    /// A function net/http calls per request: `func(http.ResponseWriter, *http.Request)`.
    static func isHTTPHandler(_ function: Function) -> Bool {
        let types = function.parameters.map(\.type)
        return types.count == 2 && types[0] == .named("net/http.ResponseWriter", arguments: [])
            && types[1] == .pointer(.named("net/http.Request", arguments: []))
    }
}

/// Semaphores that bound how many goroutines block at once: a send on a
/// channel that outlives the function (`sem <- struct{}{}` on a field,
/// global, parameter or captured channel), or a call of a function that
/// makes one (net's `acquireThread`), or `semaphore.Weighted.Acquire`.
struct Throttle {
    private let program: CgoProgram
    /// Functions that send on such a channel themselves.
    private let acquirers: Set<Int>

    init(program: CgoProgram) {
        self.program = program
        var acquirers = Set<Int>()
        let operations = program.index.callGraph.operations
        for node in 0..<program.index.nodeCount where operations[node].contains(.chanSend) {
            let f = program.index.function(node)
            // The names a send could be shared through are gathered only for a function that sends.
            guard f.blocks.contains(where: { $0.instructions.contains { $0.op == .chanSend && $0.mode == .now } }) else { continue }
            let shared = Set(([f.receiver].compactMap { $0 } + f.parameters + f.captures).map(\.name))
            if f.blocks.contains(where: { $0.instructions.contains { Self.sendsOnShared($0, shared) } }) { acquirers.insert(node) }
        }
        self.acquirers = acquirers
    }

    private static func sendsOnShared(_ inst: Instruction, _ shared: Set<String>) -> Bool {
        guard inst.op == .chanSend, inst.mode == .now, let ch = inst.operands.first?.place else { return false }
        switch ch.root {
        case .global: return true
        case .variable(let v): return !ch.path.isEmpty || shared.contains(v)
        case .temp: return !ch.path.isEmpty
        }
    }

    private func acquires(_ inst: Instruction, facts: FunctionFacts) -> Bool {
        guard inst.mode == .now else { return false }
        if inst.op == .chanSend { return true }
        guard inst.op == .call else { return false }
        return facts.targets(of: inst.callee).contains { name in
            if name.hasSuffix("semaphore.Weighted).Acquire") { return true }
            return program.index.node(named: name).map(acquirers.contains) ?? false
        }
    }

    /// A semaphore taken before `site` on every path to it within the function.
    func throttled(before site: InstructionSite, facts: FunctionFacts) -> Bool {
        let blocks = facts.function.blocks
        for (b, block) in blocks.enumerated() where b == site.block || facts.cfg.dominates(b, site.block) {
            let end = b == site.block ? site.index : block.instructions.count
            if block.instructions.prefix(end).contains(where: { acquires($0, facts: facts) }) { return true }
        }
        return false
    }

    /// A semaphore taken in the loop around a `go`, before it.
    func throttlesLoop(_ site: InstructionSite, facts: FunctionFacts) -> Bool {
        guard let loop = facts.cfg.innermostLoop(containing: site.block) else { return false }
        let blocks = facts.function.blocks
        for b in loop.blocks where b == site.block || facts.cfg.dominates(b, site.block) {
            let end = b == site.block ? site.index : blocks[b].instructions.count
            if blocks[b].instructions.prefix(end).contains(where: { acquires($0, facts: facts) }) { return true }
        }
        return false
    }

    /// A semaphore taken along the blocking chain of a started function,
    /// before each call that leads to the blocking one.
    func throttlesBefore(blocking: BlockingCalls, in node: Int) -> Bool {
        var current: Int? = node
        var seen = Set<Int>()
        while let n = current, seen.insert(n).inserted, let step = blocking.steps[n] {
            if !program.isCFunction(n), throttled(before: step.site, facts: program.facts(n)) { return true }
            current = step.next
        }
        return false
    }
}
