import Testing
@testable import RuleEngine

@Test func RuleEngineTargetBuilds() {
    #expect(Bool(true))
}
