/// How discovery runs: the build configuration, the file reader's limits,
/// where relative arguments start, and how many threads read headers.
public struct DiscoveryOptions: Sendable {
    public var context: BuildContext
    public var reader: SourceReader
    /// Absolute; relative arguments are resolved against it.
    public var workingDirectory: String
    public var jobs: Int

    public init(context: BuildContext = BuildContext(), reader: SourceReader = SourceReader(),
                workingDirectory: String? = nil, jobs: Int = 1) {
        self.context = context
        self.reader = reader
        self.workingDirectory = workingDirectory ?? FileSystem.currentDirectory()
        self.jobs = jobs
    }
}

/// Finds what to analyse, as `go vet` users expect (see `CandidateCollector`,
/// `FileSelection`, `PackageGrouper`).
public enum WorkspaceDiscovery {
    /// Enough of a file's start to hold its header in all but rare cases;
    /// longer headers are read whole.
    static let headerPrefixLength = 16 << 10

    public static func discover(_ arguments: [String], options: DiscoveryOptions) -> Workspace {
        let arguments = arguments.isEmpty ? ["."] : arguments
        let root = analysisRoot(for: arguments, workingDirectory: options.workingDirectory)
        var collector = CandidateCollector(workingDirectory: options.workingDirectory, root: root)
        for argument in arguments { collector.add(argument: argument) }
        var notifications = collector.notifications

        let candidates = collector.candidates.values.sorted { $0.path < $1.path }
        let headers = parallelMap(count: candidates.count, jobs: options.jobs) { index in
            readHeader(candidates[index].path, reader: options.reader)
        }

        var byDirectory: [String: [PackageGrouper.File]] = [:]
        for (candidate, header) in zip(candidates, headers) {
            let shown = Workspace.displayPath(candidate.path, root: root)
            switch header {
            case .failure(let failure):
                notifications.append(DiscoveryNotification(severity: .error, path: shown, message: failure.description))
            case .success(let header):
                let name = PathUtilities.lastComponent(candidate.path)
                switch FileSelection.decide(fileName: name, header: header, context: options.context) {
                case .included:
                    // go/build ignores `package documentation` files (doc-only stubs).
                    if header.packageName == "documentation" { continue }
                    byDirectory[PathUtilities.parent(candidate.path), default: []]
                        .append(PackageGrouper.File(path: candidate.path, packageName: header.packageName))
                case .excluded(let reason):
                    if candidate.isExplicit {
                        notifications.append(DiscoveryNotification(
                            severity: .note, path: shown, message: "excluded by \(reason), skipped"))
                    }
                case .invalid(let reason):
                    notifications.append(DiscoveryNotification(severity: .error, path: shown, message: reason + ", skipped"))
                }
            }
        }

        var locator = ModuleLocator(reader: options.reader, root: root)
        var packages: [PackageSource] = []
        for directory in byDirectory.keys.sorted() {
            let grouped = PackageGrouper.group(byDirectory[directory] ?? [], in: directory, root: root)
            notifications += grouped.notifications
            let module = locator.module(governing: directory)
            let importPath = importPath(of: directory, module: module, root: root)
            for group in grouped.groups {
                packages.append(PackageSource(
                    directory: directory,
                    importPath: group.isExternalTest ? importPath + "_test" : importPath,
                    name: group.name, files: group.files, module: module))
            }
        }
        notifications += locator.notifications
        let rootModule = locator.module(governing: root)
        return Workspace(root: root, module: rootModule, packages: packages,
                         notifications: notifications.sorted(by: DiscoveryNotification.precedes))
    }

    /// The nearest go.mod's directory above the first argument; otherwise
    /// the working directory when the argument is inside it, else the
    /// argument's own directory.
    static func analysisRoot(for arguments: [String], workingDirectory: String) -> String {
        let first = arguments[0]
        let base = PathUtilities.absolute(CandidateCollector.patternBase(first) ?? first, relativeTo: workingDirectory)
        var directory = base
        if case .success(let status) = FileSystem.status(base), status.kind != .directory {
            directory = PathUtilities.parent(base)
        }
        if let moduleDirectory = ModuleLocator.nearestModuleDirectory(from: directory) { return moduleDirectory }
        if PathUtilities.relative(directory, to: workingDirectory) != nil { return workingDirectory }
        if case .success(let status) = FileSystem.status(directory), status.kind == .directory { return directory }
        return workingDirectory
    }

    /// `module/relative/dir`; the `std` module's packages are named by
    /// directory alone, as in GOROOT/src.
    static func importPath(of directory: String, module: GoModule?, root: String) -> String {
        if let module, let modulePath = module.path,
           let relative = PathUtilities.relative(directory, to: module.directory) {
            if modulePath == "std" { return relative.isEmpty ? "std" : relative }
            return relative.isEmpty ? modulePath : modulePath + "/" + relative
        }
        return Workspace.displayPath(directory, root: root)
    }

    /// The file's header, reading it whole only when the prefix is not enough.
    static func readHeader(_ path: String, reader: SourceReader) -> Result<FileHeader, ReadFailure> {
        reader.readPrefix(path, length: headerPrefixLength).flatMap { prefix in
            let header = FileHeader.scan(prefix.bytes[...], isWholeFile: prefix.isWholeFile)
            if header.isComplete || prefix.isWholeFile { return .success(header) }
            return reader.read(path).map { FileHeader.scan($0[...], isWholeFile: true) }
        }
    }
}
