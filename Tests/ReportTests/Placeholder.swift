import Testing
@testable import Report

@Test func ReportTargetBuilds() {
    #expect(Bool(true))
}
