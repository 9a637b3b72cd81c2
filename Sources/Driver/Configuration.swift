import Discovery
import Findings
import Report

/// The options exactly as typed on the command line. The CLI fills this in
/// and nothing more; `RunConfiguration.validate` decides what they mean.
public struct CommandLineOptions: Sendable {
    public var paths: [String] = []
    public var format = "text"
    public var output: String?
    public var jobs: Int?
    public var tests = true
    public var tags: String?
    public var goVersion: String?
    public var maxFileSize: String?
    /// nil: the configuration's `fail-on`, else warning.
    public var failOn: String?
    public var stats = false
    /// `--config FILE` (else `.conclint.yml` at the module root).
    public var configFile: String?
    /// `--rules DIR`: a team's own rule files, added to the built-in rules.
    public var ruleDirectories: [String] = []
    /// `--report-unused-ignores` (also settable in the configuration).
    public var reportUnusedIgnores = false
    /// `--max-states`: the runtime model's bound per function.
    public var maxStates: Int?
    /// `--baseline`, `--new-from-rev`, `--cache-dir`, `--no-cache`, `--shard`,
    /// `--whole-packages` (see WorkflowOptions.swift).
    public var workflow = WorkflowFlags()

    public init() {}
}

/// A configuration problem: reported on stderr, exit code 2, nothing written.
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Validated settings of one run.
public struct RunConfiguration: Sendable {
    public var paths: [String]
    public var format: ReportFormat
    /// Absolute path of `--output`, nil for stdout.
    public var outputPath: String?
    public var jobs: Int
    public var buildContext: BuildContext
    /// `--go`: overrides the go.mod version for every package.
    public var goVersionOverride: GoVersion?
    public var reader: SourceReader
    /// nil: the configuration decides (default warning).
    public var failOn: Level?
    public var workingDirectory: String
    public var showStats: Bool
    public var configFile: String?
    public var ruleDirectories: [String]
    public var reportUnusedIgnores: Bool
    public var maxStates: Int?
    public var environment: [String: String]
    /// Baseline, changed lines, cache and shard of this run.
    public var workflow: WorkflowOptions

    /// Checks every option; throws with a message naming the bad one.
    public static func validate(_ options: CommandLineOptions, environment: [String: String],
                                workingDirectory: String, processorCount: Int) throws -> RunConfiguration {
        guard let format = ReportFormat(rawValue: options.format) else {
            throw UsageError("unknown --format '\(options.format)' (expected one of: "
                + ReportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        var failOn: Level? = nil
        if let text = options.failOn {
            guard let level = Level(rawValue: text) else {
                throw UsageError("unknown --fail-on '\(text)' (expected error, warning or note)")
            }
            failOn = level
        }
        if let states = options.maxStates, states < 1 {
            throw UsageError("--max-states must be at least 1, got \(states)")
        }
        let jobs = options.jobs ?? max(1, processorCount)
        guard jobs >= 1, jobs <= 1024 else { throw UsageError("--jobs must be between 1 and 1024, got \(jobs)") }

        var goVersion: GoVersion?
        if let text = options.goVersion {
            guard let v = GoVersion(parsing: text), v.major == 1 else {
                throw UsageError("invalid --go version '\(text)' (expected e.g. 1.22 or go1.22.3)")
            }
            goVersion = v
        }
        let tags = try parseTags(options.tags)
        let maxFileSize = try options.maxFileSize.map(ByteSize.parse) ?? SourceReader.defaultMaxFileSize

        var outputPath: String?
        if let output = options.output {
            guard !output.isEmpty else { throw UsageError("--output needs a file name") }
            let absolute = PathUtilities.absolute(output, relativeTo: workingDirectory)
            try AtomicFileWriter.checkWritable(absolute)
            outputPath = absolute
        }

        let workflow = try WorkflowOptions.validate(options.workflow, environment: environment,
                                                    workingDirectory: workingDirectory)
        let context = BuildContext.fromEnvironment(
            environment, buildTags: tags, releaseVersion: goVersion?.language ?? .newestKnown,
            includeTests: options.tests)
        return RunConfiguration(
            paths: workflow.inputPaths(options.paths), format: format, outputPath: outputPath, jobs: jobs, buildContext: context,
            goVersionOverride: goVersion, reader: SourceReader(maxFileSize: maxFileSize), failOn: failOn,
            workingDirectory: workingDirectory, showStats: options.stats, configFile: options.configFile,
            ruleDirectories: options.ruleDirectories, reportUnusedIgnores: options.reportUnusedIgnores,
            maxStates: options.maxStates, environment: environment, workflow: workflow)
    }

    /// `a,b` (or the old space-separated form); every tag must be a valid tag.
    static func parseTags(_ text: String?) throws -> Set<String> {
        guard let text else { return [] }
        var tags: Set<String> = []
        for tag in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            guard (try? ConstraintParser.parseExpression(String(tag))) == .tag(String(tag)) else {
                throw UsageError("invalid build tag '\(tag)' in --tags")
            }
            tags.insert(String(tag))
        }
        return tags
    }

    public var discoveryOptions: DiscoveryOptions {
        DiscoveryOptions(context: buildContext, reader: reader, workingDirectory: workingDirectory, jobs: jobs)
    }
}

/// Sizes such as `32MiB`, `64k`, `1000` (bytes), for `--max-file-size`.
enum ByteSize {
    static func parse(_ text: String) throws -> Int {
        let lower = text.lowercased()
        let digits = lower.prefix { $0.isASCII && $0.isNumber }
        let unit = lower.dropFirst(digits.count)
        let multipliers: [String: Int] = ["": 1, "b": 1, "k": 1 << 10, "kb": 1000, "kib": 1 << 10,
                                          "m": 1 << 20, "mb": 1_000_000, "mib": 1 << 20,
                                          "g": 1 << 30, "gb": 1_000_000_000, "gib": 1 << 30]
        guard !digits.isEmpty, digits.count <= 15, let number = Int(digits), let multiplier = multipliers[String(unit)],
              number > 0 else {
            throw UsageError("invalid --max-file-size '\(text)' (expected bytes, e.g. 1048576, 64KiB or 32MiB)")
        }
        let (size, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? Int.max : size
    }
}
