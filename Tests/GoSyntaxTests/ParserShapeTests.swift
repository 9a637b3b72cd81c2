import Testing
@testable import GoSyntax

/// Small, exact parser cases: the tree shape of one statement, expression
/// or declaration, written as the S-expression of `SyntaxTree.dump`.
@Suite struct ParserShapeTests {
    private func parse(_ text: String) -> SyntaxTree {
        parseGoFile(SourceFile(path: "t.go", bytes: Array(text.utf8)))
    }

    /// The dump of the first statement of `func f() { body }`.
    private func statement(_ body: String) -> String {
        let tree = parse("package p\nfunc f() {\n\(body)\n}\n")
        #expect(tree.errors.isEmpty, "\(tree.errors)")
        guard case .funcDecl(_, _, _, let b) = tree[tree.declarations.first!],
              case .block(let stmts) = tree[b], let first = tree.list(stmts).first else { return "<none>" }
        return tree.dump(first)
    }

    /// The dump of the expression in `var _ = expr`.
    private func expression(_ text: String) -> String {
        let tree = parse("package p\nvar _ = \(text)\n")
        #expect(tree.errors.isEmpty, "\(tree.errors)")
        guard case .genDecl(_, let specs, _) = tree[tree.declarations.first!],
              case .valueSpec(_, _, let values, _) = tree[tree.list(specs).first!] else { return "<none>" }
        return tree.dump(tree.list(values).first!)
    }

    /// The dump of the first top-level declaration.
    private func declaration(_ text: String) -> String {
        let tree = parse("package p\n\(text)\n")
        #expect(tree.errors.isEmpty, "\(tree.errors)")
        return tree.dump(tree.declarations.first!)
    }

    @Test(arguments: [
        ("0x1p-2", "(lit 0x1p-2)"),
        ("0X_1FFFP-16", "(lit 0X_1FFFP-16)"),
        ("1_000_000", "(lit 1_000_000)"),
        ("0o660", "(lit 0o660)"),
        ("0b1010", "(lit 0b1010)"),
        ("0777", "(lit 0777)"),
        (".25e+3i", "(lit .25e+3i)"),
        ("1e10", "(lit 1e10)"),
        ("'\\u12e4'", "(lit '\\u12e4')"),
        ("'\\x07'", "(lit '\\x07')"),
        ("`raw\nstring`", "(lit `raw\nstring`)"),
        ("\"\\U0001F600\"", "(lit \"\\U0001F600\")"),
        ("a + b * c", "(binary + (id a) (binary * (id b) (id c)))"),
        ("a * b + c", "(binary + (binary * (id a) (id b)) (id c))"),
        ("a || b && c == d", "(binary || (id a) (binary && (id b) (binary == (id c) (id d))))"),
        ("-x.y[1]", "(unary - (index (sel (id x) (id y)) (lit 1)))"),
        ("<-ch", "(unary <- (id ch))"),
        ("<-chan int(nil)", "(unary <- (call (chan (id int)) (id nil)))"),
        ("(<-chan int)(nil)", "(call (paren (chan recv (id int))) (id nil))"),
        ("&T{1, 2}", "(unary & (complit (id T) (lit 1) (lit 2)))"),
        ("[]T{{1}, {2}}", "(complit (slicetype (id T)) (complit (lit 1)) (complit (lit 2)))"),
        ("map[string][]int{\"a\": {1}}", "(complit (map (id string) (slicetype (id int))) (kv (lit \"a\") (complit (lit 1))))"),
        ("[...]int{1}", "(complit (arraytype (dots) (id int)) (lit 1))"),
        ("s[1:2:3]", "(slice 3 (id s) (lit 1) (lit 2) (lit 3))"),
        ("s[:]", "(slice (id s))"),
        ("x.(T)", "(assert (id x) (id T))"),
        ("(*T).M", "(sel (paren (star (id T))) (id M))"),
        ("f(a, b...)", "(call ... (id f) (id a) (id b))"),
        ("Map[K, V]{}", "(complit (index (id Map) (id K) (id V)))"),
        ("Sum[int](xs)", "(call (index (id Sum) (id int)) (id xs))"),
        ("func(x int) int { return x }", "(funclit (functype (field (id x) (id int)) (field (id int))) (block (return (id x))))"),
        ("make(chan<- chan int, 3)", "(call (id make) (chan send (chan (id int))) (lit 3))"),
        ("struct{ a, b int `json:\"a\"`; *T; pkg.U }{}", "(complit (struct (field (id a) (id b) (id int) (lit `json:\"a\"`)) (field (star (id T))) (field (sel (id pkg) (id U)))))"),
    ])
    func expressions(source: String, expected: String) {
        #expect(expression(source) == expected)
    }

