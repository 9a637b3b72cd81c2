import ConcIR
import Findings
import RuleEngine

/// What the structural checks share about the whole program, built once
/// per run before the walk: the functions, the enabled rules, who spawns
/// whom, and the summaries some checks need (WaitGroup Done, read locks),
/// computed only when a check that needs them is enabled.
struct StructuralProgram {
    let index: AnalysedProgram
    let rules: [String: Rule]
    let sources: SourceText
    let limits: AnalysisLimits
    /// Functions started by a `go` statement.
    let spawnedByGo: Set<Int>
    /// For each such function, where it is started: (caller, site).
    let goSites: [Int: [(caller: Int, site: CallGraph.Site)]]
    /// Summaries of the built-in "calls wg.Done" model, when needed.
    let waitGroups: WaitGroupFacts?
    /// Places each function read-locks, when needed.
    let readLocks: ReadLockSummaries?
    /// The components of plain calls, when needed.
    let callCycles: CallCycles?

    /// - Parameter jobs: threads for the summaries (the engine's waves).
    init(index: AnalysedProgram, rules: [Rule], sources: SourceText, limits: AnalysisLimits, needs: Set<ProgramNeed>, jobs: Int = 1) {
        self.index = index
        self.rules = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.sources = sources
        self.limits = limits
        var spawned = Set<Int>()
        var sites: [Int: [(caller: Int, site: CallGraph.Site)]] = [:]
        for e in index.callGraph.edges where e.kind == .go {
            spawned.insert(e.to)
            sites[e.to, default: []].append((e.from, e.site))
        }
        spawnedByGo = spawned
        goSites = sites
        waitGroups = needs.contains(.waitGroups) ? WaitGroupFacts(index: index, limits: limits, jobs: jobs) : nil
        readLocks = needs.contains(.readLocks) ? ReadLockSummaries(index: index, jobs: jobs) : nil
        callCycles = needs.contains(.callCycles) ? CallCycles(index.callGraph) : nil
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
