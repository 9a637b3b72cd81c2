import ConcIR
import Findings

/// SY1008: a sync.Once, sync.Cond, sync.Pool, sync.Map or a sync/atomic
/// value copied: passed, received, assigned, returned or ranged over by
/// value (directly or inside a struct or array).
///
/// The copy has its own state: a copied Once runs its function again, a
/// copied Cond has its own waiter list (and panics: "sync.Cond is copied"),
/// a copied atomic.Int64 counts on its own, a copied Pool or Map starts
/// over. Pass a pointer. go vet's copylocks reports the copy; this rule
/// reports it in the sync category (WaitGroups and mutexes have their own
/// rules, WG1054 and MU1005).
struct SyncValueCopied: FunctionLocalCheck {
    static let id = "SY1008"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.call, .assign, .mapRange] }
    var wantsTerminators: Bool { true }
    var findings: [Finding] = []

    static let kinds: Set<WellKnownType> = Set(WellKnownType.allCases.filter {
        $0 == .once || $0 == .cond || $0 == .pool || $0 == .syncMap || ($0.isAtomic)
    })

    private func held(_ type: GoType, _ scope: FunctionScope) -> WellKnownType? {
        NoCopyContainment.find(in: type, kinds: Self.kinds, environment: scope.program.index.types)
    }

    /// A variable, global or field read as a whole value (temporaries are
    /// fresh values: moving them copies nothing in use).
    private func stored(_ operand: Operand) -> Bool {
        guard let p = operand.place else { return false }
        if case .temp = p.root { return false }
        return true
    }

    private mutating func report(_ scope: FunctionScope, _ position: Position, _ what: String, _ kind: WellKnownType) {
        let name = kind.rawValue.replacingOccurrences(of: "sync/atomic.", with: "atomic.")
        let message = "\(what) copies a \(name): the copy has its own state (\(Self.consequence(kind))); use a pointer"
        if let f = scope.finding(ruleID, at: position, message) { findings.append(f) }
    }

    private static func consequence(_ kind: WellKnownType) -> String {
        switch kind {
        case .once: return "a copied Once runs its function again"
        case .cond: return "waiters on the copy are never woken by the original, and Wait panics on a copied Cond"
        case .pool, .syncMap: return "what is stored in the copy is not in the original"
        default: return "updates to the copy are lost to the original"
        }
    }

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        switch inst.op {
        case .call:
            for o in inst.operands where stored(o) {
                // The receiver of a pointer method is passed by address.
                if o == inst.operands.first, let c = inst.callee, c.hasReceiver, Self.pointerReceiver(c) { continue }
                if let k = held(scope.types.type(of: o), scope) {
                    report(scope, inst.position, inst.mode == .go ? "this go statement" : "this call", k)
                    return
                }
            }
        case .assign:
            guard let src = inst.operands.first, stored(src), inst.results.first != .blank,
                  let k = held(scope.types.type(of: src), scope) else { return }
            report(scope, inst.position, "this assignment", k)
        case .mapRange:
            guard inst.results.count == 2, inst.results[1] != .blank,
                  let k = held(scope.types.resultType(of: inst, at: 1), scope) else { return }
            report(scope, inst.position, "this range", k)
        default:
            break
        }
    }

    private static func pointerReceiver(_ callee: Callee) -> Bool {
        switch callee {
        case .method(let n): return n.hasPrefix("(*")
        case .interface: return true
        default: return false
        }
    }

    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {
        guard case .return(let operands) = terminator else { return }
        for o in operands where stored(o) {
            if let k = held(scope.types.type(of: o), scope) {
                report(scope, scope.function.blocks[block].terminatorPosition, "this return", k)
                return
            }
        }
    }

    /// Parameters and receivers that receive one by value.
    mutating func finishFunction(_ scope: FunctionScope) {
        let f = scope.function
        let inputs = (f.receiver.map { [$0] } ?? []) + f.parameters
        for v in inputs {
            guard let k = held(v.type, scope) else { continue }
            let name = v.name.isEmpty ? "a parameter" : GoSpelling.variableName(v.name)
            report(scope, f.position, "\(ShortName.of(f.name)) receives \(name) by value, which", k)
            return
        }
    }
}
