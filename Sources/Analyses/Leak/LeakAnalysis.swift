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
    public var usesMemo: Bool { true }

    public init() {}

    public func isNeeded(by rules: [Rule]) -> Bool {
        rules.contains { $0.analysis == name }
    }

    public func run(_ context: AnalysisContext) -> [Finding] {
        var rules: [String: Rule] = [:]
        for r in context.rules(for: name) where LeakRule(rawValue: r.id) != nil { rules[r.id] = r }
        guard !rules.isEmpty else { return [] }
        let facts = context.shared
        let shared = ProgramIndex(modules: context.modules, callGraph: context.callGraph, environment: facts.environment,
                                  shared: .init(cfg: { facts.cfg($0) }, types: { facts.types($0) }))
        let summaries = CalleeSummaries(program: shared, callGraph: context.callGraph)
        let skippable = summaries.skippableCalls
        let selection = RootSelection(program: shared, callGraph: context.callGraph, graphs: facts)
        var configuration = MachineConfiguration()
        configuration.maxCallDepth = max(1, context.limits.callDepth)
        let roots = selection.roots

        // Each root is explored on its own, so roots run in parallel; each
        // worker keeps its own copy of the index (an index is not
        // thread-safe; the copies share their layouts) and results are
        // joined in root order. With a memo, the roots of packages whose
        // every root has an unchanged closure come from the earlier run.
        let cache = context.memo.map { memo in
            LeakAnalysis.rootCache(memo, roots: roots, selection: selection, summaries: summaries, program: shared,
                                   rules: rules, context: context)
        }
        let pending = roots.indices.filter { cache?.cached[$0] == nil }
        let explored = parallelMap(count: pending.count, jobs: context.jobs, worker: { () -> ProgramIndex in
            shared.worker()
        }) { program, k -> RootResult in
            let root = roots[pending[k]]
            let machine = Machine(program: program, skippable: skippable, symbols: SymbolTable(), configuration: configuration)
            let explorer = Explorer(machine: machine, root: root, maxStates: context.limits.statesPerFunction)
            let isEntry = selection.programEntries.contains(root)
            var judge = LeakJudge(program: program, machine: machine, explorer: explorer, root: root,
                                  endsProgramOnReturn: isEntry && FunctionName.isProgramMain(program[root].name),
                                  startsLongLivedGoroutines: selection.programLifetime.contains(root), rules: rules)
            judge.onceOnly = selection.onceOnly
            let summary = explorer.explore { judge.observe($0) }
            return RootResult(findings: judge.finish(), states: summary.states, hitStateBound: summary.hitStateBound,
                              exceededMachineLimit: summary.exceededMachineLimit)
        }
        var perRoot = cache?.cached ?? Array(repeating: nil, count: roots.count)
        for (k, i) in pending.enumerated() { perRoot[i] = explored[k] }
        let results = perRoot.map { $0 ?? RootResult(findings: [], states: 0, hitStateBound: false, exceededMachineLimit: nil) }
        if let cache {
            cache.store(results, jobs: context.jobs)
            context.statistics.add("cache.leak-roots-reused", cache.reusedUnits)
        }

        var findings: [Finding] = []
        var seen = Set<String>()
        for result in results {
            context.statistics.add("leak.functions-explored")
            context.statistics.add("leak.states", result.states)
            if result.hitStateBound || result.exceededMachineLimit != nil {
                context.statistics.add("leak.functions-over-bound")
            }
            if result.hitStateBound { context.statistics.add("leak.functions-over-state-bound") }
            if let limit = result.exceededMachineLimit {
                context.statistics.add("leak.functions-over-machine-limit")
                context.statistics.add("leak.functions-over-machine-limit.\(limit.rawValue)")
            }
            for f in result.findings {
                let key = "\(f.ruleID)@\(f.location.file):\(f.location.line):\(f.location.column)"
                if seen.insert(key).inserted { findings.append(f) }
            }
        }
        return findings
    }
}

extension LeakAnalysis {
    /// What exploring one root produced: its findings and the counts
    /// `--stats` reports.
    struct RootResult: Codable {
        var findings: [Finding]
        var states: Int
        var hitStateBound: Bool
        var exceededMachineLimit: MachineLimit?
    }

    /// The stored results of the roots. A root's key hashes what its
    /// exploration can read: the functions the machine may enter from it
    /// (static calls, an interface or function-value call with a single
    /// target, function values it creates: not the implementations of an
    /// interface with several, which it treats as unknown code), and for
    /// each of them its callee summary (which folds in every callee, entered
    /// or not) and whether only a `sync.Once` runs it (decided by its
    /// callers); and whether the root runs for the life of the program (also
    /// decided by callers).
    static func rootCache(_ memo: AnalysisMemo, roots: [FunctionRef], selection: RootSelection, summaries: CalleeSummaries,
                          program: ProgramIndex, rules: [String: Rule], context: AnalysisContext) -> UnitCache<RootResult> {
        let once = selection.onceOnly
        let functions = program.functions
        let closure = ClosureKeys(digests: memo.digests, callGraph: context.callGraph, follows: { edge in
            guard edge.kind == .call || edge.kind == .go || edge.kind == .defer, edge.from < functions.count else { return true }
            let blocks = functions[edge.from].blocks
            guard edge.site.block < blocks.count, edge.site.instruction < blocks[edge.site.block].instructions.count else { return true }
            switch blocks[edge.site.block].instructions[edge.site.instruction].callee {
            case .interface(_, let implementations)?: return implementations.count == 1
            case .dynamic(_, let targets)?: return targets.count == 1
            default: return true
            }
        }, extra: { node in
            guard node < functions.count else { return [] }
            let summary = summaries[FunctionRef(node)]
            var bytes: [UInt8] = [once.contains(FunctionRef(node)) ? 1 : 0, summary.touchesConcurrency ? 1 : 0]
            for p in summary.parameters { bytes += [UInt8(truncatingIfNeeded: p.rawValue), UInt8(truncatingIfNeeded: p.rawValue >> 8)] }
            return bytes
        })
        let settings = rules.keys.sorted().map { id in
            let r = rules[id]!
            return "\(r.id) \(r.category) \(r.level)"
        }.joined(separator: ",") + " states \(context.limits.statesPerFunction) depth \(context.limits.callDepth)"
        let nodes = context.callGraph.nodes
        let packages = context.modules.map(\.cacheGroup)
        return UnitCache(memo: memo, kind: "leak", settings: settings, count: roots.count,
                         group: { i in roots[i].index < nodes.count ? packages[nodes[roots[i].index].module] : "" },
                         key: { i in
                             // The closure's key is its component's: the root's own digest
                             // tells apart two roots of one call cycle.
                             let root = roots[i].index
                             let key = closure.key(root)
                             guard !key.isEmpty, root < memo.digests.count else { return [] }
                             return Array(memo.digests[root]) + key + [selection.programLifetime.contains(roots[i]) ? 1 : 0]
                         })
    }
}
