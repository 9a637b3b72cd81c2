/// The universe block: predeclared types, constants, nil and builtins.
/// Built once, immutable afterwards, shared by every package of every run.
public final class Universe: @unchecked Sendable {
    public static let shared = Universe()

    public let scope = Scope(parent: nil)
    /// `error`: `interface { Error() string }`.
    public let errorType: GoType
    public let anyType: GoType
    /// `comparable`, modelled as an empty interface marked by name.
    public let comparableType: GoType
    /// The `unsafe` package.
    public let unsafePackage: PackageInfo

    /// Builtin functions, by name.
    public enum Builtin: String, CaseIterable, Sendable {
        case append, cap, clear, close, complex, copy, delete, imag, len, make, max, min, new, panic
        case print, println, real, recover
        // package unsafe
        case unsafeAdd = "Add", unsafeAlignof = "Alignof", unsafeOffsetof = "Offsetof", unsafeSizeof = "Sizeof"
        case unsafeSlice = "Slice", unsafeSliceData = "SliceData", unsafeString = "String", unsafeStringData = "StringData"

        static let universe: [Builtin] = [.append, .cap, .clear, .close, .complex, .copy, .delete, .imag, .len,
                                          .make, .max, .min, .new, .panic, .print, .println, .real, .recover]
        static let unsafe: [Builtin] = [.unsafeAdd, .unsafeAlignof, .unsafeOffsetof, .unsafeSizeof,
                                        .unsafeSlice, .unsafeSliceData, .unsafeString, .unsafeStringData]
    }

    private var builtinsByObject: [ObjectIdentifier: Builtin] = [:]

    private init() {
        for kind in BasicKind.allCases where !kind.isUntyped && kind != .unsafePointer {
            scope.set(Object(kind: .typeName, name: kind.name, type: .basic(kind), packagePath: "", declaration: nil))
        }
        scope.set(Object(kind: .typeName, name: "byte", type: .basic(.uint8), packagePath: "", declaration: nil))
        scope.set(Object(kind: .typeName, name: "rune", type: .basic(.int32), packagePath: "", declaration: nil))

        let errorNamed = NamedType(name: "error", packagePath: "", object: nil)
        let errorMethodSignature = Signature(parameters: [], results: [.basic(.string)], variadic: false, receiver: nil)
        let errorMethod = Object(kind: .method, name: "Error", type: .function(errorMethodSignature), packagePath: "", declaration: nil)
        let errorInterface = InterfaceType(methods: [errorMethod], embedded: [])
        errorNamed.underlyingStorage = .interface(errorInterface)
        errorType = .named(errorNamed)
        let errorObject = Object(kind: .typeName, name: "error", type: errorType, packagePath: "", declaration: nil)
        errorNamed.object = errorObject
        scope.set(errorObject)

        anyType = .interface(InterfaceType(methods: [], embedded: []))
        scope.set(Object(kind: .typeName, name: "any", type: anyType, packagePath: "", declaration: nil))
        let comparableNamed = NamedType(name: "comparable", packagePath: "", object: nil)
        comparableNamed.underlyingStorage = .interface(InterfaceType(methods: [], embedded: []))
        comparableType = .named(comparableNamed)
        let comparableObject = Object(kind: .typeName, name: "comparable", type: comparableType, packagePath: "", declaration: nil)
        comparableNamed.object = comparableObject
        scope.set(comparableObject)

        let trueObject = Object(kind: .constant, name: "true", type: .basic(.untypedBool), packagePath: "", declaration: nil)
        trueObject.constant = .bool(true)
        let falseObject = Object(kind: .constant, name: "false", type: .basic(.untypedBool), packagePath: "", declaration: nil)
        falseObject.constant = .bool(false)
        scope.set(trueObject)
        scope.set(falseObject)
        // iota's value depends on the spec; the checker substitutes it.
        scope.set(Object(kind: .constant, name: "iota", type: .basic(.untypedInt), packagePath: "", declaration: nil))
        scope.set(Object(kind: .nilValue, name: "nil", type: .basic(.untypedNil), packagePath: "", declaration: nil))

        for b in Builtin.universe {
            let o = Object(kind: .builtin, name: b.rawValue, type: .invalid, packagePath: "", declaration: nil)
            builtinsByObject[ObjectIdentifier(o)] = b
            scope.set(o)
        }

        unsafePackage = PackageInfo(path: "unsafe", name: "unsafe", directory: "", goVersion: nil, bodiesChecked: false, isModel: true,
                                    universe: scope)
        let pointerObject = Object(kind: .typeName, name: "Pointer", type: .basic(.unsafePointer), packagePath: "unsafe", declaration: nil, isPackageLevel: true)
        unsafePackage.scope.set(pointerObject)
        for b in Builtin.unsafe {
            let o = Object(kind: .builtin, name: b.rawValue, type: .invalid, packagePath: "unsafe", declaration: nil, isPackageLevel: true)
            builtinsByObject[ObjectIdentifier(o)] = b
            unsafePackage.scope.set(o)
        }
    }

    /// Which builtin an object is, if it is one.
    public func builtin(_ object: Object) -> Builtin? {
        guard object.kind == .builtin else { return nil }
        return builtinsByObject[ObjectIdentifier(object)]
    }

    public func isIota(_ object: Object) -> Bool {
        object.kind == .constant && object.name == "iota" && object.packagePath.isEmpty && object.declaration == nil
    }
}
