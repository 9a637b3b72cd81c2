import Foundation
import Discovery
import GoSyntax

/// A package to analyse, as the driver parsed it.
public struct AnalysedPackage: Sendable {
    public var importPath: String
    public var name: String
    public var directory: String
    public var trees: [SyntaxTree]
    /// The module root directory (where go.mod is), for vendor lookup.
    public var moduleRoot: String?
    public var modulePath: String?
    public var goVersion: String?

    public init(importPath: String, name: String, directory: String, trees: [SyntaxTree],
                moduleRoot: String?, modulePath: String?, goVersion: String?) {
        self.importPath = importPath
        self.name = name
        self.directory = directory
        self.trees = trees
        self.moduleRoot = moduleRoot
        self.modulePath = modulePath
        self.goVersion = goVersion
    }
}

/// Where the loader finds packages that are not analysed but imported.
public struct LoaderOptions: Sendable {
    /// GOROOT (its src/ holds the standard library), if known.
    public var goroot: String?
    /// The module cache (GOMODCACHE), if known.
    public var moduleCache: String?
    public var buildContext: BuildContext
    public var jobs: Int
    public var reader: SourceReader
    /// Whether imported (not analysed) packages get their function bodies
    /// checked too: escape analysis needs them to compute the parameter
    /// tags that the Go compiler reads from export data.
    public var checkDependencyBodies = false

