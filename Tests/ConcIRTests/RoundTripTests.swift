import Testing
@testable import ConcIR

/// print(parse(text)) == text for printed text, and parse(print(ir)) == ir.
@Suite struct RoundTripTests {
    @Test func everyConstructPrintsBackToTheSameText() throws {
        let module = try DSL.parse(Fixtures.everything, path: "everything.cir")
        let printed = DSL.print(module)
        #expect(printed == Fixtures.everything)
        if printed != Fixtures.everything {
            let a = printed.split(separator: "\n", omittingEmptySubsequences: false)
            let b = Fixtures.everything.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, (x, y)) in zip(a, b).enumerated() where x != y {
                Issue.record("line \(i + 1):\n  printed: \(x)\n  fixture: \(y)")
                break
            }
        }
    }
}
