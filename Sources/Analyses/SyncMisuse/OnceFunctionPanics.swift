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
/// Reported: an explicit `panic` that reports a failure on some path of f,
/// or of a function f calls directly, when f defers nothing (a deferred
/// function may recover): a panic with a value computed at run time
/// (`panic(err)`), or a constant one on the failing side of a test of a
/// call's status (`err != nil`, `!ok` of `v, ok := f()`),
/// or (in f itself) a constant one no condition guards. Not reported,
/// because they are not failures a caller recovers from: a constant panic
/// under any other condition (an assertion on the program's own state, a
/// precondition on an argument), a message that says it cannot happen
/// ("unreachable", "internal error"), and panics of functions of another
/// package (their API panics on programmer error: Must on constant input,
/// reflect field indexes, testing.Short before flag.Parse).
struct OnceFunctionPanics: FunctionLocalCheck {
    static let id = "SY1010"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.onceDo] }
    var findings: [Finding] = []

    /// What the finding reads (the function Do runs and those it calls,
    /// one level) is in the walked function's call-graph closure.
    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now else { return }
        let program = scope.program
        let graph = OnceCallGraph(program: program)
        guard let root = graph.callback(of: inst), !Self.defersSomething(program.index.function(root)) else { return }
        var panicAt: Position?
        let package = scope.module.packagePath
        let chain = graph.walk(from: root, depth: 1) { node in
            let callee = node != root
            if callee && program.index.module(of: node).packagePath != package { return false }
            guard let p = Self.reachablePanic(program.index.function(node), callee: callee,
                                              environment: program.index.types) else { return false }
            panicAt = p
            return true
        }
        guard let chain, let panicAt, let last = chain.last else { return }
        let once = inst.operands.first?.place.flatMap(GoSpelling.expression) ?? "the Once"
        let name = ShortName.of(program.index.function(root).name)
        let message = "the function \(once).Do runs can panic (line \(panicAt.line)): Do then counts as done, "
            + "and every later caller gets what it left unset; return the error and keep it next to the value"
        var steps: [FlowStep] = []
        if let at = scope.location(inst.position) {
            steps.append(FlowStep(location: at, message: "\(once).Do runs \(name)"))
        }
        if panicAt.isPresent {
            steps.append(FlowStep(location: Location(file: program.index.file(of: last.node), line: Int(panicAt.line),
                                                     column: Int(panicAt.column)), message: "panics here; the Once is marked done"))
        }
        let flow = CodeFlow(message: "the once function panics", threads: [ThreadFlow(name: "the first caller of Do", steps: steps)])
        if let f = scope.finding(ruleID, at: inst.position, message, flows: [flow]) { findings.append(f) }
    }

    /// A deferred call may recover the panic.
    private static func defersSomething(_ f: Function) -> Bool {
        f.blocks.contains { $0.instructions.contains { $0.mode == .defer } }
    }

    /// The position of a `panic` on a path from the entry that reports a
    /// failure, if any.
    ///
    /// A panic with a value computed at run time (`panic(err)`, a formatted
    /// message) reports what went wrong. A panic with a constant value (a
    /// message, an error literal of constants) reports a failure when it
    /// sits on the failing side of a test of a call's status (`if err !=
    /// nil { panic("no config") }`, `v, ok := load(); if !ok { panic(...)
    /// }`); under any other condition it is an assertion on the program's
    /// own state (`if len(list) == 0 { panic("empty list") }`, a
    /// precondition on an argument), which no caller recovers from. In the Once function itself, a constant panic
    /// that no condition guards still counts: the function always fails.
    /// A message that says the panic cannot happen is never reported.
    private static func reachablePanic(_ f: Function, callee: Bool, environment: TypeEnvironment) -> Position? {
        guard f.hasBody, !defersSomething(f) else { return nil }
        let cfg = ControlFlowGraph(f)
        var types: FunctionTypes?
        for b in cfg.reversePostorder {
            // Goexit and t.Fatal end the goroutine without a panic a
            // caller could recover; in a test they report its own failure.
            guard case .panic(let value)? = f.blocks[b].terminator, !f.blocks[b].endsGoroutineWithoutPanic else { continue }
            if case .string(let text) = value, isInvariant(text) { continue }
            if isConstantValue(value, in: f) {
                if types == nil { types = FunctionTypes(function: f, environment: environment) }
                let reportsError = followsFailureTest(b, in: f, cfg, types!, environment)
                guard reportsError || (!callee && isUnconditional(b, in: f, cfg)) else { continue }
            }
            return f.blocks[b].terminatorPosition
        }
        return nil
    }

    /// A constant, or a composite literal holding only constants (the IR
    /// keeps the fields it assigns only when they are not constants).
    private static func isConstantValue(_ value: Operand, in f: Function) -> Bool {
        if value.isConstant { return true }
        guard case .place(let p) = value, p.path.isEmpty, case .temp = p.root else { return false }
        var literal = false
        for block in f.blocks {
            for inst in block.instructions {
                guard let r = inst.results.first?.place, r.root == p.root else { continue }
                if r.path.isEmpty {
                    guard inst.op == .allocLit || inst.op == .allocNew else { return false }
                    literal = true
                } else {
                    return false
                }
            }
        }
        return literal
    }

    /// Whether `block` is entered only from the failing side of a test of a
    /// call's status, through blocks that do nothing but lead to it: the
    /// non-nil side of `if err != nil` (an error value), or the false side
    /// of `if !ok` where ok is the last result of a call (`v, ok := f()`).
    /// A test of anything else (a predicate, a length, a type assertion's
    /// ok) checks the program's own state.
    private static func followsFailureTest(_ block: Int, in f: Function, _ cfg: ControlFlowGraph,
                                           _ types: FunctionTypes, _ environment: TypeEnvironment) -> Bool {
        var current = block
        var seen: Set<Int> = [block]
        while cfg.predecessors[current].count == 1, let p = cfg.predecessors[current].first, seen.insert(p).inserted {
            switch f.blocks[p].terminator {
            case .jump?:
                current = p
            case .branch(.place(let c), _, let otherwise)? where otherwise == current:
                if let tested = f.blocks[p].nilTested(by: c) {
                    return environment.underlying(types.type(of: tested)) == .basic(.error)
                }
                return isCallStatus(c, in: f)
            default:
                return false
            }
        }
        return false
    }

    /// Whether `place` holds the last of several results of a call (its
    /// ok), directly or through copies, at every write of it.
    private static func isCallStatus(_ place: Place, in f: Function) -> Bool {
        guard place.path.isEmpty else { return false }
        var roots: Set<Place.Root> = [place.root]
        var work = [place.root]
        var found = false
        while let root = work.popLast() {
            for block in f.blocks {
                for inst in block.instructions {
                    guard let i = inst.results.firstIndex(where: { $0.place?.root == root }) else { continue }
                    if inst.op == .call, inst.results.count >= 2, i == inst.results.count - 1 {
                        found = true
                    } else if inst.op == .assign, let src = inst.operands.first?.place, src.path.isEmpty {
                        if roots.insert(src.root).inserted { work.append(src.root) }
                    } else {
                        return false
                    }
                }
            }
        }
        return found
    }

    /// Whether every path from the entry to `block` is free of branches.
    private static func isUnconditional(_ block: Int, in f: Function, _ cfg: ControlFlowGraph) -> Bool {
        var current = block
        var seen: Set<Int> = [block]
        while current != 0 {
            guard cfg.predecessors[current].count == 1, let p = cfg.predecessors[current].first, seen.insert(p).inserted,
                  case .jump? = f.blocks[p].terminator else { return false }
            current = p
        }
        return true
    }

    /// A panic message that says the panic cannot happen.
    private static func isInvariant(_ message: String) -> Bool {
        let text = message.lowercased()
        return ["unreachable", "impossible", "internal error", "not reached", "cannot happen", "can't happen", "should not happen"]
            .contains { text.contains($0) }
    }
}
