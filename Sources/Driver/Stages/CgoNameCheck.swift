import Cgo
import GoSema
import GoSyntax

/// `C.name` references of a typed Go file, and the ones its preamble does
/// not declare: cgo would fail the build on those, so conclint says so once
/// per file and treats them as unknown C.
enum CgoNameCheck {
    /// Each `C.name` selector of the file (in source order) with its name.
    static func references(in file: TypedFile) -> [(node: NodeID, x: NodeID, name: String)] {
        let tree = file.tree
        var out: [(NodeID, NodeID, String)] = []
        guard tree.nodeCount > 1 else { return [] }
        for i in 1..<tree.nodeCount {
            let node = NodeID(Int32(i))
            guard case .selector(let x, let sel, _) = tree[node], isCPackage(x, in: file), let name = tree.identName(sel) else { continue }
            out.append((node, x, name))
        }
        return out
    }

    /// Each call of a C function (`C.f(...)`), with the function's name.
    static func calls(in file: TypedFile) -> [(call: NodeID, name: String)] {
        let tree = file.tree
        var out: [(NodeID, String)] = []
        guard tree.nodeCount > 1 else { return [] }
        for i in 1..<tree.nodeCount {
            let node = NodeID(Int32(i))
            guard case .call(var fun, _, _, _) = tree[node] else { continue }
            while case .paren(let inner) = tree[fun] { fun = inner }
            guard case .selector(let x, let sel, _) = tree[fun], isCPackage(x, in: file), let name = tree.identName(sel) else { continue }
            out.append((node, name))
        }
        return out
    }

    /// Whether `x` names the pseudo-package `C` of `import "C"`.
    static func isCPackage(_ x: NodeID, in file: TypedFile) -> Bool {
        guard case .ident = file.tree[x], let object = file.objects[x.index], object.kind == .packageName,
              object.importedPackage == nil else { return false }
        return file.imports.contains { $0.path == "C" && $0.name == object.name }
    }

    /// The undeclared names, as one message at the first of them.
    static func unknownNames(in file: TypedFile, unit: CTranslationUnit) -> (line: Int, column: Int, message: String)? {
        var unknown: [String] = []
        var first: NodeID?
        for reference in references(in: file) where !unit.resolves(reference.name) {
            if !unknown.contains(reference.name) { unknown.append(reference.name) }
            if first == nil { first = reference.node }
        }
        guard let first else { return nil }
        let at = file.tree.location(first)
        let names = unknown.prefix(8).map { "C." + $0 }.joined(separator: ", ") + (unknown.count > 8 ? " and \(unknown.count - 8) more" : "")
        return (at.line, at.column, "\(names) \(unknown.count == 1 ? "is" : "are") not declared by the cgo preamble or its headers (treated as unknown C)")
    }
}
