import Discovery
import Foundation

/// The flags that fit conclint into a team's workflow, as typed: a
/// baseline of accepted findings, the lines changed since a revision, the
/// incremental cache, a shard of a larger run, and pre-commit's file lists.
public struct WorkflowFlags: Sendable {
    /// `--baseline FILE`: an earlier SARIF; its results are not reported again.
    public var baseline: String?
    /// `--new-from-rev REV`: only results on lines changed since REV.
    public var newFromRevision: String?
    /// `--cache-dir DIR` (default: `$XDG_CACHE_HOME/conclint`, else `~/.cache/conclint`).
    public var cacheDirectory: String?
    /// `--no-cache`.
    public var noCache = false
    /// `--shard i/n`.
    public var shard: String?
    /// `--whole-packages`: a file argument stands for its whole package.
    public var wholePackages = false

    public init() {}
}

/// `WorkflowFlags` checked and loaded: a bad baseline file, an unknown
/// revision or a malformed shard stops the run with exit 2 before any work.
public struct WorkflowOptions: Sendable {
    public var baseline: Baseline?
    public var changedLines: ChangedLines?
    /// nil: no cache.
    public var cacheDirectory: String?
    public var shard: Shard?
    public var wholePackages: Bool

    public static func validate(_ flags: WorkflowFlags, environment: [String: String],
                                workingDirectory: String) throws -> WorkflowOptions {
        let baseline = try flags.baseline.map { try Baseline.load(PathUtilities.absolute($0, relativeTo: workingDirectory)) }
        let changed = try flags.newFromRevision.map { try ChangedLines.since($0, in: workingDirectory) }
        let shard = try flags.shard.map(Shard.parse)
        var cache: String?
        if !flags.noCache {
            if let directory = flags.cacheDirectory {
                guard !directory.isEmpty else { throw UsageError("--cache-dir needs a directory") }
                cache = PathUtilities.absolute(directory, relativeTo: workingDirectory)
            } else {
                cache = ResultCache.defaultDirectory(environment: environment)
            }
        }
        return WorkflowOptions(baseline: baseline, changedLines: changed, cacheDirectory: cache, shard: shard,
                               wholePackages: flags.wholePackages)
    }

    /// What discovery is given: with `--whole-packages`, each `.go` file
    /// becomes its directory (that package), each directory once.
    func inputPaths(_ paths: [String]) -> [String] {
        wholePackages ? WholePackages.directories(of: paths) : paths
    }
}

/// pre-commit passes the staged files; conclint's checks need whole
/// packages, so each file is replaced by its directory (in `go vet`'s
/// sense, "that package only"), in the order of first mention.
enum WholePackages {
    static func directories(of paths: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for path in paths {
            guard path.hasSuffix(".go") else {
                if seen.insert(path).inserted { result.append(path) }
                continue
            }
            // `./dir`, not `dir`, so that nothing reads it as an import path.
            let parent = PathUtilities.parent(path)
            let directory = parent.hasPrefix("/") || parent.hasPrefix(".") ? parent : "./" + parent
            if seen.insert(directory).inserted { result.append(directory) }
        }
        return result
    }
}
