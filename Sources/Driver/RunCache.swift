import ContentHash
import Discovery
import Findings
import Foundation
import GoSema
import RuleEngine

/// The incremental cache at the granularity of a whole run.
///
/// Why a run and not a package: the analyses are whole-program. A leak is
/// judged from the goroutine's spawner, which may live in an importer; an
/// interface call is resolved to every implementation in the run, in
/// packages the caller does not import; a finding in a library can depend
/// on how its callers use it. A package's findings are therefore a function
/// of the whole program, and reusing them after any package changed could
/// be wrong. What is reused soundly is a run whose every input is unchanged.
///
/// The key hashes every input: the conclint build, the stages, the options
/// that change results (build context, Go version, limits), the rule set and
/// the configuration, the discovery result (packages, file lists, problems)
/// the SHA-256 of every analysed file and `.cir` file, and of the side
/// inputs (go.mod and friends, C files beside the Go files). `--jobs` is
/// left out: the output does not depend on it. Files read from
/// outside the analysed packages (GOROOT, the module cache, vendor/,
/// replacements) are recorded after the run in a manifest, like a compiler's
/// depfile: a hit also re-hashes them and re-lists their directories.
struct RunCache {
    static let kind = "runs"
    let cache: ResultCache
    let key: String

    init(cache: ResultCache, configuration: RunConfiguration, workspace: Workspace, setup: LintSetup,
         stages: [any LintStage], irPaths: [String]) {
        self.cache = cache
        var hasher = SHA256()
        func add(_ field: String) { hasher.update(field: field) }
        add(ResultCache.magic)
        add(BuildIdentity.current)
        add(stages.map(\.name).joined(separator: ","))
        let context = configuration.buildContext
        add("\(context.goos) \(context.goarch) \(context.cgoEnabled) \(context.releaseVersion) \(context.includeTests)")
        add(context.buildTags.sorted().joined(separator: ","))
        add(context.toolchainTags.sorted().joined(separator: ","))
        add(configuration.goVersionOverride?.description ?? "")
        add(String(describing: configuration.maxStates))
        add(String(describing: configuration.reportUnusedIgnores))
        add(String(configuration.reader.maxFileSize))
        add(configuration.workingDirectory)
        for name in ["GOROOT", "GOMODCACHE", "GOPATH", "GOFLAGS", "GOOS", "GOARCH", "CGO_ENABLED"] {
            add(configuration.environment[name] ?? "")
        }
        for text in RuleInputs.texts(configuration: configuration, setup: setup,
                                     moduleRoot: workspace.module?.directory ?? workspace.root) {
            add(text)
        }
        add(workspace.root)
        add(Self.describe(workspace.module))
        for notification in workspace.notifications { add(notification.description) }
        let files = workspace.allFiles + irPaths.map { PathUtilities.absolute($0, relativeTo: configuration.workingDirectory) }
        let digests = FileDigest.of(files, jobs: configuration.jobs)
        for package in workspace.packages {
            add(package.importPath)
            add(package.name)
            add(package.directory)
            add(Self.describe(package.module))
        }
        for (file, digest) in zip(files, digests) {
            add(file)
            add(digest)
        }
        // What decides which dependency a path resolves to (requires,
        // replacements, vendoring, workspaces), and the C files beside the
        // Go files that cgo preambles include: neither is a Go file of the run.
        let side = SideInputs.of(workspace)
        for (file, digest) in zip(side, FileDigest.of(side, jobs: configuration.jobs)) {
            add(file)
            add(digest)
        }
        key = hasher.finalizeHex()
    }

    private static func describe(_ module: GoModule?) -> String {
        guard let module else { return "no module" }
        return [module.directory, module.path ?? "", module.goVersion?.description ?? "", module.toolchain ?? ""]
            .joined(separator: " ")
    }

    /// The stored outcome, when present, intact and its dependencies unchanged.
    func lookup(workspace: Workspace, jobs: Int) -> LintPipeline.Outcome? {
        guard let payload = cache.load(kind: Self.kind, key: key),
              let entry = try? JSONDecoder().decode(CachedRun.self, from: payload),
              entry.dependencies.isCurrent(jobs: jobs) else { return nil }
        return entry.outcome(workspace: workspace)
    }

    func store(_ outcome: LintPipeline.Outcome, program: Program?, workspace: Workspace, jobs: Int) {
        let entry = CachedRun(outcome, dependencies: DependencyManifest(program: program, workspace: workspace, jobs: jobs))
        guard let payload = try? JSONEncoder().encode(entry) else { return }
        cache.store(kind: Self.kind, key: key, payload: payload)
    }
}

