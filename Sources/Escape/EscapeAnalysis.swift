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
    /// not, and nothing else, so the packages run in levels: each level
    /// holds the packages whose imports all lie in the levels before, and
    /// its packages run side by side on `options.jobs` threads. The report
    /// is put together in dependency order, as if they had run one by one.
    public static func run(_ program: Program, reporting: [PackageInfo]? = nil, options: EscapeOptions = EscapeOptions()) -> EscapeReport {
        let wanted = Set((reporting ?? program.analysed).map(ObjectIdentifier.init))
        let tags = TagStore()
        let order = dependencyOrder(program)
        var parts = Array(repeating: EscapeReport(), count: order.count)
        for level in levels(order) {
            let runs = level.filter { order[$0].bodiesChecked || wanted.contains(ObjectIdentifier(order[$0])) }
            let done = parallelMap(count: runs.count, jobs: options.jobs) { k -> EscapeReport in
                let package = order[runs[k]]
                var part = EscapeReport()
                PackageAnalysis(package: package, tags: tags, options: options)
                    .run(report: wanted.contains(ObjectIdentifier(package)), into: &part)
                return part
            }
            for (k, i) in runs.enumerated() { parts[i] = done[k] }
        }
        var report = EscapeReport()
        for part in parts { report.append(part) }
        return report
    }

    /// Indices into `order` (a dependency order) grouped by level: a
    /// package's level is one more than the highest level of its imports.
    /// Levels are computed over every package, analysed or not, so that a
    /// package comes after what it reaches through one that is skipped.
    static func levels(_ order: [PackageInfo]) -> [[Int]] {
        var level: [ObjectIdentifier: Int] = [:]
        var result: [[Int]] = []
        for (i, package) in order.enumerated() {
            let l = package.imports.reduce(0) { max($0, (level[ObjectIdentifier($1)] ?? -1) + 1) }
            level[ObjectIdentifier(package)] = l
            if l == result.count { result.append([]) }
            result[l].append(i)
        }
        return result
    }

    /// Every package of the program, each after the packages it imports.
    static func dependencyOrder(_ program: Program) -> [PackageInfo] {
        var order: [PackageInfo] = []
        var state: [ObjectIdentifier: Bool] = [:]   // false: in progress, true: done
        let roots = program.byPath.keys.sorted().compactMap { program.byPath[$0] } + program.analysed
        for root in roots where state[ObjectIdentifier(root)] == nil {
            var stack: [(PackageInfo, Int)] = [(root, 0)]
            state[ObjectIdentifier(root)] = false
            while var (p, i) = stack.popLast() {
                if i < p.imports.count {
                    let next = p.imports[i]
                    i += 1
                    stack.append((p, i))
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