    public init(goroot: String?, moduleCache: String?, buildContext: BuildContext = BuildContext(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, reader: SourceReader = SourceReader()) {
        self.goroot = goroot
        self.moduleCache = moduleCache
        self.buildContext = buildContext
        self.jobs = max(1, jobs)
        self.reader = reader
    }

    /// GOROOT and GOMODCACHE from the environment, else from `go env` when
    /// a Go toolchain is installed (never required).
    public static func fromEnvironment(buildContext: BuildContext = BuildContext(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> LoaderOptions {
        let env = ProcessInfo.processInfo.environment
        var goroot = env["GOROOT"].flatMap { $0.isEmpty ? nil : $0 }
        var cache = env["GOMODCACHE"].flatMap { $0.isEmpty ? nil : $0 }
        if goroot == nil || cache == nil, let values = goEnv(["GOROOT", "GOMODCACHE"]) {
            goroot = goroot ?? values[0]
            cache = cache ?? values[1]
        }
        if let g = goroot { goroot = URL(fileURLWithPath: g).resolvingSymlinksInPath().path }
        return LoaderOptions(goroot: goroot, moduleCache: cache, buildContext: buildContext, jobs: jobs)
    }

    private static func goEnv(_ names: [String]) -> [String?]? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["go", "env"] + names
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return names.indices.map { i in i < lines.count && !lines[i].isEmpty ? lines[i] : nil }
    }
}

/// The checked packages of one run: the analysed ones (in dependency
/// order) and every package they import.
public final class Program: @unchecked Sendable {
    public let analysed: [PackageInfo]
    public let byPath: [String: PackageInfo]
    /// Import cycles among analysed packages, one message each.
    public let cycles: [String]

    init(analysed: [PackageInfo], byPath: [String: PackageInfo], cycles: [String]) {
        self.analysed = analysed
        self.byPath = byPath
        self.cycles = cycles
    }
}

/// Resolves imports, loads what is imported from source (module,
/// vendor/, GOROOT/src, the module cache) or from the built-in model of
/// the standard library, orders packages by their imports, and checks them
/// in parallel level by level.
public enum ProgramLoader {
    public static func load(_ packages: [AnalysedPackage], options: LoaderOptions) -> Program {
        var graph = ImportGraph(options: options)
        for p in packages { graph.addAnalysed(p) }
        graph.loadDependencies()
        return graph.check()
    }
}

/// One node of the import graph: a package's source, parsed.
struct PackageNode {
    var path: String
    var name: String
    var directory: String
    var trees: [SyntaxTree]
    var moduleRoot: String?
    var modulePath: String?
    var goVersion: String?
    var analysed: Bool
    var isModel: Bool
    /// Import paths, resolved to node indices (nil: not found).
    var imports: [String: Int?] = [:]
}

struct ImportGraph {
    let options: LoaderOptions
    var nodes: [PackageNode] = []
    var index: [String: Int] = [:]
    /// Directories already resolved to a node (a vendored package may be
    /// reached under several import paths).
    var byDirectory: [String: Int] = [:]
    /// go.mod requirements by module root, read once.
    var requirements: [String: ModuleRequirements] = [:]

    init(options: LoaderOptions) {
        self.options = options
    }

    mutating func addAnalysed(_ p: AnalysedPackage) {
        var path = p.importPath
        // The standard library's module is "std" and its import paths have no prefix.
        if p.modulePath == "std", path.hasPrefix("std/") { path.removeFirst(4) }
        // Outside a module the root directory has no import path: name it
        // after its package, as the compiler names `main.main`.
        if path.isEmpty || path == "." { path = p.name }
        let node = PackageNode(path: path, name: p.name, directory: p.directory, trees: p.trees, moduleRoot: p.moduleRoot,
                               modulePath: p.modulePath, goVersion: p.goVersion, analysed: true, isModel: false)
        add(node)
    }

    @discardableResult
    private mutating func add(_ node: PackageNode) -> Int {
        if let existing = index[node.path] { return existing }
        let i = nodes.count
        nodes.append(node)
        index[node.path] = i
        if !node.directory.isEmpty && !node.path.hasSuffix("_test") { byDirectory[node.directory] = i }
        return i
    }

    /// Breadth-first over imports: each round resolves the new imports and
    /// parses the packages found, in parallel.
    mutating func loadDependencies() {
        var frontier = Array(nodes.indices)
        while !frontier.isEmpty {
            var wanted: [(from: Int, path: String)] = []
            for i in frontier {
                for path in Self.importPaths(of: nodes[i].trees) where nodes[i].imports[path] == nil {
                    wanted.append((i, path))
                }
            }
            // Resolve each (importer, path) to a directory, then load each directory once.
            var toLoad: [String: (path: String, directory: String, moduleRoot: String?, modulePath: String?, goVersion: String?)] = [:]
            var resolution: [(from: Int, path: String, key: String?)] = []
            for (from, _) in wanted {
                if let root = nodes[from].moduleRoot, requirements[root] == nil {
                    requirements[root] = ModuleRequirements.read(root)
                }
            }
            for (from, path) in wanted {
                if path == "C" || path == "unsafe" {
                    nodes[from].imports[path] = .some(nil)
                    continue
                }
                if let existing = index[path] {
                    nodes[from].imports[path] = existing
                    continue
                }
                guard let found = locate(path, from: nodes[from]) else {
                    resolution.append((from, path, nil))
                    continue
                }
                if let existing = byDirectory[found.directory] {
                    nodes[from].imports[path] = existing
                    continue
                }
                toLoad[found.directory] = (path, found.directory, found.moduleRoot, found.modulePath, found.goVersion)
                resolution.append((from, path, found.directory))
            }
            let jobs = toLoad.values.sorted { $0.directory < $1.directory }
            let loaded = ParallelWork.map(jobs, workers: options.jobs) { job -> PackageNode? in
                loadDirectory(job.path, job.directory, moduleRoot: job.moduleRoot, modulePath: job.modulePath, goVersion: job.goVersion)
            }
            var newNodes: [Int] = []
            var dirToNode: [String: Int] = [:]
            for (job, node) in zip(jobs, loaded) {
                guard let node else { continue }
                let i = add(node)
                dirToNode[job.directory] = i
                newNodes.append(i)
            }
            for r in resolution {
                if let key = r.key, let i = dirToNode[key] ?? byDirectory[key] {
                    nodes[r.from].imports[r.path] = i
                } else if let model = StandardLibraryModel.source(for: r.path) {
                    let i = index[r.path] ?? add(modelNode(r.path, model))
                    if !newNodes.contains(i) && nodes[i].isModel && nodes[i].imports.isEmpty { newNodes.append(i) }
                    nodes[r.from].imports[r.path] = i
                } else {
                    nodes[r.from].imports[r.path] = .some(nil)
                }
            }
            frontier = newNodes
        }
    }

    /// The import paths of some files, each once, in the order first seen.
    static func importPaths(of trees: [SyntaxTree]) -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        for tree in trees {
            for decl in tree.declarations {
                guard case .genDecl(.kwImport, let specs, _) = tree[decl] else { continue }
                for spec in tree.list(specs) {
                    guard case .importSpec(_, let pathNode) = tree[spec], case .basicLit(.string) = tree[pathNode],
                          let path = Constant.unquote(tree.text(pathNode)), ImportPathSyntax.isValid(path),
                          seen.insert(path).inserted else { continue }
                    paths.append(path)
                }
            }
        }
        return paths
    }

    private struct Located {
        var directory: String
        var moduleRoot: String?
        var modulePath: String?
        var goVersion: String?
    }

    /// Finds the directory of an import path as the go command would:
    /// vendor/ directories from the importer up to its module root, the
    /// importer's own module, GOROOT/src, then the module cache.
    private func locate(_ path: String, from importer: PackageNode) -> Located? {
        let fm = FileManager.default
        func isDirectory(_ p: String) -> Bool {
            var d: ObjCBool = false
            return fm.fileExists(atPath: p, isDirectory: &d) && d.boolValue
        }
        // vendor/ from the importer's directory up to its module root (or GOROOT/src).
        if !importer.directory.isEmpty {
            let stop = importer.moduleRoot ?? gorootSource ?? "/"
            var dir = importer.directory
            while true {
                let candidate = dir + "/vendor/" + path
                if isDirectory(candidate) {
                    return Located(directory: candidate, moduleRoot: importer.moduleRoot, modulePath: importer.modulePath, goVersion: importer.goVersion)
                }
                if dir == stop || dir == "/" || dir.isEmpty || !dir.hasPrefix(stop) { break }
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        // The importer's own module.
        if let root = importer.moduleRoot, let module = importer.modulePath, module != "std" {
            if path == module, isDirectory(root) {
                return Located(directory: root, moduleRoot: root, modulePath: module, goVersion: importer.goVersion)
            }
            if path.hasPrefix(module + "/") {
                let d = root + "/" + path.dropFirst(module.count + 1)
                if isDirectory(d) { return Located(directory: d, moduleRoot: root, modulePath: module, goVersion: importer.goVersion) }
            }
        }
        // The standard library (and GOROOT's own cmd module).
        if let src = gorootSource, let first = path.split(separator: "/").first, !first.contains(".") {
            let d = src + "/" + path
            if isDirectory(d) {
                let isCmd = path == "cmd" || path.hasPrefix("cmd/")
                return Located(directory: d, moduleRoot: isCmd ? src + "/cmd" : src, modulePath: isCmd ? "cmd" : "std", goVersion: nil)
            }
        }
        // The module cache, by the importer's go.mod requirements.
        if let cache = options.moduleCache, let root = importer.moduleRoot,
           let requirement = requirements[root]?.best(for: path) {
            let moduleDir = cache + "/" + ModuleRequirements.escape(requirement.module) + "@" + requirement.version
            let rest = path.dropFirst(requirement.module.count)
            let d = moduleDir + rest
            if isDirectory(d) {
                return Located(directory: d, moduleRoot: moduleDir, modulePath: requirement.module, goVersion: nil)
            }
        }
        return nil
    }

    private var gorootSource: String? { options.goroot.map { $0 + "/src" } }

    /// Reads and parses the non-test files of a directory that the build
    /// context selects.
    private func loadDirectory(_ path: String, _ directory: String, moduleRoot: String?, modulePath: String?, goVersion: String?) -> PackageNode? {
        var context = options.buildContext
        context.includeTests = false
        let discovery = DiscoveryOptions(context: context, reader: options.reader, workingDirectory: directory, jobs: 1)
        let workspace = WorkspaceDiscovery.discover([directory], options: discovery)
        guard let source = workspace.packages.first(where: { $0.directory == directory && !$0.name.hasSuffix("_test") }) ??
                workspace.packages.first(where: { !$0.name.hasSuffix("_test") }) else { return nil }
        var trees: [SyntaxTree] = []
        for file in source.files {
            guard case .success(let bytes) = options.reader.read(file) else { continue }
            // An imported package's bodies are checked only when asked (escape).
            trees.append(parseGoFile(SourceFile(path: file, bytes: bytes), functionBodies: options.checkDependencyBodies))
        }
        guard !trees.isEmpty else { return nil }
        return PackageNode(path: path, name: source.name, directory: directory, trees: trees, moduleRoot: moduleRoot,
                           modulePath: modulePath, goVersion: goVersion, analysed: false, isModel: false)
    }

    private func modelNode(_ path: String, _ source: String) -> PackageNode {
        let tree = parseGoFile(SourceFile(path: "<model>/\(path)/model.go", bytes: Array(source.utf8)))
        return PackageNode(path: path, name: tree.packageName ?? path, directory: "", trees: [tree], moduleRoot: nil,
                           modulePath: nil, goVersion: nil, analysed: false, isModel: true)
    }

    // MARK: Checking

    /// About how many syntax nodes of a package's files one body worker
    /// checks at a time: big enough that forking a worker is noise, small
    /// enough that the biggest packages spread over every core.
    static let bodyChunkNodes = 20_000

    /// Splits packages from tests that would import them back, reports and
    /// cuts the import cycles left, and checks every package: its
    /// declarations once its imports' are done, its bodies in parallel
    /// chunks after them (`CheckSchedule`).
    mutating func check() -> Program {
        separateTestVariants()
        let cycles = cutCycles()
        var level = Array(repeating: -1, count: nodes.count)
        func levelOf(_ i: Int, _ depth: Int) -> Int {
            if level[i] >= 0 { return level[i] }
            if depth > 10_000 { return 0 }
            level[i] = 0
            var l = 0
            for case let j?? in self.nodes[i].imports.values { l = max(l, levelOf(j, depth + 1) + 1) }
            level[i] = l
            return l
        }
        for i in nodes.indices { _ = levelOf(i, 0) }
        let infos = SlotTable<PackageInfo>(count: nodes.count)
        let frozen = self.nodes
        let checkDependencyBodies = options.checkDependencyBodies
        // A package's declarations need those of its imports (the graph is
        // acyclic once cycles are cut, but for a package importing itself);
        // its bodies need only its own declarations.
        let imports = frozen.indices.map { i in Set(frozen[i].imports.values.compactMap { $0 ?? nil }).filter { $0 != i }.sorted() }
        func checksBodies(_ node: PackageNode) -> Bool { node.analysed || (checkDependencyBodies && !node.isModel) }
        let chunks = frozen.map { node in
            checksBodies(node) ? Checker.bodyChunks(fileWeights: node.trees.map(\.nodeCount), target: Self.bodyChunkNodes) : []
        }
        let chunkWeights = frozen.indices.map { i in chunks[i].map { r in r.reduce(0) { $0 + frozen[i].trees[$1].nodeCount } } }
        let checkers = SlotTable<Checker>(count: nodes.count)
        let chunkResults = BodyChunkTable(chunkCounts: chunks.map(\.count))
        CheckSchedule(imports: imports, chunkWeights: chunkWeights).run(workers: options.jobs) { task in
            switch task {
            case .declarations(let i):
                let node = frozen[i]
                let checkBodies = checksBodies(node)
                let info = PackageInfo(path: node.path, name: node.name, directory: node.directory, goVersion: node.goVersion,
                                       bodiesChecked: checkBodies, isModel: node.isModel)
                let checker = Checker(package: info, trees: node.trees, checkBodies: checkBodies) { path in
                    guard let j = node.imports[path], let j else { return nil }
                    return infos[j]
                }
                checker.checkDeclarations()
                checkers[i] = checker
                infos[i] = info
            case .bodies(let i, let c):
                if let checker = checkers[i] { chunkResults[i, c] = checker.checkBodyChunk(chunks[i][c]) }
            case .finishBodies(let i):
                checkers[i]?.finishBodies(chunkResults.take(i))
                checkers[i] = nil
            }
        }
        var byPath: [String: PackageInfo] = [:]
        // A package split from its tests shares its path with the analysed
        // one, which is the one named here.
        for i in nodes.indices where byPath[nodes[i].path] == nil || nodes[i].analysed {
            if let info = infos[i] { byPath[nodes[i].path] = info }
        }
        let analysed = nodes.indices.filter { nodes[$0].analysed }.sorted { (level[$0], nodes[$0].path) < (level[$1], nodes[$1].path) }
            .compactMap { infos[$0] }
        return Program(analysed: analysed, byPath: byPath, cycles: cycles)
    }

    /// Finds import cycles (Tarjan's algorithm, iterative) and removes one
    /// edge of each so that checking can proceed in an order.
    private mutating func cutCycles() -> [String] {
        let n = nodes.count
        var indexOf = Array(repeating: -1, count: n)
        var low = Array(repeating: 0, count: n)
        var onStack = Array(repeating: false, count: n)
        var stack: [Int] = []
        var counter = 0
        var messages: [String] = []
        let successors: [[Int]] = nodes.map { node in node.imports.values.compactMap { $0 ?? nil }.sorted() }
        for root in 0..<n where indexOf[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            indexOf[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while var frame = work.popLast() {
                let v = frame.node
                if frame.next < successors[v].count {
                    let w = successors[v][frame.next]
                    frame.next += 1
                    work.append(frame)
                    if indexOf[w] < 0 {
                        indexOf[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], indexOf[w])
                    }
                    continue
                }
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[v]) }
                if low[v] == indexOf[v] {
                    var component: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component.append(w)
                        if w == v { break }
                    }
                    if component.count > 1 {
                        let members = Set(component)
                        let names = component.map { nodes[$0].path }.sorted()
                        messages.append("import cycle not allowed: \(names.joined(separator: " -> "))")
                        // Cut every edge inside the cycle: those imports become missing.
                        for m in component {
                            for (path, target) in nodes[m].imports {
                                if let t = target, members.contains(t) { nodes[m].imports[path] = .some(nil) }
                            }
                        }
                    }
                }
            }
        }
        return messages.sorted()
    }
}

