import ConcIR
import Discovery
import Findings
import Foundation
import RuleEngine

/// One analysis over the concurrency IR (lifecycle typestate, goroutine
/// leaks and deadlocks, map races, sync misuse ...).
///
/// An analysis declares the rules it can report, so that the driver runs it
/// only when one of them is enabled (STYLE.md lesson 7), and reads shared
/// structures (modules, call graph) from the context instead of rebuilding
/// them. It returns raw findings; the rule engine then applies
/// configuration, suppression, levels and fingerprints.
public protocol Analysis: Sendable {
    /// Stable name, as rule files name it in `analysis:` ("lifecycle", "leak").
    var name: String { get }
    /// Whether the analysis has something to do for this rule set (for
    /// example: a rule with `analysis: <name>` is enabled).
    func isNeeded(by rules: [Rule]) -> Bool
    /// Runs over every module of the context. Must be deterministic and
    /// must not crash on any IR the validator accepts.
    func run(_ context: AnalysisContext) -> [Finding]
    /// Whether the analysis reuses earlier results through
    /// `AnalysisContext.memo` (the digests it needs are computed only then).
    var usesMemo: Bool { get }
}

extension Analysis {
    public var usesMemo: Bool { false }
}

/// What every analysis may read. Built once per run and shared.
public struct AnalysisContext: Sendable {
    /// The analysed packages' IR (dependencies' summaries come later).
    public let modules: [Module]
    /// The call graph over `modules`, spawn edges marked.
    public let callGraph: CallGraph
    /// The type environment and each function's graph and types, made once
    /// for every analysis of the run.
    public let shared: SharedFunctionFacts
    /// The enabled rules (already filtered by configuration).
    public var rules: [Rule]
    /// Statistics an analysis wants to report with `--stats` (name -> count).
    public var statistics: StatisticsSink
    /// Limits for bounded explorations.
    public var limits: AnalysisLimits
    /// The analysed files' text, for fixes (no fix is offered without it).
    public var sources: SourceText
    /// Threads an analysis may use. Its findings must not depend on it.
    public var jobs: Parallelism
    /// Results of earlier runs, for the units whose inputs did not change
    /// (nil: analyse everything). Findings must be the same either way.
    public var memo: AnalysisMemo?

    public init(modules: [Module], callGraph: CallGraph, rules: [Rule],
                statistics: StatisticsSink = StatisticsSink(), limits: AnalysisLimits = AnalysisLimits(),
                sources: SourceText = .none, jobs: Parallelism = 1, memo: AnalysisMemo? = nil) {
        self.modules = modules
        self.callGraph = callGraph
        shared = SharedFunctionFacts(modules: modules, callGraph: callGraph)
        self.rules = rules
        self.statistics = statistics
        self.limits = limits
        self.sources = sources
        self.jobs = jobs
        self.memo = memo
    }

    /// The enabled rules that name `analysis` in their `analysis:` field.
    public func rules(for analysis: String) -> [Rule] {
        rules.filter { $0.analysis == analysis }
    }

    /// Whether the rule `id` is enabled.
    public func isEnabled(_ id: String) -> Bool {
        rules.contains { $0.id == id }
    }
}

/// Bounds on explorations, configurable from the command line and config.
public struct AnalysisLimits: Sendable {
    /// Abstract states the runtime model explores per function before it
    /// gives up on that function (counted in --stats).
    public var statesPerFunction: Int
    /// How deep interprocedural summaries follow calls.
    public var callDepth: Int

    /// The default bound on states: on GOROOT/src, 3,129 of the 3,212
    /// explored functions need fewer than 500 states, 20 need 500 to 5,000,
    /// 5 need 5,000 to 20,000, and 58 reach a bound of 20,000, taking 75%
    /// of the exploration time (496 of 664 CPU seconds) for the few
    /// findings a longer search adds.
    public init(statesPerFunction: Int = 5_000, callDepth: Int = 8) {
        self.statesPerFunction = statesPerFunction
        self.callDepth = callDepth
    }
}

/// Thread-safe counters for `--stats` (functions that hit the state bound,
/// unresolved map accesses ...). Values print sorted by name.
public final class StatisticsSink: @unchecked Sendable {
    private var counts: [String: Int] = [:]
    private let lock = NSLock()

    public init() {}

    public func add(_ name: String, _ amount: Int = 1) {
        lock.lock()
        counts[name, default: 0] += amount
        lock.unlock()
    }

    /// Adds the wall-clock milliseconds since `start` under `name` (a
    /// `--stats` line such as `time: stage lowering`, for finding where a
    /// run spends its time; it varies from run to run, unlike the counts).
    public func addMilliseconds(_ name: String, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        add("\(name) (ms)", Int(milliseconds))
    }

    public var snapshot: [(name: String, count: Int)] {
        lock.lock()
        defer { lock.unlock() }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
