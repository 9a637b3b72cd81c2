import GoSyntax
import RuleEngine

/// Which functions are held to no heap allocation: those with a
/// `//conclint:noalloc` line in their doc comment, those `.conclint.yml`
/// names (`pkg/path.F`, `(*pkg/path.T).M`, or the short `pkg.F`), and every
/// function of a file its `paths` globs match.
struct NoAllocScope {
    let configuration: NoAllocConfiguration

    static let directive = "//conclint:noalloc"

    /// Whether the file holds a function in scope (cheap: a scan of comments first).
    func marks(tree: SyntaxTree, importPath: String) -> Bool {
        if !configuration.paths.isEmpty && configuration.paths.contains(where: { $0.matches(tree.source.path) }) { return true }
        if !configuration.functions.isEmpty && !functions(in: tree, importPath: importPath).isEmpty { return true }
        return tree.comments.contains { tree.source.text(from: $0.start, to: $0.end).hasPrefix(Self.directive) }
    }

    /// The `.funcDecl` nodes of the file that are in scope.
    func functions(in tree: SyntaxTree, importPath: String) -> Set<NodeID> {
        let wholeFile = configuration.paths.contains { $0.matches(tree.source.path) }
        var result = Set<NodeID>()
        for decl in tree.declarations {
            guard case .funcDecl(let recv, let name, _, _) = tree[decl] else { continue }
            if wholeFile || hasDirective(tree, decl) || configuration.functions.contains(where: { matches($0, tree, recv, name, importPath) }) {
                result.insert(decl)
            }
        }
        return result
    }

    private func hasDirective(_ tree: SyntaxTree, _ decl: NodeID) -> Bool {
        let declLine = tree.source.location(of: tree.start(decl)).line
        var line = declLine - 1
        // Comments are sorted; walk back over the doc comment group.
        for c in tree.comments.reversed() where c.end <= tree.start(decl) {
            let l = tree.source.location(of: c.end).line
            if l < line { break }
            if tree.source.text(from: c.start, to: c.end).hasPrefix(Self.directive) { return true }
            line = tree.source.location(of: c.start).line - 1
        }
        return false
    }

    /// `path.F`, `(*path.T).M`, `path.T.M`, with the full import path or its last element.
    private func matches(_ wanted: String, _ tree: SyntaxTree, _ recv: NodeList, _ name: NodeID, _ importPath: String) -> Bool {
        guard let function = tree.identName(name) else { return false }
        let short = importPath.split(separator: "/").last.map(String.init) ?? importPath
        var candidates: [String] = []
        if let r = tree.list(recv).first, case .field(_, let type, _) = tree[r] {
            var base = type
            var pointer = false
            if case .star(let x) = tree[base] { base = x; pointer = true }
            if case .index(let x, _, _) = tree[base] { base = x }
            let typeName = tree.identName(base) ?? ""
            for p in [importPath, short] {
                candidates.append(pointer ? "(*\(p).\(typeName)).\(function)" : "\(p).\(typeName).\(function)")
            }
        } else {
            candidates = ["\(importPath).\(function)", "\(short).\(function)"]
        }
        return candidates.contains(wanted)
    }
}
