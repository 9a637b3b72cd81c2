import ConcIR

/// Whether a loop keeps what its iterations acquire for after the
/// iteration: the released value, or a value a call made from it
/// (`fileutil.NewFileReader(f)`), stored where the next iteration or the
/// code after the loop finds it: in a variable the loop does not own
/// (`watchers = append(watchers, w)`), a global or a map. Sent on a
/// channel is not kept: the receiver may be done with it within the
/// iteration (a test handing each case's file to the server goroutine that
/// serves the request the iteration then makes).
///
/// Such a loop collects resources to use together: a test opening one
/// client per member and checking them all afterwards, a reader of a
/// write-ahead log keeping every segment's reader. The defer that releases
/// them when the function returns is the point; releasing each at the end
/// of its iteration would close what is still in use, so GR1050's fix
/// would be wrong there, and the rule stays quiet.
///
/// For a cancel func, the context derived with it is followed too: a
/// watch stream opened on each iteration's context and kept in a slice for
/// after the loop needs that context alive, so `defer cancel()` in the
/// loop is the point there as well (CX1050).
///
/// In a loop whose turns are counted (`goroutinesKeep`), a goroutine
/// started in the loop that is given the resource (`go drain(c)`) or whose
/// closure captures it keeps it too: it may use it after the iteration, so
/// closing it there would pull it from under the goroutine, and the loop
/// sets up a known number of them to run together (`callee` gives the IR
/// of a function by name). A loop without a count (an accept loop handing each
/// connection to a handler) is left to the rule: there the defers pile up
/// for as long as the loop runs, and the goroutine should release what it
/// was given. So is a goroutine given a channel the iteration makes and
/// receives from (`out := make(chan error)`, then `<-out`): it answers
/// this iteration, which waits for it, and is done with the resource when
/// the turn ends, unless its function uses the resource after a send on
/// that channel (`go pubLoop(c, ready)` says it has started, then
/// publishes on c) and the turn does not range over it to its close.
///
/// A call's result counts as made from the resource only when its type can
/// hold a reference (a pointer, an interface, a struct with one ...): the
/// bytes `io.ReadAll(f)` returns are not the file, and keeping them is
/// not keeping it open.
enum KeptBeyondIteration {
    static func holds(_ release: DeferredRelease, alsoFollowing others: [Place.Root] = [], loopBlocks: [Int], _ function: Function,
                      _ types: FunctionTypes, goroutinesKeep: Bool = false,
                      function callee: (String) -> Function? = { _ in nil }) -> Bool {
        let inLoop = Set(loopBlocks)
        var writtenOutside: Set<String> = []
        for (b, block) in function.blocks.enumerated() where !inLoop.contains(b) {
            for inst in block.instructions {
                for case .variable(let name)? in inst.results.map({ $0.place?.root }) { writtenOutside.insert(name) }
            }
        }
        var declaredOutside = Set((function.parameters + function.results + function.captures).map(\.name))
        if let receiver = function.receiver { declaredOutside.insert(receiver.name) }
        /// A temporary, or a local every write of which is in the loop: a
        /// new value each iteration, gone with it.
        func ownedByLoop(_ root: Place.Root) -> Bool {
            switch root {
            case .temp: return true
            case .variable(let name): return !writtenOutside.contains(name) && !declaredOutside.contains(name)
            case .global: return false
            }
        }
        var carriers = Set([release.place.root] + others)
        // Channels made in the loop that the loop itself receives from (the
        // iteration waits for its goroutine there), and the loop's own
        // variables holding them.
        var madeChannels = Set<Place.Root>()
        var received = Set<Place.Root>()
        // Ranged over: the turn waits for the channel's close.
        var ranged = Set<Place.Root>()
        for b in loopBlocks.sorted() {
            for inst in function.blocks[b].instructions {
                if inst.op == .chanRecv, let ch = inst.operands.first?.place, ch.path.isEmpty {
                    received.insert(ch.root)
                    if inst.isRangeStep { ranged.insert(ch.root) }
                }
                guard case .place(let dst)? = inst.results.first, dst.path.isEmpty, ownedByLoop(dst.root) else { continue }
                if inst.op == .chanMake { madeChannels.insert(dst.root) }
                if inst.op == .assign, let src = inst.operands.first?.place, src.path.isEmpty,
                   madeChannels.contains(src.root) { madeChannels.insert(dst.root) }
            }
            if case .select(let cases, _)? = function.blocks[b].terminator {
                for c in cases {
                    guard case .recv = c.communication, let ch = c.channel.place, ch.path.isEmpty else { continue }
                    received.insert(ch.root)
                }
            }
        }
        let iterationChannels = madeChannels.intersection(received)
        /// Whether a goroutine started by `inst` may use a carrier after
        /// the iteration: given one, and not tied to the iteration by a
        /// channel made in it.
        func goroutineKeeps(_ inst: Instruction) -> Bool {
            let target: Function?
            switch inst.callee {
            case .function(let name)?, .method(let name)?: target = callee(name)
            case .dynamic(_, let targets)? where targets.count == 1: target = callee(targets[0])
            case .dynamic(.place(let v), _)?: target = Self.onlyFunction(assignedTo: v, in: function).flatMap(callee)
            default: target = nil
            }
            // What the goroutine is given, by the name its function knows it
            // by (none for a variadic parameter, which gets a slice).
            var given: [(outer: Place.Root, inner: String?)] = []
            var names = target.map { f in (f.receiver.map { [$0] } ?? []) + f.parameters } ?? []
            if target?.isVariadic == true, !names.isEmpty { names.removeLast() }
            for (k, operand) in inst.operands.enumerated() {
                guard let p = operand.place, p.path.isEmpty else { continue }
                given.append((p.root, k < names.count ? names[k].name : nil))
            }
            for c in target?.captures ?? [] { given.append((.variable(c.name), c.name)) }
            let resources = given.filter { carriers.contains($0.outer) }
            guard !resources.isEmpty else { return false }
            let answers = given.filter { iterationChannels.contains($0.outer) }
            guard !answers.isEmpty else { return true }
            // A turn that ranges over the answers waits for the goroutine's close.
            if answers.contains(where: { ranged.contains($0.outer) }) { return false }
            // Tied to the turn: kept only if it still uses the resource
            // after answering (a readiness signal, not its last act).
            guard let target else { return false }
            return usesAfterSend(target, resources: Set(resources.compactMap(\.inner)), channels: Set(answers.compactMap(\.inner)))
        }
        func carries(_ operand: Operand) -> Bool {
            guard case .place(let p) = operand else { return false }
            return p.path.isEmpty && carriers.contains(p.root)
        }
        let sorted = loopBlocks.sorted()
        // A value is handed on in instruction order within an iteration, and
        // from one iteration to the next through the variables the loop
        // owns; a second pass sees what the first found late.
        for _ in 0..<2 {
            for b in sorted {
                for inst in function.blocks[b].instructions {
                    if goroutinesKeep, inst.mode == .go, inst.op == .call, goroutineKeeps(inst) { return true }
                    guard inst.mode == .now else { continue }
                    switch inst.op {
                    case .mapWrite:
                        if inst.operands.dropFirst().contains(where: carries) { return true }
                    case .assign:
                        guard let source = inst.operands.first, carries(source), case .place(let dst)? = inst.results.first else { continue }
                        if !ownedByLoop(dst.root) { return true }
                        carriers.insert(dst.root)
                    case .call:
                        guard inst.operands.contains(where: carries) else { continue }
                        for (i, r) in inst.results.enumerated() {
                            guard case .place(let dst) = r, canHoldReference(types.resultType(of: inst, at: i), types.environment) else { continue }
                            if !ownedByLoop(dst.root) { return true }
                            carriers.insert(dst.root)
                        }
                    default:
                        continue
                    }
                }
            }
        }
        return false
    }

