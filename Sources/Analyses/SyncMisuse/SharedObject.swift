import ConcIR

/// A name for a sync object (a Pool, an atomic.Value, a Cond, a Once, a
/// counter used with sync/atomic) that is the same in every function that
/// reaches it: a package variable by its qualified name and field path; a
/// struct field by the named type that declares it (`example.com/p.Server.pool`,
/// whatever the receiver is called); anything else (a local, a parameter
/// that points somewhere unknown) only within its function.
///
/// Different values of one struct type share a name: the checks that join
/// facts across functions (every Put of a pool resets, a Cond waited on
/// for two conditions) treat them as one object, as a reader of the type
/// would.
struct SharedObject: Hashable, Comparable, Codable {
    let name: String
    /// Whether the name is valid across functions.
    let isShared: Bool
    /// How messages call it: `bufPool`, `Server.pool`, `p.pool`.
    let display: String

    static func < (a: SharedObject, b: SharedObject) -> Bool { a.name < b.name }

    /// The object as a function's stored facts keep it: a name valid only
    /// within its function loses the node number (`#12:x` -> `#:x`), which
    /// moves when functions come and go elsewhere.
    var portable: SharedObject {
        guard !isShared, name.hasPrefix("#"), let colon = name.firstIndex(of: ":") else { return self }
        return SharedObject(name: "#" + name[colon...], isShared: false, display: display)
    }

    /// A stored object back in the function it belongs to, now node `node`.
    func placed(at node: Int) -> SharedObject {
        guard !isShared, name.hasPrefix("#:") else { return self }
        return SharedObject(name: "#\(node)" + name.dropFirst(), isShared: false, display: display)
    }

    /// The object a place names, for a place already normalized.
    static func of(_ place: Place, in scope: FunctionScope) -> SharedObject? {
        of(place, node: scope.node, types: scope.types)
    }

    static func of(_ place: Place, node: Int, types: FunctionTypes) -> SharedObject? {
        let fields = fieldNames(place.path[...])
        // An element (`pools[]`) is one of many objects: no single name.
        guard fields.count == place.path.filter({ $0 != .deref }).count else { return nil }
        if case .global(let g) = place.root {
            let short = g.split(separator: "/").last.flatMap { $0.split(separator: ".").last }.map(String.init) ?? g
            return SharedObject(name: ([g] + fields).joined(separator: "."), isShared: true,
                                display: ([short] + fields).joined(separator: "."))
        }
        // The innermost named struct type on the path declares the last field.
        if let (owner, ownerIndex) = owners(of: place, types: types).innermost {
            let rest = fieldNames(place.path[ownerIndex...])
            let typeName = owner.split(separator: "/").last.flatMap { $0.split(separator: ".").last }.map(String.init) ?? owner
            return SharedObject(name: ([owner] + rest).joined(separator: "."), isShared: true,
                                display: ([typeName] + rest).joined(separator: "."))
        }
        let display = GoSpelling.expression(place) ?? "the value"
        switch place.root {
        case .variable(let v):
            return SharedObject(name: "#\(node):" + ([v] + fields).joined(separator: "."), isShared: false, display: display)
        case .temp(let t):
            return SharedObject(name: "#\(node):%\(t)" + fields.map { "." + $0 }.joined(), isShared: false, display: display)
        case .global:
            return nil
        }
    }

    /// Where a field lives in memory, for checks that must tell two fields
    /// of one type apart when they sit side by side in a bigger struct
    /// (`mb.first.seq` and `mb.last.seq`, both `msgId.seq`): the named type
    /// reached through the last pointer on the path (or the root's own
    /// type) and the fields below it. `direct` says the path reaches the
    /// field through a pointer to (or a value of) the type that declares
    /// it, so it may be any such field, including one inside a bigger struct.
    static func memory(of place: Place, types: FunctionTypes) -> (name: String, direct: Bool)? {
        if case .global = place.root { return nil }
        let found = owners(of: place, types: types)
        guard let (owner, ownerIndex) = found.memory, let lastField = found.lastField else { return nil }
        return (([owner] + fieldNames(place.path[ownerIndex...])).joined(separator: "."), ownerIndex == lastField)
    }

    /// One walk of a place's path for both namings: the innermost named
    /// struct type (it declares the last field), the named type reached
    /// through the last pointer on the path or the root's own type (where
    /// the field lives in memory), each with the path index of its first
    /// field, and the index of the last field.
    private static func owners(of place: Place, types: FunctionTypes)
        -> (innermost: (String, Int)?, memory: (String, Int)?, lastField: Int?) {
        var innermost: (String, Int)?
        var memory: (String, Int)?
        var lastField: Int?
        var current = Place(place.root)
        for (i, s) in place.path.enumerated() {
            if case .field = s {
                let t = types.type(of: current)
                if case .named(let n, _)? = t.pointee {
                    innermost = (n, i)
                    memory = (n, i)
                } else if case .named(let n, _) = t {
                    innermost = (n, i)
                    if memory == nil { memory = (n, i) }
                }
                lastField = i
            }
            current = current.appending(s)
        }
        return (innermost, memory, lastField)
    }

    /// The field names among path steps, in order.
    private static func fieldNames(_ steps: ArraySlice<Selector>) -> [String] {
        steps.compactMap { s -> String? in
            if case .field(let f) = s { return f }
            return nil
        }
    }
}
