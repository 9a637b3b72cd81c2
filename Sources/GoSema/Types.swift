import Foundation

/// Go types, as the checker computes them from source.
///
/// Structure is a value (`GoType` is an enum); what has identity in Go —
/// a declared (named) type, a type parameter, a struct or interface
/// literal's fields, a signature — is a final class, so that comparing two
/// references is cheap and types can be shared freely across threads once
/// their package is checked (they are never mutated after that).
public indirect enum GoType: Hashable, @unchecked Sendable, CustomStringConvertible {
    case basic(BasicKind)
    case pointer(GoType)
    case slice(GoType)
    /// `length` is nil when it could not be evaluated.
    case array(length: Int64?, element: GoType)
    case map(key: GoType, value: GoType)
    case chan(ChanDirection, GoType)
    case structure(StructType)
    case function(Signature)
    case interface(InterfaceType)
    case named(NamedType)
    case typeParameter(TypeParameter)
    /// The results of a call with several values, or an empty result.
    case tuple([GoType])
    /// What could not be typed (an unknown name, a missing package). Every
    /// query on it answers "unknown", never a guess.
    case invalid

    public enum ChanDirection: UInt8, Sendable, Hashable {
        case both, send, recv
    }

    /// The underlying type (Go spec "Underlying types"); a type parameter's
    /// underlying type is its constraint interface.
    public var underlying: GoType {
        switch self {
        case .named(let n): return n.underlying
        case .typeParameter(let p): return .interface(p.constraint)
        default: return self
        }
    }

    public var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }

    public var named: NamedType? {
        if case .named(let n) = self { return n }
        return nil
    }

    /// For `*T`, T; nil for non-pointers.
    public var pointee: GoType? {
        if case .pointer(let e) = underlying { return e }
        return nil
    }

    /// The named type behind `T` or `*T`.
    public var namedOrPointee: NamedType? {
        if let n = named { return n }
        if case .pointer(let e) = self { return e.named }
        return nil
    }

    public var isInterface: Bool {
        if case .interface = underlying { return true }
        return false
    }

    public var isPointer: Bool {
        if case .pointer = underlying { return true }
        return false
    }

    /// Whether values of the type are untyped constants' types.
    public var isUntyped: Bool {
        if case .basic(let k) = self { return k.isUntyped }
        return false
    }

    /// The element of a channel, and its direction.
    public var channel: (direction: ChanDirection, element: GoType)? {
        if case .chan(let d, let e) = underlying { return (d, e) }
        return nil
    }

    public var mapTypes: (key: GoType, value: GoType)? {
        if case .map(let k, let v) = underlying { return (k, v) }
        return nil
    }

    public var signature: Signature? {
        if case .function(let s) = underlying { return s }
        return nil
    }

    /// `package.Name` for declared types (`sync.WaitGroup`), else nil.
    public var qualifiedName: String? {
        guard case .named(let n) = self else { return nil }
        return n.qualifiedName
    }

    /// Whether this is the declared type `path.name` (e.g. "sync", "Mutex"),
    /// ignoring type arguments.
    public func isNamed(_ packagePath: String, _ name: String) -> Bool {
        guard case .named(let n) = self else { return false }
        return n.name == name && n.packagePath == packagePath
    }

    /// Whether this is `path.name` or a pointer to it.
    public func isNamedOrPointer(_ packagePath: String, _ name: String) -> Bool {
        isNamed(packagePath, name) || (pointee?.isNamed(packagePath, name) ?? false)
    }

    public var description: String { TypePrinter.string(self) }

    public static func == (a: GoType, b: GoType) -> Bool { TypeIdentity.identical(a, b) }

    public func hash(into h: inout Hasher) {
        // Consistent with identity: only the outermost shape and names.
        switch self {
        case .basic(let k): h.combine(0); h.combine(k)
        case .pointer: h.combine(1)
        case .slice: h.combine(2)
        case .array(let n, _): h.combine(3); h.combine(n)
        case .map: h.combine(4)
        case .chan(let d, _): h.combine(5); h.combine(d)
        case .structure(let s): h.combine(6); h.combine(s.fields.count)
        case .function(let s): h.combine(7); h.combine(s.parameters.count)
        case .interface(let i): h.combine(8); h.combine(i.methods.count)
        case .named(let n): h.combine(9); h.combine(ObjectIdentifier(n.origin))
        case .typeParameter(let p): h.combine(10); h.combine(ObjectIdentifier(p))
        case .tuple(let ts): h.combine(11); h.combine(ts.count)
        case .invalid: h.combine(12)
        }
    }
}