    @Test(arguments: [
        ("x := <-ch", "(assign := (id x) (unary <- (id ch)))"),
        ("v, ok := m[k]", "(assign := (id v) (id ok) (index (id m) (id k)))"),
        ("ch <- v", "(send (id ch) (id v))"),
        ("i++", "(incdec ++ (id i))"),
        ("x += 2", "(assign += (id x) (lit 2))"),
        ("go func() { wg.Done() }()", "(go (call (funclit (functype) (block (expr (call (sel (id wg) (id Done))))))))"),
        ("defer mu.Unlock()", "(defer (call (sel (id mu) (id Unlock))))"),
        ("for i := 0; i < n; i++ {}", "(for (assign := (id i) (lit 0)) (binary < (id i) (id n)) (incdec ++ (id i)) (block))"),
        ("for k, v := range m {}", "(range := (id k) (id v) (id m) (block))"),
        ("for range ch {}", "(range (id ch) (block))"),
        ("for {}", "(for (block))"),
        ("for x := range []T{} {}", "(range := (id x) (complit (slicetype (id T))) (block))"),
        ("if x := f(); x > (T{}).n {}", "(if (assign := (id x) (call (id f))) (binary > (id x) (sel (paren (complit (id T))) (id n))) (block))"),
        ("if a {} else if b {} else {}", "(if (id a) (block) (if (id b) (block) (block)))"),
        ("switch t := x.(type) { case int, *T: ; default: }", "(typeswitch (assign := (id t) (assert type (id x))) (block (case (id int) (star (id T))) (default)))"),
        ("switch { case x > 1: fallthrough; case true: }", "(switch (block (case (binary > (id x) (lit 1)) (fallthrough)) (case (id true))))"),
        ("select { case v, ok := <-in: _ = v; case out <- 1: case <-done: return; default: }", "(select (block (comm (assign := (id v) (id ok) (unary <- (id in))) (assign = (id _) (id v))) (comm (send (id out) (lit 1))) (comm (expr (unary <- (id done))) (return)) (default)))"),
        ("select {}", "(select (block))"),
        ("outer:\nfor { break outer }", "(labeled (id outer) (for (block (break (id outer)))))"),
        ("goto end\nend:", "(goto (id end))"),
        ("var x, y = 1, 2", "(declstmt (var (valuespec 0 (id x) (id y) (lit 1) (lit 2))))"),
    ])
    func statements(source: String, expected: String) {
        #expect(statement(source) == expected)
    }

