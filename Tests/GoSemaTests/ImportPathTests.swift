import Discovery
import Foundation
import GoSyntax
import Testing
@testable import GoSema

/// Import paths the spec does not allow are reported where they are
/// written and never looked up: a damaged file (`import ("` cut short)
/// used to stop the whole run when the path reached the GOROOT lookup.
struct ImportPathTests {
    @Test(arguments: ["fmt", "golang.org/x/net/http2", "example.com/v2/café", "a-b_c~d.e+f@g"])
    func pathsTheSpecAllowsAreValid(_ path: String) {
        #expect(ImportPathSyntax.problem(path) == nil)
    }

    @Test(arguments: [("", "empty string"), ("a b", "invalid character U+0020"), ("a:b", "invalid character U+003A"),
                      ("x\u{FFFD}", "invalid character U+FFFD"), ("tab\there", "invalid character U+0009"),
                      ("a\\b", "invalid character U+005C")])
    func pathsTheSpecExcludesAreNamed(_ path: String, _ problem: String) {
        #expect(ImportPathSyntax.problem(path) == problem)
    }

    @Test func invalidPathsAreDiagnosedAndTheRestIsChecked() throws {
        // A GOROOT of its own, so that the standard-library lookup runs.
        let goroot = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-importpath-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: goroot + "/src/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: goroot) }
        try "package lib\n\nfunc Answer() int { return 42 }\n".write(toFile: goroot + "/src/lib/lib.go", atomically: true, encoding: .utf8)
        let source = """
        package p

        import (
            ""
            "/"
            "a b"
            "lib"
        )

        var x = lib.Answer()
        """
        let tree = parseGoFile(SourceFile(path: "/virtual/p/p.go", bytes: Array(source.utf8)))
        let package = AnalysedPackage(importPath: "example.com/p", name: "p", directory: "/virtual/p", trees: [tree],
                                      moduleRoot: nil, modulePath: nil, goVersion: "1.22")
        let program = ProgramLoader.load([package], options: LoaderOptions(goroot: goroot, moduleCache: nil, jobs: 1))
        let checked = try #require(program.byPath["example.com/p"])
        let messages = checked.diagnostics.map(\.message)
        #expect(messages.contains("invalid import path (empty string)"))
        #expect(messages.contains("invalid import path (invalid character U+0020)"))
        #expect(messages.contains("could not import / (no source found)"))
        #expect(!messages.contains { $0.contains("lib") })
        #expect(checked.files[0].type(of: try #require(node(spelled: "lib.Answer()", in: tree))).description == "int")
    }

    private func node(spelled text: String, in tree: SyntaxTree) -> NodeID? {
        var found: NodeID?
        tree.walk(tree.root) { id in
            if found == nil, tree.text(id) == text { found = id }
            return found == nil
        }
        return found
    }
}

/// A literal has a value only when it is closed: a file cut inside one
/// (`import ("c`) gave its import the empty path.
struct LiteralValueTests {
    @Test(arguments: [("\"ok\"", "ok"), ("\"a\\tb\"", "a\tb"), ("\"\\\\\"", "\\"), ("'\\''", "'"), ("'x'", "x"), ("`raw\\n`", "raw\\n")])
    func closedLiteralsHaveTheirValue(_ literal: String, _ value: String) {
        #expect(Constant.unquote(literal) == value)
    }

    @Test(arguments: ["\"c", "\"", "\"\\\"", "'a", "`raw", "\"mixed`", "x\"\""])
    func unclosedLiteralsHaveNone(_ literal: String) {
        #expect(Constant.unquote(literal) == nil)
    }
}
