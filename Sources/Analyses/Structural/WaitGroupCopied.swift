import ConcIR
import Findings

/// WG1054: a sync.WaitGroup copied: passed, received, assigned, returned
/// or ranged over by value (directly or inside a struct or array).
///
/// The copy has its own counter: Done on the copy never lowers the
/// original's, so Wait blocks for ever (or Add on the copy is invisible to
/// Wait). Pass a *sync.WaitGroup. go vet's copylocks reports the same
/// shapes for every lock type; this rule reports them for WaitGroups, in
/// the waitgroup category.
struct WaitGroupCopied: FunctionLocalCheck {
    static let id = "WG1054"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.call, .assign, .mapRange] }
    var wantsTerminators: Bool { true }
    var findings: [Finding] = []

    private func holds(_ type: GoType, _ scope: FunctionScope) -> Bool {
        NoCopyContainment.find(in: type, kinds: NoCopyContainment.waitGroup, environment: scope.program.index.types) != nil
    }

    /// A variable, global or field read as a whole value (temporaries are
    /// fresh values: moving them copies nothing in use).
    private func isStoredValue(_ operand: Operand) -> Bool {
        guard let p = operand.place else { return false }
        if case .temp = p.root { return false }
        return true
    }

    private mutating func report(_ scope: FunctionScope, _ position: Position, _ what: String) {
        let message = "\(what) copies a sync.WaitGroup: Done and Wait on the copy do not affect the original; use a *sync.WaitGroup"
        if let f = scope.finding(ruleID, at: position, message) { findings.append(f) }
    }

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        switch inst.op {
        case .call:
            // A pointer-receiver method called on an addressable value
            // (`srv.Serve(ln)` with `var srv http.Server`) takes its
            // address: the receiver operand is not copied.
            let skipsReceiver: Bool
            if case .method(let name)? = inst.callee, name.hasPrefix("(*") { skipsReceiver = true } else { skipsReceiver = false }
            let copied = inst.operands.enumerated().contains { k, operand in
                !(skipsReceiver && k == 0) && isStoredValue(operand) && holds(scope.types.type(of: operand), scope)
            }
            if copied {
                report(scope, inst.position, inst.mode == .go ? "this go statement" : "this call")
            }
        case .assign:
            guard let src = inst.operands.first, isStoredValue(src), inst.results.first != .blank,
                  holds(scope.types.type(of: src), scope) else { return }
            report(scope, inst.position, "this assignment")
        case .mapRange:
            guard inst.results.count == 2, inst.results[1] != .blank else { return }
            if holds(scope.types.resultType(of: inst, at: 1), scope) { report(scope, inst.position, "this range") }
        default:
            break
        }
    }

    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {
        guard case .return(let operands) = terminator,
              operands.contains(where: { isStoredValue($0) && holds(scope.types.type(of: $0), scope) }) else { return }
        report(scope, scope.function.blocks[block].terminatorPosition, "this return")
    }

    /// Parameters and receivers that receive a WaitGroup by value.
    mutating func finishFunction(_ scope: FunctionScope) {
        let f = scope.function
        let inputs = (f.receiver.map { [$0] } ?? []) + f.parameters
        guard let v = inputs.first(where: { holds($0.type, scope) }) else { return }
        let name = v.name.isEmpty ? "a parameter" : GoSpelling.variableName(v.name)
        report(scope, f.position, "\(ShortName.of(f.name)) receives \(name) by value, which")
    }
}
