/// Everything discovery found: the analysis root, the module, the packages
/// to analyse, and what went wrong on the way. Deterministic: the same
/// file tree and options always give the same value.
public struct Workspace: Hashable, Sendable {
    /// Absolute analysis root (SARIF `%SRCROOT%`): the directory of the
    /// nearest go.mod above the first argument, else the working directory.
    public var root: String
    /// The module whose go.mod is at `root`'s level or above, if any.
    public var module: GoModule?
    /// Sorted by directory, a directory's package before its `_test` package.
    public var packages: [PackageSource]
    /// Sorted by path, then message.
    public var notifications: [DiscoveryNotification]

    public init(root: String, module: GoModule?, packages: [PackageSource], notifications: [DiscoveryNotification]) {
        self.root = root
        self.module = module
        self.packages = packages
        self.notifications = notifications
    }

    /// A path as messages show it: relative to the root when inside it.
    public func displayPath(_ absolutePath: String) -> String {
        Workspace.displayPath(absolutePath, root: root)
    }

    static func displayPath(_ absolutePath: String, root: String) -> String {
        guard let relative = PathUtilities.relative(absolutePath, to: root) else { return absolutePath }
        return relative.isEmpty ? "." : relative
    }

    /// Every file of every package, in package order.
    public var allFiles: [String] { packages.flatMap(\.files) }
}

/// The Go files of one package, as the compiler would see them.
public struct PackageSource: Hashable, Sendable {
    /// Absolute directory.
    public var directory: String
    /// The module path joined with the directory (`example.com/m/sub`);
    /// the directory relative to the root when there is no module. An
    /// external test package ends in `_test`.
    public var importPath: String
    /// The package clause's name (`foo`, or `foo_test` for external tests).
    public var name: String
    /// Absolute paths, sorted.
    public var files: [String]
    /// The module governing the directory (nearest go.mod above it).
    public var module: GoModule?

    public init(directory: String, importPath: String, name: String, files: [String], module: GoModule?) {
        self.directory = directory
        self.importPath = importPath
        self.name = name
        self.files = files
        self.module = module
    }

    public var isExternalTest: Bool { name.hasSuffix("_test") && importPath.hasSuffix("_test") }

    /// The language version of the module's `go` line, if it has one.
    public var goVersion: GoVersion? { module?.goVersion }
}

/// A problem with the input found during discovery: a missing path, an
/// unreadable directory, a file that is not Go. The run goes on.
public struct DiscoveryNotification: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable { case error, warning, note }

    public var severity: Severity
    /// Relative to the root when inside it, else absolute.
    public var path: String
    public var message: String

    public init(severity: Severity, path: String, message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    static func precedes(_ a: DiscoveryNotification, _ b: DiscoveryNotification) -> Bool {
        (a.path, a.message) < (b.path, b.message)
    }
}
