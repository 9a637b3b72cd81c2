import Testing
@testable import Lowering

@Test func LoweringTargetBuilds() {
    #expect(Bool(true))
}