/// What decides the rule set and the configuration, as text: the
/// configuration file, `CONCLINT_RULES` and every extra rules directory
/// with its files. (The built-in rules are part of the binary, which the
/// build identity covers.)
enum RuleInputs {
    static func texts(configuration: RunConfiguration, setup: LintSetup, moduleRoot: String) -> [String] {
        var texts: [String] = []
        // As LintSetup found it: `--config` against the working directory, else at the module root.
        if let file = setup.configuration.file {
            let path = configuration.configFile.map { PathUtilities.absolute($0, relativeTo: configuration.workingDirectory) }
                ?? PathUtilities.join(moduleRoot, Configuration.fileName)
            texts.append("config \(file)")
            texts.append(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "unreadable")
        }
        texts.append("unused-ignores \(setup.configuration.reportUnusedIgnores)")
        var directories = setup.configuration.rulesDirectories
            + configuration.ruleDirectories.map { PathUtilities.absolute($0, relativeTo: configuration.workingDirectory) }
        if let override = configuration.environment["CONCLINT_RULES"], !override.isEmpty { directories.insert(override, at: 0) }
        for directory in directories {
            texts.append("rules \(directory)")
            let files = (try? RuleFiles.collect(directory: URL(fileURLWithPath: directory), displayPath: directory)) ?? []
            for file in files { texts += [file.relativePath, file.text] }
        }
        return texts
    }
}

/// Inputs of a run that are known before it and are not Go files: each
/// module's go.mod, go.sum, go.work and vendor/modules.txt (present or
/// not), and the C, C++, assembly and object files in every analysed
/// package's directory (what a cgo preamble's `#include "x.h"` reads).
/// Headers found through `-I` flags elsewhere or in the system are not
/// covered; the conclint build identity covers the bundled rules only.
enum SideInputs {
    static let moduleFiles = ["go.mod", "go.sum", "go.work", "go.work.sum", "vendor/modules.txt"]
    static let cFamily: Set<String> = ["h", "hh", "hpp", "hxx", "c", "cc", "cpp", "cxx", "m", "s", "S", "sx", "syso", "inc"]

    static func of(_ workspace: Workspace) -> [String] {
        var modules = Set<String>()
        if let module = workspace.module { modules.insert(module.directory) }
        for package in workspace.packages { if let module = package.module { modules.insert(module.directory) } }
        var files: [String] = []
        for directory in modules.sorted() {
            files += moduleFiles.map { PathUtilities.join(directory, $0) }
        }
        var seen = Set<String>()
        for package in workspace.packages where seen.insert(package.directory).inserted {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: package.directory)) ?? []
            for name in names.sorted() {
                guard let dot = name.lastIndex(of: "."), cFamily.contains(String(name[name.index(after: dot)...])) else {
                    continue
                }
                files.append(PathUtilities.join(package.directory, name))
            }
        }
        return files
    }
}

/// SHA-256 of files' contents, in parallel; "missing" for an unreadable file.
enum FileDigest {
    static func of(_ paths: [String], jobs: Int) -> [String] {
        parallelMap(count: paths.count, jobs: jobs) { i in
            guard let data = FileManager.default.contents(atPath: paths[i]) else { return "missing" }
            return SHA256.hex([UInt8](data))
        }
    }

    /// The sorted `.go` file names of a directory, as one string.
    static func listing(_ directory: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".go") }.sorted().joined(separator: "\n")
    }
}

/// Files a run read besides the analysed packages', with their digests,
/// and the directories they came from with their listings.
struct DependencyManifest: Codable {
    var files: [String] = []
    var digests: [String] = []
    var directories: [String] = []
    var listings: [String] = []

    init(program: Program?, workspace: Workspace, jobs: Int) {
        let analysed = Set(workspace.packages.map(\.directory))
        var seenFiles = Set<String>()
        var seenDirectories = Set<String>()
        for package in program?.byPath.values.sorted(by: { $0.path < $1.path }) ?? [] {
            guard !package.isModel, !package.directory.isEmpty, !analysed.contains(package.directory) else { continue }
            if seenDirectories.insert(package.directory).inserted { directories.append(package.directory) }
            for file in package.files where file.path.hasPrefix("/") && seenFiles.insert(file.path).inserted {
                files.append(file.path)
            }
        }
        digests = FileDigest.of(files, jobs: jobs)
        listings = directories.map(FileDigest.listing)
    }

    func isCurrent(jobs: Int) -> Bool {
        FileDigest.of(files, jobs: jobs) == digests && directories.map(FileDigest.listing) == listings
    }
}

/// What a run entry holds: the outcome without the IR (only `conclint ir`
/// needs that, and it does not use the cache).
struct CachedRun: Codable {
    var root: String
    var rules: [RuleDescriptor]
    var findings: [Finding]
    var notifications: [Findings.Notification]
    var toolVersion: String
    var failOn: Level
    var statisticNames: [String]
    var statisticCounts: [Int]
    var dependencies: DependencyManifest

    init(_ outcome: LintPipeline.Outcome, dependencies: DependencyManifest) {
        root = outcome.result.root
        rules = outcome.result.rules
        findings = outcome.result.findings
        notifications = outcome.result.notifications
        toolVersion = outcome.result.toolVersion
        failOn = outcome.failOn
        statisticNames = outcome.statistics.map(\.name)
        statisticCounts = outcome.statistics.map(\.count)
        self.dependencies = dependencies
    }

    func outcome(workspace: Workspace) -> LintPipeline.Outcome {
        LintPipeline.Outcome(result: RunResult(root: root, rules: rules, findings: findings, notifications: notifications,
                                               toolVersion: toolVersion),
                             failOn: failOn, statistics: zip(statisticNames, statisticCounts).map { (name: $0.0, count: $0.1) },
                             modules: [], workspace: workspace)
    }
}
