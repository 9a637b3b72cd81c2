import Testing
@testable import Driver

@Test func DriverTargetBuilds() {
    #expect(Bool(true))
}
