import Testing
@testable import Analyses

@Test func AnalysesTargetBuilds() {
    #expect(Bool(true))
}
