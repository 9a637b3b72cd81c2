import ConcIR
import RuleEngine

/// Which types can hold a resource of a rule, so that summaries are only
/// computed for parameters that could carry one (a `*time.Ticker`, a
/// cancel func), not for every parameter of every function.
///
/// Derived from the release calls: a release on a receiver names the type
/// (`(*time.Ticker).Stop`: time.Ticker); a release by invoking the resource
/// means a function value. Anything the rule does not pin down, and any
/// type the IR does not know, passes.
struct ResourceTypeFilter: Sendable {
    private enum Kind: Sendable {
        case any
        case named(Set<String>)
        case function
    }

    private let kind: Kind

    init(spec: LifecycleSpec) {
        var names = Set<String>()
        var invokes = false
        var other = false
        for r in spec.release {
            switch r {
            case .call(let pattern, .receiver), .callReturningFalse(let pattern, .receiver):
                if let receiver = pattern.receiver { names.insert(pattern.packagePath + "." + receiver.typeName) }
            case .call, .callReturningFalse:
                other = true
            case .invoke:
                invokes = true
            }
        }
        if other || (invokes && !names.isEmpty) {
            kind = .any
        } else if invokes {
            kind = .function
        } else {
            kind = names.isEmpty ? .any : .named(names)
        }
    }

    func mayHold(_ type: GoType, in environment: TypeEnvironment) -> Bool {
        var t = type
        if case .pointer(let p) = t { t = p }
        switch t {
        case .unknown, .interface, .basic(.any): return true
        case .basic, .slice, .array, .map, .chan, .structure: return false
        default: break
        }
        switch kind {
        case .any:
            return true
        case .named(let names):
            guard case .named(let n, _) = t else { return false }
            if names.contains(n) { return true }
            if case .interface = environment.underlying(t) { return true }
            // A type parameter or a type the program does not declare.
            return !n.utf8.contains(UInt8(ascii: "."))
        case .function:
            if case .function = t { return true }
            guard case .named(let n, _) = t else { return false }
            if n.hasSuffix("CancelFunc") || n.hasSuffix("CancelCauseFunc") || !n.utf8.contains(UInt8(ascii: ".")) { return true }
            switch environment.underlying(t) {
            case .function, .interface: return true
            default: return false
            }
        }
    }
}
