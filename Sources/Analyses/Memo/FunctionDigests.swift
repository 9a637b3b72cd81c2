import ConcIR
import ContentHash
import Discovery

/// A SHA-256 digest per call-graph node of everything an analysis can read
/// about that function alone: its IR (the DSL text, which parses back to an
/// equal function, so equal text means an equal function), its file's
/// path, the text of the closures declared in it at any depth (which of its
/// variables they capture decides how the function's own variables are
/// stored), and
/// the declarations (types, globals, package path, Go version) of its
/// package and of every package that package imports, directly or not,
/// because the IR names types and the analyses look their fields up in
/// those declarations.
public struct FunctionDigests: Sendable {
    /// 32 bytes per node, in node order.
    private let bytes: [UInt8]
    public let count: Int

    static let width = 32

    /// `imports[m]`: the modules module `m` imports, directly or not (any
    /// order; out-of-range indices are ignored).
    public init(modules: [Module], imports: [[Int]], callGraph: CallGraph, jobs: Int) {
        // Per module: its header's digest and each function's text digest.
        let parts = parallelMap(count: modules.count, jobs: jobs) { m -> (header: [UInt8], functions: [[UInt8]]) in
            let module = modules[m]
            var header: [UInt8] = []
            var functions: [[UInt8]] = []
            functions.reserveCapacity(module.functions.count)
            DSL.printParts(module, header: { header = SHA256.digest(Array($0)) }, visit: { i, text in
                var hasher = SHA256()
                let f = module.functions[i]
                hasher.update(field: f.file >= 0 && f.file < module.files.count ? module.files[f.file] : "")
                hasher.update(text)
                functions.append(hasher.finalize())
            })
            // The text of the closures declared in a function, at any
            // depth, goes into its digest too.
            var index: [String: Int] = [:]
            for (i, f) in module.functions.enumerated() { index[f.name] = i }
            var children = Array(repeating: [Int](), count: module.functions.count)
            for (i, f) in module.functions.enumerated() {
                if let parent = f.parent, let p = index[parent], p != i { children[p].append(i) }
            }
            var deep = [[UInt8]?](repeating: nil, count: functions.count)
            func withDescendants(_ i: Int, depth: Int) -> [UInt8] {
                if let done = deep[i] { return done }
                guard !children[i].isEmpty, depth < 64 else { return functions[i] }
                var hasher = SHA256()
                hasher.update(functions[i])
                let nested = children[i].map { withDescendants($0, depth: depth + 1) }
                for child in nested.sorted(by: { $0.lexicographicallyPrecedes($1) }) { hasher.update(child) }
                let digest = hasher.finalize()
                deep[i] = digest
                return digest
            }
            functions = functions.indices.map { withDescendants($0, depth: 0) }
            return (header, functions)
        }
        // A module's declarations with those of everything it imports.
        let context: [[UInt8]] = modules.indices.map { m in
            var hasher = SHA256()
            hasher.update(parts[m].header)
            let imported = Set(m < imports.count ? imports[m] : []).filter { $0 != m && $0 < modules.count }
            // By package path, so that the order of modules in the run does not matter.
            for j in imported.sorted(by: { modules[$0].packagePath < modules[$1].packagePath || (modules[$0].packagePath == modules[$1].packagePath && $0 < $1) }) {
                hasher.update(parts[j].header)
            }
            return hasher.finalize()
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(callGraph.nodes.count * Self.width)
        for node in callGraph.nodes {
            guard node.module < modules.count, node.function < parts[node.module].functions.count else {
                bytes += [UInt8](repeating: 0, count: Self.width)
                continue
            }
            var hasher = SHA256()
            hasher.update(context[node.module])
            hasher.update(parts[node.module].functions[node.function])
            bytes += hasher.finalize()
        }
        self.bytes = bytes
        self.count = callGraph.nodes.count
    }

    /// The digest of node `i`.
    public subscript(i: Int) -> ArraySlice<UInt8> {
        bytes[i * Self.width..<(i + 1) * Self.width]
    }
}
