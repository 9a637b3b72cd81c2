import Testing
@testable import GoSyntax

/// `parseGoFile(_:functionBodies: false)`, used for the packages a run only
/// imports: every declaration is parsed as usual, and each function
/// declaration keeps an empty body that spans its braces.
@Suite struct SkippedBodyTests {
    static let source = """
        package p

        import "fmt"

        type T struct{ m map[string]int }

        // F has braces of every kind inside: a composite literal, a closure,
        // a struct type, a select, strings and runes holding braces.
        func (t *T) F(x int) (int, error) {
        \tv := T{m: map[string]int{"{": 1}}
        \tf := func() struct{ a int } { return struct{ a int }{x} }
        \tselect {
        \tdefault:
        \t}
        \t_ = '}'
        \t_ = `}}`
        \treturn f().a + len(v.m), fmt.Errorf("}")
        }

        func Asm(x int) int

        var G = func() int { return 1 }()

        func H[K comparable](k K) bool { return k == k }

        """

    private func parse(_ text: String, bodies: Bool) -> SyntaxTree {
        parseGoFile(SourceFile(path: "p.go", bytes: Array(text.utf8)), functionBodies: bodies)
    }

    @Test func declarationsAreTheSameAndBodiesAreEmptyBlocks() throws {
        let full = parse(Self.source, bodies: true)
        let skipped = parse(Self.source, bodies: false)
        #expect(full.errors.isEmpty && skipped.errors.isEmpty, "\(skipped.errors)")
        #expect(full.declarations.count == skipped.declarations.count)
        for (a, b) in zip(full.declarations, skipped.declarations) {
            #expect(full.start(a) == skipped.start(b) && full.end(a) == skipped.end(b))
            switch (full[a], skipped[b]) {
            case (.funcDecl(_, let nameA, let typeA, let bodyA), .funcDecl(_, let nameB, let typeB, let bodyB)):
                #expect(full.identName(nameA) == skipped.identName(nameB))
                #expect(full.dump(typeA) == skipped.dump(typeB))
                #expect(bodyA.isNone == bodyB.isNone, "a function keeps having a body, or not")
                if !bodyB.isNone {
                    guard case .block(let stmts) = skipped[bodyB] else { Issue.record("body is not a block"); continue }
                    #expect(stmts.count == 0)
                    #expect(full.start(bodyA) == skipped.start(bodyB) && full.end(bodyA) == skipped.end(bodyB))
                }
            default:
                // Everything else (imports, types, the var with its function literal) is parsed in full.
                #expect(full.dump(a) == skipped.dump(b))
            }
        }
    }

    @Test func anUnclosedBodyEndsTheFileWithAnError() {
        let tree = parse("package p\n\nfunc f() {\n\tif x {\n", bodies: false)
        #expect(!tree.errors.isEmpty)
        #expect(tree.declarations.count == 1)
    }
}
