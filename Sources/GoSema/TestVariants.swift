import Discovery
import GoSyntax

/// In-package test files may import a package that imports theirs back:
/// encoding/json's stream_test.go imports net/http, which imports
/// encoding/json; regexp's tests import testing, which imports regexp. The
/// go command builds such a test against a variant of each package in
/// between ("net/http [encoding/json.test]"); without one, the loader sees
/// an import cycle and cuts it, and every package on it loses the types of
/// its imports.
///
/// conclint does the cheaper half of the same thing: the package with its
/// tests stays the analysed one, and every other importer (but its external
/// `_test` package, which Go also builds against the tests) gets a copy of
/// the package without its test files, checked as any imported package is.
/// The packages in between then see the package as its own source
/// declares it, which is all they can name; a test handing one of its
/// package's values to them crosses from one copy's types to the other's,
/// which passes because the checker reports no assignability errors.
extension ImportGraph {
    mutating func separateTestVariants() {
        let candidates = nodes.indices.filter { i in
            nodes[i].analysed && !nodes[i].path.hasSuffix("_test") && nodes[i].trees.contains(where: Self.isTestTree)
        }.sorted { nodes[$0].path < nodes[$1].path }
        for i in candidates {
            let trees = nodes[i].trees
            let ownPaths = Set(Self.importPaths(of: trees.filter { !Self.isTestTree($0) }))
            let testTargets = Self.importPaths(of: trees.filter(Self.isTestTree))
                .filter { !ownPaths.contains($0) }
                .compactMap { nodes[i].imports[$0] ?? nil }
            guard reaches(i, from: testTargets) else { continue }
            splitFromItsTests(i, ownPaths: ownPaths)
        }
    }

    static func isTestTree(_ tree: SyntaxTree) -> Bool {
        FileNameRules.isTestFile(PathUtilities.lastComponent(tree.source.path))
    }

    /// Whether `target` is reachable over imports from any of `starts`.
    private func reaches(_ target: Int, from starts: [Int]) -> Bool {
        var seen = Set(starts)
        var work = starts
        while let n = work.popLast() {
            if n == target { return true }
            for case let next?? in nodes[n].imports.values where seen.insert(next).inserted { work.append(next) }
        }
        return false
    }

    /// Adds the copy of node `i` without its test files and points every
    /// importer but `i`'s external test package at it.
    private mutating func splitFromItsTests(_ i: Int, ownPaths: Set<String>) {
        var variant = nodes[i]
        variant.trees = variant.trees.filter { !Self.isTestTree($0) }
        variant.analysed = false
        variant.imports = variant.imports.filter { ownPaths.contains($0.key) }
        let j = nodes.count
        nodes.append(variant)
        let externalTests = nodes[i].path + "_test"
        for k in nodes.indices where k != i && k != j && !(nodes[k].path == externalTests && nodes[k].directory == nodes[i].directory) {
            for (path, target) in nodes[k].imports where target == i { nodes[k].imports[path] = j }
        }
    }
}
