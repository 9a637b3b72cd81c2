import Foundation
import Testing
import TestSupport
@testable import GoSyntax

/// Syntax errors are real: for the programs of GOROOT/test that the Go
/// compiler rejects with a syntax error, conclint reports an error on the
/// line the compiler names first.
@Suite(.enabled(if: Goroot.testDirectory != nil, "needs GOROOT/test (apt-get install golang-go)"))
struct CompilerSyntaxErrorTests {
    /// errorcheck programs whose annotations speak of syntax errors.
    private func candidates(_ testDir: String) -> [String] {
        var result: [String] = []
        for sub in ["", "syntax", "fixedbugs"] {
            let dir = sub.isEmpty ? testDir : testDir + "/" + sub
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() where name.hasSuffix(".go") {
                let path = dir + "/" + name
                guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                      text.hasPrefix("// errorcheck") else { continue }
                // conclint reports physical positions; the compiler honours
                // //line directives, so such files cannot be compared.
                if text.contains("\n//line ") { continue }
                if sub == "syntax" || text.contains("syntax error") || text.contains("ERROR \"unexpected") {
                    result.append(path)
                }
            }
        }
        return result
    }

    @Test func errorsAreOnTheLineTheCompilerNames() throws {
        let testDir = try #require(Goroot.testDirectory)
        var checked = 0
        var mismatches: [String] = []
        // The compiler removes its output file when compilation fails; as
        // root, "-o /dev/null" would remove /dev/null. Compile into a
        // scratch directory instead.
        let scratch = try Repository.temporaryDirectory("compile")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for path in candidates(testDir) {
            let compile = try Shell.run(["go", "tool", "compile", "-o", scratch + "/out.o", path])
            // The compiler prints "file:line:col: syntax error: ..." (or file:line:).
            guard let first = compile.stdout.split(separator: "\n").first(where: { $0.contains("syntax error") }) else { continue }
            let fields = first.split(separator: ":")
            guard fields.count >= 3, let line = Int(fields[1]) else { continue }
            checked += 1
            let data = try #require(FileManager.default.contents(atPath: path))
            let tree = parseGoFile(SourceFile(path: path, bytes: Array(data)))
            let ours = tree.errors.map { tree.source.location(of: $0.offset).line }
            if !ours.contains(line) {
                mismatches.append("\(path): compiler says line \(line) (\(first)); conclint: \(tree.errors.map { "\(tree.source.location(of: $0.offset)) \($0.message)" })")
            }
        }
        #expect(checked >= 30, "only \(checked) syntax-error programs found in GOROOT/test")
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(checked):\n\(mismatches.joined(separator: "\n"))")
    }
}
