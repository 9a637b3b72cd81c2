import Testing
@testable import ConcIR

@Suite struct OpcodeSetTests {
    @Test func membershipAcrossBothWords() {
        #expect(Opcode.allCases.count > 64, "the set must span two words")
        let last = Opcode.allCases[Opcode.allCases.count - 1]
        var set: OpcodeSet = [.chanSend, last]
        #expect(set.contains(.chanSend))
        #expect(set.contains(last))
        #expect(!set.contains(.chanRecv))
        set.insert(.wgWait)
        #expect(Array(set) == [.chanSend, .wgWait, last])
        #expect(OpcodeSet().isEmpty)
        #expect(Array(OpcodeSet.all) == Opcode.allCases)
        #expect(set.union([.chanRecv]).contains(.chanRecv))
        #expect(OpcodeSet.channels.contains(.ctxDone))
    }

    @Test func spellingsAreUniqueAndRoundTrip() {
        for op in Opcode.allCases { #expect(Opcode.named(op.name) == op) }
        #expect(Set(Opcode.allCases.map(\.name)).count == Opcode.allCases.count)
        #expect(Opcode.named("chan.frob") == nil)
    }
}

/// What the call graph keeps of each function's operations.
@Suite struct OperationSetTests {
    @Test func operationsModesAndSelectsOfEachFunction() throws {
        let module = try DSL.parse("""
        package example.com/p

        func example.com/p.worker(ch chan int) {
        b0:
        \tchan.send ch, 1
        \treturn
        }

        func example.com/p.start() {
        \tvar ch chan int
        b0:
        \t%1 = chan.make int, 0
        \tassign ch = %1
        \tgo example.com/p.worker(ch)
        \tdefer chan.close ch
        \tselect { case recv ch -> b1 }
        b1:
        \treturn
        }
        """, path: "t.cir")
        let graph = CallGraph(modules: [module])
        let worker = try #require(graph.node(named: "example.com/p.worker"))
        let start = try #require(graph.node(named: "example.com/p.start"))
        let w = graph.operations[worker], s = graph.operations[start]
        #expect(w.contains(.chanSend) && !w.contains(.chanMake))
        #expect(!w.contains(mode: .go) && !w.contains(mode: .defer) && !w.selects)
        #expect(s.contains(.chanMake) && s.contains(.chanClose) && s.contains(.call) && !s.contains(.chanSend))
        #expect(s.contains(mode: .go) && s.contains(mode: .defer) && s.selects)
        #expect(s.opcodes.intersects([.chanClose, .wgWait]) && !s.opcodes.intersects([.wgWait, .mutexLock]))
    }
}