/// One value per package node, written by the parallel workers of the
/// check schedule (each slot once) and read by others, behind one lock:
/// the checked packages, written when their declarations are done and read
/// by their importers, and the checkers kept between the two phases.
final class SlotTable<Element>: @unchecked Sendable {
    private var items: [Element?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    subscript(i: Int) -> Element? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return items[i]
        }
        set {
            lock.lock()
            items[i] = newValue
            lock.unlock()
        }
    }
}

/// The results of each package's body chunks, written by parallel workers
/// (each slot once) and taken, in chunk order, by the package's merge.
final class BodyChunkTable: @unchecked Sendable {
    private var items: [[Checker.BodyChunkResult?]]
    private let lock = NSLock()
    init(chunkCounts: [Int]) { items = chunkCounts.map { Array(repeating: nil, count: $0) } }
    subscript(package: Int, chunk: Int) -> Checker.BodyChunkResult? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return items[package][chunk]
        }
        set {
            lock.lock()
            items[package][chunk] = newValue
            lock.unlock()
        }
    }

    /// Every chunk result of `package` (all must be done), freeing them.
    func take(_ package: Int) -> [Checker.BodyChunkResult] {
        lock.lock()
        defer { lock.unlock() }
        let results = items[package].map { $0 ?? Checker.BodyChunkResult() }
        items[package] = []
        return results
    }
}

