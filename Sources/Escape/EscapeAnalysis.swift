import GoSema

/// Escape analysis of Go 1.19, done from source as `cmd/compile` does it:
/// every package of the program is analysed, dependencies first, so that
/// calls into them use real parameter tags; decisions are reported for the
/// packages asked for.
public enum EscapeAnalysis {
    /// Analyses `program` and reports the decisions of `reporting` (by
    /// default its analysed packages).
    public static func run(_ program: Program, reporting: [PackageInfo]? = nil, options: EscapeOptions = EscapeOptions()) -> EscapeReport {
        let wanted = Set((reporting ?? program.analysed).map(ObjectIdentifier.init))
        let tags = TagStore()
        var report = EscapeReport()
        for package in dependencyOrder(program) {
            let report_ = wanted.contains(ObjectIdentifier(package))
            guard package.bodiesChecked || report_ else { continue }
            PackageAnalysis(package: package, tags: tags, options: options).run(report: report_, into: &report)
        }
        return report
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
