import ConcIR

/// Objects a call of a function has to itself: made by it (an allocation,
/// or a constructor that returns one it allocated) and never handed on,
/// in a function that starts no goroutine, itself or through what it
/// calls. No other goroutine can reach such an object while the call runs,
/// so its plain accesses race with nothing, whatever atomic operations the
/// methods it calls use (a test that builds a counter, adds to it and
/// reads its fields back).
///
/// Handing on is anything but calling a method on it, reading its fields,
/// copying it into another local, or passing it to a function that itself
/// keeps it private: storing or sending it, returning it, capturing it in
/// a closure, passing it anywhere else. A constructor that hands what it
/// returns to anything (`Publish(name, v)` into a registry) does not
/// return a fresh object; one whose methods keep it somewhere still looks
/// fresh, which is the risk taken. An object that only comes to hold
/// itself is not handed on either: `s.Root = newDir(s, "/")`, where
/// `newDir` keeps `s` in the node it returns and nowhere else.
struct PrivateObjects {
    private let program: AnalysedProgram
    /// `CallGraph.maySpawnGoroutines`, by node.
    private let maySpawn: [Bool]
    /// Per node: whether result #0 of every return is an object it allocated.
    private var freshResults: [Int: Bool] = [:]
    /// Per node and operand index: whether the function keeps that operand private.
    private var privateOperands: [Int: [Int: Bool]] = [:]
    /// Per node and operand index: whether the function keeps that operand
    /// only inside the fresh object it returns.
    private var operandsKeptInResult: [Int: [Int: Bool]] = [:]

    init(program: AnalysedProgram) {
        self.program = program
        maySpawn = program.callGraph.maySpawnGoroutines()
    }

    /// The roots of `function` (node `node`) that hold a private object.
    mutating func roots(of function: Function, node: Int) -> Set<Place.Root> {
        guard node < maySpawn.count, !maySpawn[node] else { return [] }
        let locals = Locals(function, captured: program.capturedByClosures(of: function.name))
        var made = Set<Place.Root>()
        var other = Set<Place.Root>()
        for block in function.blocks {
            for inst in block.instructions {
                for (i, result) in inst.results.enumerated() {
                    guard let r = result.place, r.path.isEmpty, locals.contains(r.root) else { continue }
                    if i == 0, makesPrivate(inst, made) { made.insert(r.root) } else { other.insert(r.root) }
                }
            }
        }
        // Returning the object is no handing on here: every access of this
        // call comes before its return (`d := newSnmp(); d.n = load(&s.n);
        // return d`, a snapshot); the caller's accesses are the caller's.
        let uses = self.uses(in: function, locals: locals, returnsAllowed: true)
        return made.subtracting(Self.spread(other.union(uses.handedOn), over: uses.copies))
    }

    /// Whether the method only ever runs on an object its caller still has
    /// to itself: every call of it is a direct one, on a receiver the caller
    /// made privately (an allocation or a fresh constructor's result), at a
    /// point no handing on of that object and no goroutine start of the
    /// caller can precede (`db := &DB{...}; db.recoverJournal(); go
    /// db.compact()`: recovery runs before anything else can see db). The
    /// method itself starts no goroutine. Its receiver is then private.
    mutating func isInitialising(_ node: Int) -> Bool {
        guard node < maySpawn.count, !maySpawn[node], let receiver = program.function(node).receiver,
              !receiver.name.isEmpty, receiver.name != "_" else { return false }
        let graph = program.callGraph
        let incoming = graph.incoming[node].map { graph.edges[$0] }
        guard !incoming.isEmpty, incoming.allSatisfy({ $0.kind == .call }) else { return false }
        return incoming.allSatisfy { edge in
            isPrivate(receiverOf: edge.site, in: edge.from)
        }
    }

