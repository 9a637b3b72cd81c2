import Foundation
import Testing
import TestSupport
@testable import GoSyntax

/// The parser against the real corpus: every Go file of GOROOT/src outside
/// testdata/ parses without a syntax error, and the functions and calls it
/// finds are exactly those Go's own parser finds.
@Suite(.enabled(if: Goroot.isAvailable, "needs GOROOT (apt-get install golang-go)"))
struct GorootCorpusTests {
    /// Parses every file on all cores; `body` sees each tree.
    private func parseAll(_ files: [String], _ body: @escaping @Sendable (String, SyntaxTree) -> [String]) -> [String] {
        let results = UnsafeMutableBufferPointer<[String]>.allocate(capacity: files.count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            guard let data = FileManager.default.contents(atPath: files[i]) else {
                results[i] = ["\(files[i]): unreadable"]
                return
            }
            results[i] = body(files[i], parseGoFile(SourceFile(path: files[i], bytes: Array(data))))
        }
        return results.flatMap { $0 }
    }

    @Test func everyFileOfGorootParsesWithoutErrors() throws {
        let src = try #require(Goroot.sourceDirectory)
        let files = Goroot.goFiles(under: src)
        #expect(files.count > 4000, "expected the whole standard library, found \(files.count) files")
        let errors = parseAll(files) { path, tree in
            tree.errors.map { "\(path):\(tree.source.location(of: $0.offset)): \($0.message)" }
        }
        #expect(errors.isEmpty, "\(errors.count) syntax errors, first: \(errors.prefix(20).joined(separator: "\n"))")
    }

    /// Every node of every Go file of GOROOT/src, testdata/ included (whose
    /// files are full of deliberate syntax errors), lies inside its
    /// parent's range: the fuzz target traps when it does not, and it seeds
    /// itself with these files.
    @Test func everyNodeOfGorootNestsInItsParent() throws {
        let src = try #require(Goroot.sourceDirectory)
        var files: [String] = []
        if let e = FileManager.default.enumerator(atPath: src) {
            while let rel = e.nextObject() as? String {
                // go/parser's testdata holds a directory named not_a_file.go.
                guard rel.hasSuffix(".go"), e.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
                files.append(src + "/" + rel)
            }
        }
        #expect(files.count > 5000, "expected the whole standard library with its testdata, found \(files.count) files")
        let violations = parseAll(files.sorted()) { path, tree in
            var out: [String] = []
            guard tree.root != .none else { return out }
            tree.walk(tree.root) { node in
                tree.forEachChild(node) { child in
                    guard child != .none, out.count < 3 else { return }
                    if tree.start(child) < tree.start(node) || tree.end(child) > tree.end(node) {
                        out.append("\(path): \(tree[node]) \(tree.start(node))..<\(tree.end(node)) holds \(tree[child]) \(tree.start(child))..<\(tree.end(child))")
                    }
                }
                return true
            }
            return out
        }
        #expect(violations.isEmpty, "\(violations.count) nodes outside their parent, first: \(violations.prefix(10).joined(separator: "\n"))")
    }

    /// The differential test: Tests/Oracles/goast prints every function
    /// declaration (position, receiver, name) and every call (start and
    /// `(` positions) with go/parser; conclint's AST must give the same set.
    @Test func functionsAndCallsMatchGoParser() throws {
        let src = try #require(Goroot.sourceDirectory)
        let tmp = try Repository.temporaryDirectory("goast")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let build = try Shell.run(["go", "build", "-o", tmp + "/goast", "."],
                                  in: Repository.path("Tests/Oracles/goast"),
                                  environment: ["GOFLAGS": "-mod=mod", "GOCACHE": tmp + "/cache"])
        try #require(build.status == 0, "building the oracle failed: \(build.stderr)")
        let oracle = try Shell.run([tmp + "/goast", src])
        try #require(oracle.status == 0, "oracle failed: \(oracle.stderr)")
        let expected = oracle.stdout.split(separator: "\n").map(String.init)
        #expect(expected.count > 400_000)

        let files = Goroot.goFiles(under: src)
        var actual = parseAll(files) { path, tree in Self.facts(path, tree) }
        actual.sort()
        let missing = Set(expected).subtracting(actual).sorted()
        let extra = Set(actual).subtracting(expected).sorted()
        #expect(missing.isEmpty, "\(missing.count) facts only go/parser sees, e.g.\n\(missing.prefix(15).joined(separator: "\n"))")
        #expect(extra.isEmpty, "\(extra.count) facts only conclint sees, e.g.\n\(extra.prefix(15).joined(separator: "\n"))")
        #expect(actual.count == expected.count)
    }

    /// conclint's side of the oracle's output format.
    static func facts(_ path: String, _ tree: SyntaxTree) -> [String] {
        var lines: [String] = []
        tree.walk(tree.root) { id in
            switch tree[id] {
            case .funcDecl(let recv, let name, _, _):
                var receiver = "-"
                if let r = tree.list(recv).first, case .field(_, let t, _) = tree[r] {
                    receiver = tree.expressionText(t)
                }
                lines.append("func \(path):\(tree.location(id)) \(receiver) \(tree.identName(name) ?? "_")")
            case .call(_, _, _, let lparen):
                lines.append("call \(path):\(tree.location(id)):\(tree.source.location(of: lparen))")
            default:
                break
            }
            return true
        }
        return lines
    }
}
