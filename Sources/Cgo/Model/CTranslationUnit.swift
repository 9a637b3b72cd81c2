/// What libclang found in one preamble (with everything it includes): the
/// names Go code may use as `C.name`, and the preamble's own functions.
public struct CTranslationUnit: Hashable, Sendable {
    /// Every function declared or defined, by name.
    public var functions: [String: CFunction]
    /// typedef name to the type it names.
    public var typedefs: [String: CType]
    /// struct and union tags, each with its fields' names and types.
    public var records: [String: [CParameter]]
    /// enum tags.
    public var enums: Set<String>
    /// Enumeration constants.
    public var enumConstants: Set<String>
    /// Global variables.
    public var variables: Set<String>
    /// Object-like macros, by name; the value is the replacement text when
    /// it is a constant (a number, a character or string literal, possibly
    /// negated or parenthesised), nil otherwise.
    public var macros: [String: String?]

    public init(functions: [String: CFunction] = [:], typedefs: [String: CType] = [:],
                records: [String: [CParameter]] = [:], enums: Set<String> = [], enumConstants: Set<String> = [],
                variables: Set<String> = [], macros: [String: String?] = [:]) {
        self.functions = functions
        self.typedefs = typedefs
        self.records = records
        self.enums = enums
        self.enumConstants = enumConstants
        self.variables = variables
        self.macros = macros
    }

    /// The functions the preamble defines (with bodies), sorted by name.
    public var definedFunctions: [CFunction] {
        functions.values.filter(\.isDefined).sorted { $0.name < $1.name }
    }

    /// The constant macros, by name.
    public var constantMacros: [String: String] {
        macros.compactMapValues { $0 }
    }

    /// Whether Go code may write `C.<name>` with this preamble: a function,
    /// type, variable, enum constant or macro it declares, the `struct_`,
    /// `union_`, `enum_` and `sizeof_` forms, or one of cgo's own names
    /// (`C.CString`, `C.int` ...).
    public func resolves(_ name: String) -> Bool {
        if CgoBuiltins.names.contains(name) { return true }
        if functions[name] != nil || typedefs[name] != nil || variables.contains(name)
            || enumConstants.contains(name) || macros[name] != nil {
            return true
        }
        for prefix in ["struct_", "union_"] where name.hasPrefix(prefix) {
            return records[String(name.dropFirst(prefix.count))] != nil
        }
        if name.hasPrefix("enum_") { return enums.contains(String(name.dropFirst("enum_".count))) }
        if name.hasPrefix("sizeof_") { return resolves(String(name.dropFirst("sizeof_".count))) }
        return false
    }
}

/// The names cgo itself provides to Go code, whatever the preamble says.
public enum CgoBuiltins {
    public static let names: Set<String> = [
        // Conversions between Go and C memory.
        "CString", "CBytes", "GoString", "GoStringN", "GoBytes",
        // Numeric types.
        "char", "schar", "uchar", "short", "ushort", "int", "uint", "long", "ulong",
        "longlong", "ulonglong", "float", "double", "complexfloat", "complexdouble",
        "size_t", "ssize_t", "uintptr_t",
        // `*C.void`, a pointer to C's void, is a type cgo accepts.
        "void",
        // cgo's own wrapper, which never returns nil (C.free needs stdlib.h).
        "malloc",
    ]
}
