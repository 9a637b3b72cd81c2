import ConcIR
import Discovery
import Findings
import RuleEngine
import RuntimeModel

/// The goroutine leak and deadlock analysis (`analysis: leak`): for each
/// function that may start goroutines, explores the interleavings of it and
/// the goroutines it starts on the runtime model, and reports what a
/// witness interleaving shows: goroutines blocked forever, run-time panics
/// of channels and WaitGroups, Adds that race with Wait, goroutines that
/// never finish.
public struct LeakAnalysis: Analysis {
    public let name = "leak"

    public init() {}

    public func isNeeded(by rules: [Rule]) -> Bool {
        rules.contains { $0.analysis == name }
    }

    public func run(_ context: AnalysisContext) -> [Finding] {
        var rules: [String: Rule] = [:]
        for r in context.rules(for: name) where LeakRule(rawValue: r.id) != nil { rules[r.id] = r }
        guard !rules.isEmpty else { return [] }
        let shared = ProgramIndex(modules: context.modules, callGraph: context.callGraph)
        let skippable = CalleeSummaries(program: shared, callGraph: context.callGraph).skippableCalls
        let selection = RootSelection(program: shared, callGraph: context.callGraph)
        var configuration = MachineConfiguration()
        configuration.maxCallDepth = max(1, context.limits.callDepth)
        let roots = selection.roots

        // Each root is explored on its own, so roots run in parallel; each
        // worker keeps its own copy of the index (an index is not
        // thread-safe; the copies share their layouts) and results are
        // joined in root order.
        let perRoot = parallelMap(count: roots.count, jobs: context.jobs, worker: { () -> ProgramIndex in
            shared.worker()
        }) { program, i -> (findings: [Finding], summary: Explorer.Summary) in
            let root = roots[i]
            let machine = Machine(program: program, skippable: skippable, symbols: SymbolTable(), configuration: configuration)
            let explorer = Explorer(machine: machine, root: root, maxStates: context.limits.statesPerFunction)
            let isEntry = selection.programEntries.contains(root)
            var judge = LeakJudge(program: program, machine: machine, explorer: explorer, root: root,
                                  endsProgramOnReturn: isEntry && program[root].name.hasSuffix("main"),
                                  startsLongLivedGoroutines: selection.programLifetime.contains(root), rules: rules)
            judge.onceOnly = selection.onceOnly
            let summary = explorer.explore { judge.observe($0) }
            return (judge.finish(), summary)
        }

        var findings: [Finding] = []
        var seen = Set<String>()
        for (rootFindings, summary) in perRoot {
            context.statistics.add("leak.functions-explored")
            context.statistics.add("leak.states", summary.states)
            if summary.hitStateBound || summary.exceededMachineLimit {
                context.statistics.add("leak.functions-over-bound")
            }
            if summary.hitStateBound { context.statistics.add("leak.functions-over-state-bound") }
            if summary.exceededMachineLimit { context.statistics.add("leak.functions-over-machine-limit") }
            for f in rootFindings {
                let key = "\(f.ruleID)@\(f.location.file):\(f.location.line):\(f.location.column)"
                if seen.insert(key).inserted { findings.append(f) }
            }
        }
        return findings
    }
}
