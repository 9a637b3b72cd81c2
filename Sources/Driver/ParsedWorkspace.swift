import Discovery
import Findings
import GoSyntax

/// One file after reading and parsing. `tree` is nil when the file could
/// not be read (the reason is then among the run's notifications).
public struct ParsedFile: Sendable {
    /// Absolute path.
    public var path: String
    /// As messages show it (relative to the root when inside it).
    public var displayPath: String
    public var tree: SyntaxTree?
}

public struct ParsedPackage: Sendable {
    public var source: PackageSource
    /// In the package's file order; unreadable files left out.
    public var files: [ParsedFile]
}

/// What every stage after parsing starts from.
public struct ParsedWorkspace: Sendable {
    public var workspace: Workspace
    public var packages: [ParsedPackage]
    /// `--go`, when given, wins over each package's go.mod.
    public var goVersionOverride: GoVersion?

    /// The Go language version a package's code is judged by: `--go`, else
    /// its go.mod's `go` line, else the newest version conclint knows.
    public func languageVersion(of package: PackageSource) -> GoVersion {
        goVersionOverride?.language ?? package.goVersion?.language ?? .newestKnown
    }
}

/// Reads and parses files in parallel; results come back in input order.
enum SourceLoader {
    /// One file's outcome: its tree, or the one-line reason it was skipped.
    struct Loaded: Sendable {
        var file: ParsedFile
        var failure: Notification?
    }

    static func load(_ paths: [String], workspace: Workspace, reader: SourceReader, jobs: Int) -> [Loaded] {
        parallelMap(count: paths.count, jobs: jobs) { index in
            load(paths[index], displayPath: workspace.displayPath(paths[index]), reader: reader)
        }
    }

    static func load(_ path: String, displayPath: String, reader: SourceReader) -> Loaded {
        switch reader.read(path) {
        case .failure(let failure):
            return Loaded(file: ParsedFile(path: path, displayPath: displayPath, tree: nil),
                          failure: Notification(kind: .error, file: displayPath, message: failure.description))
        case .success(let bytes):
            let tree = parseGoFile(SourceFile(path: displayPath, bytes: bytes))
            return Loaded(file: ParsedFile(path: path, displayPath: displayPath, tree: tree), failure: nil)
        }
    }

    /// A syntax tree's errors as notifications, with line and column.
    static func syntaxErrorNotifications(_ tree: SyntaxTree, displayPath: String) -> [Notification] {
        tree.errors.map { error in
            let location = tree.source.location(of: error.offset)
            return Notification(kind: .error, file: displayPath, line: location.line,
                                column: location.column, message: error.message)
        }
    }
}

extension Notification {
    /// A discovery problem in the result model's terms.
    init(_ discovery: DiscoveryNotification) {
        let kind: Notification.Kind
        switch discovery.severity {
        case .error: kind = .error
        case .warning: kind = .warning
        case .note: kind = .note
        }
        self.init(kind: kind, file: discovery.path, message: discovery.message)
    }
}
