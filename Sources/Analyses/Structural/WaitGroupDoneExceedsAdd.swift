import ConcIR
import Findings

/// WG1053: more `Done` than `Add` on a path of one function: typically
/// `defer wg.Done()` at the top and a forgotten `wg.Done()` before an early
/// return. The counter goes negative (a panic: "sync: negative WaitGroup
/// counter"), or, when another goroutine's Add is still pending, Wait
/// returns while that goroutine runs.
///
/// Counted per path within the function: each Done is one, each constant
/// Add of the same WaitGroup takes its value off, a deferred Done counts
/// at the exit. A function may owe one Done (the caller's Add); a path
/// with two more Done than Add is reported. Done calls inside loops are
/// not counted (their number depends on the data).
struct WaitGroupDoneExceedsAdd: FunctionLocalCheck {
    static let id = "WG1053"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.wgDone] }
    var findings: [Finding] = []
    private var sites: [Place: [InstructionSite]] = [:]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard let wg = inst.operands.first?.place.map(scope.normalize) else { return }
        sites[wg, default: []].append(site)
    }

    mutating func finishFunction(_ scope: FunctionScope) {
        defer { sites = [:] }
        for (wg, dones) in sites.sorted(by: { "\($0.key)" < "\($1.key)" }) where dones.count >= 2 {
            guard !dones.contains(where: { scope.cfg.isInCycle[$0.block] }) else { continue }
            let search = PathSearch(function: scope.function, infeasible: scope.facts.infeasible,
                                    tracker: DoneCounter(wg: wg, facts: scope.facts),
                                    limit: scope.program.limits.statesPerFunction, rpoNumber: scope.cfg.rpoNumber)
            let result = search.run(block: 0, index: 0, origin: nil, state: DoneCounter.State())
            guard !result.exhausted, let excess = result.firstLeak else { continue }
            let name = GoSpelling.expression(wg) ?? "the WaitGroup"
            let message = "\(name).Done is called once more than \(name).Add on this path: "
                + "the counter goes negative (a panic) or Wait returns while a goroutine still runs"
            let flow = LeakFindingBuilder.pathFlow(scope.function, message: "a path that calls \(name).Done twice",
                                                   start: (scope.function.position, "the function starts here"),
                                                   edges: result.edges(to: excess),
                                                   end: (excess.position, "\(name).Done is called once too often here"),
                                                   locate: scope.location)
            if let f = scope.finding(ruleID, at: excess.position, message, flows: [flow]) { findings.append(f) }
        }
    }
}

/// Counts Done minus Add of one WaitGroup along a path.
private struct DoneCounter: PathTracker {
    struct State: Hashable {
        var balance: Int8 = 0
        var deferred: Int8 = 0
    }

    let wg: Place
    let facts: FunctionFacts

    private func isOurs(_ inst: Instruction) -> Bool {
        inst.operands.first?.place.map(facts.normalize) == wg
    }

    func step(_ inst: Instruction, block: Int, index: Int, state: inout State) -> PathEnding? {
        guard isOurs(inst) else { return nil }
        switch inst.op {
        case .wgDone where inst.mode == .defer:
            state.deferred = min(state.deferred + 1, 4)
        case .wgDone:
            state.balance = min(state.balance + 1, 4)
            if state.balance >= 2 { return .leak(.exit) }
        case .wgAdd:
            guard inst.mode == .now, inst.operands.count == 2, let n = inst.operands[1].intValue, n >= 0, n < 64 else {
                return .reacquired
            }
            state.balance = max(state.balance - Int8(n), -64)
        default:
            break
        }
        return nil
    }

    func exit(_ terminator: Terminator, block: Int, state: State) -> PathEnding {
        state.balance + state.deferred >= 2 ? .leak(.exit) : .released
    }

    func edge(_ edge: SearchEdge, terminator: Terminator, state: inout State) -> PathEnding? { nil }

    func loopsBack(state: State) -> PathEnding { .reacquired }
}
