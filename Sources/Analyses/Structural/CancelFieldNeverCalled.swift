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
/// package. A cancel func stored from a local that the function also
/// calls, hands on or lets a closure capture (`cli := &stream{cancel:
/// ccancel}; go func() { ...; ccancel() }()`) is not reported: the field
/// is a spare copy, and the local is followed as any cancel func is
/// (CX1001).
struct CancelFieldNeverCalled: JoiningCheck {
    static let id = "CX1002"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { .all }
    var wantsTerminators: Bool { true }
    static let slot = \JoinFacts.cancelFields

    /// One function's cancel funcs stored in unexported fields, and the
    /// unexported field names it reads (stores are only of those).
    struct Facts: Codable {
        var stores: [FieldStore] = []
        var reads: Set<String> = []
    }

    struct FieldStore: Codable {
        var field: String
        var position: Position
    }

    private var current = Facts()
    /// Every function's facts, by node, in the order absorbed.
    private var absorbed: [(node: Int, facts: Facts)] = []
    /// Cancel funcs of the current function (normalized places).
    private var cancels = Set<Place>()
    /// The current function's stores into fields of a cancel func held in
    /// a local, kept until the function's end shows whether the local is
    /// used otherwise.
    private var storesFromLocals: [(store: FieldStore, local: Place)] = []
    /// Locals holding a cancel func that some instruction other than a
    /// store into a field reads: called, passed, copied, returned.
    private var usedLocals = Set<Place>()

    private static let makers: Set<Opcode> = [.ctxWithCancel, .ctxWithCancelCause, .ctxWithTimeout, .ctxWithDeadline]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        for o in inst.operands { noteRead(o) }
        if case .dynamic(let value, _)? = inst.callee { noteRead(value) }
        if !cancels.isEmpty { noteUses(inst, scope) }
        // Every instruction comes here: the facts are asked for only by a
        // context maker or a copy of a cancel func already seen.
        if Self.makers.contains(inst.op), inst.results.count == 2, let p = inst.results[1].place {
            let cancel = scope.normalize(p)
            if let field = Self.unexportedField(cancel) {
                current.stores.append(FieldStore(field: field, position: inst.position))
            } else {
                cancels.insert(cancel)
            }
        }
        if inst.op == .assign, !cancels.isEmpty, let src = inst.operands.first?.place.map(scope.normalize), cancels.contains(src),
           let dst = inst.results.first?.place.map(scope.normalize) {
            if let field = Self.unexportedField(dst) {
                storesFromLocals.append((FieldStore(field: field, position: inst.position), src))
            } else if dst.path.isEmpty {
                cancels.insert(dst)
            }
        }
    }

    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {
        switch terminator {
        case .return(let operands):
            for o in operands { noteRead(o) }
            for case .place(let p) in operands where cancels.contains(scope.normalize(p)) { usedLocals.insert(scope.normalize(p)) }
        case .branch(let c, _, _): noteRead(c)
        case .select(let cases, _):
            for c in cases {
                noteRead(c.channel)
                if case .send(_, let v) = c.communication { noteRead(v) }
            }
        case .panic(let v): noteRead(v)
        default: break
        }
    }

    mutating func finishFunction(_ scope: FunctionScope) {
        if !storesFromLocals.isEmpty {
            let captured = scope.program.index.capturedByClosures(of: scope.function.name)
            for (store, local) in storesFromLocals {
                if usedLocals.contains(local) { continue }
                if case .variable(let name) = local.root, captured.contains(name) { continue }
                current.stores.append(store)
            }
        }
        cancels = []
        storesFromLocals = []
        usedLocals = []
    }

    /// Notes the cancel-func locals an instruction reads other than to
    /// store them into an unexported field: a call of one or with one, a
    /// copy into another variable, a send, a store into a container.
    private mutating func noteUses(_ inst: Instruction, _ scope: FunctionScope) {
        var read: [Operand] = inst.operands
        if case .dynamic(let value, _)? = inst.callee { read.append(value) }
        if inst.op == .assign, let dst = inst.results.first?.place.map(scope.normalize), Self.unexportedField(dst) != nil {
            return
        }
        for case .place(let p) in read {
            let n = scope.normalize(p)
            if cancels.contains(n) { usedLocals.insert(n) }
        }
    }

    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts? {
        defer { current = Facts() }
        return current.stores.isEmpty && current.reads.isEmpty ? nil : current
    }

    mutating func absorb(_ facts: Facts, node: Int) {
        absorbed.append((node, facts))
    }

    private mutating func noteRead(_ operand: Operand) {
        guard let p = operand.place else { return }
        for case .field(let f) in p.path where Self.isUnexported(f) { current.reads.insert(f) }
    }

    /// The last field of a place, when the place is a field and it is unexported.
    private static func unexportedField(_ place: Place) -> String? {
        guard case .field(let f)? = place.path.last, isUnexported(f) else { return nil }
        return f
    }

    private static func isUnexported(_ name: String) -> Bool {
        !name.isEmpty && !FunctionName.isExportedIdentifier(name)
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        // Field names read per module.
        var reads: [Int: Set<String>] = [:]
        for (node, facts) in absorbed where !facts.reads.isEmpty {
            reads[program.index.callGraph.nodes[node].module, default: []].formUnion(facts.reads)
        }
        return absorbed.flatMap { node, facts in
            facts.stores.compactMap { s -> Finding? in
                guard reads[program.index.callGraph.nodes[node].module]?.contains(s.field) != true else { return nil }
                let message = "the cancel func stored in field \(s.field) is never read, so never called, anywhere in the package: "
                    + "the context and its resources live until its parent is cancelled"
                return program.finding(ruleID, node: node, at: s.position, message)
            }
        }
    }
}
