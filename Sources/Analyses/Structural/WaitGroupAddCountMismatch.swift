import ConcIR
import Findings

/// WG1052: `wg.Add(n)` that does not match the goroutines started after it
/// that call Done.
///
/// The count handed to Add must equal the Done calls that will follow. A
/// constant Add before a loop that starts a goroutine per element, `Add(2)`
/// before three `go` statements, `Add(len(a))` before a range over `b`:
/// Wait either returns while goroutines still run, or never returns (a
/// negative count panics). The check follows the paths from the Add to the
/// next Wait or Add of the same WaitGroup, counts the goroutines started
/// there whose function calls Done on it (loops multiply by their trip
/// count when the IR knows it), and compares. Goroutines started only on
/// some paths, or in loops left early (`break`), make the count unknown
/// and nothing is reported. `wg.Go` (Go 1.25) pairs Add and Done itself
/// and is never counted.
struct WaitGroupAddCountMismatch: FunctionLocalCheck {
    static let id = "WG1052"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.wgAdd] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, inst.operands.count == 2, let facts = scope.program.waitGroups,
              let wg = inst.operands[0].place.map(scope.normalize),
              let own = Self.count(of: inst.operands[1], in: scope), !own.isUnknown,
              let earlier = Self.addsRightBefore(site, on: wg, in: scope) else { return }
        let wanted = earlier.reduce(own, +)
        let region = Region(scope: scope, wg: wg, from: site, waitGroups: facts)
        guard let spawns = region.spawns(), !spawns.isEmpty else { return }
        var total = GoroutineCount.constant(0)
        for s in spawns {
            guard let m = region.multiplicity(of: s) else { return }
            total = total + m
        }
        guard !total.isUnknown, Self.mismatch(wanted: wanted, actual: total) else { return }
        let name = GoSpelling.expression(wg) ?? "the WaitGroup"
        let before = earlier.count == 1 ? "the Add before it" : "the \(earlier.count) Adds before it"
        let added = earlier.isEmpty ? "\(name).Add(\(own))" : "\(name).Add(\(own)) with \(before) (\(wanted) in all)"
        let message = "\(added) does not match the goroutines started after it that call Done "
            + "(\(total)): \(name).Wait returns too early, never returns, or the counter goes negative"
        guard var finding = scope.finding(ruleID, at: inst.position, message) else { return }
        finding.related = spawns.compactMap { s in
            scope.location(scope.facts.position(s.block, s.index)).map { RelatedLocation(location: $0, message: "goroutine started here") }
        }
        findings.append(finding)
    }

    /// The counts of the Adds of the same WaitGroup just before this one
    /// in its block, with nothing between them that could start a
    /// goroutine or call Done (`wg.Add(len(in)); wg.Add(len(in))` before a
    /// loop that starts two goroutines per element): the first one's
    /// region ends at the second before any goroutine starts, so the last
    /// one of the run answers for them all. Nil when one of them counts
    /// what the IR does not show.
    static func addsRightBefore(_ site: InstructionSite, on wg: Place, in scope: FunctionScope) -> [GoroutineCount]? {
        let instructions = scope.function.blocks[site.block].instructions
        var out: [GoroutineCount] = []
        var j = site.index - 1
        while j >= 0 {
            let prev = instructions[j]
            j -= 1
            if prev.op == .wgAdd {
                guard prev.mode == .now, prev.operands.count == 2, prev.operands[0].place.map(scope.normalize) == wg else { break }
                guard let c = count(of: prev.operands[1], in: scope), !c.isUnknown else { return nil }
                out.append(c)
                continue
            }
            if prev.mode != .now || prev.op.isCallShaped || prev.op == .wgDone || prev.op == .wgWait { break }
        }
        return out
    }

    /// What an Add operand counts: a constant, `len(x)` (a `len`,
    /// `chan.len` or `map.len` temporary), a sum or difference of those
    /// (`add`, `sub`), or a variable's value. A local variable given one
    /// constant or one such temporary once stands for it (`workers := 3`,
    /// `total := readers + writers`, `n := len(xs)`); one given a value the
    /// IR does not show (`total := a * b`) makes the count unknown, since
    /// it may well equal the goroutines started. A copy of another
    /// variable keeps its own name, as a loop bounded by it does.
    static func count(of operand: Operand, in scope: FunctionScope, depth: Int = 0) -> GoroutineCount? {
        guard depth < maxTemporaries else { return nil }
        switch operand {
        case .int(let c): return .constant(c)
        case .place(let p) where p.path.isEmpty:
            guard case .variable(let name) = p.root, scope.function.locals.contains(where: { $0.name == name }) else {
                return countOfPlace(p, in: scope, depth: depth)
            }
            var given: [Operand] = []
            for inst in scope.function.writes(of: p) {
                guard inst.op == .assign, inst.results.count == 1, let value = inst.operands.first else { return nil }
                given.append(value)
            }
            if given.contains(.unknown) { return nil }
            if given.count == 1, case .int(let c) = given[0] { return .constant(c) }
            // A sum or a length it was given; else (a call's result) its own name.
            if given.count == 1, case .place(let t) = given[0], case .temp = t.root,
               let followed = count(of: given[0], in: scope, depth: depth + 1) { return followed }
            return countOfPlace(p, in: scope, depth: depth)
        case .place(let p):
            return countOfPlace(p, in: scope, depth: depth)
        default:
            return nil
        }
    }

    /// What `len(x)` counts. A slice made with a length and never replaced
    /// is as long as that length for its whole life: a range over `keys :=
    /// make([]string, n)` runs n times, and `b := make([]T, len(a))` is
    /// len(a) long, whichever of the two an Add or a loop names.
    static func lengthCount(of x: Place, in scope: FunctionScope, depth: Int = 0) -> GoroutineCount? {
        if x.path.isEmpty, case .variable = x.root, let made = MadeLengths().length(of: .place(x), in: scope.function) {
            switch made {
            case .int(let c):
                return .constant(c)
            case .place(let n):
                if let c = count(of: .place(n), in: scope, depth: depth + 1) { return c }
            default:
                break
            }
        }
        return GoSpelling.expression(scope.normalize(x)).map { .term(.length($0)) }
    }

    /// Temporaries followed into one count: `a + b - len(xs)` is three.
    private static let maxTemporaries = 8

    /// `count(of:)` of a place taken as it is named: `len(x)` for a `len`,
    /// `chan.len` or `map.len` temporary, the sum or difference of an
    /// `add` or `sub` one, else the place's value.
    private static func countOfPlace(_ p: Place, in scope: FunctionScope, depth: Int) -> GoroutineCount? {
        guard case .temp = p.root, p.path.isEmpty else {
            return GoSpelling.expression(scope.normalize(p)).map { .term(.value($0)) }
        }
        for block in scope.function.blocks {
            for inst in block.instructions where inst.results.first?.place == p {
                switch inst.op {
                case .len:
                    guard let x = inst.operands.first?.place else { return nil }
                    return lengthCount(of: x, in: scope, depth: depth + 1)
                case .chanLen, .mapLen:
                    guard let x = inst.operands.first?.place, let text = GoSpelling.expression(scope.normalize(x)) else { return nil }
                    return .term(.length(text))
                case .add, .sub:
                    guard inst.operands.count == 2, let a = count(of: inst.operands[0], in: scope, depth: depth + 1),
                          let b = count(of: inst.operands[1], in: scope, depth: depth + 1) else { return nil }
                    return inst.op == .add ? a + b : a + b * .constant(-1)
                default:
                    return nil
                }
            }
        }
        return nil
    }

    /// Reported when both sides are known and differ, or when a single
    /// Add(1) faces goroutines started per loop iteration (counted or not).
    static func mismatch(wanted: GoroutineCount, actual: GoroutineCount) -> Bool {
        if wanted == actual { return false }
        if wanted.terms.isEmpty, actual.terms.isEmpty { return true }
        if wanted.terms.isEmpty { return wanted.constant == 1 }
        // Two counted lengths or values that differ; an uncounted loop
        // compares only with a single Add(1).
        return !actual.terms.isEmpty && actual.terms.keys.allSatisfy(\.isCounted)
    }
}

