import ArgumentParser
import Driver

/// `conclint`: the command tree. Subcommands only translate flags into
/// `CommandLineOptions`; the work happens in the Driver target.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conclint",
        abstract: "Find concurrency anti-patterns in Go code.",
        version: ToolInfo.version,
        subcommands: [LintSubcommand.self, ParseSubcommand.self, IRSubcommand.self, ExplainSubcommand.self,
                      EscapeSubcommand.self, BaselineSubcommand.self, MergeSubcommand.self])
}

/// Options `lint` and `parse` share: what to read and how.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files, directories, or patterns such as ./... (default: .)")
    var paths: [String] = []

    @Option(name: .long, help: "Worker threads (default: the number of active processors).")
    var jobs: Int?

    @Option(name: .long, help: "Include _test.go files (true or false).")
    var tests: Bool = true

    @Option(name: .long, help: "Extra build tags, comma-separated.")
    var tags: String?

    @Option(name: .customLong("go"), help: "Go language version, e.g. 1.22 (default: go.mod's, else the newest known).")
    var goVersion: String?

    @Option(name: .long, help: "Skip files larger than this (bytes, or e.g. 64KiB, 32MiB; default 32MiB).")
    var maxFileSize: String?

    func commandLineOptions() -> CommandLineOptions {
        var options = CommandLineOptions()
        options.paths = paths
        options.jobs = jobs
        options.tests = tests
        options.tags = tags
        options.goVersion = goVersion
        options.maxFileSize = maxFileSize
        return options
    }
}
