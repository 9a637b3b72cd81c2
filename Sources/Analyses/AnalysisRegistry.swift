/// Every analysis conclint runs, in a fixed order (output order does not
/// depend on it: findings are sorted at the end).
public enum AnalysisRegistry {
    public static let all: [any Analysis] = [
        LifecycleAnalysis(),
        StructuralAnalysis(),
        LeakAnalysis(),
        MapRaceAnalysis(),
        CgoAnalysis(),
    ]
}
