import ConcIR

/// Which field of which named struct type a lock is: `database/sql.DB.mu`
/// for `db.mu` and for `dc.db.mu` alike. Two locks with one key may be one
/// lock at run time even when the analysis names them by different paths:
/// a back-pointer (`conn.db`, `child.parent`) leads from one object to the
/// other, and the analysis does not know `dc.db == db`. A race check counts
/// them as common (`LockSet.excludes`), as it does a lock it cannot name:
/// a finding must not rest on the guess that they differ.
///
/// Only a field has a key (an embedded `sync.Mutex` is the field `Mutex`),
/// and only of a struct type with a name: two different fields (`a.mu`,
/// `a.other`), or one field name of two types, stay different locks. A
/// local or package-level mutex variable has no key; then, as when the type
/// is unknown, locks are compared by place only.
enum LockTypeKey {
    /// The key of a lock at IR place `place` of the function with `types`.
    static func key(of place: Place, types: FunctionTypes) -> String? {
        guard let (prefix, field) = split(place.path) else { return nil }
        let base = types.type(of: Place(place.root, path: prefix))
        return key(base: base, field: field, environment: types.environment)
    }

    /// The key of a lock named `place` in the terms of `function` (node
    /// `node`): its parameters, results, globals and variables.
    static func key(of place: AbstractPlace, function: Function, node: Int, types: FunctionTypes) -> String? {
        guard case .field(let field)? = place.steps.last else { return nil }
        let prefix = place.steps.dropLast().map { step -> Selector in
            switch step {
            case .field(let f): return .field(f)
            case .element: return .element
            }
        }
        let rootType: GoType
        switch place.root {
        case .parameter(let i):
            var params = function.parameters.map(\.type)
            if let r = function.receiver { params.insert(r.type, at: 0) }
            guard i < params.count else { return nil }
            rootType = params[i]
        case .result(let i):
            guard i < function.results.count else { return nil }
            rootType = function.results[i].type
        case .global(let g):
            guard let t = types.environment.globalType(g) else { return nil }
            rootType = t
        case .local(let owner, let name):
            if name.hasPrefix("%") {
                guard owner == node, let n = UInt32(name.dropFirst()) else { return nil }
                rootType = types.type(of: Place(.temp(n), path: []))
            } else {
                guard let v = function.variables.first(where: { $0.name == name }) else { return nil }
                rootType = v.type
            }
        }
        let base = types.environment.type(of: rootType, following: prefix)
        return key(base: base, field: field, environment: types.environment)
    }

    /// The path before the last field, and that field (dereferences after it
    /// are looked through); nil when the path does not end in a field.
    private static func split(_ path: [Selector]) -> ([Selector], String)? {
        var rest = path[...]
        while case .deref? = rest.last { rest = rest.dropLast() }
        guard case .field(let f)? = rest.last else { return nil }
        return (Array(rest.dropLast()), f)
    }

    /// The named struct type that declares `field`, reached from `base`
    /// through pointers and embedded fields as Go promotes them.
    private static func key(base: GoType, field: String, environment: TypeEnvironment) -> String? {
        var level: [GoType] = [base]
        var visited = Set<GoType>()
        for _ in 0..<8 {
            var next: [GoType] = []
            for t in level {
                var named = t
                if case .pointer(let p) = named { named = p }
                guard case .named = named, visited.insert(named).inserted,
                      case .structure(let fields) = environment.underlying(named) else { continue }
                if fields.contains(where: { $0.name == field }) { return "\(named).\(field)" }
                next += fields.filter(\.isEmbedded).map(\.type)
            }
            if next.isEmpty { return nil }
            level = next
        }
        return nil
    }
}
