import ConcIR
import Lowering
import Testing

/// Defects found reviewing the samples' IR goldens by hand:
/// `make(chan T)` must give `chan.make` the element type (docs/ir.md,
/// "Operations"), `x++` and `x op= y` must write `x` (else `i := 0; i++`
/// reads as `i` staying 0), and the key of a map-element assignment
/// (`m[k()] = v`) must be evaluated like any other expression.
@Suite struct AssignmentLoweringTests {
    /// The printed IR of function `name` of a one-file package.
    static func printed(_ source: String, function name: String) -> String? {
        guard let module = OneFilePackage.lower(source, name: "assign", file: "assign.go"),
              let f = module.function(named: "example.com/assign." + name) else { return nil }
        #expect(Validator.validate(module).isEmpty)
        return DSL.print(f, in: module)
    }

    /// The instruction lines of printed IR, without indentation.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func chanMakeTakesTheElementType() throws {
        let text = try #require(Self.printed("""
            package assign

            type jobs chan string

            func f(n int) (chan int, <-chan []byte, jobs) {
            \ta := make(chan int)
            \tb := make(<-chan []byte, n)
            \tc := make(jobs, 4)
            \treturn a, b, c
            }
            """, function: "f"))
        let makes = Self.lines(text).filter { $0.contains("chan.make") }
        #expect(makes == ["%1 = chan.make int, 0 @6:7", "%2 = chan.make []uint8, n @7:7", "%3 = chan.make string, 4 @8:7"])
    }

    @Test func incrementAndCompoundAssignmentWrite() throws {
        let text = try #require(Self.printed("""
            package assign

            type stats struct{ n int }

            func f(s *stats, p *int, xs []int, m map[string]int) int {
            \ttotal := 0
            \tfor i := 0; i < 3; i++ {
            \t\ttotal += i
            \t}
            \ts.n++
            \t*p -= 2
            \txs[0] *= 2
            \tm["k"]++
            \treturn total
            }
            """, function: "f"))
        let lines = Self.lines(text)
        #expect(lines.contains("assign i = ? @7:21"))
        #expect(lines.contains("assign total = ? @8:3"))
        #expect(lines.contains("assign s.n = ? @10:2"))
        #expect(lines.contains("assign *p = ? @11:2"))
        #expect(lines.contains("assign xs[] = ? @12:2"))
        // A map element stays a read and a write of the map, not an assign.
        #expect(lines.contains("map.read m @13:2"))
        #expect(lines.contains("map.write m @13:2"))
        #expect(!lines.contains { $0.hasPrefix("assign m") })
    }

    @Test func mapElementAssignmentEvaluatesTheKey() throws {
        let text = try #require(Self.printed("""
            package assign

            type named interface{ Name() string }

            func key(ch chan string) string { return <-ch }

            func f(m map[string]named, p named, ch chan string) {
            \tm[p.Name()] = p
            \tm[key(ch)] = nil
            }
            """, function: "f"))
        let body = Self.lines(text).filter { $0.contains("@8:") || $0.contains("@9:") }
        #expect(body == [
            "%1 = call (example.com/assign.named).Name(p) targets [] @8:4",
            "map.write m @8:2",
            "%2 = call example.com/assign.key(ch) @9:4",
            "map.write m @9:2",
        ])
    }
}
