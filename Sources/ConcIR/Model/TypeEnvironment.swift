/// Answers "what is the type of this place?" for a module: declared named
/// types are looked through, fields are found through pointers and embedded
/// structs (Go's promotion), and the few standard fields the rules need
/// (`time.Timer.C`) are known without declarations.
public struct TypeEnvironment: Sendable {
    private let declared: [String: GoType]
    private let globals: [String: GoType]
    private let signatures: [String: Signature]

    public init(module: Module) {
        self.init(modules: [module])
    }

    /// One environment over several modules (a program's packages).
    public init(modules: [Module]) {
        var declared: [String: GoType] = [:]
        var globals: [String: GoType] = [:]
        var signatures: [String: Signature] = [:]
        declared.reserveCapacity(modules.reduce(0) { $0 + $1.types.count })
        globals.reserveCapacity(modules.reduce(0) { $0 + $1.globals.count })
        signatures.reserveCapacity(modules.reduce(0) { $0 + $1.functions.count })
        // By index: a function is read in place, not copied whole for its
        // name and signature.
        for m in modules.indices {
            for t in modules[m].types where declared[t.name] == nil { declared[t.name] = t.type }
            for g in modules[m].globals where globals[g.name] == nil { globals[g.name] = g.type }
            for i in modules[m].functions.indices where signatures[modules[m].functions[i].name] == nil {
                signatures[modules[m].functions[i].name] = modules[m].functions[i].signature
            }
        }
        self.declared = declared
        self.globals = globals
        self.signatures = signatures
    }

    public func globalType(_ name: String) -> GoType? { globals[name] }

    /// The signature of a function of the modules.
    public func signature(of function: String) -> Signature? { signatures[function] }

    /// The declared underlying type of a named type; other types unchanged.
    /// Chains of named types are followed a bounded number of steps, so a
    /// cyclic declaration cannot hang.
    public func underlying(_ type: GoType) -> GoType {
        var t = type
        for _ in 0..<16 {
            guard case .named(let name, _) = t, let u = declared[name] else { return t }
            t = u
        }
        return t
    }

    /// Whether a composite literal always shows a field of this type when
    /// it gives one (docs/ir.md): integers and booleans as constants,
    /// pointers, channels, funcs, maps, slices, interfaces, structs and
    /// arrays as places, functions, `nil` or `?`. Such a field the literal
    /// does not assign is zero. Strings, floats and complex numbers are
    /// dropped, and a named type without a declaration is not known.
    public func isShownInLiterals(_ type: GoType) -> Bool {
        switch underlying(type) {
        case .basic(let b):
            switch b {
            case .string, .float32, .float64, .complex64, .complex128: return false
            default: return true
            }
        case .pointer, .chan, .function, .map, .slice, .interface, .structure, .array: return true
        case .named, .unknown: return false
        }
    }

    /// The type of field `name` of a value of type `type` (or of what it
    /// points to), searching embedded fields breadth-first as Go does.
    public func fieldType(of type: GoType, field name: String) -> GoType? {
        var level: [GoType] = [type]
        var visited = Set<String>()
        for _ in 0..<8 {
            var next: [GoType] = []
            for t in level {
                var base = t
                if case .pointer(let p) = base { base = p }
                if case .named(let n, _) = base {
                    guard visited.insert(n).inserted else { continue }
                    if let known = TypeEnvironment.standardField(of: n, name) { return known }
                }
                guard case .structure(let fields) = underlying(base) else { continue }
                if let f = fields.first(where: { $0.name == name }) { return f.type }
                next += fields.filter(\.isEmbedded).map(\.type)
            }
            if next.isEmpty { return nil }
            level = next
        }
        return nil
    }

    /// Standard-library fields that matter without a declaration.
    private static func standardField(of typeName: String, _ field: String) -> GoType? {
        if field == "C", typeName == "time.Timer" || typeName == "time.Ticker" { return .timerChannel }
        return nil
    }

    /// The type reached from `type` by following `path`; `?` when a step
    /// cannot be resolved.
    public func type(of type: GoType, following path: some Sequence<Selector>) -> GoType {
        var t = type
        for s in path {
            switch s {
            case .field(let name):
                guard let f = fieldType(of: t, field: name) else { return .unknown }
                t = f
            case .element:
                switch underlying(t) {
                case .slice(let e), .array(_, let e), .map(_, let e): t = e
                case .pointer(let p):
                    guard case .array(_, let e) = underlying(p) else { return .unknown }
                    t = e
                default: return .unknown
                }
            case .deref:
                guard case .pointer(let p) = underlying(t) else { return .unknown }
                t = p
            }
        }
        return t
    }
}
