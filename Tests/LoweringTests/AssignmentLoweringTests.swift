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

    /// A closure or a channel stored into a field of a value whose type did
    /// not check (its package is not on the machine) goes where the IR does
    /// not see: it is `use`d, so that what it captures escapes; a constant
    /// stored there is not worth a `use`, and `_ = f` keeps nothing.
    @Test func aValueStoredWhereTheIRCannotNameGoesToUnknownCode() throws {
        let text = try #require(Self.printed("""
            package assign

            import "example.com/missing/cobra"

            func f(args []string) string {
            \topc := make(chan string, 1)
            \tput := cobra.NewCommand()
            \tput.Run = func(args []string) { opc <- args[0] }
            \tput.Done = opc
            \tput.Use = "put"
            \t_ = put
            \tput.Execute(args)
            \treturn <-opc
            }
            """, function: "f"))
        let uses = Self.lines(text).filter { $0.hasPrefix("use ") }
        #expect(uses == ["use func example.com/assign.f.func1 @8:2", "use opc @9:2"])
    }

    /// `n+1` and `len(xs)-1` in an expression are kept in a temporary, so
    /// a buffer or a bound computed from a known value is known; `x -= y`
    /// keeps y; a string concatenation, a product and an operand the IR
    /// does not name stay `?`.
    @Test func integerSumsAndDifferencesAreKept() throws {
        let text = try #require(Self.printed("""
            package assign

            func g() int { return 2 }

            func f(n int, xs []int, s string) (chan int, string, int) {
            \tc := make(chan int, n+1)
            \tlast := 0
            \tif last == len(xs)-1 {
            \t\tlast -= n
            \t}
            \tlast += g()
            \tt := s + "!"
            \tlast = n * 2
            \tlast = n + 2*len(xs)
            \treturn c, t, last
            }
            """, function: "f"))
        let lines = Self.lines(text)
        #expect(lines.contains("%1 = add n, 1 @6:22"))
        #expect(lines.contains { $0.hasPrefix("%2 = chan.make int, %1") })
        #expect(lines.contains { $0.hasPrefix("%4 = sub %3, 1") })
        #expect(lines.contains("last = sub last, n @9:3"))
        #expect(lines.contains { $0.hasPrefix("last = add last, %") })
        #expect(lines.contains("assign t = ? @12:2"))
        #expect(lines.filter { $0.hasPrefix("assign last = ?") }.count == 2)
    }

    /// A length given to an integer parameter or to `make` as a size is
    /// measured, so a callee or a buffer counts what the caller ranges
    /// over; one given to a `...any` parameter is not.
    @Test func aLengthPassedAsACountIsMeasured() throws {
        let text = try #require(Self.printed("""
            package assign

            func start(n int) {}
            func show(args ...any) {}

            func f(xs []int) chan int {
            \tstart(len(xs))
            \tshow(len(xs))
            \treturn make(chan int, len(xs))
            }
            """, function: "f"))
        let lines = Self.lines(text)
        #expect(lines.filter { $0.hasPrefix("%") && $0.contains("= len xs") }.count == 2)
        #expect(lines.contains { $0.hasPrefix("call example.com/assign.start(%1)") })
        #expect(lines.contains { $0.hasPrefix("call example.com/assign.show(?)") })
        #expect(lines.contains { $0.hasPrefix("%3 = chan.make int, %2") })
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
        // Integer + and - are kept; any other operator writes `?`.
        #expect(lines.contains("i = add i, 1 @7:21"))
        #expect(lines.contains("total = add total, i @8:3"))
        #expect(lines.contains("s.n = add s.n, 1 @10:2"))
        #expect(lines.contains("*p = sub *p, 2 @11:2"))
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
            "map.write m, %1, p @8:2",
            "%2 = call example.com/assign.key(ch) @9:4",
            "map.write m, %2, nil @9:2",
        ])
    }

    /// What a map write stores is recorded when the key or the value is
    /// worth tracking (a cancel func kept in a map is held by the map), in
    /// an assignment, through a temporary for one result of a call, and
    /// in a map literal's entries; a constant key or value is `?`, and
    /// constants alone leave `map.write m`.
    @Test func mapWriteRecordsWhatItStores() throws {
        let text = try #require(Self.printed("""
            package assign

            import "context"

            func f(ctx context.Context, id string, n int) map[string]context.CancelFunc {
            	m := map[string]context.CancelFunc{}
            	_, cancel := context.WithCancel(ctx)
            	m[id] = cancel
            	_, m["b"] = context.WithCancel(ctx)
            	counts := map[int]int{1: n, 2: 3}
            	counts[1] = 2
            	lit := map[string]context.CancelFunc{"a": cancel}
            	_ = lit
            	return m
            }
            """, function: "f"))
        let writes = Self.lines(text).filter { $0.hasPrefix("map.write") || $0.contains("ctx.withcancel") }
        #expect(writes == [
            "_, cancel = ctx.withcancel ctx @7:15",
            "map.write m, id, cancel @8:2",
            "_, %2 = ctx.withcancel ctx @9:14",
            "map.write m, ?, %2 @9:5",
            "map.write %3, ?, n @10:24",
            "map.write counts @11:2",
            "map.write %4, ?, cancel @12:39",
        ])
    }
}
