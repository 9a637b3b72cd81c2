import ConcIR
import Findings

/// SY1003: a sync.Pool that holds values rather than pointers: `Put` of a
/// slice, string, struct or number, or a `New` that returns one.
///
/// Pool stores `any`; converting a non-pointer value to an interface
/// copies it to the heap, so every Put allocates (a slice header: 24
/// bytes) and the pool saves nothing; staticcheck reports the Put as
/// SA6002. Store a pointer (`*[]byte`, `*T`) and reset what it points to.
///
/// Not reported: a constant (`p.Put("a")`, `return 42`, a named constant
/// or constant expression the front end folded): the compiler converts a
/// constant to an interface by pointing at read-only static data, so
/// nothing is allocated. A non-constant value of the same type (`return i`)
/// still is.
struct PoolNonPointerValue: FunctionLocalCheck {
    static let id = "SY1003"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.poolPut, .assign] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        switch inst.op {
        case .poolPut:
            guard inst.operands.count >= 2, !inst.operands[1].isConstant, let kind = Self.valueKind(scope.types.type(of: inst.operands[1]), scope) else { return }
            let pool = inst.operands.first?.place.map(scope.facts.normalize).flatMap { SharedObject.of($0, in: scope) }?.display ?? "the pool"
            let message = "\(pool).Put stores a \(kind) by value: converting it to interface{} allocates on every Put, "
                + "so the pool saves nothing; pool a pointer (*\(kind.hasPrefix("[]") ? kind : "T")) instead"
            if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
        case .assign:
            // `p.New = func() any { ... }`, and `sync.Pool{New: ...}` (a field of the literal).
            guard case .place(let dst)? = inst.results.first, case .field("New")? = dst.path.last, let parent = dst.parent,
                  scope.types.type(of: parent).wellKnownThroughPointer == .pool,
                  case .function(let name)? = inst.operands.first,
                  let node = scope.program.index.node(named: name) else { return }
            let f = scope.program.index.function(node)
            let types = scope.program.index.shared.types(node)
            for block in f.blocks {
                guard case .return(let values)? = block.terminator, let v = values.first, !v.isConstant,
                      let kind = Self.valueKind(types.type(of: v), scope) else { continue }
                let message = "Pool.New returns a \(kind) by value: every object the pool creates or takes back "
                    + "is copied to the heap when it is converted to interface{}; return a pointer"
                if let finding = scope.program.finding(ruleID, node: node, at: f.position, message) { findings.append(finding) }
                return
            }
        default:
            break
        }
    }

    /// How a message names a type that is not pointer-shaped ("[]byte",
    /// "string", "struct value"); nil for pointers, maps, channels,
    /// functions, interfaces and unknown types, which convert for free or
    /// cannot be judged.
    static func valueKind(_ type: GoType, _ scope: FunctionScope) -> String? {
        let environment = scope.program.index.types
        switch type {
        case .pointer, .map, .chan, .function, .interface, .unknown: return nil
        case .basic(let b):
            return b == .any || b == .error ? nil : b.rawValue
        case .slice(let e):
            return "[]" + (e == .basic(.uint8) ? "byte" : e.description)
        case .structure(let fields) where fields.isEmpty:
            return nil
        case .array, .structure:
            return "\(type.description)"
        case .named(let n, _):
            if n == "unsafe.Pointer" { return nil }
            let u = environment.underlying(type)
            if u == type { return nil }   // not declared here: could be an interface
            guard valueKind(u, scope) != nil else { return nil }
            return n.split(separator: "/").last.map(String.init) ?? n
        }
    }
}
