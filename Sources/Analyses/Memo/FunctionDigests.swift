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
///
/// Beside each digest, the same without the positions (`positionFree`):
/// a line added above a function moves all of it and changes its digest,
/// but not what a caller's analysis decides from it, only the positions a
/// finding may show (`FunctionKeys` follows callees by these, and checks
/// the positions findings show apart).
public struct FunctionDigests: Sendable {
    /// 32 bytes per node, in node order.
    private let bytes: [UInt8]
    /// The same without positions.
    private let shapes: [UInt8]
    public let count: Int

    static let width = 32

    private init(bytes: [UInt8], shapes: [UInt8], count: Int) {
        self.bytes = bytes
        self.shapes = shapes
        self.count = count
    }

    /// The digests without positions, as digests.
    public var positionFree: FunctionDigests { FunctionDigests(bytes: shapes, shapes: shapes, count: count) }

    /// `imports[m]`: the modules module `m` imports, directly or not (any
    /// order; out-of-range indices are ignored).
    public init(modules: [Module], imports: [[Int]], callGraph: CallGraph, jobs: Parallelism) {
        // Per module: its header's digest and each function's text digest,
        // with positions and without.
        let parts = parallelMap(count: modules.count, jobs: jobs) { m -> (header: [UInt8], functions: [[UInt8]], shapes: [[UInt8]]) in
            let module = modules[m]
            var header: [UInt8] = []
            var functions: [[UInt8]] = []
            var shapes: [[UInt8]] = []
            functions.reserveCapacity(module.functions.count)
            shapes.reserveCapacity(module.functions.count)
            DSL.printParts(module, header: { header = SHA256.digest(Array($0)) }, visit: { i, text, positions in
                let f = module.functions[i]
                // One pass over the text: the shape hashes what lies between
                // the positions, `moved` each position with its offset; the
                // digest hashes both, so it changes whenever the text does,
                // without hashing the text twice.
                var shape = SHA256()
                shape.update(field: f.file >= 0 && f.file < module.files.count ? module.files[f.file] : "")
                var moved = SHA256()
                var from = text.startIndex
                for r in positions where r.lowerBound >= from && r.upperBound <= text.endIndex {
                    shape.update(text[from..<r.lowerBound])
                    moved.update(UInt64(r.lowerBound - text.startIndex))
                    moved.update(text[r])
                    from = r.upperBound
                }
                shape.update(text[from...])
                let shapeDigest = shape.finalize()
                var whole = SHA256()
                whole.update(shapeDigest)
                whole.update(moved.finalize())
                functions.append(whole.finalize())
                shapes.append(shapeDigest)
            })
            // The text of the closures declared in a function, at any
            // depth, goes into its digest too.
            var index: [String: Int] = [:]
            for (i, f) in module.functions.enumerated() { index[f.name] = i }
            var children = Array(repeating: [Int](), count: module.functions.count)
            for (i, f) in module.functions.enumerated() {
                if let parent = f.parent, let p = index[parent], p != i { children[p].append(i) }
            }
            func withDescendants(_ own: [[UInt8]]) -> [[UInt8]] {
                var deep = [[UInt8]?](repeating: nil, count: own.count)
                func visit(_ i: Int, depth: Int) -> [UInt8] {
                    if let done = deep[i] { return done }
                    guard !children[i].isEmpty, depth < 64 else { return own[i] }
                    var hasher = SHA256()
                    hasher.update(own[i])
                    let nested = children[i].map { visit($0, depth: depth + 1) }
                    for child in nested.sorted(by: { $0.lexicographicallyPrecedes($1) }) { hasher.update(child) }
                    let digest = hasher.finalize()
                    deep[i] = digest
                    return digest
                }
                return own.indices.map { visit($0, depth: 0) }
            }
            return (header, withDescendants(functions), withDescendants(shapes))
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
        var shapes: [UInt8] = []
        bytes.reserveCapacity(callGraph.nodes.count * Self.width)
        shapes.reserveCapacity(callGraph.nodes.count * Self.width)
        for node in callGraph.nodes {
            guard node.module < modules.count, node.function < parts[node.module].functions.count else {
                bytes += [UInt8](repeating: 0, count: Self.width)
                shapes += [UInt8](repeating: 0, count: Self.width)
                continue
            }
            var hasher = SHA256()
            hasher.update(context[node.module])
            hasher.update(parts[node.module].functions[node.function])
            bytes += hasher.finalize()
            var shape = SHA256()
            shape.update(context[node.module])
            shape.update(parts[node.module].shapes[node.function])
            shapes += shape.finalize()
        }
        self.bytes = bytes
        self.shapes = shapes
        self.count = callGraph.nodes.count
    }

    /// The digest of node `i`.
    public subscript(i: Int) -> ArraySlice<UInt8> {
        bytes[i * Self.width..<(i + 1) * Self.width]
    }
}
