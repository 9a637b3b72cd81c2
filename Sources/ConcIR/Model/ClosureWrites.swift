/// For each function, the variables of its own that a closure written in
/// it (at any depth) assigns as a whole or takes the address of. Go's
/// closures capture by reference, so such a variable may change whenever
/// the closure runs; one a closure only reads keeps the values its
/// function gives it. A nested closure's write is passed up through the
/// closures around it that capture the variable too, to the function whose
/// variable it is.
public enum ClosureWrites {
    /// `functions` by name (the first of a name counts); closures name
    /// their function in `parent`.
    public static func byFunction<S: Sequence>(_ functions: S) -> [String: Set<String>] where S.Element == Function {
        var byName: [String: Function] = [:]
        var closures: [Function] = []
        for f in functions {
            if byName[f.name] == nil { byName[f.name] = f }
            if f.parent != nil, !f.captures.isEmpty { closures.append(f) }
        }
        var assigned: [String: Set<String>] = [:]
        for f in closures {
            let captures = Set(f.captures.map(\.name))
            var written = Set<String>()
            for block in f.blocks {
                for inst in block.instructions {
                    for case .place(let r) in inst.results where r.path.isEmpty {
                        if case .variable(let name) = r.root, captures.contains(name) { written.insert(name) }
                    }
                    if inst.op == .addr {
                        for case .place(let o) in inst.operands {
                            if case .variable(let name) = o.root, captures.contains(name) { written.insert(name) }
                        }
                    }
                }
            }
            for name in written {
                var current = f
                while let parentName = current.parent, let parent = byName[parentName] {
                    assigned[parentName, default: []].insert(name)
                    guard parent.captures.contains(where: { $0.name == name }) else { break }
                    current = parent
                }
            }
        }
        return assigned
    }
}
