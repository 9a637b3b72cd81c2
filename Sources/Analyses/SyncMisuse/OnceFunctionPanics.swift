import ConcIR
import Findings

/// SY1010: `once.Do(f)` where f can panic.
///
/// A Once counts a panicking f as done: every later Do returns at once,
/// and whatever f was to initialise stays unset for the life of the
/// process (nil pointers, empty tables) once the panic was recovered
/// somewhere (an HTTP server recovers handler panics, a worker pool its
/// tasks). Return the error from f and keep it next to the value (or use
/// sync.OnceValues in Go 1.21+, which panics again on every call).
///
/// Reported: an explicit `panic` on some path of f, or of a function f
/// calls directly, when f defers nothing (a deferred function may recover).
/// Not reported, because they are not failures a caller recovers from:
/// a panic whose message says it cannot happen ("unreachable",
/// "impossible", "internal error"); in a called function, a panic with a
/// constant message that no call precedes (a precondition check on the
/// arguments or state, such as `panic("not available")` after a feature
/// test the caller made first: nothing that could fail ran before it);
/// and panics of functions of another package (their API panics on
/// programmer error: Must on constant input, reflect field indexes,
/// testing.Short before flag.Parse).
struct OnceFunctionPanics: StructuralCheck {
    static let id = "SY1010"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.onceDo] }
    private var dos: [(node: Int, inst: Instruction)] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now else { return }
        dos.append((scope.node, inst))
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        let graph = OnceCallGraph(program: program)
        var findings: [Finding] = []
        for d in dos {
            guard let root = graph.callback(of: d.inst), !Self.defersSomething(program.index.function(root)) else { continue }
            var panicAt: Position?
            let package = program.index.module(of: d.node).packagePath
            let chain = graph.walk(from: root, depth: 1) { node in
                let callee = node != root
                if callee && program.index.module(of: node).packagePath != package { return false }
                guard let p = Self.reachablePanic(program.index.function(node), callee: callee) else { return false }
                panicAt = p
                return true
            }
            guard let chain, let panicAt, let last = chain.last else { continue }
            let once = d.inst.operands.first?.place.flatMap(GoSpelling.expression) ?? "the Once"
            let name = ShortName.of(program.index.function(root).name)
            let message = "the function \(once).Do runs can panic (line \(panicAt.line)): Do then counts as done, "
                + "and every later caller gets what it left unset; return the error and keep it next to the value"
            var steps: [FlowStep] = []
            let file = program.index.file(of: d.node)
            if d.inst.position.isPresent {
                steps.append(FlowStep(location: Location(file: file, line: Int(d.inst.position.line), column: Int(d.inst.position.column)),
                                      message: "\(once).Do runs \(name)"))
            }
            if panicAt.isPresent {
                steps.append(FlowStep(location: Location(file: program.index.file(of: last.node), line: Int(panicAt.line),
                                                         column: Int(panicAt.column)), message: "panics here; the Once is marked done"))
            }
            let flow = CodeFlow(message: "the once function panics", threads: [ThreadFlow(name: "the first caller of Do", steps: steps)])
            if let f = program.finding(ruleID, node: d.node, at: d.inst.position, message, flows: [flow]) { findings.append(f) }
        }
        return findings
    }

    /// A deferred call may recover the panic.
    private static func defersSomething(_ f: Function) -> Bool {
        f.blocks.contains { $0.instructions.contains { $0.mode == .defer } }
    }

    /// The position of a `panic` on a path from the entry that reports a
    /// failure, if any: not one whose message says it cannot happen, and in
    /// a called function (`callee`), not a constant-message precondition check.
    private static func reachablePanic(_ f: Function, callee: Bool) -> Position? {
        guard f.hasBody, !defersSomething(f) else { return nil }
        let cfg = ControlFlowGraph(f)
        for b in cfg.reversePostorder {
            guard case .panic(let value)? = f.blocks[b].terminator else { continue }
            if case .string(let text) = value, isInvariant(text) { continue }
            if callee && value.isConstant && !callPrecedes(b, in: f, cfg) { continue }
            return f.blocks[b].terminatorPosition
        }
        return nil
    }

    /// Whether a call can run before `block` is entered or in it: the
    /// panic may then report that call's failure.
    private static func callPrecedes(_ block: Int, in f: Function, _ cfg: ControlFlowGraph) -> Bool {
        var seen: Set<Int> = [block]
        var work = [block]
        while let b = work.popLast() {
            if f.blocks[b].instructions.contains(where: { $0.op == .call }) { return true }
            for p in cfg.predecessors[b] where seen.insert(p).inserted { work.append(p) }
        }
        return false
    }

    /// A panic message that says the panic cannot happen.
    private static func isInvariant(_ message: String) -> Bool {
        let text = message.lowercased()
        return ["unreachable", "impossible", "internal error", "not reached", "cannot happen", "can't happen", "should not happen"]
            .contains { text.contains($0) }
    }
}
