import Discovery
import Findings

/// `conclint lint` end to end: discovery, reading and parsing on `jobs`
/// threads, the stages in order, then one sorted `RunResult`. Output never
/// depends on `jobs`: per-file work is stored by index and everything is
/// sorted before it is returned.
public struct LintPipeline: Sendable {
    public var stages: [any LintStage]

    public init(stages: [any LintStage]) {
        self.stages = stages
    }

    /// The stages that exist today. Type checking, lowering, analyses and
    /// the rule engine are appended here as they land.
    public static var standard: LintPipeline { LintPipeline(stages: [SyntaxErrorStage()]) }

    public func run(_ configuration: RunConfiguration) -> RunResult {
        let workspace = WorkspaceDiscovery.discover(configuration.paths, options: configuration.discoveryOptions)
        let loaded = SourceLoader.load(workspace.allFiles, workspace: workspace,
                                       reader: configuration.reader, jobs: configuration.jobs)
        var output = StageOutput()
        output.notifications = workspace.notifications.map(Notification.init) + loaded.compactMap(\.failure)

        // `loaded` follows `allFiles`, which lists each package's files in turn.
        var offset = 0
        var packages: [ParsedPackage] = []
        for package in workspace.packages {
            let files = loaded[offset..<offset + package.files.count].map(\.file).filter { $0.tree != nil }
            offset += package.files.count
            packages.append(ParsedPackage(source: package, files: files))
        }
        let parsed = ParsedWorkspace(workspace: workspace, packages: packages,
                                     goVersionOverride: configuration.goVersionOverride)
        var state = PipelineState()
        for stage in stages { stage.run(parsed, state: &state, output: &output) }
        return RunResultAssembly.assemble(output, root: workspace.root)
    }
}

/// Puts stage output into the one deterministic order reporters print.
enum RunResultAssembly {
    static func assemble(_ output: StageOutput, root: String) -> RunResult {
        let findings = stableSorted(output.findings, by: Finding.precedes)
        let notifications = stableSorted(output.notifications, by: Notification.precedes)
        let fired = Set(findings.map(\.ruleID))
        var rules: [String: RuleDescriptor] = [:]
        for rule in output.rules where fired.contains(rule.id) && rules[rule.id] == nil { rules[rule.id] = rule }
        return RunResult(root: root, rules: rules.values.sorted { $0.id < $1.id }, findings: findings,
                         notifications: notifications, toolVersion: ToolInfo.version)
    }

    /// Sorts, keeping the input order of elements the comparison calls equal.
    static func stableSorted<T>(_ items: [T], by precedes: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            if precedes(a.element, b.element) { return true }
            if precedes(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