/// The part of a function an Add governs: from the Add to the next Wait
/// or Add of the same WaitGroup (or an exit), without going round a loop
/// that contains the Add.
private struct Region {
    let scope: FunctionScope
    let wg: Place
    let from: InstructionSite
    let waitGroups: WaitGroupFacts

    private var cfg: ControlFlowGraph { scope.cfg }
    private var blocks: [Block] { scope.function.blocks }

    /// Loops containing the Add: their back edges are not followed.
    private var enclosing: [NaturalLoop] { cfg.loops.filter { $0.contains(from.block) } }

    private func isEnd(_ inst: Instruction) -> Bool {
        (inst.op == .wgWait || inst.op == .wgAdd) && inst.operands.first?.place.map(scope.normalize) == wg
    }

    private func followed(_ u: Int, _ v: Int) -> Bool {
        !scope.facts.infeasible.contains(.init(from: u, to: v)) && !enclosing.contains { $0.header == v && $0.contains(u) }
    }

    /// Goroutine starts in the region whose function calls Done on the
    /// WaitGroup; nil when one of them is not started on every path.
    func spawns() -> [InstructionSite]? {
        var found: [InstructionSite] = []
        var seen = Set<Int>()
        var work: [(Int, Int)] = [(from.block, from.index + 1)]
        var ends: [Int] = []
        while let (b, start) = work.popLast() {
            var stopped = false
            var i = start
            while i < blocks[b].instructions.count {
                let inst = blocks[b].instructions[i]
                if isEnd(inst) { stopped = true; break }
                if waitGroups.spawnsDone(inst, on: wg, facts: scope.facts, index: scope.program.index) {
                    found.append(InstructionSite(block: b, index: i))
                }
                i += 1
            }
            if stopped || cfg.successors[b].isEmpty { ends.append(b); continue }
            for s in cfg.successors[b] where followed(b, s) && seen.insert(s).inserted {
                work.append((s, 0))
            }
        }
        // Every start must be on every path from the Add to the region's ends.
        for s in found {
            let gate = outermostNested(s.block)?.header ?? s.block
            if gate == from.block { continue }
            if reachesEnd(avoiding: gate) { return nil }
        }
        return found
    }

