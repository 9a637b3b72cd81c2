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
