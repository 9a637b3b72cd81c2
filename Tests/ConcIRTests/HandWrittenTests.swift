import Testing
@testable import ConcIR

/// What makes .cir files pleasant to write by hand: optional positions,
/// free label names, comments, short names, `go f(x)` without `call`.
@Suite struct HandWrittenTests {
    static let text = """
    // A leak: nobody receives from ch after main returns.
    package main

    global counter int

    func main() {
        var ch chan int
        var v int
    entry:
        ch = chan.make int, 0          // unbuffered
        go worker(ch)
        map.write counter
        jump wait
    wait: loop
        select {
            case v = recv ch -> wait
            default -> done
        }
    done:
        return
    }

    func worker(ch chan int) {
        parent main
        var v int
    start:
        chan.send ch, 1 @30:9
        return
    }
    """

    @Test func positionsDefaultToTheirPlaceInTheFile() throws {
        let module = try DSL.parse(Self.text, path: "leak.cir")
        let main = try #require(module.function(named: "main"))
        #expect(main.position == Position(6, 1))
        #expect(main.blocks[0].instructions.map(\.position) == [Position(10, 5), Position(11, 5), Position(12, 5)])
        #expect(main.blocks[0].terminatorPosition == Position(13, 5))
        guard case .select(let cases, let def)? = main.blocks[1].terminator else {
            Issue.record("expected a select")
            return
        }
        #expect(cases.map(\.position) == [Position(16, 9)])
        #expect(cases.first?.communication == .recv(channel: .variable("ch"), results: [.variable("v")]))
        #expect(def == 2)
        #expect(main.blocks[1].terminatorPosition == Position(15, 5))
        let worker = try #require(module.function(named: "worker"))
        #expect(worker.blocks[0].instructions[0].position == Position(30, 9), "a written position wins")
        #expect(module.files.isEmpty, "positions of a module without files refer to the .cir itself")
    }

    @Test func labelsAndNamesAreFree() throws {
        let module = try DSL.parse(Self.text, path: "leak.cir")
        let main = try #require(module.function(named: "main"))
        #expect(main.blocks.count == 3)
        #expect(main.blocks[0].terminator == .jump(1))
        #expect(main.blocks[1].loop == .unknown)
        #expect(main.blocks[0].instructions[1] == Instruction(.call, operands: [.variable("ch")], callee: .function("worker"),
                                                              mode: .go, position: Position(11, 5)))
        #expect(main.blocks[0].instructions[2].operands == [.global("counter")])
        #expect(main.variables.map(\.name) == ["ch", "v"])
    }

    @Test func handWrittenTextPrintsToCanonicalTextThatRoundTrips() throws {
        let module = try DSL.parse(Self.text, path: "leak.cir")
        let printed = DSL.print(module)
        #expect(printed.contains("b1: loop\n"))
        #expect(printed.contains("\tgo worker(ch) @11:5\n"))
        #expect(printed.contains("\tselect { case v = recv ch @16:9 -> b1; default -> b2 } @15:5\n"))
        let again = try DSL.parse(printed, path: "printed.cir")
        #expect(again == module)
        #expect(DSL.print(again) == printed)
    }

    @Test func printingOneFunction() throws {
        let module = try DSL.parse(Self.text, path: "leak.cir")
        let worker = try #require(module.function(named: "worker"))
        #expect(DSL.print(worker, in: module) == """
        func worker(ch chan int) @23:1 {
        \tparent main
        \tvar v int
        b0:
        \tchan.send ch, 1 @30:9
        \treturn @28:5
        }

        """)
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let crlf = Self.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let a = try DSL.parse(crlf, path: "crlf.cir")
        let b = try DSL.parse(Self.text, path: "lf.cir")
        #expect(a.functions.map { $0.blocks.count } == b.functions.map { $0.blocks.count })
        #expect(a == b, "carriage returns are whitespace, columns are unchanged")
    }

    @Test func goVersionsParse() {
        #expect(GoVersion("1.19") == GoVersion(1, 19))
        #expect(GoVersion("go1.22.3") == GoVersion(1, 22, 3))
        #expect(GoVersion("1.23")?.isAtLeast(1, 23) == true)
        #expect(GoVersion("1.22")?.isAtLeast(1, 23) == false)
        #expect(GoVersion("1") == nil)
        #expect(GoVersion("1.x") == nil)
        #expect(GoVersion("") == nil)
    }
}
