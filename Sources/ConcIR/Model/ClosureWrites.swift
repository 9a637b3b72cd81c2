/// For each function, the variables of its own that a closure written in
/// it (at any depth) assigns as a whole or takes the address of. Go's
/// closures capture by reference, so such a variable may change whenever
/// the closure runs; one a closure only reads keeps the values its
/// function gives it. A nested closure's write is passed up through the
/// closures around it that capture the variable too, to the function whose
/// variable it is.
public enum ClosureWrites {
    /// Over the functions of `modules` at `references` (module, function),
    /// or every function when nil, read in place. Where two functions
    /// share a name, the first names the parent; closures name their
    /// function in `parent`.
    public static func byFunction(in modules: [Module], at references: [(module: Int, function: Int)]? = nil) -> [String: Set<String>] {
        var walk = UpwardWalk()
        if let references {
            for r in references { walk.add(modules[r.module].functions, r.function) }
        } else {
            for m in modules.indices {
                for i in modules[m].functions.indices { walk.add(modules[m].functions, i) }
            }
        }
        return walk.assigned
    }

    /// Closures' writes, passed up as functions come in. Keeps of each
    /// function only what the walk up needs (its parent and what it
    /// captures), not the function.
    private struct UpwardWalk {
        private var enclosing: [String: (parent: String?, captures: [Variable])] = [:]
        private var written: [(parent: String, names: Set<String>)] = []

        /// `functions[i]`, read in place rather than copied whole.
        mutating func add(_ functions: [Function], _ i: Int) {
            let name = functions[i].name
            if enclosing[name] == nil { enclosing[name] = (functions[i].parent, functions[i].captures) }
            guard let parent = functions[i].parent, !functions[i].captures.isEmpty else { return }
            let captures = Set(functions[i].captures.map(\.name))
            var names = Set<String>()
            for block in functions[i].blocks {
                for inst in block.instructions {
                    for case .place(let r) in inst.results where r.path.isEmpty {
                        if case .variable(let name) = r.root, captures.contains(name) { names.insert(name) }
                    }
                    if inst.op == .addr {
                        for case .place(let o) in inst.operands {
                            if case .variable(let name) = o.root, captures.contains(name) { names.insert(name) }
                        }
                    }
                }
            }
            if !names.isEmpty { written.append((parent, names)) }
        }

        /// Each write, passed up to every function around its closure that
        /// captures the variable too, and to the one whose variable it is.
        var assigned: [String: Set<String>] {
            var assigned: [String: Set<String>] = [:]
            for (first, names) in written {
                for name in names {
                    var next: String? = first
                    while let parentName = next, let parent = enclosing[parentName] {
                        assigned[parentName, default: []].insert(name)
                        guard parent.captures.contains(where: { $0.name == name }) else { break }
                        next = parent.parent
                    }
                }
            }
            return assigned
        }
    }
}