/// Predeclared basic types and the kinds of untyped constants.
public enum BasicKind: UInt8, Sendable, Hashable, CaseIterable {
    case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr
    case float32, float64, complex64, complex128, string, unsafePointer
    case untypedBool, untypedInt, untypedRune, untypedFloat, untypedComplex, untypedString, untypedNil

    public var isUntyped: Bool { rawValue >= BasicKind.untypedBool.rawValue }

    public var isInteger: Bool {
        switch self {
        case .int, .int8, .int16, .int32, .int64, .uint, .uint8, .uint16, .uint32, .uint64, .uintptr,
             .untypedInt, .untypedRune: return true
        default: return false
        }
    }

    public var isUnsigned: Bool {
        switch self {
        case .uint, .uint8, .uint16, .uint32, .uint64, .uintptr: return true
        default: return false
        }
    }

    public var isFloat: Bool { self == .float32 || self == .float64 || self == .untypedFloat }
    public var isComplex: Bool { self == .complex64 || self == .complex128 || self == .untypedComplex }
    public var isNumeric: Bool { isInteger || isFloat || isComplex }
    public var isString: Bool { self == .string || self == .untypedString }
    public var isBoolean: Bool { self == .bool || self == .untypedBool }

    /// The type an untyped constant takes when nothing else decides.
    public var defaultType: BasicKind {
        switch self {
        case .untypedBool: return .bool
        case .untypedInt: return .int
        case .untypedRune: return .int32
        case .untypedFloat: return .float64
        case .untypedComplex: return .complex128
        case .untypedString: return .string
        default: return self
        }
    }

    public var name: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint: return "uint"
        case .uint8: return "uint8"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .uintptr: return "uintptr"
        case .float32: return "float32"
        case .float64: return "float64"
        case .complex64: return "complex64"
        case .complex128: return "complex128"
        case .string: return "string"
        case .unsafePointer: return "unsafe.Pointer"
        case .untypedBool: return "untyped bool"
        case .untypedInt: return "untyped int"
        case .untypedRune: return "untyped rune"
        case .untypedFloat: return "untyped float"
        case .untypedComplex: return "untyped complex"
        case .untypedString: return "untyped string"
        case .untypedNil: return "untyped nil"
        }
    }
}

/// A declared type: `type T struct{...}`, `type M map[K]V`, or an
/// instantiation `List[int]` of a generic one (then `genericOrigin` is the
/// generic declaration and `typeArguments` are set).
///
/// A declared type is resolved completely while its package is checked and
/// never changes afterwards. An instantiation computes its underlying type
/// on first use, under a lock, because any package may create one.
public final class NamedType: @unchecked Sendable {
    public let name: String
    /// Import path of the declaring package ("" for predeclared `error`).
    public let packagePath: String
    /// The type name object (nil for synthesized types).
    public internal(set) weak var object: Object?
    var underlyingStorage: GoType = .invalid
    /// Methods declared on T or *T (empty on instantiations: see `methods`).
    public internal(set) var declaredMethods: [Object] = []
    public internal(set) var typeParameters: [TypeParameter] = []
    public let typeArguments: [GoType]
    /// For an instantiation, the generic declaration.
    public let genericOrigin: NamedType?
    /// Set while the declaration is being resolved, to cut cycles.
    var resolving = false
    /// Computes the underlying type of an instantiation on first use.
    private var pendingSubstitution: (() -> GoType)?
    /// Resolves a declaration's underlying type on first use while its own
    /// package is checked (declarations may refer to each other in any
    /// order); always nil once the package is done, so no lock is needed.
    var resolver: (() -> Void)?
    private let lock: NSLock?

    init(name: String, packagePath: String, object: Object?) {
        self.name = name
        self.packagePath = packagePath
        self.object = object
        typeArguments = []
        genericOrigin = nil
        lock = nil
    }

    init(instantiating generic: NamedType, arguments: [GoType], underlying: @escaping () -> GoType) {
        name = generic.name
        packagePath = generic.packagePath
        object = generic.object
        typeArguments = arguments
        genericOrigin = generic
        pendingSubstitution = underlying
        lock = NSLock()
    }

