import Discovery
import GoSema

/// Escape analysis of Go 1.19, done from source as `cmd/compile` does it:
/// every package of the program is analysed, dependencies first, so that
/// calls into them use real parameter tags; decisions are reported for the
/// packages asked for.
public enum EscapeAnalysis {
    /// Analyses `program` and reports the decisions of `reporting` (by
    /// default its analysed packages).
    ///
    /// A package needs the tags of the packages it imports, directly or
    /// not, and nothing else, so a package starts as soon as its imports
    /// are done, on `options.jobs` threads, those at the head of the
    /// longest chain of source that waits on them first. The report is put
    /// together in dependency order, as if they had run one by one.
    public static func run(_ program: Program, reporting: [PackageInfo]? = nil, options: EscapeOptions = EscapeOptions()) -> EscapeReport {
        let wanted = Set((reporting ?? program.analysed).map(ObjectIdentifier.init))
        let tags = TagStore()
        let order = dependencyOrder(program)
        let runs = order.map { $0.bodiesChecked || wanted.contains(ObjectIdentifier($0)) }
        let graph = PackageGraph(order, runs: runs)
        let parts = dependencyOrderedMap(count: order.count, dependencies: graph.imports, priority: graph.chainCost,
                                         jobs: options.jobs) { i -> EscapeReport in
            var part = EscapeReport()
            guard runs[i] else { return part }
            PackageAnalysis(package: order[i], tags: tags, options: options)
                .run(report: wanted.contains(ObjectIdentifier(order[i])), into: &part)
            return part
        }
        var report = EscapeReport()
        for part in parts { report.append(part) }
        return report
    }

    /// The packages of a dependency order as a graph: each one's imports
    /// (indices, every one earlier in the order), and the source bytes of
    /// the longest chain of analysed packages that starts at it and runs
    /// through what imports it, which is how long the run must go on after
    /// it starts. Skipped packages stay in the graph, cost nothing, and keep
    /// what is reached through them after what they import.
    struct PackageGraph {
        var imports: [[Int]]
        var chainCost: [Int]

        init(_ order: [PackageInfo], runs: [Bool]) {
            var position: [ObjectIdentifier: Int] = [:]
            for (i, p) in order.enumerated() { position[ObjectIdentifier(p)] = i }
            imports = order.map { p in p.imports.compactMap { position[ObjectIdentifier($0)] } }
            let cost = order.indices.map { i in runs[i] ? order[i].sourceBytes : 0 }
            var longestAfter = [Int](repeating: 0, count: order.count)
            // Importers come later in the order, so walking back sees them first.
            for i in order.indices.reversed() {
                for d in imports[i] { longestAfter[d] = max(longestAfter[d], cost[i] + longestAfter[i]) }
            }
            chainCost = order.indices.map { cost[$0] + longestAfter[$0] }
        }
    }

    /// Every package of the program, each after the packages it imports.
    static func dependencyOrder(_ program: Program) -> [PackageInfo] {
        var order: [PackageInfo] = []
        var state: [ObjectIdentifier: Bool] = [:]   // false: in progress, true: done
        let roots = program.byPath.keys.sorted().compactMap { program.byPath[$0] } + program.analysed
        for root in roots where state[ObjectIdentifier(root)] == nil {
            var stack: [(PackageInfo, Int)] = [(root, 0)]
            state[ObjectIdentifier(root)] = false
            while let (p, i) = stack.popLast() {
                if i < p.imports.count {
                    let next = p.imports[i]
                    stack.append((p, i + 1))
                    if state[ObjectIdentifier(next)] == nil {
                        state[ObjectIdentifier(next)] = false
                        stack.append((next, 0))
                    }
                    continue
                }
                state[ObjectIdentifier(p)] = true
                order.append(p)
            }
        }
        return order
    }
}
