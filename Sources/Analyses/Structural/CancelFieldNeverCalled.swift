import ConcIR
import Findings

/// CX1002: a context's cancel func stored in a struct field that nothing
/// in the package ever reads (so never calls).
///
/// go vet's lostcancel follows a cancel func only within its function: once
/// it is stored in a field, vet trusts that someone calls it. When no code
/// of the package even reads that field, the context and its timer live
/// until the parent is cancelled: for a context.Background parent, for ever.
/// Unexported fields only: an exported field may be called from another
/// package.
struct CancelFieldNeverCalled: StructuralCheck {
    static let id = "CX1002"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { .all }
    var wantsTerminators: Bool { true }

    private struct Store {
        var module: Int
        var field: String
        var node: Int
        var position: Position
    }

    private var stores: [Store] = []
    /// Field names read per module.
    private var reads: [Int: Set<String>] = [:]
    /// Cancel funcs of the current function (normalized places).
    private var cancels = Set<Place>()

    private static let makers: Set<Opcode> = [.ctxWithCancel, .ctxWithCancelCause, .ctxWithTimeout, .ctxWithDeadline]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        let module = scope.program.index.callGraph.nodes[scope.node].module
        for o in inst.operands { noteRead(o, module) }
        if case .dynamic(let value, _)? = inst.callee { noteRead(value, module) }
        // Every instruction comes here: the facts are asked for only by a
        // context maker or a copy of a cancel func already seen.
        if Self.makers.contains(inst.op), inst.results.count == 2, let p = inst.results[1].place {
            let cancel = scope.normalize(p)
            if let field = Self.unexportedField(cancel) {
                stores.append(Store(module: module, field: field, node: scope.node, position: inst.position))
            } else {
                cancels.insert(cancel)
            }
        }
        if inst.op == .assign, !cancels.isEmpty, let src = inst.operands.first?.place.map(scope.normalize), cancels.contains(src),
           let dst = inst.results.first?.place.map(scope.normalize) {
            if let field = Self.unexportedField(dst) {
                stores.append(Store(module: module, field: field, node: scope.node, position: inst.position))
            } else if dst.path.isEmpty {
                cancels.insert(dst)
            }
        }
    }

    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {
        let module = scope.program.index.callGraph.nodes[scope.node].module
        switch terminator {
        case .return(let operands): for o in operands { noteRead(o, module) }
        case .branch(let c, _, _): noteRead(c, module)
        case .select(let cases, _):
            for c in cases {
                noteRead(c.channel, module)
                if case .send(_, let v) = c.communication { noteRead(v, module) }
            }
        case .panic(let v): noteRead(v, module)
        default: break
        }
    }

    mutating func finishFunction(_ scope: FunctionScope) { cancels = [] }

    private mutating func noteRead(_ operand: Operand, _ module: Int) {
        guard let p = operand.place else { return }
        for case .field(let f) in p.path { reads[module, default: []].insert(f) }
    }

    /// The last field of a place, when the place is a field and it is unexported.
    private static func unexportedField(_ place: Place) -> String? {
        guard case .field(let f)? = place.path.last, let first = f.unicodeScalars.first,
              !CharacterSetLike.isUppercase(first) else { return nil }
        return f
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        stores.compactMap { s in
            guard reads[s.module]?.contains(s.field) != true else { return nil }
            let message = "the cancel func stored in field \(s.field) is never read, so never called, anywhere in the package: "
                + "the context and its resources live until its parent is cancelled"
            return program.finding(ruleID, node: s.node, at: s.position, message)
        }
    }
}

/// Go's exported-name test on the first letter.
private enum CharacterSetLike {
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isUppercase }
}
