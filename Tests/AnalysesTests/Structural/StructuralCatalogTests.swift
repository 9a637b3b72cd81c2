import Testing
@testable import Analyses

/// The dispatcher skips the walk of a function whose results it reuses:
/// a check must say how its results are kept, per function
/// (`FunctionLocalCheck`) or as facts joined at the end (`JoiningCheck`).
/// One that is neither would lose what the skipped walks would have shown it.
struct StructuralCatalogTests {
    @Test func everyCheckKeepsItsResultsOneWay() {
        let checks = StructuralCatalog.checks(for: Set(StructuralCatalog.ids))
        #expect(checks.count == StructuralCatalog.ids.count)
        #expect(checks.count >= 30)
        for check in checks {
            let local = check is any FunctionLocalCheck
            let joining = check is any JoiningCheck
            #expect(local != joining, "\(check.ruleID) is \(local ? "both" : "neither")")
        }
    }

    /// The joining checks each have their own slot among a function's
    /// facts: two sharing one would read each other's.
    @Test func joiningChecksHaveDistinctSlots() {
        let joining = StructuralCatalog.checks(for: Set(StructuralCatalog.ids)).compactMap { $0 as? any JoiningCheck }
        #expect(joining.count >= 7)
        func slot<C: JoiningCheck>(of check: C) -> AnyKeyPath { C.slot }
        let slots = Set(joining.map { slot(of: $0) })
        #expect(slots.count == joining.count)
    }
}