/// Fixed-size parallel loops over arrays, with results in input order.
enum ParallelWork {
    static func map<T, R>(_ items: [T], workers: Int, _ body: (T) -> R) -> [R] {
        if items.isEmpty { return [] }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        withoutActuallyEscaping(body) { body in
            let run = { (i: Int) in results[i] = body(items[i]) }
            if workers <= 1 || items.count == 1 {
                for i in items.indices { run(i) }
            } else {
                DispatchQueue.concurrentPerform(iterations: items.count) { run($0) }
            }
        }
        return results.map { $0! }
    }

    static func forEach<T>(_ items: [T], workers: Int, _ body: (T) -> Void) {
        _ = map(items, workers: workers, body)
    }
}

/// `require` lines of go.mod files (module path and version), for finding
/// dependencies in the module cache.
struct ModuleRequirements {
    struct Requirement {
        var module: String
        var version: String
    }
    var requirements: [Requirement] = []

    /// The requirement whose module path is the longest prefix of `path`.
    func best(for path: String) -> Requirement? {
        requirements.filter { path == $0.module || path.hasPrefix($0.module + "/") }.max { $0.module.count < $1.module.count }
    }

    static func read(_ moduleRoot: String) -> ModuleRequirements {
        guard let text = try? String(contentsOfFile: moduleRoot + "/go.mod", encoding: .utf8) else { return ModuleRequirements() }
        return parse(text)
    }

    static func parse(_ text: String) -> ModuleRequirements {
        var result = ModuleRequirements()
        var inBlock = false
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if let c = line.range(of: "//") { line = String(line[..<c.lowerBound]).trimmingCharacters(in: .whitespaces) }
            if line == "require (" { inBlock = true; continue }
            if inBlock && line == ")" { inBlock = false; continue }
            var fields = line.split(separator: " ").map(String.init)
            if !inBlock {
                guard fields.first == "require" else { continue }
                fields.removeFirst()
            }
            if fields.count >= 2 { result.requirements.append(Requirement(module: fields[0], version: fields[1])) }
        }
        return result
    }

    /// The module cache's case encoding: an upper-case letter becomes `!`
    /// and its lower-case form.
    static func escape(_ path: String) -> String {
        var out = ""
        for c in path {
            if c.isUppercase {
                out.append("!")
                out.append(contentsOf: c.lowercased())
            } else {
                out.append(c)
            }
        }
        return out
    }
}
