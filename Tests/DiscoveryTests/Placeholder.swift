import Testing
@testable import Discovery

@Test func DiscoveryTargetBuilds() {
    #expect(Bool(true))
}
