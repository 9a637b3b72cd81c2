import Testing
import GoSyntax
import Cgo

/// The preamble is the comment group right before `import "C"`, as cgo
/// reads it, with `#cgo` lines taken out and positions mapped back to Go.
struct PreambleExtractionTests {
    private func preamble(_ source: String) -> CgoPreamble? {
        CgoPreamble.extract(from: parseGoFile(SourceFile(path: "x.go", bytes: Array(source.utf8))))
    }

    @Test func lineCommentsRightBeforeTheImport() throws {
        let p = try #require(preamble("package p\n\n// #include <stdlib.h>\n// static int two(void) { return 2; }\nimport \"C\"\n"))
        #expect(p.text == " #include <stdlib.h>\n static int two(void) { return 2; }\n")
        #expect(p.importLine == 5)
        // C line 2, column 9 ("int") is Go line 4, column 11.
        #expect(p.goLocation(line: 2, column: 9) == (4, 11))
    }

    @Test func aBlankLineDetachesTheComment() throws {
        let p = try #require(preamble("package p\n\n// #include <stdlib.h>\n\nimport \"C\"\n"))
        #expect(p.text.isEmpty)
    }

    @Test func noImportOfCNoPreamble() {
        #expect(preamble("package p\n\n// #include <stdlib.h>\nimport \"fmt\"\n") == nil)
    }

    @Test func blockCommentAndDirectives() throws {
        let source = "package p\n\n/*\n#cgo CFLAGS: -DX=1 -I${SRCDIR}/inc -O2\n#cgo linux,!arm pkg-config: sqlite3\nint x;\n*/\nimport \"C\"\n"
        let p = try #require(preamble(source))
        #expect(p.text == "\n\n\nint x;\n")
        #expect(p.directives.count == 2)
        #expect(p.directives.first?.verb == .cflags)
        #expect(p.directives.last?.constraints == ["linux,!arm"])
        #expect(p.goLocation(line: 4, column: 5) == (6, 5))
        let flags = CgoFlags(directives: p.directives, directory: "/src/p", satisfies: { $0 == "linux" })
        #expect(flags.flags == ["-I/src/p", "-DX=1", "-I/src/p/inc"])
        #expect(flags.pkgConfigPackages == ["sqlite3"])
        let arm = CgoFlags(directives: p.directives, directory: "/src/p", satisfies: { $0 == "linux" || $0 == "arm" })
        #expect(arm.pkgConfigPackages.isEmpty)
    }

    @Test func groupedImportTakesTheSpecComment() throws {
        let p = try #require(preamble("package p\n\nimport (\n\t\"fmt\"\n\n\t// int y;\n\t\"C\"\n)\n"))
        #expect(p.text == " int y;\n")
    }
}