    /// Whether the receiver of the call at `site` of function `node` is an
    /// object the function made privately and has not handed on, nor
    /// started a goroutine, on any path before the call.
    private mutating func isPrivate(receiverOf site: CallGraph.Site, in node: Int) -> Bool {
        let function = program.function(node)
        guard site.block < function.blocks.count, site.instruction < function.blocks[site.block].instructions.count else { return false }
        let call = function.blocks[site.block].instructions[site.instruction]
        guard call.mode == .now, let receiver = call.operands.first?.place, receiver.path.isEmpty else { return false }
        let root = receiver.root
        let locals = Locals(function, captured: program.capturedByClosures(of: function.name))
        guard locals.contains(root) else { return false }
        var made = false
        var privateSoFar = Set<Place.Root>()
        var events: [(block: Int, index: Int)] = []
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() {
                if let r = inst.results.first?.place, r.path.isEmpty, locals.contains(r.root), makesPrivate(inst, privateSoFar) {
                    privateSoFar.insert(r.root)
                }
                for (k, result) in inst.results.enumerated() where result.place?.root == root && result.place?.path.isEmpty == true {
                    // Written once, by what makes a private object.
                    guard k == 0, !made, privateSoFar.contains(root) else { return false }
                    made = true
                }
                let spawns = inst.spawnsGoroutine || (inst.callee?.possibleTargets ?? []).contains { name in
                    program.node(named: name).map { maySpawn[$0] } ?? false
                }
                let handsOn = inst.operands.enumerated().contains { k, operand in
                    guard let p = operand.place, p.root == root, p.path.isEmpty else { return false }
                    return !keepsPrivate(inst, operand: k)
                }
                if spawns || handsOn { events.append((b, i)) }
            }
            if case .return(let values)? = block.terminator,
               values.contains(where: { $0.place?.root == root && $0.place?.path.isEmpty == true }) {
                events.append((b, block.instructions.count))
            }
        }
        guard made else { return false }
        let cfg = ControlFlowGraph(function)
        return !events.contains { Self.mayPrecede($0, (site.block, site.instruction), cfg) }
    }

    /// Whether the instruction at `a` may run before the one at `b` on some path.
    private static func mayPrecede(_ a: (block: Int, index: Int), _ b: (block: Int, index: Int), _ cfg: ControlFlowGraph) -> Bool {
        if a.block == b.block, a.index < b.index { return true }
        return cfg.successors[a.block].contains { cfg.reaches(from: $0, to: b.block) }
    }

    /// Whether the instruction writes a private object into its result #0:
    /// an allocation, a constructor's fresh result, or a copy of another
    /// private root.
    private mutating func makesPrivate(_ inst: Instruction, _ made: Set<Place.Root>) -> Bool {
        switch inst.op {
        case .allocNew, .allocLit:
            return true
        case .assign:
            guard let src = inst.operands.first?.place, src.path.isEmpty else { return false }
            return made.contains(src.root)
        case .call:
            guard inst.mode == .now, let targets = inst.callee?.possibleTargets, !targets.isEmpty else { return false }
            return targets.allSatisfy { name in program.node(named: name).map { returnsFresh($0) } ?? false }
        default:
            return false
        }
    }

    /// How a function uses its roots: the copies from one local into
    /// another, and the roots it hands on (see the type's comment;
    /// returning counts unless `returnsAllowed`).
    private mutating func uses(in function: Function, locals: Locals,
                               returnsAllowed: Bool = false) -> (copies: [(Place.Root, Place.Root)], handedOn: Set<Place.Root>) {
        var copies: [(Place.Root, Place.Root)] = []
        var handedOn = Set<Place.Root>()
        for block in function.blocks {
            for inst in block.instructions {
                for (k, operand) in inst.operands.enumerated() {
                    guard let p = operand.place, p.path.isEmpty else { continue }
                    if inst.op == .assign, let dst = inst.results.first?.place, dst.path.isEmpty, locals.contains(dst.root) {
                        copies.append((p.root, dst.root))
                    } else if !keepsPrivate(inst, operand: k), !holdsItself(inst, operand: k, in: function) {
                        handedOn.insert(p.root)
                    }
                }
            }
            if !returnsAllowed, case .return(let values)? = block.terminator {
                for case .place(let p) in values where p.path.isEmpty { handedOn.insert(p.root) }
            }
        }
        return (copies, handedOn)
    }

    /// Whether operand `k` of a call stays private: the receiver of a
    /// method (or the object passed to a method of itself or of one of its
    /// fields, `c.selfCollector.init(c)`: kept in itself), or an
    /// operand every possible callee keeps private.
    private mutating func keepsPrivate(_ inst: Instruction, operand k: Int) -> Bool {
        guard inst.op == .call, inst.mode == .now, let targets = inst.callee?.possibleTargets, !targets.isEmpty else { return false }
        if targets.allSatisfy({ $0.hasPrefix("(") }),
           k == 0 || (inst.operands[k].place?.root).map({ $0 == inst.operands[0].place?.root }) == true { return true }
        return targets.allSatisfy { name in program.node(named: name).map { keepsOperand($0, k) } ?? false }
    }

    /// Whether the call `inst` keeps operand `k` only inside the fresh
    /// object it returns, and that object goes nowhere but back into the
    /// operand: into one of its fields (`s.Root = newDir(s, "/")`) or to a
    /// method of the operand or of one of its fields (`s.Root.Add(newDir(s,
    /// ns))`). The operand then holds itself, which hands it to nobody.
    private mutating func holdsItself(_ inst: Instruction, operand k: Int, in function: Function) -> Bool {
        guard let owner = inst.operands[k].place?.root else { return false }
        return goesBackInto(owner, from: inst, operand: k, in: function, depth: 0)
    }

    /// Whether every callee of the call `inst` keeps its operand `k`
    /// (which holds `owner`) only in the object it returns, and that object
    /// ends up only inside `owner` (`fieldsHolding`), in fields that stay
    /// there (`staysInside`).
    private mutating func goesBackInto(_ owner: Place.Root, from inst: Instruction, operand k: Int,
                                       in function: Function, depth: Int) -> Bool {
        guard inst.op == .call, inst.mode == .now, let targets = inst.callee?.possibleTargets, !targets.isEmpty,
              let result = inst.results.first?.place, result.path.isEmpty, case .temp = result.root,
              targets.allSatisfy({ name in program.node(named: name).map { keepsInResult($0, k) } ?? false }),
              let fields = Self.fieldsHolding(result.root, of: owner, in: function) else { return false }
        for field in fields where !staysInside(Place(owner, path: field), in: function, depth: depth) { return false }
        return true
    }

    /// The fields of `owner` the temporary `made` is stored in, when every
    /// use of it stores it in a field of `owner` or passes it to a method
    /// of `owner` or of one of its fields; nil when some use does not.
    private static func fieldsHolding(_ made: Place.Root, of owner: Place.Root, in function: Function) -> Set<[Selector]>? {
        var fields = Set<[Selector]>()
        for block in function.blocks {
            if case .return(let values)? = block.terminator, values.contains(where: { $0.place?.root == made }) { return nil }
            for inst in block.instructions {
                for (k, operand) in inst.operands.enumerated() where operand.place?.root == made {
                    if inst.op == .assign, k == 0, let dst = inst.results.first?.place, dst.root == owner, !dst.path.isEmpty {
                        fields.insert(dst.path)
                        continue
                    }
                    if inst.op == .call, inst.mode == .now, inst.callee?.hasReceiver == true, k > 0,
                       inst.operands.first?.place?.root == owner { continue }
                    return nil
                }
            }
        }
        return fields
    }

    /// Whether the value of `field` (which holds its owner) is used whole
    /// only as the receiver of methods, or handed to a call that keeps it
    /// in what it returns, which goes back into the owner in turn
    /// (`s.Root.Add(newDir(s, ns, s.Root))`, the namespace's parent).
    /// Copied, stored, passed elsewhere or returned, it would take its
    /// owner along (`roots = append(roots, s.root)`).
    private mutating func staysInside(_ field: Place, in function: Function, depth: Int) -> Bool {
        for block in function.blocks {
            if case .return(let values)? = block.terminator, values.contains(where: { $0.place == field }) { return false }
            for inst in block.instructions {
                for (k, operand) in inst.operands.enumerated() where operand.place == field {
                    if inst.op == .call, inst.mode == .now, inst.callee?.hasReceiver == true, k == 0 { continue }
                    guard depth < Self.maxSelfHoldingDepth,
                          goesBackInto(field.root, from: inst, operand: k, in: function, depth: depth + 1) else { return false }
                }
            }
        }
        return true
    }

    /// How many calls deep a field holding its owner is followed back
    /// into the owner.
    private static let maxSelfHoldingDepth = 2

    /// Whether the function keeps operand `k` only inside the fresh object
    /// it returns: it starts no goroutine, returns an object it allocated,
    /// and does nothing with the parameter but store it in a field of that
    /// object (`&node{store: store}`) and read its fields.
    private mutating func keepsInResult(_ node: Int, _ k: Int) -> Bool {
        if let known = operandsKeptInResult[node]?[k] { return known }
        operandsKeptInResult[node, default: [:]][k] = false
        var result = false
        if case .named(let name)? = parameter(of: node, operand: k), returnsFresh(node) {
            result = Self.storedOnlyInResult(.variable(name), of: program.function(node))
        }
        operandsKeptInResult[node, default: [:]][k] = result
        return result
    }

    /// Whether `parameter` is used whole only as the value stored into a
    /// field of what `function` returns (or of a local copied into it).
    private static func storedOnlyInResult(_ parameter: Place.Root, of function: Function) -> Bool {
        var returned = Set<Place.Root>()
        var copies: [(Place.Root, Place.Root)] = []
        for block in function.blocks {
            if case .return(let values)? = block.terminator {
                if values.contains(where: { $0.place?.root == parameter }) { return false }
                if case .place(let p)? = values.first, p.path.isEmpty { returned.insert(p.root) }
            }
            for inst in block.instructions where inst.op == .assign {
                if let dst = inst.results.first?.place, dst.path.isEmpty, let src = inst.operands.first?.place, src.path.isEmpty {
                    copies.append((src.root, dst.root))
                }
            }
        }
        let holders = spread(returned, over: copies)
        for block in function.blocks {
            for inst in block.instructions {
                for (k, operand) in inst.operands.enumerated() {
                    guard let p = operand.place, p.root == parameter, p.path.isEmpty else { continue }
                    guard inst.op == .assign, k == 0, let dst = inst.results.first?.place, !dst.path.isEmpty,
                          holders.contains(dst.root), dst.root != parameter else { return false }
                }
            }
        }
        return true
    }

    /// Whether the function keeps operand `k` (its receiver first, then
    /// its parameters) private: it starts no goroutine and neither hands
    /// the parameter on nor copies it.
    private mutating func keepsOperand(_ node: Int, _ k: Int) -> Bool {
        if let known = privateOperands[node]?[k] { return known }
        privateOperands[node, default: [:]][k] = false
        var result = false
        switch parameter(of: node, operand: k) {
        case .unnamed?:
            result = true
        case .named(let name)?:
            let function = program.function(node)
            let uses = self.uses(in: function, locals: Locals(function, captured: []))
            let root = Place.Root.variable(name)
            result = !uses.handedOn.contains(root) && !uses.copies.contains { $0.0 == root || $0.1 == root }
        case nil:
            break
        }
        privateOperands[node, default: [:]][k] = result
        return result
    }

    /// The parameter a call's operand binds in a callee.
    private enum Parameter {
        /// Unnamed or `_`: the callee cannot use it.
        case unnamed
        case named(String)
    }

    /// The parameter operand `k` of a call of `node` binds (its receiver
    /// first), when the callee starts no goroutine, the parameter is not
    /// the variadic one, and no closure captures it; nil otherwise.
    private func parameter(of node: Int, operand k: Int) -> Parameter? {
        guard !maySpawn[node] else { return nil }
        let function = program.function(node)
        let parameters = (function.receiver.map { [$0] } ?? []) + function.parameters
        guard k < parameters.count, !(function.isVariadic && k == parameters.count - 1) else { return nil }
        let name = parameters[k].name
        if name.isEmpty || name == "_" { return .unnamed }
        return program.capturedByClosures(of: function.name).contains(name) ? nil : .named(name)
    }

    /// Whether every return of the function gives, as result #0, an
    /// object it allocated (itself, or through a constructor that does)
    /// and did not hand on (or nil).
    private mutating func returnsFresh(_ node: Int) -> Bool {
        if let known = freshResults[node] { return known }
        freshResults[node] = false
        let function = program.function(node)
        let locals = Locals(function, captured: program.capturedByClosures(of: function.name))
        var allocated = Set<Place.Root>()
        var other = Set<Place.Root>()
        var returned = Set<Place.Root>()
        var fresh = true
        for block in function.blocks {
            for inst in block.instructions {
                guard let result = inst.results.first?.place, result.path.isEmpty else { continue }
                if makesPrivate(inst, allocated) {
                    allocated.insert(result.root)
                } else {
                    other.insert(result.root)
                }
            }
            guard case .return(let values)? = block.terminator else { continue }
            switch values.first {
            case .nil?: continue
            case .place(let p)? where p.path.isEmpty && locals.contains(p.root): returned.insert(p.root)
            default: fresh = false
            }
        }
        let uses = self.uses(in: function, locals: locals, returnsAllowed: true)
        let shared = Self.spread(other.union(uses.handedOn), over: uses.copies)
        let result = fresh && !returned.isEmpty && returned.isSubset(of: allocated.subtracting(shared))
        freshResults[node] = result
        return result
    }

    /// `roots` and every root a copy joins to them, either way.
    private static func spread(_ roots: Set<Place.Root>, over copies: [(Place.Root, Place.Root)]) -> Set<Place.Root> {
        var out = roots
        var changed = !copies.isEmpty
        while changed {
            changed = false
            for (a, b) in copies where out.contains(a) != out.contains(b) {
                out.insert(a)
                out.insert(b)
                changed = true
            }
        }
        return out
    }

    /// The roots a function owns: temporaries, and local variables no
    /// closure captures.
    private struct Locals {
        let variables: Set<String>

        init(_ function: Function, captured: Set<String>) {
            variables = Set(function.locals.map(\.name).filter { !captured.contains($0) })
        }

        func contains(_ root: Place.Root) -> Bool {
            switch root {
            case .temp: return true
            case .variable(let name): return variables.contains(name)
            case .global: return false
            }
        }
    }
}
