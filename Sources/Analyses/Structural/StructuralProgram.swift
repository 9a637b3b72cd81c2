import ConcIR
import Discovery
import Findings
import Foundation
import RuleEngine

/// What the structural checks share about the whole program, built once
/// per run before the walk: the functions, the enabled rules, who spawns
/// whom, and the summaries some checks need (WaitGroup Done, read locks),
/// computed on first use, so that a run whose walks are nearly all reused
/// (`StructuralReuse`) does not build them for nothing.
struct StructuralProgram {
    let index: AnalysedProgram
    let rules: [String: Rule]
    /// The files' text: checks read it through `FunctionScope.sources(reading:)`.
    let sources: SourceText
    let limits: AnalysisLimits
    /// Functions started by a `go` statement.
    let spawnedByGo: Set<Int>
    /// For each such function, where it is started: (caller, site).
    let goSites: [Int: [(caller: Int, site: CallGraph.Site)]]
    private let needs: Set<ProgramNeed>
    private let built: BuiltOnFirstUse

    /// - Parameter jobs: threads for the summaries (the engine's waves).
    init(index: AnalysedProgram, rules: [Rule], sources: SourceText, limits: AnalysisLimits, needs: Set<ProgramNeed>, jobs: Parallelism = 1) {
        self.index = index
        self.rules = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.sources = sources
        self.limits = limits
        self.needs = needs
        var spawned = Set<Int>()
        var sites: [Int: [(caller: Int, site: CallGraph.Site)]] = [:]
        for e in index.callGraph.edges where e.kind == .go {
            spawned.insert(e.to)
            sites[e.to, default: []].append((e.from, e.site))
        }
        spawnedByGo = spawned
        goSites = sites
        built = BuiltOnFirstUse(jobs: jobs)
    }

    /// Summaries of the built-in "calls wg.Done" model, when needed.
    var waitGroups: WaitGroupFacts? {
        guard needs.contains(.waitGroups) else { return nil }
        return built.value(\.waitGroups) { WaitGroupFacts(index: index, limits: limits, jobs: built.jobs) }
    }

    /// Places each function read-locks, when needed.
    var readLocks: ReadLockSummaries? {
        guard needs.contains(.readLocks) else { return nil }
        return built.value(\.readLocks) { ReadLockSummaries(index: index, jobs: built.jobs) }
    }

    /// The components of plain calls, when needed.
    var callCycles: CallCycles? {
        guard needs.contains(.callCycles) else { return nil }
        return built.value(\.callCycles) { CallCycles(index.callGraph) }
    }

    /// The method names of each type (read through `FunctionScope.methodNames(of:)`).
    var methodNames: MethodNames {
        built.value(\.methodNames) { MethodNames(index) }
    }

    /// A finding at the rule's level for the function's Go version; nil
    /// when the rule is not enabled or the position is unknown.
    func finding(_ ruleID: String, node: Int, at position: Position, _ message: String,
                 flows: [CodeFlow] = [], fixes: [Fix] = []) -> Finding? {
        guard let rule = rules[ruleID], position.isPresent else { return nil }
        let version = index.goVersion(of: node).map { GoLanguageVersion(major: $0.major, minor: $0.minor) }
        let at = Location(file: index.file(of: node), line: Int(position.line), column: Int(position.column))
        return Finding(ruleID: ruleID, category: rule.category, level: rule.level(for: version), message: message,
                       location: at, flows: flows, fixes: fixes)
    }
}

/// Program-wide facts a check may need; built only when asked for.
enum ProgramNeed: Hashable, Sendable {
    case waitGroups
    case readLocks
    case callCycles
}

/// The program facts built on first use, shared by every copy of the
/// program: one per run, filled as the walk asks.
private final class BuiltOnFirstUse: @unchecked Sendable {
    let jobs: Parallelism
    private let lock = NSLock()
    private var facts = Facts()

    struct Facts {
        /// Each is nil until first asked for, then holds what was built (which may be nil).
        var waitGroups: WaitGroupFacts??
        var readLocks: ReadLockSummaries?
        var callCycles: CallCycles?
        var methodNames: MethodNames?
    }

    init(jobs: Parallelism) { self.jobs = jobs }

    func value<T>(_ path: WritableKeyPath<Facts, T?>, build: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let known = facts[keyPath: path] { return known }
        let made = build()
        facts[keyPath: path] = made
        return made
    }
}
