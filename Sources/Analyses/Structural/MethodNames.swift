import ConcIR

/// The names of the methods of each named type of the analysed code, by
/// the type's name with any pointer stripped (`net/http.Server` ->
/// `Close`, `Shutdown` ...): "can a value of this type be closed?".
///
/// Built from every function with a receiver. A type's methods are all in
/// its own package, which may not be the package of the function asking,
/// so a check asks through `FunctionScope.methodNames(of:)`, which notes
/// the read for `StructuralReuse`.
struct MethodNames {
    private let byType: [String: Set<String>]

    init(_ index: AnalysedProgram) {
        var out: [String: Set<String>] = [:]
        for node in 0..<index.nodeCount {
            let f = index.function(node)
            guard let r = f.receiver, let t = Self.typeName(r.type), let m = FunctionName.methodName(f.name) else { continue }
            out[t, default: []].insert(String(m))
        }
        byType = out
    }

    subscript(type: String) -> Set<String> { byType[type] ?? [] }

    /// The name of a named type or of a pointer to one.
    static func typeName(_ type: GoType) -> String? {
        var t = type
        if case .pointer(let p) = t { t = p }
        if case .named(let n, _) = t { return n }
        return nil
    }
}
