import Findings
import Foundation

/// A project's `.conclint.yml` (or `--config FILE`), as documented in
/// docs/rules.md. Parse it with `Configuration.parse`, load the rules it
/// names (`rulesDirectories`), then `validate(against:)` the rule set so
/// that unknown ids are reported before any analysis runs.
public struct Configuration: Sendable {
    /// The file it came from (nil for the defaults).
    public var file: String?
    public var enable: [RuleSelector] = []
    public var disable: [RuleSelector] = []
    public var levels: [LevelOverride] = []
    public var exclude: [PathGlob] = []
    /// Findings at or above this level make the exit code 1.
    public var failOn: Level = .warning
    /// Overrides the Go version of go.mod and build constraints for every file.
    public var goVersion: GoLanguageVersion?
    public var noAlloc = NoAllocConfiguration()
    /// Extra rule directories, resolved against the configuration file's directory.
    public var rulesDirectories: [String] = []
    /// Report `//conclint:ignore` and `//nolint` directives that suppressed nothing.
    public var reportUnusedIgnores = false
    /// Report suppression directives that give no reason.
    public var requireIgnoreReason = false

    public init() {}

    /// The name looked for at the module root.
    public static let fileName = ".conclint.yml"

    /// `.conclint.yml` in `moduleRoot`, if there is one.
    public static func discover(moduleRoot: URL) -> URL? {
        let url = moduleRoot.appendingPathComponent(fileName)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The configuration of a run: `explicitFile` (`--config`, relative to
    /// the working directory) when given, else `.conclint.yml` at the module
    /// root, else the defaults.
    public static func resolve(explicitFile: String?, moduleRoot: URL,
                               workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Configuration {
        if let explicitFile {
            let base = URL(fileURLWithPath: workingDirectory.path, isDirectory: true)
            return try load(file: URL(fileURLWithPath: explicitFile, relativeTo: base), displayPath: explicitFile)
        }
        guard let found = discover(moduleRoot: moduleRoot) else { return Configuration() }
        return try load(file: found, displayPath: fileName)
    }

    /// Reads and parses a configuration file; `displayPath` names it in errors.
    public static func load(file url: URL, displayPath: String? = nil) throws -> Configuration {
        let display = displayPath ?? url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigurationError(file: display, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: display, message: "the configuration file is not UTF-8 text")
        }
        var configuration = try parse(text: text, file: display)
        let base = url.deletingLastPathComponent()
        configuration.rulesDirectories = configuration.rulesDirectories.map { directory in
            directory.hasPrefix("/") ? directory : base.appendingPathComponent(directory).path
        }
        return configuration
    }

    /// Parses configuration text. Throws `ConfigurationError`.
    public static func parse(text: String, file: String) throws -> Configuration {
        try ConfigurationParser.parse(text: text, file: file)
    }

    /// Every rule id named anywhere must exist in `rules`.
    public func validate(against rules: RuleSet) throws {
        let selectors = enable + disable + levels.map(\.selector)
        for selector in selectors {
            guard case let .rule(id) = selector.target, rules[id] == nil else { continue }
            throw ConfigurationError(file: selector.file, position: selector.position, field: selector.field,
                                     message: "unknown rule id \(id)")
        }
    }

    /// Whether findings in `path` (relative to the module root) are dropped.
    public func isExcluded(_ path: String) -> Bool {
        exclude.contains { $0.matches(path) }
    }
}

/// `escape: noalloc:` (issue 8): functions and paths where every heap
/// allocation is a finding.
public struct NoAllocConfiguration: Hashable, Sendable {
    /// Function names as go/types prints them (`example.com/m/pkg.Encode`, `(*pkg.T).Write`).
    public var functions: [String] = []
    /// Files whose every function is held to no allocation.
    public var paths: [PathGlob] = []

    public init(functions: [String] = [], paths: [PathGlob] = []) {
        self.functions = functions
        self.paths = paths
    }
}