    /// The function a local function value is given, when it is given
    /// exactly one (`pubLoop := func(c net.Conn, ready chan bool) {...}`).
    private static func onlyFunction(assignedTo v: Place, in function: Function) -> String? {
        guard v.path.isEmpty, case .variable = v.root else { return nil }
        let writes = function.writes(of: v)
        guard writes.count == 1, writes[0].op == .assign, case .function(let name)? = writes[0].operands.first else { return nil }
        return name
    }

    /// Whether `function` reaches a use of one of `resources` after a send
    /// on, or a close of, one of `channels` (variables of the function, by
    /// name).
    private static func usesAfterSend(_ function: Function, resources: Set<String>, channels: Set<String>) -> Bool {
        guard !resources.isEmpty, !channels.isEmpty else { return false }
        func named(_ operand: Operand, _ names: Set<String>) -> Bool {
            guard case .place(let p) = operand, case .variable(let v) = p.root else { return false }
            return names.contains(v)
        }
        let blocks = function.blocks
        let cfg = ControlFlowGraph(function)
        var seen = Set<Int>()
        var work: [(block: Int, from: Int)] = []
        for (b, block) in blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where inst.op == .chanSend || inst.op == .chanClose {
                if let ch = inst.operands.first, named(ch, channels) { work.append((b, i + 1)) }
            }
            if case .select(let cases, _)? = block.terminator {
                for c in cases {
                    if case .send = c.communication, named(c.channel, channels) { work.append((c.target, 0)) }
                }
            }
        }
        while let (b, from) = work.popLast() {
            guard b >= 0, b < blocks.count else { continue }
            let instructions = blocks[b].instructions
            if from < instructions.count,
               instructions[from...].contains(where: { $0.operands.contains { named($0, resources) } }) { return true }
            if case .return(let values)? = blocks[b].terminator, values.contains(where: { named($0, resources) }) { return true }
            for s in cfg.successors[b] where seen.insert(s).inserted { work.append((s, 0)) }
        }
        return false
    }

    /// Whether a value of this type can point at another value: not a
    /// number, a string, an error, or a slice or array of those.
    static func canHoldReference(_ type: GoType, _ environment: TypeEnvironment, depth: Int = 0) -> Bool {
        guard depth < 6 else { return true }
        switch environment.underlying(type) {
        case .unknown: return false
        case .basic(let kind): return kind == .any
        case .named: return true
        case .pointer, .map, .chan, .function, .interface: return true
        case .slice(let element), .array(_, let element): return canHoldReference(element, environment, depth: depth + 1)
        case .structure(let fields): return fields.contains { canHoldReference($0.type, environment, depth: depth + 1) }
        }
    }
}