    @Test(arguments: [
        ("type List[T any] struct { next *List[T]; val T }", "(type (typespec (id List) (field (id T) (id any)) (struct (field (id next) (star (index (id List) (id T)))) (field (id val) (id T)))))"),
        ("type Number interface { ~int | ~float64; String() string }", "(type (typespec (id Number) (interface (field (binary | (unary ~ (id int)) (unary ~ (id float64)))) (field (id String) (functype (field (id string)))))))"),
        ("type A [N]int", "(type (typespec (id A) (arraytype (id N) (id int))))"),
        ("type A [N * 2]int", "(type (typespec (id A) (arraytype (binary * (id N) (lit 2)) (id int))))"),
        ("type P[T *C,] struct{}", "(type (typespec (id P) (field (id T) (star (id C))) (struct)))"),
        // Without the comma, Go reads an array type: the ambiguity the spec describes.
        ("type P[T *C] struct{}", "(type (typespec (id P) (arraytype (binary * (id T) (id C)) (struct))))"),
        ("type S[K comparable, V any] map[K]V", "(type (typespec (id S) (field (id K) (id comparable)) (field (id V) (id any)) (map (id K) (id V))))"),
        ("type Alias = pkg.T", "(type (typespec alias (id Alias) (sel (id pkg) (id T))))"),
        ("func Map[S ~[]E, E any](s S) S { return s }", "(funcdecl (id Map) (functype (field (id S) (unary ~ (slicetype (id E)))) (field (id E) (id any)) (field (id s) (id S)) (field (id S))) (block (return (id s))))"),
        ("func (s *Server[K]) Run(ctx context.Context) (n int, err error)", "(funcdecl (field (id s) (star (index (id Server) (id K)))) (id Run) (functype (field (id ctx) (sel (id context) (id Context))) (field (id n) (id int)) (field (id err) (id error))))"),
        ("func f(int, string) (a, b int)", "(funcdecl (id f) (functype (field (id int)) (field (id string)) (field (id a) (id b) (id int))))"),
        ("func f(a, b int, c ...string)", "(funcdecl (id f) (functype (field (id a) (id b) (id int)) (field (id c) (dots (id string)))))"),
        ("import (\n\tf \"fmt\"\n\t. \"os\"\n\t_ \"embed\"\n)", "(import (importspec (id f) (lit \"fmt\")) (importspec (id .) (lit \"os\")) (importspec (id _) (lit \"embed\")))"),
        ("const (\n\ta = iota\n\tb\n)", "(const (valuespec 0 (id a) (id iota)) (valuespec 1 (id b)))"),
    ])
    func declarations(source: String, expected: String) {
        #expect(declaration(source) == expected)
    }

    @Test func positionsAreCompilerStyle() {
        let tree = parse("package p\nfunc f() {\n\tx := g(1) + h\n}\n")
        var found: [String] = []
        tree.walk(tree.root) { id in
            switch tree[id] {
            case .call(_, _, _, let lparen):
                found.append("call \(tree.location(id)) ( \(tree.source.location(of: lparen))")
            case .binary(_, _, _, let op):
                found.append("binary \(tree.location(id)) op \(tree.source.location(of: op)) end \(tree.source.location(of: tree.end(id)))")
            default: break
            }
            return true
        }
        #expect(found == ["binary 3:7 op 3:12 end 3:15", "call 3:7 ( 3:8"])
    }

    @Test func commentsAreKeptInOrder() {
        let tree = parse("//go:build linux\n\n// Package p.\npackage p /* trailing */\n// end")
        #expect(tree.comments.map { tree.source.text(from: $0.start, to: $0.end) } ==
                ["//go:build linux", "// Package p.", "/* trailing */", "// end"])
    }

    /// Broken input: (source, "line:col" of the first error, part of its message).
    @Test(arguments: [
        ("package p\nfunc f() {\n\tif x {\n}\n", "5:1", "expected }"),
        ("package p\nvar x = [1, 2\n", "2:11", "unexpected comma; expecting ]"),
        ("package p\nfunc f() { go f }\n", "2:15", "must be function call"),
        ("package p\nfunc f() { defer (g()) }\n", "2:18", "must not be parenthesized"),
        ("package p\nvar s = `abc\n", "2:9", "raw string literal not terminated"),
        ("package p\n/* open\n", "2:1", "comment not terminated"),
        ("package p\nvar x = 0x\n", "2:9", "hexadecimal literal has no digits"),
        ("package p\nvar x = 09\n", "2:10", "invalid digit '9' in octal literal"),
        ("package p\nvar x = 1__0\n", "2:11", "'_' must separate successive digits"),
        ("package p\nvar c = 'ab'\n", "2:9", "more than one character"),
        ("package p\nvar s = \"a\\qb\"\n", "2:11", "unknown escape"),
        ("package p\nfunc f(a int, string) {}\n", "2:15", "mixed named and unnamed parameters"),
        ("", "1:1", "package statement must be first"),
        ("package p\nx := 1\n", "2:1", "non-declaration statement outside function body"),
        ("package p\nvar x = 1 +\n", "3:1", "expected expression"),
    ])
    func syntaxErrors(source: String, location: String, message: String) {
        let tree = parse(source)
        let first = tree.errors.first
        #expect(first != nil)
        if let first {
            #expect(tree.source.location(of: first.offset).description == location, "\(first.message)")
            #expect(first.message.contains(message), "\(first.message)")
        }
    }
}
