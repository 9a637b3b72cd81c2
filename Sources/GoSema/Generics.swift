/// Generics: substituting type arguments for type parameters, and inferring
/// type arguments of a call from its arguments (function argument type
/// inference and core-type inference from constraints, as Go 1.18–1.21 do).
enum Generics {
    typealias Bindings = [ObjectIdentifier: GoType]

    static func bindings(_ params: [TypeParameter], _ args: [GoType]) -> Bindings {
        var b: Bindings = [:]
        for (p, a) in zip(params, args) { b[ObjectIdentifier(p)] = a }
        return b
    }

    /// `t` with every bound type parameter replaced.
    static func substitute(_ t: GoType, _ b: Bindings) -> GoType {
        if b.isEmpty { return t }
        var depth = 0
        return substitute(t, b, &depth)
    }

    private static func substitute(_ t: GoType, _ b: Bindings, _ depth: inout Int) -> GoType {
        depth += 1
        defer { depth -= 1 }
        if depth > 48 { return t }
        switch t {
        case .typeParameter(let p):
            return b[ObjectIdentifier(p)] ?? t
        case .basic, .invalid:
            return t
        case .pointer(let e): return .pointer(substitute(e, b, &depth))
        case .slice(let e): return .slice(substitute(e, b, &depth))
        case .array(let n, let e): return .array(length: n, element: substitute(e, b, &depth))
        case .map(let k, let v): return .map(key: substitute(k, b, &depth), value: substitute(v, b, &depth))
        case .chan(let d, let e): return .chan(d, substitute(e, b, &depth))
        case .tuple(let ts): return .tuple(ts.map { substitute($0, b, &depth) })
        case .structure(let s):
            guard s.fields.contains(where: { mentionsParameters($0.type) }) else { return t }
            return .structure(StructType(fields: s.fields.map { f in
                var g = f
                g.type = substitute(f.type, b, &depth)
                return g
            }))
        case .function(let s):
            return .function(substitute(s, b, &depth))
        case .interface(let i):
            guard i.allMethods.contains(where: { mentionsParameters($0.type) }) || !i.terms.isEmpty else { return t }
            let methods = i.allMethods.map { m -> Object in
                let o = Object(kind: .method, name: m.name, type: substitute(m.type, b, &depth), packagePath: m.packagePath,
                               declaration: m.declaration)
                return o
            }
            return .interface(InterfaceType(methods: methods, embedded: [],
                                            terms: i.terms.map { ($0.tilde, substitute($0.type, b, &depth)) }))
        case .named(let n):
            guard !n.typeArguments.isEmpty, n.typeArguments.contains(where: mentionsParameters) else { return t }
            let args = n.typeArguments.map { substitute($0, b, &depth) }
            return instantiate(n.origin, args)
        }
    }

    static func substitute(_ s: Signature, _ b: Bindings) -> Signature {
        var depth = 0
        return substitute(s, b, &depth)
    }

    private static func substitute(_ s: Signature, _ b: Bindings, _ depth: inout Int) -> Signature {
        let r = Signature(parameters: s.parameters.map { substitute($0, b, &depth) },
                          results: s.results.map { substitute($0, b, &depth) },
                          variadic: s.variadic,
                          receiver: s.receiver.map { substitute($0, b, &depth) },
                          typeParameters: [])
        r.parameterObjects = s.parameterObjects
        r.resultObjects = s.resultObjects
        return r
    }

    /// Whether `t` mentions a type parameter anywhere (shallowly bounded).
    static func mentionsParameters(_ t: GoType) -> Bool {
        var depth = 0
        return mentions(t, &depth)
    }

    private static func mentions(_ t: GoType, _ depth: inout Int) -> Bool {
        depth += 1
        defer { depth -= 1 }
        if depth > 32 { return false }
        switch t {
        case .typeParameter: return true
        case .basic, .invalid: return false
        case .pointer(let e), .slice(let e), .array(_, let e), .chan(_, let e): return mentions(e, &depth)
        case .map(let k, let v): return mentions(k, &depth) || mentions(v, &depth)
        case .tuple(let ts): return ts.contains { mentions($0, &depth) }
        case .structure(let s): return s.fields.contains { mentions($0.type, &depth) }
        case .function(let s):
            return s.parameters.contains { mentions($0, &depth) } || s.results.contains { mentions($0, &depth) }
        case .interface(let i): return i.methods.contains { mentions($0.type, &depth) }
        case .named(let n): return n.typeArguments.contains { mentions($0, &depth) }
        }
    }

    /// `Generic[args]`: a new instantiation whose underlying type is computed on first use.
    static func instantiate(_ generic: NamedType, _ args: [GoType]) -> GoType {
        let origin = generic.origin
        guard !origin.typeParameters.isEmpty else { return .named(origin) }
        let b = bindings(origin.typeParameters, args)
        let named = NamedType(instantiating: origin, arguments: args) {
            substitute(origin.underlying, b)
        }
        return .named(named)
    }

