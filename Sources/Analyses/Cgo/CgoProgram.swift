import ConcIR
import Discovery
import Findings
import RuleEngine

/// What the cgo checks share in one run: the program, the enabled rules,
/// and facts built once on first use (each function's CFG and types, which
/// functions free a parameter, which return fresh C memory). Only read
/// after construction, apart from those caches; one per run.
final class CgoProgram: @unchecked Sendable {
    let index: AnalysedProgram
    let rules: [String: Rule]
    private var factsCache: [Int: FunctionFacts] = [:]
    private var cMemoryCache: CMemoryFacts?
    private var freedPointerCache: [Int: [FreedPointerEvent]] = [:]
    private var throttleCache: Throttle?
    private var threadLockingCache: ThreadLocking?
    private var blockingCache: [Set<String>: BlockingCalls] = [:]
    private var blockingByRule: [String: BlockingCalls] = [:]
    private var listedCache: [String: Set<String>] = [:]
    private var componentsCache: [[Int]]?
    private var callNamesCache: CallNames?
    /// Whether each node is a C function's stub, by node (`CNames.isC` once per name).
    private let cFunctions: [Bool]

    /// Threads for the program-wide tables it may be the first to ask for.
    let jobs: Parallelism

    init(index: AnalysedProgram, rules: [Rule], jobs: Parallelism = 1) {
        self.index = index
        self.jobs = jobs
        self.rules = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        cFunctions = index.callGraph.names.map(CNames.isC)
    }

    func isEnabled(_ id: String) -> Bool { rules[id] != nil }

    /// The function names a rule's `calls:` list holds (`C.sleep`,
    /// `syscall.Read`), built once per rule: the blocking-call checks ask
    /// for every function (over a quarter of the cgo analysis on GOROOT/src
    /// when each ask built the set of forty names again).
    func listedCalls(_ id: String) -> Set<String> {
        if let known = listedCache[id] { return known }
        let built = Set(rules[id]?.calls.map(\.description) ?? [])
        listedCache[id] = built
        return built
    }

    func facts(_ node: Int) -> FunctionFacts {
        if let known = factsCache[node] { return known }
        let f = FunctionFacts(node: node, program: index)
        factsCache[node] = f
        return f
    }

    /// Who frees and who allocates C memory, for the memory checks.
    var cMemory: CMemoryFacts {
        if let known = cMemoryCache { return known }
        let built = CMemoryFacts(program: self)
        cMemoryCache = built
        return built
    }

    /// The call graph's components, bottom-up (callees first), for the
    /// summaries built over them.
    var components: [[Int]] {
        if let known = componentsCache { return known }
        let built = index.callGraph.stronglyConnectedComponents()
        componentsCache = built
        return built
    }

    /// What each function's calls name, for the rules' cheap looks.
    var callNames: CallNames {
        if let known = callNamesCache { return known }
        let built = CallNames(FunctionReferences.table(index, jobs: jobs))
        callNamesCache = built
        return built
    }

    /// Lock and unlock helpers of the OS thread, shared by CG1020 and CG1021.
    var threadLocking: ThreadLocking {
        if let known = threadLockingCache { return known }
        let built = ThreadLocking(program: self)
        threadLockingCache = built
        return built
    }

    /// Which functions may block in one of the calls rule `id` lists,
    /// shared by the rules that list the same calls.
    func blockingCalls(forRule id: String) -> BlockingCalls {
        if let known = blockingByRule[id] { return known }
        let names = listedCalls(id)
        let built = blockingCache[names] ?? BlockingCalls(program: self, names: names)
        blockingCache[names] = built
        blockingByRule[id] = built
        return built
    }

    /// Second frees and uses after `C.free` in function `node`, for CG1002 and CG1003.
    func freedPointerEvents(at node: Int) -> [FreedPointerEvent] {
        if let known = freedPointerCache[node] { return known }
        let found = FreedPointerSearch.events(at: node, self)
        freedPointerCache[node] = found
        return found
    }

    /// The semaphores that bound blocking goroutines, for CG1010.
    var throttle: Throttle {
        if let known = throttleCache { return known }
        let built = Throttle(program: self)
        throttleCache = built
        return built
    }

    /// Whether the function is a stub the cgo stage made for a C function of a preamble.
    func isCFunction(_ node: Int) -> Bool { cFunctions[node] }

    /// A finding at the rule's level for the function's Go version; nil
    /// when the rule is not enabled or the position is unknown.
    func finding(_ ruleID: String, node: Int, at position: Position, _ message: String, flows: [CodeFlow] = []) -> Finding? {
        guard let rule = rules[ruleID], position.isPresent else { return nil }
        let version = index.goVersion(of: node).map { GoLanguageVersion(major: $0.major, minor: $0.minor) }
        let at = Location(file: index.file(of: node), line: Int(position.line), column: Int(position.column))
        return Finding(ruleID: ruleID, category: rule.category, level: rule.level(for: version),
                       message: message + rule.messageSuffix(for: version), location: at, flows: flows)
    }

    /// A location in the function's file.
    func location(_ node: Int, _ position: Position) -> Location? {
        guard position.isPresent else { return nil }
        return Location(file: index.file(of: node), line: Int(position.line), column: Int(position.column))
    }
}

/// How C names look in the IR: `cgo.call C.free(p)` calls `C.free`, and
/// the stub of a C function a preamble defines is `pkg._Cfunc_name` (as cgo
/// names it), so that two packages' C functions of one name stay apart.
enum CNames {
    static let stubMarker = "._Cfunc_"

    /// A byte search, not Foundation's `contains` (a tenth of the cgo
    /// analysis when it was asked for every function by every rule).
    static func isC(_ name: String) -> Bool {
        if name.hasPrefix("C.") { return true }
        let marker = Array(stubMarker.utf8)
        let bytes = Array(name.utf8)
        guard bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if bytes[start..<start + marker.count].elementsEqual(marker) { return true }
        }
        return false
    }

    /// The name a message shows for a function (`resolve`, `(*Conn).Close`, `C.lookup`).
    static func short(_ name: String) -> String {
        if let r = name.range(of: stubMarker) { return "C." + name[r.upperBound...] }
        return name.hasPrefix("C.") ? name : ShortName.of(name)
    }
}