    /// The declaration this type comes from (itself unless instantiated).
    public var origin: NamedType { genericOrigin ?? self }

    public var underlying: GoType {
        guard let lock else {
            if let resolve = resolver {
                resolver = nil
                resolve()
            }
            return underlyingStorage
        }
        lock.lock()
        defer { lock.unlock() }
        if let compute = pendingSubstitution {
            pendingSubstitution = nil
            underlyingStorage = .invalid   // a cycle through itself sees invalid, not a deadlock
            underlyingStorage = compute()
        }
        return underlyingStorage
    }

    /// Methods declared on the type (for instantiations, the generic's).
    public var methods: [Object] { origin.declaredMethods }

    /// `pkg.Name` with the last element of the import path (`sync.Mutex`).
    public var qualifiedName: String {
        guard !packagePath.isEmpty else { return name }
        let last = packagePath.split(separator: "/").last.map(String.init) ?? packagePath
        return "\(last).\(name)"
    }

    /// Whether this is a generic declaration (resolving it first: its type
    /// parameters are known once its declaration is).
    public var isGeneric: Bool {
        guard genericOrigin == nil else { return false }
        _ = underlying
        return !typeParameters.isEmpty
    }
}

public final class TypeParameter: @unchecked Sendable {
    public let name: String
    public let index: Int
    public internal(set) var constraint: InterfaceType
    init(name: String, index: Int, constraint: InterfaceType) {
        self.name = name
        self.index = index
        self.constraint = constraint
    }
}

public struct StructField: Sendable {
    public var name: String
    public var type: GoType
    public var embedded: Bool
    public var tag: String?
    /// The field object (for positions and identity).
    public var object: Object?
}

public final class StructType: @unchecked Sendable {
    public internal(set) var fields: [StructField]
    init(fields: [StructField]) { self.fields = fields }
}

public final class Signature: @unchecked Sendable {
    public let parameters: [GoType]
    public let results: [GoType]
    public let variadic: Bool
    /// The receiver's type for methods (T or *T), nil for functions.
    public let receiver: GoType?
    public let typeParameters: [TypeParameter]
    /// Parameter and result objects when known (declared functions).
    public internal(set) var parameterObjects: [Object] = []
    public internal(set) var resultObjects: [Object] = []

    init(parameters: [GoType], results: [GoType], variadic: Bool, receiver: GoType? = nil, typeParameters: [TypeParameter] = []) {
        self.parameters = parameters
        self.results = results
        self.variadic = variadic
        self.receiver = receiver
        self.typeParameters = typeParameters
    }

    /// The type of a call's value: the single result, a tuple, or an empty tuple.
    public var resultType: GoType {
        results.count == 1 ? results[0] : .tuple(results)
    }
}

public final class InterfaceType: @unchecked Sendable {
    /// Explicit and embedded methods, flattened and sorted by name once completed.
    public internal(set) var methods: [Object]
    /// Embedded interfaces and type-set terms (constraints), before flattening.
    public internal(set) var embedded: [GoType]
    /// For constraint interfaces: the union terms (`~int | string`).
    public internal(set) var terms: [(tilde: Bool, type: GoType)]
    var completed = false
    /// Interfaces are shared by every package that imports them, and
    /// completing one (flattening embedded interfaces) happens on first use.
    /// Recursive, so that invalid cyclic embedding returns instead of deadlocking.
    private let lock = NSRecursiveLock()

    init(methods: [Object], embedded: [GoType], terms: [(tilde: Bool, type: GoType)] = []) {
        self.methods = methods
        self.embedded = embedded
        self.terms = terms
    }

    /// All methods, embedded ones included.
    public var allMethods: [Object] {
        complete()
        return methods
    }

    public var isEmpty: Bool { allMethods.isEmpty && terms.isEmpty }

    /// Flattens embedded interfaces' methods into `methods`.
    func complete() {
        lock.lock()
        defer { lock.unlock() }
        guard !completed else { return }
        completed = true
        var byName: [String: Object] = [:]
        for m in methods { byName[m.name] = m }
        for e in embedded {
            if case .interface(let i) = e.underlying {
                for m in i.allMethods where byName[m.name] == nil { byName[m.name] = m }
                for t in i.terms { terms.append(t) }
            } else {
                terms.append((false, e))
            }
        }
        methods = byName.values.sorted { $0.name < $1.name }
    }
}
