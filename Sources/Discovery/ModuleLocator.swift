/// Finds the go.mod that governs a directory: the nearest one at or above
/// it. Results are cached per directory, since every package asks.
struct ModuleLocator {
    let reader: SourceReader
    let root: String?
    private var cache: [String: GoModule?] = [:]
    private(set) var notifications: [DiscoveryNotification] = []

    init(reader: SourceReader, root: String? = nil) {
        self.reader = reader
        self.root = root
    }

    /// The directory of the nearest go.mod at or above `directory`, without reading it.
    static func nearestModuleDirectory(from directory: String) -> String? {
        var current = directory
        while true {
            if FileSystem.isRegularFile(PathUtilities.join(current, "go.mod")) { return current }
            if current == "/" { return nil }
            current = PathUtilities.parent(current)
        }
    }

    mutating func module(governing directory: String) -> GoModule? {
        var visited: [String] = []
        var current = directory
        var found: GoModule?
        while true {
            if let cached = cache[current] {
                found = cached
                break
            }
            visited.append(current)
            let goMod = PathUtilities.join(current, "go.mod")
            if FileSystem.isRegularFile(goMod) {
                found = load(goMod, directory: current)
                break
            }
            if current == "/" { break }
            current = PathUtilities.parent(current)
        }
        for path in visited { cache[path] = found }
        return found
    }

    private mutating func load(_ goModPath: String, directory: String) -> GoModule {
        var module = GoModule(directory: directory, path: nil, goVersion: nil, toolchain: nil)
        switch reader.read(goModPath) {
        case .failure(let failure):
            report(goModPath, failure.description)
        case .success(let bytes):
            let parsed = GoModParser.parse(String(decoding: bytes, as: UTF8.self))
            module.path = parsed.modulePath
            module.goVersion = parsed.goVersion
            module.toolchain = parsed.toolchain
            for problem in parsed.problems { report(goModPath, problem) }
        }
        return module
    }

    private mutating func report(_ path: String, _ message: String) {
        let shown = root.map { Workspace.displayPath(path, root: $0) } ?? path
        notifications.append(DiscoveryNotification(severity: .warning, path: shown, message: message))
    }
}
