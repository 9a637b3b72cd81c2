import Discovery
import Escape
import Findings
import GoSema
import GoSyntax
import RuleEngine

/// The escape rules (ES1001–ES1003): heap allocations where a team asked
/// for none. A function is held to no allocation by a `//conclint:noalloc`
/// line in its doc comment, or by `escape: noalloc:` in `.conclint.yml`
/// (functions by name, files by glob). Only packages holding such a
/// function are analysed, so the stage costs nothing elsewhere.
public struct EscapeStage: LintStage {
    public static let everyAllocation = "ES1001"
    public static let allocationInLoop = "ES1002"
    public static let avoidableAllocation = "ES1003"

    public var loader: LoaderOptions

    public init(loader: LoaderOptions) {
        self.loader = loader
        self.loader.checkDependencyBodies = true
    }

    public var name: String { "escape" }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        guard let setup = state[LintSetup.self] else { return }
        let rules = Dictionary(setup.enabledRules.filter { $0.id.hasPrefix("ES10") }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard !rules.isEmpty else { return }
        let scope = NoAllocScope(configuration: setup.configuration.noAlloc)
        var packages: [AnalysedPackage] = []
        var versions: [String: GoLanguageVersion] = [:]
        for p in input.packages {
            let trees = p.files.compactMap(\.tree)
            guard !trees.isEmpty, trees.contains(where: { scope.marks(tree: $0, importPath: p.source.importPath) }) else { continue }
            let version = input.languageVersion(of: p.source)
            for t in trees { versions[t.source.path] = GoLanguageVersion(version.description) }
            packages.append(AnalysedPackage(
                importPath: p.source.importPath, name: p.source.name, directory: p.source.directory, trees: trees,
                moduleRoot: p.source.module?.directory, modulePath: p.source.module?.path, goVersion: version.description))
        }
        guard !packages.isEmpty else { return }
        let program = ProgramLoader.load(packages, options: loader)
        let report = EscapeAnalysis.run(program, options: EscapeOptions(explain: true, jobs: loader.jobs))
        var files: [String: TypedFile] = [:]
        var importPaths: [String: String] = [:]
        for package in program.analysed {
            for f in package.files {
                files[f.path] = f
                importPaths[f.path] = package.path
            }
        }
        var noallocByFile: [String: Set<NodeID>] = [:]
        for d in report.ordered where d.kind == .movedToHeap || d.kind == .escapesToHeap {
            guard let file = files[d.path] else { continue }
            if noallocByFile[d.path] == nil {
                noallocByFile[d.path] = scope.functions(in: file.tree, importPath: importPaths[d.path] ?? "")
            }
            let noalloc = noallocByFile[d.path]?.contains(d.declaration) ?? false
            var ruleID: String? = nil
            var message = ""
            if let classic = AvoidableAllocation.classify(d, file: file), rules[Self.avoidableAllocation] != nil {
                ruleID = Self.avoidableAllocation
                message = "\(Self.what(d)) (\(classic.shape)): \(classic.fix)"
            } else if noalloc && d.inLoop && rules[Self.allocationInLoop] != nil {
                ruleID = Self.allocationInLoop
                message = "\(Self.what(d)) in a loop of noalloc function \(d.function)\(Self.because(d))"
            } else if noalloc && rules[Self.everyAllocation] != nil {
                ruleID = Self.everyAllocation
                message = "\(Self.what(d)) in noalloc function \(d.function)\(Self.because(d))"
            }
            guard let ruleID, let rule = rules[ruleID] else { continue }
            let start = file.tree.source.location(of: d.siteOffset == 0 ? d.offset : d.siteOffset)
            let at = Location(file: d.path, line: start.line, column: start.column)
            output.findings.append(Finding(ruleID: ruleID, category: rule.category, level: rule.level(for: versions[d.path] ?? nil),
                                           message: message, location: at, flows: Self.flows(d, at)))
        }
    }

    /// "x is moved to heap", "make([]byte, n) escapes to heap".
    static func what(_ d: EscapeDecision) -> String {
        if d.kind == .movedToHeap { return d.message.replacingOccurrences(of: "moved to heap: ", with: "") + " is moved to heap" }
        return d.message
    }

    /// ": &x flows to p (line 12), p flows to the heap (line 14)".
    static func because(_ d: EscapeDecision) -> String {
        if let reason = d.heapReason { return ": \(reason.rawValue)" }
        guard !d.explanation.isEmpty else { return "" }
        return ": " + d.explanation.map { "\($0.text), line \($0.line)" }.joined(separator: "; ")
    }

    /// The chain of flows as a SARIF code flow.
    static func flows(_ d: EscapeDecision, _ at: Location) -> [CodeFlow] {
        guard !d.explanation.isEmpty else { return [] }
        var steps = [Findings.FlowStep(location: at, message: what(d))]
        for e in d.explanation {
            steps.append(Findings.FlowStep(location: Location(file: e.path.isEmpty ? at.file : e.path, line: e.line, column: e.column),
                                           message: e.text))
        }
        return [CodeFlow(message: what(d), threads: [ThreadFlow(name: d.function, steps: steps)])]
    }
}
