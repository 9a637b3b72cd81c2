import Testing
@testable import ConcIR

@Test func ConcIRTargetBuilds() {
    #expect(Bool(true))
}
