import GoSyntax

/// Name resolution for one file, tuned for the checker's hot path.
///
/// Local scopes are a classic scoped symbol table keyed by the file's
/// interned `Name`: each name has a stack of bindings threaded through one
/// array, so lookup is an array read and leaving a scope pops exactly what
/// it declared. Names not bound locally fall through to the file scope
/// (imports), the package scope and the universe, looked up by string once
/// per name and cached.
struct NameTable {
    private struct Binding {
        var object: Object
        var name: Int32
        var previous: Int32
    }

    private var top: [Int32]
    private var bindings: [Binding] = []
    private var scopeStarts: [Int] = []
    /// Package-level resolution cache: 0 unknown, 1 resolved (in `outer`), 2 absent.
    private var outerState: [UInt8]
    private var outer: [Object?]
    private let names: [String]
    private let fileScope: Scope

    init(tree: SyntaxTree, fileScope: Scope) {
        names = tree.names
        top = Array(repeating: -1, count: tree.names.count)
        outerState = Array(repeating: 0, count: tree.names.count)
        outer = Array(repeating: nil, count: tree.names.count)
        self.fileScope = fileScope
    }

    var depth: Int { scopeStarts.count }

    mutating func openScope() {
        scopeStarts.append(bindings.count)
    }

    mutating func closeScope() {
        guard let start = scopeStarts.popLast() else { return }
        while bindings.count > start {
            let b = bindings.removeLast()
            top[Int(b.name)] = b.previous
        }
    }

    /// Declares `object` under `name` in the innermost local scope.
    /// Returns the object it redeclares in that same scope, if any.
    @discardableResult
    mutating func declare(_ name: Name, _ object: Object) -> Object? {
        let n = Int(name.raw)
        if names[n] == "_" { return nil }
        let start = scopeStarts.last ?? 0
        let t = top[n]
        if t >= Int32(start), t >= 0 { return bindings[Int(t)].object }
        bindings.append(Binding(object: object, name: name.raw, previous: t))
        top[n] = Int32(bindings.count - 1)
        return nil
    }

    /// The object bound to `name` in the innermost scope itself, if any
    /// (what `:=` assigns instead of redeclaring).
    func innermost(_ name: Name) -> Object? {
        let t = top[Int(name.raw)]
        guard t >= 0, t >= Int32(scopeStarts.last ?? 0) else { return nil }
        return bindings[Int(t)].object
    }

    /// The innermost binding of `name`: local, then file, package, universe.
    mutating func lookup(_ name: Name) -> Object? {
        let n = Int(name.raw)
        let t = top[n]
        if t >= 0 { return bindings[Int(t)].object }
        switch outerState[n] {
        case 1: return outer[n]
        case 2: return nil
        default:
            let found = fileScope.lookup(names[n])
            outer[n] = found
            outerState[n] = found == nil ? 2 : 1
            return found
        }
    }

    /// Forgets cached package-level lookups (after new package-level
    /// declarations appear, which only happens while collecting).
    mutating func invalidateOuterCache() {
        for i in outerState.indices { outerState[i] = 0 }
    }
}
