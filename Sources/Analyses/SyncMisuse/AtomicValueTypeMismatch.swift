import ConcIR
import Foundation
import Findings

/// SY1006: an atomic.Value given values of different concrete types, or nil.
///
/// `Value.Store` panics ("store of inconsistently typed value into Value")
/// when the concrete type differs from the first value stored, and
/// ("store of nil value into Value") for nil; Swap and CompareAndSwap
/// check the same. The second type usually arrives on a rare path (an
/// error value stored instead of a config, a value instead of a pointer).
/// Store one type (wrap alternatives in a struct) or use atomic.Pointer[T].
///
/// Compared across the program for each atomic.Value (a package variable,
/// or a field of a named type); values whose concrete type is not known
/// (interfaces) are skipped.
struct AtomicValueTypeMismatch: JoiningCheck {
    static let id = "SY1006"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.atomicValueStore, .atomicValueSwap, .atomicValueCAS] }
    static let slot = \JoinFacts.atomicValueTypes

    /// One function's stores into atomic.Values, in the order met.
    struct Facts: Codable {
        var stores: [Store] = []
    }

    struct Store: Codable {
        var object: SharedObject
        var position: Position
        var type: String
        var isNil: Bool
    }

    /// A store with the function it is in.
    private struct Stored {
        var node: Int
        var store: Store
    }
    private var current = Facts()
    private var stored: [SharedObject: [Stored]] = [:]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard let target = inst.operands.first?.place.map(scope.facts.normalize),
              let object = SharedObject.of(target, in: scope)?.portable else { return }
        let value = inst.op == .atomicValueCAS ? inst.operands.dropFirst(2).first : inst.operands.dropFirst().first
        guard let value else { return }
        if value == .nil {
            current.stores.append(Store(object: object, position: inst.position, type: "nil", isNil: true))
        } else if let type = Self.concreteType(value, scope) {
            current.stores.append(Store(object: object, position: inst.position, type: type, isNil: false))
        }
    }

    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts? {
        defer { current = Facts() }
        return current.stores.isEmpty ? nil : current
    }

    mutating func absorb(_ facts: Facts, node: Int) {
        for s in facts.stores {
            stored[s.object.placed(at: node), default: []].append(Stored(node: node, store: s))
        }
    }

    /// The concrete type of a value converted to `any`, when it is known.
    private static func concreteType(_ value: Operand, _ scope: FunctionScope) -> String? {
        let environment = scope.program.index.types
        let type = scope.types.type(of: value)
        switch type {
        case .unknown, .interface: return nil
        case .basic(let b): return b == .any || b == .error ? nil : (b == .uint8 ? "byte" : b.rawValue)
        case .named:
            let u = environment.underlying(type)
            if u == type { return nil }       // declared elsewhere: may be an interface
            if case .interface = u { return nil }
            return type.description
        default:
            return type.description
        }
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] {
        var findings: [Finding] = []
        for object in stored.keys.sorted() {
            guard let values = stored[object] else { continue }
            for v in values where v.store.isNil {
                let message = "\(object.display) is given nil: atomic.Value panics (\"store of nil value into Value\"); "
                    + "store a typed zero value or a pointer wrapper instead"
                if let f = program.finding(ruleID, node: v.node, at: v.store.position, message) { findings.append(f) }
            }
            let typed = values.filter { !$0.store.isNil }
            guard let first = typed.first, typed.contains(where: { $0.store.type != first.store.type }) else { continue }
            let at = first.store.position
            let firstAt = Location(file: program.index.file(of: first.node), line: Int(at.line), column: Int(at.column))
            for v in typed where v.store.type != first.store.type {
                let message = "\(object.display) is given a \(Self.short(v.store.type)) here but a \(Self.short(first.store.type)) on line "
                    + "\(at.line) of \(Self.base(firstAt.file)): atomic.Value panics when the concrete type changes; "
                    + "store one type (or use atomic.Pointer)"
                if var f = program.finding(ruleID, node: v.node, at: v.store.position, message) {
                    f.related = [RelatedLocation(location: firstAt, message: "a \(Self.short(first.store.type)) is stored here")]
                    findings.append(f)
                }
            }
        }
        return findings
    }

    private static func short(_ type: String) -> String {
        type.replacingOccurrences(of: #"[A-Za-z0-9_.\-]+/"#, with: "", options: .regularExpression)
    }

    private static func base(_ file: String) -> String {
        file.split(separator: "/").last.map(String.init) ?? file
    }
}
