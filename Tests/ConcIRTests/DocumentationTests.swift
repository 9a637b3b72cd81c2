import Testing
@testable import ConcIR

/// docs/ir.md is checked, not trusted: its opcode table is the signature
/// table, and its DSL examples parse (printed ones print back unchanged).
@Suite struct DocumentationTests {
    static func document() throws -> String {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        let bytes = try #require(FileContents.read(path + "/docs/ir.md"), "docs/ir.md is missing")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The table row docs/ir.md must have for an opcode.
    static func row(_ op: Opcode) -> String {
        let sig = op.signature
        let operands = sig.operandNames.isEmpty ? "—" : "`\(sig.operandNames)`"
        let results = sig.resultNames.isEmpty ? "—" : "`\(sig.resultNames)`"
        return "| `\(op.name)` | \(operands) | \(results) | \(sig.summary) |"
    }

    @Test func theOpcodeTableMatchesTheSignatures() throws {
        let doc = try Self.document()
        let missing = Opcode.allCases.map(Self.row).filter { !doc.contains($0 + "\n") }
        #expect(missing.isEmpty, "stale rows in docs/ir.md; expected:\n\(missing.joined(separator: "\n"))")
    }

    /// Blocks fenced as ```cir are printed text; ```cir-hand blocks are
    /// hand-written and only need to parse.
    static func blocks(_ doc: String, fence: String) -> [String] {
        var out: [String] = []
        var current: [Substring]?
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```" + fence {
                current = []
            } else if current != nil, line == "```" {
                out.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return out
    }

    @Test func printedExamplesRoundTripAndValidate() throws {
        let examples = Self.blocks(try Self.document(), fence: "cir")
        #expect(!examples.isEmpty)
        for text in examples {
            let module = try DSL.parse(text, path: "ir.md")
            #expect(DSL.print(module) == text)
            #expect(Validator.validate(module) == [])
        }
    }

    @Test func handWrittenExamplesParse() throws {
        for text in Self.blocks(try Self.document(), fence: "cir-hand") {
            #expect(throws: Never.self) { try DSL.parse(text, path: "ir.md") }
        }
    }
}