    /// Whether an end of the region (or the loop back to the Add) can be
    /// reached from the Add without passing `avoided`.
    private func reachesEnd(avoiding avoided: Int) -> Bool {
        var seen: Set<Int> = [from.block]
        var work = [from.block]
        var first = true
        while let b = work.popLast() {
            let startIndex = first ? from.index + 1 : 0
            first = false
            if blocks[b].instructions[startIndex...].contains(where: isEnd) || cfg.successors[b].isEmpty { return true }
            for s in cfg.successors[b] {
                // An edge the runtime never takes leads nowhere.
                guard s != avoided, !scope.facts.infeasible.contains(.init(from: b, to: s)) else { continue }
                // Round the loop that contains the Add: this iteration's end.
                if !followed(b, s) { return true }
                if seen.insert(s).inserted { work.append(s) }
            }
        }
        return false
    }

    /// The outermost loop that contains `block` but not the Add.
    private func outermostNested(_ block: Int) -> NaturalLoop? {
        cfg.loops.filter { $0.contains(block) && !$0.contains(from.block) }.max { $0.blocks.count < $1.blocks.count }
    }

    /// How many goroutines one start stands for: the product of the trip
    /// counts of the loops around it (inside the region); nil when a loop
    /// can be left early or the start is skipped on some iteration.
    func multiplicity(of s: InstructionSite) -> GoroutineCount? {
        let loops = cfg.loops.filter { $0.contains(s.block) && !$0.contains(from.block) }
            .sorted { $0.blocks.count > $1.blocks.count }
        var m = GoroutineCount.constant(1)
        for (k, loop) in loops.enumerated() {
            // Left only through its header, so it runs its full trip count.
            for b in loop.blocks where b != loop.header {
                if cfg.successors[b].contains(where: { !loop.contains($0) }) { return nil }
            }
            // Every iteration reaches the next gate (the inner loop's header, or the start).
            let gate = k + 1 < loops.count ? loops[k + 1].header : s.block
            if gate != loop.header, iterationSkips(loop, gate) { return nil }
            m = m * trips(of: loop)
        }
        return m
    }

    /// Whether an iteration of `loop` can get back to its header without `gate`.
    private func iterationSkips(_ loop: NaturalLoop, _ gate: Int) -> Bool {
        var seen = Set<Int>()
        var work = cfg.successors[loop.header].filter { loop.contains($0) && $0 != gate }
        while let b = work.popLast() {
            guard seen.insert(b).inserted else { continue }
            for s in cfg.successors[b] where loop.contains(s) {
                if s == loop.header { return true }
                if s != gate { work.append(s) }
            }
        }
        return false
    }

    /// A loop bound as an Add operand counts it, else by its name.
    private func bound(_ p: Place) -> GoroutineCount {
        WaitGroupAddCountMismatch.count(of: .place(p), in: scope)
            ?? GoSpelling.expression(scope.normalize(p)).map { .term(.value($0)) } ?? .unknown
    }

    private func trips(of loop: NaturalLoop) -> GoroutineCount {
        switch blocks[loop.header].loop {
        case .count(.int(let c))?: return .constant(c)
        case .count(.place(let p))?:
            // The bound counted as an Add operand is: `ncu := len(units)`
            // bounds a loop of len(units) turns.
            return bound(p)
        case .countPlus(.place(let p), let k)?:
            // `n+1` trips, as `wg.Add(n + 1)` counts them.
            return bound(p) + .constant(k)
        case .length(.place(let p))?:
            return WaitGroupAddCountMismatch.lengthCount(of: p, in: scope) ?? .unknown
        case .lengthPlus(.place(let p), let k)?:
            return WaitGroupAddCountMismatch.lengthCount(of: p, in: scope).map { $0 + .constant(k) } ?? .unknown
        default:
            // A range over a map runs once per entry: its header steps with
            // `map.range m`, though the lowering gives it no trip count.
            if let m = mapRanged(by: loop.header) { return .term(.length(m)) }
            let line = Int(blocks[loop.header].terminatorPosition.line)
            return .term(.iterations(line: line))
        }
    }

    /// The map a loop header ranges over, spelled as Go source.
    private func mapRanged(by header: Int) -> String? {
        let steps = blocks[header].instructions.filter { $0.op == .mapRange }
        guard steps.count == 1, let m = steps[0].operands.first?.place else { return nil }
        return GoSpelling.expression(scope.normalize(m))
    }
}