    /// Bindings for a method called on an instantiated receiver: the
    /// generic type's parameters to the receiver's type arguments.
    static func receiverBindings(_ receiver: GoType) -> Bindings {
        guard let n = receiver.namedOrPointee, !n.typeArguments.isEmpty else { return [:] }
        return bindings(n.origin.typeParameters, n.typeArguments)
    }

    // MARK: Inference

    /// Infers the type parameters of `signature` from the argument types of
    /// a call. Returns nil for parameters it cannot infer.
    static func infer(_ params: [TypeParameter], signature: Signature, arguments: [GoType],
                      explicit: [GoType]) -> [GoType?] {
        var b: Bindings = [:]
        for (p, a) in zip(params, explicit) { b[ObjectIdentifier(p)] = a }
        let paramSet = Set(params.map(ObjectIdentifier.init))
        // Typed arguments first, then untyped constants with their default types.
        for pass in 0..<2 {
            for (i, arg) in arguments.enumerated() {
                var formal: GoType
                if signature.variadic, i >= signature.parameters.count - 1, let last = signature.parameters.last {
                    if case .slice(let e) = last { formal = e } else { formal = last }
                } else if i < signature.parameters.count {
                    formal = signature.parameters[i]
                } else {
                    continue
                }
                if arg.isUntyped {
                    guard pass == 1, case .typeParameter(let p) = formal, b[ObjectIdentifier(p)] == nil,
                          case .basic(let k) = arg, k != .untypedNil else { continue }
                    b[ObjectIdentifier(p)] = .basic(k.defaultType)
                } else if pass == 0 {
                    var depth = 0
                    unify(formal, arg, &b, paramSet, &depth)
                }
            }
        }
        // Core types of constraints: `S ~[]E` with S known gives E.
        for _ in 0..<3 {
            for p in params {
                let id = ObjectIdentifier(p)
                let terms = p.constraint.terms
                guard terms.count == 1 else { continue }
                if let bound = b[id] {
                    var depth = 0
                    unify(terms[0].type, terms[0].tilde ? bound.underlying : bound, &b, paramSet, &depth)
                } else if !mentionsUnbound(terms[0].type, b, paramSet) {
                    b[id] = substitute(terms[0].type, b)
                }
            }
        }
        return params.map { b[ObjectIdentifier($0)] }
    }

    private static func mentionsUnbound(_ t: GoType, _ b: Bindings, _ params: Set<ObjectIdentifier>) -> Bool {
        if case .typeParameter(let p) = t { return b[ObjectIdentifier(p)] == nil }
        return mentionsParameters(t) && mentionsParameters(substitute(t, b))
    }

    /// Structural unification of a formal type with an actual one.
    private static func unify(_ formal: GoType, _ actual: GoType, _ b: inout Bindings,
                              _ params: Set<ObjectIdentifier>, _ depth: inout Int) {
        depth += 1
        defer { depth -= 1 }
        if depth > 32 { return }
        switch formal {
        case .typeParameter(let p):
            guard params.contains(ObjectIdentifier(p)) else { return }
            if b[ObjectIdentifier(p)] == nil { b[ObjectIdentifier(p)] = actual }
        case .pointer(let e):
            if case .pointer(let a) = actual.underlying { unify(e, a, &b, params, &depth) }
        case .slice(let e):
            if case .slice(let a) = actual.underlying { unify(e, a, &b, params, &depth) }
        case .array(_, let e):
            if case .array(_, let a) = actual.underlying { unify(e, a, &b, params, &depth) }
        case .chan(_, let e):
            if case .chan(_, let a) = actual.underlying { unify(e, a, &b, params, &depth) }
        case .map(let k, let v):
            if case .map(let ak, let av) = actual.underlying {
                unify(k, ak, &b, params, &depth)
                unify(v, av, &b, params, &depth)
            }
        case .function(let s):
            if case .function(let a) = actual.underlying {
                for (x, y) in zip(s.parameters, a.parameters) { unify(x, y, &b, params, &depth) }
                for (x, y) in zip(s.results, a.results) { unify(x, y, &b, params, &depth) }
            }
        case .named(let n):
            if case .named(let a) = actual, a.origin === n.origin {
                for (x, y) in zip(n.typeArguments, a.typeArguments) { unify(x, y, &b, params, &depth) }
            }
        case .structure(let s):
            if case .structure(let a) = actual.underlying, s.fields.count == a.fields.count {
                for (x, y) in zip(s.fields, a.fields) { unify(x.type, y.type, &b, params, &depth) }
            }
        default:
            break
        }
    }
}
