import ConcIR
import GoSema

/// Go types as the checker knows them, written as the IR writes them:
/// named types by their full package path (`example.com/p.Server`),
/// `error` and the empty interface as the IR's basic `error` and `any`,
/// type parameters by their bare name, and `?` for what is unknown.
enum TypeTranslation {
    static func irType(_ t: GoSema.GoType) -> ConcIR.GoType {
        var depth = 0
        return translate(t, &depth)
    }

    private static func translate(_ t: GoSema.GoType, _ depth: inout Int) -> ConcIR.GoType {
        depth += 1
        defer { depth -= 1 }
        guard depth < 24 else { return .unknown }
        switch t {
        case .invalid, .tuple:
            return .unknown
        case .basic(let k):
            return basic(k)
        case .pointer(let e):
            return .pointer(translate(e, &depth))
        case .slice(let e):
            return .slice(translate(e, &depth))
        case .array(let n, let e):
            guard let n else { return .slice(translate(e, &depth)) }
            return .array(count: n, element: translate(e, &depth))
        case .map(let k, let v):
            return .map(key: translate(k, &depth), value: translate(v, &depth))
        case .chan(let d, let e):
            let dir: ConcIR.ChanDirection = d == .both ? .both : (d == .send ? .send : .recv)
            return .chan(dir, element: translate(e, &depth))
        case .function(let s):
            return .function(signature(s, &depth))
        case .structure(let s):
            return .structure(s.fields.map { f in
                ConcIR.Field(name: f.name, type: translate(f.type, &depth), isEmbedded: f.embedded)
            })
        case .interface(let i):
            let methods = i.allMethods
            if methods.isEmpty && i.terms.isEmpty { return .basic(.any) }
            return .interface(methods.map { m in
                ConcIR.Field(name: m.name, type: translate(m.type, &depth))
            })
        case .named(let n):
            if n.packagePath.isEmpty && n.name == "error" { return .basic(.error) }
            if n.packagePath.isEmpty { return .named(n.name) }
            return .named(n.packagePath + "." + n.name, arguments: n.typeArguments.map { translate($0, &depth) })
        case .typeParameter(let p):
            return .named(p.name)
        }
    }

    static func signature(_ s: GoSema.Signature) -> ConcIR.Signature {
        var depth = 0
        return signature(s, &depth)
    }

    private static func signature(_ s: GoSema.Signature, _ depth: inout Int) -> ConcIR.Signature {
        ConcIR.Signature(parameters: s.parameters.map { translate($0, &depth) },
                         results: s.results.map { translate($0, &depth) },
                         isVariadic: s.variadic)
    }

    private static func basic(_ k: BasicKind) -> ConcIR.GoType {
        switch k.defaultType {
        case .bool: return .basic(.bool)
        case .int: return .basic(.int)
        case .int8: return .basic(.int8)
        case .int16: return .basic(.int16)
        case .int32: return .basic(.int32)
        case .int64: return .basic(.int64)
        case .uint: return .basic(.uint)
        case .uint8: return .basic(.uint8)
        case .uint16: return .basic(.uint16)
        case .uint32: return .basic(.uint32)
        case .uint64: return .basic(.uint64)
        case .uintptr: return .basic(.uintptr)
        case .float32: return .basic(.float32)
        case .float64: return .basic(.float64)
        case .complex64: return .basic(.complex64)
        case .complex128: return .basic(.complex128)
        case .string: return .basic(.string)
        case .unsafePointer: return .named("unsafe.Pointer")
        default: return .unknown
        }
    }

    /// The IR name of a declared type's methods' receiver: the declaration
    /// with its own type parameters (`example.com/p.Cache[K, V]`).
    static func receiverType(_ named: NamedType, pointer: Bool) -> ConcIR.GoType {
        let origin = named.origin
        let base = ConcIR.GoType.named(origin.packagePath + "." + origin.name,
                                       arguments: origin.typeParameters.map { .named($0.name) })
        return pointer ? .pointer(base) : base
    }
}
