import ConcIR
import Findings

/// SY1009: `once.Do(f)` where f, or something f calls, calls Do on the
/// same Once again.
///
/// Do holds the Once's internal mutex while f runs; the inner Do waits for
/// f to finish, which waits for the inner Do: the goroutine deadlocks
/// ("all goroutines are asleep" when nothing else runs). Typical shape: a
/// lazy singleton whose initialisation calls the public getter. Initialise
/// from the plain function, not from the getter.
///
/// Fields are matched by the named type that declares them. A Once that
/// is a field of a variable (`pkg.testOnce`, `c.once`) is followed as a
/// value: the walk goes only through calls that pass that variable on (as
/// the receiver or an argument, or captured by a closure), and the inner Do
/// must be on the same field of the variable that holds it there. A Do on
/// the same field of another value (`pkg.test`, a fresh object with its own
/// Once) is not a re-entry.
///
/// The walk follows only calls that surely enter their target (functions
/// and concrete methods, not interface methods nor function values): a
/// chain through `fmt` calling `String` on whatever it prints, or through
/// any `Read` of the program, is a possibility of the whole-program call
/// graph, not a call the function makes.
struct OnceDoReentered: JoiningCheck {
    static let id = "SY1009"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.onceDo] }
    static let slot = \JoinFacts.onceReentered

    /// One function's re-entered Dos, each with where the inner Do is: the
    /// join reports an inner Do once, for the first outer Do that reaches
    /// it. What a finding reads (the functions the outer Do's callback
    /// reaches, and their Dos) is in the walked function's call-graph closure.
    struct Facts: Codable {
        var findings: [Reentry] = []
    }

    struct Reentry: Codable {
        /// The inner Do, as `file:line:column`.
        var inner: String
        var finding: Finding
    }

    private typealias Do = (inst: Instruction, site: InstructionSite, once: SharedObject, place: Place)
    /// The Dos of the function being walked.
    private var outer: [Do] = []
    /// The Dos of each function a walk reached, by node: a memo of its text.
    private var dosByNode: [Int: [Do]] = [:]
    private var current = Facts()
    private var absorbed: [Reentry] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, let place = inst.operands.first?.place.map(scope.facts.normalize),
              let once = Self.key(place, scope) else { return }
        outer.append((inst, site, once, place))
    }

    /// Shared objects by name; a local Once by its variable name, which a
    /// closure that captures it spells the same way.
    private static func key(_ place: Place, _ scope: FunctionScope) -> SharedObject? {
        guard let object = SharedObject.of(place, in: scope) else { return nil }
        if object.isShared { return object }
        guard case .variable(let v) = place.root else { return nil }
        return SharedObject(name: "local:" + v, isShared: false, display: GoSpelling.variableName(v))
    }

    /// The Dos of function `node`, in the order of its blocks.
    private mutating func dos(of node: Int, _ program: StructuralProgram) -> [Do] {
        if let known = dosByNode[node] { return known }
        let function = program.index.function(node)
        var found: [Do] = []
        if function.blocks.contains(where: { $0.instructions.contains { $0.op == .onceDo } }) {
            let scope = FunctionScope(node: node, program: program)
            for (b, block) in function.blocks.enumerated() {
                for (i, inst) in block.instructions.enumerated() where inst.op == .onceDo && inst.mode == .now {
                    guard let place = inst.operands.first?.place.map(scope.facts.normalize), let once = Self.key(place, scope) else { continue }
                    found.append((inst, InstructionSite(block: b, index: i), once, place))
                }
            }
        }
        dosByNode[node] = found
        return found
    }

    mutating func finishFunction(_ scope: FunctionScope) {
        defer { outer = [] }
        let program = scope.program
        let graph = OnceCallGraph(program: program)
        for o in outer {
            guard let root = graph.callback(of: o.inst) else { continue }
            var hit: (inst: Instruction, site: InstructionSite)?
            let chain: [OnceCallGraph.Step]?
            if o.once.isShared, case .variable(let base) = o.place.root, o.place.path.contains(where: { if case .field = $0 { return true } else { return false } }) {
                chain = Self.walkValue(from: root, holder: Self.callbackHolder(o.inst, base: base, root: root, program), path: o.place.path,
                                       depth: program.limits.callDepth, program) { node, holder in
                    guard let d = dos(of: node, program).first(where: { $0.once == o.once && $0.place == Place(.variable(holder), path: o.place.path) })
                    else { return false }
                    hit = (d.inst, d.site)
                    return true
                }
            } else {
                chain = graph.walk(from: root, depth: program.limits.callDepth, sureOnly: true) { node in
                    let found = dos(of: node, program)
                    guard !found.isEmpty else { return false }
                    if !o.once.isShared, !Self.sameFamily(program.index.function(node).name, scope.function.name) { return false }
                    guard let d = found.first(where: { $0.once == o.once }) else { return false }
                    hit = (d.inst, d.site)
                    return true
                }
            }
            guard let chain, let hit, let last = chain.last else { continue }
            let file = program.index.file(of: last.node)
            let message = "\(o.once.display).Do is called again while its own function runs (Do on line \(o.inst.position.line) "
                + "runs \(ShortName.of(program.index.function(root).name))): the inner Do waits for the outer one to finish, which never happens (deadlock); "
                + "initialise without going through Do again"
            var steps: [FlowStep] = []
            if let at = location(program, scope.node, o.inst.position) {
                steps.append(FlowStep(location: at, message: "\(o.once.display).Do runs \(ShortName.of(program.index.function(root).name))"))
            }
            for (k, step) in chain.enumerated() where k > 0 {
                guard let site = step.site else { continue }
                let caller = chain[k - 1].node
                let position = WitnessFlow.position(InstructionSite(block: site.block, index: site.instruction), in: program.index.function(caller))
                if let at = location(program, caller, position) {
                    steps.append(FlowStep(location: at, message: "calls \(ShortName.of(program.index.function(step.node).name))"))
                }
            }
            if let at = location(program, last.node, hit.inst.position) {
                steps.append(FlowStep(location: at, message: "\(o.once.display).Do again: waits for itself for ever"))
            }
            let flow = CodeFlow(message: "Do re-entered from its own function", threads: [ThreadFlow(name: "the goroutine calling Do", steps: steps)])
            if let f = program.finding(ruleID, node: last.node, at: hit.inst.position, message, flows: [flow]) {
                current.findings.append(Reentry(inner: "\(file):\(hit.inst.position)", finding: f))
            }
        }
    }

    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts? {
        defer { current = Facts() }
        return current.findings.isEmpty ? nil : current
    }

    mutating func absorb(_ facts: Facts, node: Int) {
        absorbed += facts.findings
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        var reported = Set<String>()
        return absorbed.filter { reported.insert($0.inner).inserted }.map(\.finding)
    }

    /// The variable of the function Do runs that holds the Once's base
    /// value: the same name in a closure that captures it; for a method
    /// value, the method's receiver when what the value binds is the base
    /// (`c.once.Do(c.init)`: the lowering's closure `init-fm1` captures
    /// `c#fm1`, assigned `c` or `&c` where the method value is written);
    /// the receiver of a method otherwise; nil for anything else.
    private static func callbackHolder(_ doInstruction: Instruction, base: String, root: Int, _ program: StructuralProgram) -> String? {
        let f = program.index.function(root)
        if f.captures.contains(where: { $0.name == base }) { return base }
        // A method value: the method's receiver, when what it binds is the base.
        if case .function(let name)? = doInstruction.operands.dropFirst().first, let node = program.index.node(named: name),
           case let closure = program.index.function(node), closure.boundMethod != nil {
            guard boundReceiver(of: closure, program)?.value == base, let r = f.receiver, !r.name.isEmpty else { return nil }
            return r.name
        }
        if let r = f.receiver, !r.name.isEmpty { return r.name }
        return nil
    }

    /// For a method value's closure: the captured receiver's name and the
    /// variable of the parent it was bound from.
    private static func boundReceiver(of f: Function, _ program: StructuralProgram) -> (name: String, value: String)? {
        guard f.captures.count == 1, let parentName = f.parent, let parentNode = program.index.node(named: parentName) else { return nil }
        let bound = f.captures[0].name
        let parent = program.index.function(parentNode)
        for block in parent.blocks {
            for (k, inst) in block.instructions.enumerated() where inst.op == .assign && inst.results.first == .variable(bound) {
                guard case .place(let p)? = inst.operands.first else { return nil }
                if case .variable(let v) = p.root, p.path.allSatisfy({ $0 == .deref }) { return (bound, v) }
                // `&c` for a pointer method: the address made just before.
                guard case .temp = p.root, k > 0, block.instructions[k - 1].op == .addr,
                      block.instructions[k - 1].results.first == .place(p),
                      case .place(let addressed)? = block.instructions[k - 1].operands.first,
                      case .variable(let v) = addressed.root, addressed.path.isEmpty else { return nil }
                return (bound, v)
            }
        }
        return nil
    }

    /// A breadth-first walk like `OnceCallGraph.walk`, following the value
    /// that holds the Once: from a function where variable `holder` holds
    /// it, only through calls that pass `holder` itself (as the receiver or
    /// an argument: the callee's parameter then holds it) or closures that
    /// capture it. `stop` gets each function with its holder.
    private static func walkValue(from root: Int, holder: String?, path: [Selector], depth: Int, _ program: StructuralProgram,
                                  stop: (Int, String) -> Bool) -> [OnceCallGraph.Step]? {
        guard let holder else { return nil }
        let graph = program.index.callGraph
        struct State: Hashable { var node: Int; var holder: String }
        var steps = [OnceCallGraph.Step(node: root, site: nil, parent: -1)]
        var holders = [holder]
        var levels = [0]
        var seen: Set<State> = [State(node: root, holder: holder)]
        var i = 0
        while i < steps.count {
            let node = steps[i].node
            if stop(node, holders[i]) {
                var out: [OnceCallGraph.Step] = []
                var current = i
                while current >= 0 {
                    out.append(steps[current])
                    current = steps[current].parent
                }
                return out.reversed()
            }
            if levels[i] < depth {
                let caller = program.index.function(node)
                for e in graph.outgoing[node].map({ graph.edges[$0] }) where e.kind == .call || e.kind == .defer {
                    guard CertainCall.isStatic(e, program.index), e.site.block < caller.blocks.count, e.site.instruction < caller.blocks[e.site.block].instructions.count,
                          let next = passed(holders[i], by: caller.blocks[e.site.block].instructions[e.site.instruction],
                                            from: caller, to: program.index.function(e.to)),
                          seen.insert(State(node: e.to, holder: next)).inserted else { continue }
                    steps.append(OnceCallGraph.Step(node: e.to, site: e.site, parent: i))
                    holders.append(next)
                    levels.append(levels[i] + 1)
                }
            }
            i += 1
        }
        return nil
    }

    /// The variable of `callee` that holds what `holder` holds in `caller`
    /// after this call: a closure of the caller that captures it, or the
    /// receiver or parameter the call passes `holder` to.
    private static func passed(_ holder: String, by call: Instruction, from caller: Function, to callee: Function) -> String? {
        if callee.parent == caller.name, callee.captures.contains(where: { $0.name == holder }) { return holder }
        var receivers: [Variable] = []
        if let r = callee.receiver {
            receivers.append(r)
        }
        let formals = receivers + callee.parameters
        for (k, operand) in call.operands.enumerated() where k < formals.count {
            guard let p = operand.place, p.root == .variable(holder), p.path.allSatisfy({ $0 == .deref }),
                  !formals[k].name.isEmpty else { continue }
            return formals[k].name
        }
        return nil
    }

    /// A closure and the function it is written in (`main.get` and `main.get.func1`).
    private static func sameFamily(_ a: String, _ b: String) -> Bool {
        let base = { (s: String) in s.split(separator: ".").prefix { !$0.hasPrefix("func") }.joined(separator: ".") }
        return base(a) == base(b)
    }

    private func location(_ program: StructuralProgram, _ node: Int, _ position: Position) -> Location? {
        guard position.isPresent else { return nil }
        return Location(file: program.index.file(of: node), line: Int(position.line), column: Int(position.column))
    }
}
