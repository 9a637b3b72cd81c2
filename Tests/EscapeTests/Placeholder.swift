import Testing
@testable import Escape

@Test func EscapeTargetBuilds() {
    #expect(Bool(true))
}
