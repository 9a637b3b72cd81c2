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
/// Fields are matched by the named type that declares them, so a Do on
/// the same field of a different value (a tree of lazily built nodes) is
/// reported too: a known false positive.
struct OnceDoReentered: StructuralCheck {
    static let id = "SY1009"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.onceDo] }
    private var outer: [(node: Int, inst: Instruction, once: SharedObject)] = []
    private var inner: [Int: [(inst: Instruction, site: InstructionSite, once: SharedObject)]] = [:]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, let place = inst.operands.first?.place.map(scope.facts.normalize),
              let once = Self.key(place, scope) else { return }
        outer.append((scope.node, inst, once))
        inner[scope.node, default: []].append((inst, site, once))
    }

    /// Shared objects by name; a local Once by its variable name, which a
    /// closure that captures it spells the same way.
    private static func key(_ place: Place, _ scope: FunctionScope) -> SharedObject? {
        guard let object = SharedObject.of(place, in: scope) else { return nil }
        if object.isShared { return object }
        guard case .variable(let v) = place.root else { return nil }
        return SharedObject(name: "local:" + v, isShared: false, display: GoSpelling.variableName(v))
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        let graph = OnceCallGraph(program: program)
        var findings: [Finding] = []
        var reported = Set<String>()
        for o in outer {
            guard let root = graph.callback(of: o.inst) else { continue }
            var hit: (inst: Instruction, site: InstructionSite)?
            let chain = graph.walk(from: root, depth: program.limits.callDepth) { node in
                guard let dos = inner[node] else { return false }
                if !o.once.isShared, !Self.sameFamily(program.index.function(node).name, program.index.function(o.node).name) { return false }
                guard let d = dos.first(where: { $0.once == o.once }) else { return false }
                hit = (d.inst, d.site)
                return true
            }
            guard let chain, let hit, let last = chain.last else { continue }
            let file = program.index.file(of: last.node)
            guard reported.insert("\(file):\(hit.inst.position)").inserted else { continue }
            let message = "\(o.once.display).Do is called again while its own function runs (Do on line \(o.inst.position.line) "
                + "runs \(ShortName.of(program.index.function(root).name))): the inner Do waits for the outer one to finish, which never happens (deadlock); "
                + "initialise without going through Do again"
            var steps: [FlowStep] = []
            if let at = location(program, o.node, o.inst.position) {
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
            if let f = program.finding(ruleID, node: last.node, at: hit.inst.position, message, flows: [flow]) { findings.append(f) }
        }
        return findings
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
