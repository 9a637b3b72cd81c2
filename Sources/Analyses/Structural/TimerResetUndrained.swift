import ConcIR
import Findings

/// TM1004: `Reset` on a timer that may be running, or stopped with a value
/// still in its channel.
///
/// Before Go 1.23 a timer made by time.NewTimer may only be Reset once it
/// is stopped or expired and its channel drained (`if !t.Stop() { <-t.C }`);
/// otherwise a value from the old setting can still be received after the
/// Reset, and the program acts on a timeout that did not happen. The check
/// follows each timer created in the function: running after NewTimer and
/// Reset, drained after a receive from `t.C`, stopped after a Stop whose
/// result is tested (the drain idiom) and "stopped, maybe undrained" after
/// a bare Stop.
struct TimerResetUndrained: FunctionLocalCheck {
    static let id = "TM1004"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.timerReset] }
    var findings: [Finding] = []

    /// The states a timer may be in at a point, as a bit set.
    private struct Mask: OptionSet, Hashable {
        let rawValue: UInt8
        static let running = Mask(rawValue: 1)
        static let undrained = Mask(rawValue: 2)
        static let safe = Mask(rawValue: 4)
    }

    private typealias State = [Place: Mask]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {}

    mutating func finishFunction(_ scope: FunctionScope) {
        let blocks = scope.function.blocks
        guard blocks.contains(where: { $0.instructions.contains { $0.op == .timerNew } }) else { return }
        let facts = scope.facts
        let inputs = ForwardDataflow.solve(cfg: scope.cfg, entry: State(), join: { a, b in
            a.merging(b) { $0.union($1) }
        }, transfer: { b, state in
            var s = state
            Self.run(blocks[b], in: blocks, facts: facts, state: &s) { _, _ in }
            return Self.edges(of: blocks[b], b, facts: facts, state: s)
        })
        for (b, block) in blocks.enumerated() {
            guard var s = inputs[b] else { continue }
            Self.run(block, in: blocks, facts: facts, state: &s) { inst, mask in
                if Self.resultChecked(inst, scope: scope) { return }
                if let t = inst.operands.first?.place.map(facts.normalize), Self.channelNeverReceived(t, scope: scope) { return }
                let detail = mask.contains(.running) ? "may still be running" : "may hold an undrained value"
                let message = "Reset on a timer that \(detail): stop it and drain its channel first "
                    + "(if !t.Stop() { <-t.C }), or a stale value can be received after the Reset"
                if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
            }
        }
    }

    /// Reset's result is used (`if t.Reset(d) { ... }`): the code asks
    /// whether the timer was still active and handles both answers.
    private static func resultChecked(_ inst: Instruction, scope: FunctionScope) -> Bool {
        guard let r = inst.results.first?.place.map(scope.normalize) else { return false }
        return scope.readPlaces.contains(r)
    }

    /// Nothing can take a stale value from the timer's channel: a local
    /// timer used only by Stop and Reset here (its channel never read, the
    /// timer not copied, passed, returned or captured by a closure).
    private static func channelNeverReceived(_ t: Place, scope: FunctionScope) -> Bool {
        guard case .variable(let name) = t.root, t.path.isEmpty,
              scope.function.locals.contains(where: { $0.name == name }) else { return false }
        let facts = scope.facts
        func touches(_ o: Operand) -> Bool { o.place.map { t.contains(facts.normalize($0)) } ?? false }
        for block in scope.function.blocks {
            for inst in block.instructions {
                for (i, o) in inst.operands.enumerated() where touches(o) {
                    guard i == 0, inst.op == .timerStop || inst.op == .timerReset,
                          facts.normalize(o.place!) == t else { return false }
                }
                if case .dynamic(let v, _)? = inst.callee, touches(v) { return false }
            }
            switch block.terminator {
            case .return(let ops)?: if ops.contains(where: touches) { return false }
            case .branch(let c, _, _)?: if touches(c) { return false }
            case .select(let cases, _)?:
                for c in cases {
                    if touches(c.channel) { return false }
                    if case .send(_, let v) = c.communication, touches(v) { return false }
                }
            case .panic(let v)?: if touches(v) { return false }
            default: break
            }
        }
        let own = scope.function.name
        let index = scope.program.index
        for node in 0..<index.nodeCount {
            let f = index.function(node)
            if f.parent == own, f.captures.contains(where: { $0.name == name }) { return false }
        }
        return true
    }

    /// The block's instructions applied to the state; `report` is called
    /// for each Reset of a timer that may be running or undrained.
    private static func run(_ block: Block, in blocks: [Block], facts: FunctionFacts, state s: inout State,
                            report: (Instruction, Mask) -> Void) {
        let condition = { () -> Place? in
            if case .branch(let c, _, _)? = block.terminator { return c.place }
            return nil
        }()
        /// `if !t.Stop() { <-t.C }`: the block branches and one side drains
        /// `t.C`, directly or past further tests of the same condition
        /// (`if !stopped && !drained { <-t.C }`, where a flag says the
        /// select already took the value).
        func drainsAfter(_ t: Place) -> Bool {
            guard case .branch(_, let a, let b)? = block.terminator else { return false }
            let channel = t.appending(.field("C"))
            var work = [a, b], seen = Set<Int>()
            while let target = work.popLast() {
                guard target < blocks.count, seen.insert(target).inserted, seen.count <= 8 else { continue }
                let next = blocks[target]
                if next.instructions.contains(where: { $0.op == .chanRecv && $0.operands.first?.place.map(facts.normalize) == channel }) {
                    return true
                }
                if next.instructions.isEmpty, case .branch(_, let c, let d)? = next.terminator { work += [c, d] }
            }
            return false
        }
        /// The Stop result decides the branch that ends the block, itself
        /// or through a copy (`stopped := t.Stop(); if !stopped { ... }`:
        /// the copy is the condition's last write, and it reads the Stop's
        /// temporary, so it follows the Stop).
        func decidesBranch(_ result: Place?) -> Bool {
            guard let result, let condition else { return false }
            if result == condition { return true }
            guard let copy = block.instruction(producing: condition) else { return false }
            return copy.op == .assign && copy.operands.first?.place == result
        }
        for inst in block.instructions {
            func timer(_ i: Int) -> Place? { i < inst.operands.count ? inst.operands[i].place.map(facts.normalize) : nil }
            switch inst.op {
            case .timerNew:
                if let p = inst.results.first?.place.map(facts.normalize) { s[p] = .running }
            case .assign:
                if let src = timer(0), let mask = s[src], let dst = inst.results.first?.place.map(facts.normalize) { s[dst] = mask }
            case .timerStop:
                guard let t = timer(0), s[t] != nil else { break }
                s[t] = decidesBranch(inst.results.first?.place) || drainsAfter(t) ? .safe : .undrained
            case .chanRecv:
                if let ch = timer(0), let t = ch.parent, ch.path.last == .field("C"), s[t] != nil { s[t] = .safe }
            case .timerReset:
                guard let t = timer(0), let mask = s[t] else { break }
                let risky = mask.intersection([.running, .undrained])
                if !risky.isEmpty { report(inst, risky) }
                s[t] = .running
            default:
                break
            }
        }
    }

    /// Receiving from `t.C` in a select case drains `t` on that edge.
    private static func edges(of block: Block, _ b: Int, facts: FunctionFacts, state: State) -> [(successor: Int, state: State)] {
        guard case .select(let cases, let def)? = block.terminator else {
            return block.successors.map { ($0, state) }
        }
        var out: [(successor: Int, state: State)] = cases.map { c in
            var s = state
            if case .recv = c.communication, let ch = c.channel.place.map(facts.normalize), let t = ch.parent,
               ch.path.last == .field("C"), s[t] != nil {
                s[t] = .safe
            }
            return (c.target, s)
        }
        if let def { out.append((def, state)) }
        return out
    }
}
