import Testing
@testable import GoSema

@Test func GoSemaTargetBuilds() {
    #expect(Bool(true))
}
