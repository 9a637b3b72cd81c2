import Analyses
import Cgo
import ConcIR
import Discovery
import Findings
import Foundation
import GoSema
import RuleEngine

/// The lint run, end to end: discovery, rules and configuration (checked
/// before anything else, so that a bad file stops the run with exit 2),
/// reading and parsing on all cores, then the stages in order: syntax
/// errors, types, lowering, analyses, the rule engine.
public struct LintPipeline: Sendable {
    public var stages: [any LintStage]

    public init(stages: [any LintStage]) {
        self.stages = stages
    }

    /// The stages every `conclint lint` runs. `cReader` reads the cgo
    /// preambles (tests hand in one without libclang, or one that counts).
    public static func standard(_ configuration: RunConfiguration,
                                cReader: CPreambleReader = CPreambleReader()) -> LintPipeline {
        var limits = AnalysisLimits()
        if let states = configuration.maxStates { limits.statesPerFunction = states }
        let loader = LoaderOptions.fromEnvironment(buildContext: configuration.buildContext, jobs: configuration.jobs)
        return LintPipeline(stages: [
            SyntaxErrorStage(),
            TypeCheckStage(loader: loader),
            EscapeStage(loader: loader),
            LoweringStage(jobs: configuration.jobs),
            CgoStage(buildContext: configuration.buildContext, reader: cReader, jobs: configuration.jobs),
            AnalysisStage(analyses: AnalysisRegistry.all, limits: limits, jobs: configuration.jobs),
            RuleEngineStage(),
        ])
    }

    /// What a run produced, and the level that fails it.
    public struct Outcome: Sendable {
        public var result: RunResult
        public var failOn: Level
        public var statistics: [(name: String, count: Int)]
        /// The IR of the run (for `conclint ir`).
        public var modules: [Module]
        /// What discovery found (for `--shard`).
        public var workspace: Workspace
        /// What the run built; nil for an answer from the cache.
        public var memory: RunMemory?
    }

    /// Runs the pipeline. Throws only for configuration problems (bad
    /// `.conclint.yml`, rule files), before any output. With `useCache`,
    /// a run whose inputs are all unchanged is answered from the cache
    /// (RunCache.swift), and a fresh run is stored there.
    public func run(_ configuration: RunConfiguration, useCache: Bool = false) throws -> Outcome {
        // `.cir` files are IR written by hand; everything else goes to discovery.
        let irPaths = configuration.paths.filter { $0.hasSuffix(".cir") }
        let goPaths = configuration.paths.filter { !$0.hasSuffix(".cir") }
        let workspace = goPaths.isEmpty && !irPaths.isEmpty
            ? Workspace(root: configuration.workingDirectory, module: nil, packages: [], notifications: [])
            : WorkspaceDiscovery.discover(goPaths, options: configuration.discoveryOptions)

        var setup = try LintSetup.load(configFile: configuration.configFile, ruleDirectories: configuration.ruleDirectories,
                                       moduleRoot: workspace.module?.directory ?? workspace.root,
                                       workingDirectory: configuration.workingDirectory,
                                       environment: configuration.environment)
        if configuration.reportUnusedIgnores { setup.configuration.reportUnusedIgnores = true }
        let cache = configuration.workflow.cacheDirectory.flatMap { directory in
            useCache ? RunCache(cache: ResultCache(directory: directory), configuration: configuration, workspace: workspace,
                                setup: setup, stages: stages, irPaths: irPaths) : nil
        }
        if var hit = cache?.lookup(workspace: workspace, jobs: configuration.jobs) {
            hit.failOn = configuration.failOn ?? setup.configuration.failOn
            return hit
        }

        let started = ContinuousClock.now
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
        state[LintSetup.self] = setup
        // The run as a whole missed the cache; the analyses may still
        // reuse the results of the parts of the program that did not change.
        if let cache { state[ResultCache.self] = cache.cache }
        state[IRFiles.self] = IRFileLoader.load(irPaths, workspace: workspace, reader: configuration.reader,
                                                 notifications: &output.notifications)
        setup.statistics.addMilliseconds("time: read and parse", since: started)
        for stage in stages {
            let stageStarted = ContinuousClock.now
            stage.run(parsed, state: &state, output: &output)
            setup.statistics.addMilliseconds("time: stage \(stage.name)", since: stageStarted)
        }
        let result = RunResultAssembly.assemble(output, root: workspace.root)
        let outcome = Outcome(result: result, failOn: configuration.failOn ?? setup.configuration.failOn,
                              statistics: setup.statistics.snapshot, modules: state[[Module].self] ?? [], workspace: workspace,
                              memory: RunMemory(parsed: parsed, state: state))
        cache?.store(outcome, program: state[Program.self], workspace: workspace, jobs: configuration.jobs)
        return outcome
    }
}

/// Reads `.cir` files: each is one module; one that does not parse is a
/// notification with its line and column, and the others go on.
enum IRFileLoader {
    static func load(_ paths: [String], workspace: Workspace, reader: SourceReader,
                     notifications: inout [Findings.Notification]) -> IRFiles {
        var files = IRFiles()
        for path in paths {
            let absolute = PathUtilities.absolute(path, relativeTo: FileManager.default.currentDirectoryPath)
            let display = workspace.displayPath(absolute)
            switch reader.read(absolute) {
            case .failure(let failure):
                notifications.append(Notification(kind: .error, file: display, message: failure.description))
            case .success(let bytes):
                do {
                    var module = try DSL.parse(bytes: bytes, path: display)
                    // Positions of a module without `file` lines are in the .cir file itself.
                    if module.files.isEmpty { module.files = [display] }
                    files.modules.append(module)
                } catch let error as DSLError {
                    notifications.append(Notification(kind: .error, file: display, line: error.line, column: error.column,
                                                      message: error.message))
                } catch {
                    notifications.append(Notification(kind: .error, file: display, message: "\(error)"))
                }
            }
        }
        return files
    }
}

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

    /// Sorting that keeps the input order among equal items, so that output
    /// is the same whatever the parallelism.
    static func stableSorted<T>(_ items: [T], by precedes: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            if precedes(a.element, b.element) { return true }
            if precedes(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
