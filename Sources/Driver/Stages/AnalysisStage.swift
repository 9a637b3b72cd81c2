import Analyses
import ConcIR
import Discovery
import Findings
import GoSema
import RuleEngine

/// Runs every analysis some enabled rule needs, over the IR of the run,
/// sharing one call graph.
public struct AnalysisStage: LintStage {
    public var analyses: [any Analysis]
    public var limits: AnalysisLimits
    /// Threads the analyses may use (`--jobs`).
    public var jobs: Int

    public init(analyses: [any Analysis], limits: AnalysisLimits = AnalysisLimits(), jobs: Int = 1) {
        self.analyses = analyses
        self.limits = limits
        self.jobs = jobs
    }

    public var name: String { "analyses" }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        guard let setup = state[LintSetup.self] else { return }
        let modules = state[[Module].self] ?? []
        let enabled = setup.enabledRules
        let needed = analyses.filter { $0.isNeeded(by: enabled) }
        guard !needed.isEmpty, !modules.isEmpty else { return }
        let callGraph = CallGraph(modules: modules)
        setup.statistics.add("callgraph.edges", callGraph.edges.count)
        setup.statistics.add("callgraph.interface-calls-unfollowed", callGraph.unfollowedInterfaceCalls)
        // The run as a whole missed the cache: analyses that can reuse the
        // results of unchanged parts get the digests they key them by.
        var memo: AnalysisMemo?
        if let store = state[ResultCache.self], needed.contains(where: \.usesMemo) {
            let started = ContinuousClock.now
            let digests = FunctionDigests(modules: modules, imports: Self.imports(of: state[Program.self], modules: modules),
                                          callGraph: callGraph, jobs: Parallelism(threads: jobs))
            memo = AnalysisMemo(store: store, salt: "\(ResultCache.magic) \(BuildIdentity.current)", digests: digests)
            setup.statistics.addMilliseconds("time: function digests", since: started)
        }
        // The analyses share nothing they write (the statistics sink is
        // locked), so they run side by side, and each splits its own work
        // across the same threads: whichever finishes first lends its
        // thread to the maps of those still running (`ThreadShare`).
        // Findings come back in the analyses' order, whatever the threads.
        let order = Self.startOrder(needed.map(\.name))
        let found = ThreadShare.run(threads: jobs) { share -> [[Finding]] in
            let context = AnalysisContext(modules: modules, callGraph: callGraph, rules: enabled,
                                          statistics: setup.statistics, limits: limits,
                                          sources: Self.sources(of: input), jobs: Parallelism(sharing: share), memo: memo)
            return parallelMap(count: needed.count, jobs: context.jobs) { k -> [Finding] in
                let analysis = needed[order[k]]
                let started = ContinuousClock.now
                let findings = analysis.run(context)
                setup.statistics.addMilliseconds("time: analysis \(analysis.name)", since: started)
                return findings
            }
        }
        var inRegistryOrder = Array(repeating: [Finding](), count: needed.count)
        for (k, i) in order.enumerated() { inRegistryOrder[i] = found[k] }
        for findings in inRegistryOrder { output.findings += findings }
    }

    /// The analyses that take longest start first, so that the threads
    /// finish together instead of one running the longest analysis alone
    /// at the end. Measured on GOROOT/src (`--stats` seconds at 2af319c):
    /// map races 5.2, leaks 3.5, structural 2.4, lifecycle 1.6, cgo 0.8.
    /// (Lifecycle came third until d6c696c halved it.) Since the analyses
    /// share their threads, one that ends early lends its thread to the
    /// nested maps of the others, so the order now matters only for the
    /// analyses that split no work of their own.
    static let longestFirst = ["maprace", "leak", "structural", "lifecycle", "cgo"]

    /// Indices into `names` in the order to start them: those
    /// `longestFirst` names in its order, then any others as listed.
    static func startOrder(_ names: [String]) -> [Int] {
        let rank = Dictionary(uniqueKeysWithValues: longestFirst.enumerated().map { ($1, $0) })
        return names.indices.sorted { a, b in
            let ra = rank[names[a]] ?? longestFirst.count, rb = rank[names[b]] ?? longestFirst.count
            return ra != rb ? ra < rb : a < b
        }
    }

    /// For each module, the modules whose declarations its IR may name:
    /// those of the packages it imports, directly or through packages that
    /// are not analysed, found by import path (a test's importers may see a
    /// copy of a package, whose types go by the same names). The lowering
    /// makes one module per analysed package, in order; the modules after
    /// those come from `.cir` files, which declare no imports, so they and
    /// every module count as importing all of them.
    static func imports(of program: Program?, modules: [Module]) -> [[Int]] {
        let lowered = min(program?.analysed.count ?? 0, modules.count)
        let handWritten = Array(lowered..<modules.count)
        var byPath: [String: [Int]] = [:]
        for (i, m) in modules.enumerated() { byPath[m.packagePath, default: []].append(i) }
        var result = Array(repeating: handWritten, count: modules.count)
        for i in handWritten { result[i] = Array(modules.indices) }
        guard let program else { return result }
        for (i, package) in program.analysed.prefix(lowered).enumerated() {
            var seen: Set<ObjectIdentifier> = [ObjectIdentifier(package)]
            var work = package.imports
            var found = Set(handWritten)
            while let next = work.popLast() {
                guard seen.insert(ObjectIdentifier(next)).inserted else { continue }
                found.formUnion(byPath[next.path] ?? [])
                work += next.imports
            }
            result[i] = found.sorted()
        }
        return result
    }

    /// The parsed files' text, named as the IR names them.
    static func sources(of input: ParsedWorkspace) -> SourceText {
        var files: [String: SourceText.File] = [:]
        for package in input.packages {
            for file in package.files {
                guard let source = file.tree?.source else { continue }
                files[source.path] = SourceText.File(bytes: source.bytes, lineStarts: source.lineStarts)
            }
        }
        return SourceText(parsed: files)
    }
}
