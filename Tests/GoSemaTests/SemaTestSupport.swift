import Discovery
import GoSyntax
@testable import GoSema

/// Checks in-memory packages against the built-in standard library model
/// (no GOROOT), so that results do not depend on the machine.
struct CheckedSource {
    let program: Program
    let package: PackageInfo

    /// `files` maps import paths to sources; the first path is the one queried.
    init(_ sources: [(path: String, source: String)]) {
        self.init(packages: sources.map { ($0.path, [("main.go", $0.source)]) })
    }

    /// Packages of several files each (`x_test.go` names an in-package
    /// test file); the first file of the first package is the one queried.
    init(packages sources: [(path: String, files: [(name: String, source: String)])]) {
        var packages: [AnalysedPackage] = []
        for (path, files) in sources {
            let trees = files.map { parseGoFile(SourceFile(path: "\(path)/\($0.name)", bytes: Array($0.source.utf8))) }
            packages.append(AnalysedPackage(importPath: path, name: trees[0].packageName ?? "main", directory: "/virtual/\(path)",
                                            trees: trees, moduleRoot: nil, modulePath: nil, goVersion: "1.22"))
        }
        program = ProgramLoader.load(packages, options: LoaderOptions(goroot: nil, moduleCache: nil, jobs: 1))
        package = program.byPath[sources[0].path]!
    }

    init(_ source: String) {
        self.init([("example.com/p", source)])
    }

    var file: TypedFile { package.files[0] }
    var tree: SyntaxTree { file.tree }

    /// The n-th node (in source order) whose exact text is `text`, preferring
    /// the largest node that starts there (`s.mu` rather than `s`).
    func node(_ text: String, occurrence: Int = 0, where accept: (Node) -> Bool = { _ in true }) -> NodeID? {
        var found: [NodeID] = []
        tree.walk(tree.root) { id in
            if tree.text(id) == text, accept(tree[id]), !found.contains(where: { tree.start($0) == tree.start(id) }) { found.append(id) }
            return true
        }
        return occurrence < found.count ? found[occurrence] : nil
    }

    /// The printed type of the expression spelled `text`.
    func type(_ text: String, occurrence: Int = 0) -> String {
        let isExpression: (Node) -> Bool = {
            switch $0 {
            case .exprStmt, .assign, .returnStmt, .field, .valueSpec: return false
            default: return true
            }
        }
        guard let n = node(text, occurrence: occurrence, where: isExpression) else { return "<no node \(text)>" }
        return file.type(of: n).description
    }

    /// The qualified name of what the call spelled `text` calls.
    func callee(_ text: String) -> String {
        let isCall: (Node) -> Bool = { if case .call = $0 { return true }; return false }
        guard let n = node(text, where: isCall), case .call(let fun, _, _, _) = tree[n] else { return "<no call \(text)>" }
        return file.object(of: fun)?.qualifiedName ?? "<unresolved>"
    }

    var diagnostics: [String] { package.diagnostics.map(\.message) }
}
