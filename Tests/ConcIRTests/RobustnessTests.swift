import Testing
@testable import ConcIR
import TestSupport

/// No input crashes or hangs the parser: it returns a module or a located
/// error, whatever the bytes.
@Suite struct RobustnessTests {
    /// Parses and checks that an error, if any, points inside the text.
    private func parseSafely(_ bytes: [UInt8]) {
        do {
            _ = try DSL.parse(bytes: bytes, path: "fuzz.cir")
        } catch let error as DSLError {
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            #expect(error.line >= 1 && error.line <= lines, "\(error)")
            #expect(error.column >= 1, "\(error)")
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("not a DSLError: \(error)")
        }
    }

    @Test(arguments: 0..<20) func randomBytes(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        for _ in 0..<100 {
            parseSafely((0..<rng.int(0..<400)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        }
    }

    /// Random sequences of the DSL's own words and symbols get much deeper
    /// into the parser than random bytes.
    @Test(arguments: 0..<20) func tokenSoup(seed: Int) {
        let words = ["func", "b0", ":", "{", "}", "(", ")", "[", "]", "%1", "=", ",", "@1:2", "\n", "\t",
                     "chan.send", "call", "go", "defer", "range", "select", "case", "recv", "send", "default",
                     "->", "return", "if", "then", "else", "jump", "loop", "len", "var", "x", "global", "p.g",
                     "*", "?", "_", "\"s", "\"s\"", "-1", "99999999999999999999", "chan", "<-", "map", "struct",
                     "interface", "...", ".", "targets", "assign", "parent", "capture", "func p.f", "(*p.T).M",
                     "package", "file", "type", "int", "é", "//", "\\", ";"]
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        for _ in 0..<100 {
            let text = (0..<rng.int(0..<80)).map { _ in rng.pick(words) }.joined(separator: rng.chance(50) ? " " : "")
            parseSafely(Array(text.utf8))
        }
    }

    @Test func everyPrefixOfTheFixture() {
        let bytes = Array(Fixtures.everything.utf8)
        for end in stride(from: 0, through: bytes.count, by: 3) { parseSafely(Array(bytes[..<end])) }
    }

    @Test(arguments: 0..<10) func mutatedFixture(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 99)
        let original = Array(Fixtures.everything.utf8)
        for _ in 0..<100 {
            var bytes = original
            for _ in 0..<rng.int(1..<4) {
                let i = rng.int(0..<bytes.count)
                switch rng.int(0..<3) {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: i)
                default: bytes.insert(rng.pick(Array("(){}[]%@:,\n\"*".utf8)), at: i)
                }
            }
            parseSafely(bytes)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for opener in ["(", "*", "[]", "chan ", "func() ", "map[int]", "<-chan "] {
            let type = String(repeating: opener, count: 50_000) + "int"
            parseSafely(Array("global x \(type)\n".utf8))
            let operand = String(repeating: opener, count: 50_000) + "x"
            parseSafely(Array("func f(x int) {\nb0:\n\tuse \(operand)\n\treturn\n}\n".utf8))
        }
    }

    @Test func hugeNumbersAndEmptyThings() {
        for text in ["func f() @99999999999:1\n", "func f() @1:1 {\n}\n", "func f() {}\n", "func\n", "global\n",
                     "go\n", "file\n", "package\n", "func f() {\nb0:\n\tuse %99999999999\n\treturn\n}\n",
                     "func f() {\nb0:\n\tselect {\n}\n}\n", "\u{FEFF}package main\n", "type t [99999999999999999999]int\n"] {
            parseSafely(Array(text.utf8))
        }
    }

    /// Printing never fails either, even for IR the validator rejects.
    @Test func invalidIRStillPrints() {
        var f = Function(name: "")
        f.blocks = [Block([Instruction(.chanSend)], terminator: nil), Block(terminator: .jump(99))]
        f.receiver = Variable("_", .unknown)
        let text = DSL.print(Module(functions: [f]))
        #expect(text.contains("chan.send"))
        #expect(text.contains("jump b99"))
    }
}
