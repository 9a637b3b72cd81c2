import Testing
@testable import ConcIR

/// Every error names the file, the line and the byte column of the token
/// at fault, and says what was expected.
@Suite struct ParserErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: String
        var testDescription: String { expected }
    }

    static let cases: [Case] = [
        Case(text: "func f() {\n%3 = chan.make int, 0\n}\n",
             expected: "bad.cir:2:1: expected a block label, found '%3'"),
        Case(text: "func f() {\nb0:\n\tjump b1\n}\n",
             expected: "bad.cir:3:7: unknown block label 'b1'"),
        Case(text: "func f(ch chan int) {\nb0:\n\tchan.send ch\n\treturn\n}\n",
             expected: "bad.cir:3:2: chan.send takes 2 operands (ch, v), found 1"),
        Case(text: "func f() {\nb0:\n\tchan.close ch\n\treturn\n}\n",
             expected: "bad.cir:3:13: undeclared name 'ch'"),
        Case(text: "func f() {\nb0:\n\tuse \"abc\n\treturn\n}\n",
             expected: "bad.cir:3:6: expected an operand, found unterminated string"),
        Case(text: "func f() {\nb0:\n\tuse 1\n}\n",
             expected: "bad.cir:4:1: block 'b0' has no terminator"),
        Case(text: "func f() {\nb0:\n\tjump b0\nb0:\n\treturn\n}\n",
             expected: "bad.cir:4:1: duplicate block label 'b0'"),
        Case(text: "func f(x int) {\n\tvar x int\nb0:\n\treturn\n}\n",
             expected: "bad.cir:2:6: duplicate variable 'x'"),
        Case(text: "func f() {\nb0:\n\tchan.frob 1\n\treturn\n}\n",
             expected: "bad.cir:3:2: expected an operation, found 'chan.frob'"),
        Case(text: "func f() {\nb0:\n\tcall (*p.T).M()\n\treturn\n}\n",
             expected: "bad.cir:3:7: a method call takes its receiver as first argument"),
        Case(text: "func f() {\nb0:\n\tuse _\n\treturn\n}\n",
             expected: "bad.cir:3:6: '_' is only allowed among results"),
        Case(text: "func f() {\nb0:\n\t%1 = go p.g()\n\treturn\n}\n",
             expected: "bad.cir:3:7: go and defer take no results"),
        Case(text: "func f(ch chan int) {\nb0:\n\t%1 = chan.send ch, 1\n\treturn\n}\n",
             expected: "bad.cir:3:2: chan.send has no results, found 1"),
        Case(text: "func f() {\nb0:\n\tuse 9223372036854775808\n\treturn\n}\n",
             expected: "bad.cir:3:6: expected an integer in range, found '9223372036854775808'"),
        Case(text: "global x " + String(repeating: "*", count: 200) + "int\n",
             expected: "bad.cir:1:110: type nested too deeply"),
        Case(text: "file \"a.go\"\nfunc f() @\"b.go\":1:1\n",
             expected: "bad.cir:2:11: unknown file \"b.go\" (declare it with a file line)"),
        Case(text: "func f() {\nb0:\n\tselect { default -> b0; default -> b0 }\n}\n",
             expected: "bad.cir:3:26: select has two defaults"),
        Case(text: "func f() {\nb0:\n\tcall p.f() targets [p.g]\n\treturn\n}\n",
             expected: "bad.cir:3:7: targets only follow interface and dynamic calls"),
        Case(text: "hello\n",
             expected: "bad.cir:1:1: expected a declaration (package, go, file, type, global or func), found 'hello'"),
        Case(text: "func f() {\nb0:\n\tuse $x\n\treturn\n}\n",
             expected: "bad.cir:3:6: expected an operand, found '$'"),
        Case(text: "func f() {\nb0:\n\treturn 1 2\n}\n",
             expected: "bad.cir:3:11: expected end of line, found '2'"),
        Case(text: "func f() {\nb0:\n\treturn\n",
             expected: "bad.cir:1:10: function body is not closed"),
        Case(text: "func f(nil int) @1:1\n",
             expected: "bad.cir:1:8: 'nil' cannot name a variable"),
        Case(text: "func f() {\nb0:\n\tif ? b1 else b1\nb1:\n\treturn\n}\n",
             expected: "bad.cir:3:7: expected 'then', found 'b1'"),
        Case(text: "func f() {\nb0:\n\tuse \"\\q\"\n\treturn\n}\n",
             expected: "bad.cir:3:6: invalid escape in string"),
        Case(text: "package a\npackage b\n",
             expected: "bad.cir:2:1: second package clause"),
        Case(text: "func f() {\nb0: loop len(\n\treturn\n}\n",
             expected: "bad.cir:2:14: expected an operand, found newline"),
        Case(text: "func f() {\nb0:\n\tassign %1, %2 = 3\n\treturn\n}\n",
             expected: "bad.cir:3:2: assign takes one destination"),
        Case(text: "func f(a ...int, b int) @1:1\n",
             expected: "bad.cir:1:18: only the last parameter can be variadic"),
        Case(text: "type t [-1]int\n",
             expected: "bad.cir:1:8: array length must not be negative"),
    ]

    @Test(arguments: cases) func errorNamesTheSpot(_ c: Case) {
        do {
            let module = try DSL.parse(c.text, path: "bad.cir")
            Issue.record("parsed without error: \(module)")
        } catch let error as DSLError {
            #expect(error.description == c.expected)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    /// A bad function stops its file: the error is the first one, even when
    /// later functions are fine or bad too.
    @Test func theFirstBadFunctionStopsTheFile() {
        let text = """
        func a() {
        b0:
        \treturn
        }

        func b() {
        b0:
        \tjump nowhere
        }

        func c() {
        b0:
        \tjump alsoNowhere
        }
        """
        #expect(throws: DSLError(path: "x.cir", line: 8, column: 7, message: "unknown block label 'nowhere'")) {
            try DSL.parse(text, path: "x.cir")
        }
    }

    @Test func columnsCountBytesNotCharacters() {
        let text = "func f() {\nb0:\n\tuse \"é\", ü\n\treturn\n}\n"
        #expect(throws: DSLError(path: "u.cir", line: 3, column: 12, message: "undeclared name 'ü'")) {
            try DSL.parse(text, path: "u.cir")
        }
    }
}
