/// Turns command-line arguments into the Go files they name.
///
/// Arguments are files, directories (their own files only) or patterns
/// ending in `/...` (the directory and everything below it). Walks skip
/// `vendor`, `testdata` and directories whose names start with `.` or `_`,
/// as the go command does, and visit each real directory once, so a
/// symbolic link that loops back is never followed twice.
struct CandidateCollector {
    /// A Go file to consider; `isExplicit` when the user named it.
    struct Candidate: Hashable {
        var path: String
        var isExplicit: Bool
    }

    private struct DirectoryIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    let workingDirectory: String
    let root: String
    private(set) var candidates: [String: Candidate] = [:]
    private(set) var notifications: [DiscoveryNotification] = []
    private var visited: Set<DirectoryIdentity> = []

    init(workingDirectory: String, root: String) {
        self.workingDirectory = workingDirectory
        self.root = root
    }

    /// Whether an argument is a `...` pattern, and its base directory.
    static func patternBase(_ argument: String) -> String? {
        if argument == "..." { return "." }
        guard argument.hasSuffix("/...") else { return nil }
        let base = String(argument.dropLast(4))
        return base.isEmpty ? "/" : base
    }

    static func isSkippedInWalk(_ name: String) -> Bool {
        name == "vendor" || name == "testdata" || name.hasPrefix(".") || name.hasPrefix("_")
    }

    mutating func add(argument: String) {
        if argument.contains("...") && CandidateCollector.patternBase(argument) == nil {
            notify(argument, "unsupported pattern: only a trailing /... is understood")
            return
        }
        let recursive = CandidateCollector.patternBase(argument) != nil
        let base = CandidateCollector.patternBase(argument) ?? argument
        let path = PathUtilities.absolute(base, relativeTo: workingDirectory)
        switch FileSystem.status(path) {
        case .failure(let reason):
            notify(path, reason.description)
        case .success(let status) where status.kind == .directory:
            walk(path, recursive: recursive)
        case .success(let status) where status.kind == .regular && !recursive:
            if path.hasSuffix(".go") {
                candidates[path] = Candidate(path: path, isExplicit: true)
            } else {
                notify(path, "not a Go source file (the name does not end in .go)")
            }
        case .success:
            notify(path, recursive ? "not a directory" : "not a regular file")
        }
    }

    /// Lists `start` (and, when recursive, the directories below it).
    /// Directories reached through symbolic links wait until every real
    /// directory has been listed, so a file is named by its real path when
    /// it has one.
    private mutating func walk(_ start: String, recursive: Bool) {
        var pending = [start]
        var linked: [String] = []
        while let directory = pending.popLast() ?? linked.popLast() {
            guard case .success(let status) = FileSystem.status(directory) else { continue }
            let identity = DirectoryIdentity(device: status.device, inode: status.inode)
            guard visited.insert(identity).inserted else { continue }
            let names: [String]
            switch FileSystem.entries(of: directory) {
            case .failure(let reason):
                notify(directory, "cannot read directory: \(reason)")
                continue
            case .success(let list):
                names = list
            }
            for name in names {
                let path = PathUtilities.join(directory, name)
                if FileNameRules.isCandidateGoFile(name) {
                    if FileSystem.isRegularFile(path), candidates[path] == nil {
                        candidates[path] = Candidate(path: path, isExplicit: false)
                    }
                } else if recursive, !CandidateCollector.isSkippedInWalk(name),
                          case .success(let child) = FileSystem.status(path), child.kind == .directory {
                    if FileSystem.isSymbolicLink(path) { linked.append(path) } else { pending.append(path) }
                }
            }
        }
    }

    private mutating func notify(_ absolutePath: String, _ message: String) {
        notifications.append(DiscoveryNotification(
            severity: .error, path: Workspace.displayPath(absolutePath, root: root), message: message))
    }
}
