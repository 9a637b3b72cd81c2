import ArgumentParser
import Driver
import Foundation

/// Flags that fit `lint` into a team's workflow (docs/ci.md).
struct WorkflowOptionGroup: ParsableArguments {
    @Option(name: .long, help: "An earlier SARIF (e.g. from `conclint baseline write`): report only results not in it.")
    var baseline: String?

    @Option(name: .customLong("new-from-rev"), help: "Report only results on lines changed since this git revision.")
    var newFromRevision: String?

    @Option(name: .customLong("cache-dir"), help: "Cache directory (default: $XDG_CACHE_HOME/conclint, else ~/.cache/conclint).")
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the cache.")
    var noCache = false

    @Option(name: .long, help: "Report one part of the packages, i/n (e.g. 2/4); join the SARIF files with `conclint merge`.")
    var shard: String?

    @Flag(name: .customLong("whole-packages"), help: "A .go file argument stands for its whole package (pre-commit).")
    var wholePackages = false

    func apply(to options: inout CommandLineOptions) {
        options.workflow.baseline = baseline
        options.workflow.newFromRevision = newFromRevision
        options.workflow.cacheDirectory = cacheDirectory
        options.workflow.noCache = noCache
        options.workflow.shard = shard
        options.workflow.wholePackages = wholePackages
    }
}

struct BaselineSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record accepted findings for --baseline.",
        subcommands: [BaselineWriteSubcommand.self])
}

struct BaselineWriteSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Lint and write every finding as SARIF, for later runs' --baseline.",
        discussion: "Exit codes: 0 written (findings or not), 2 usage or configuration error, 3 internal error.")

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Where to write the baseline (default: \(BaselineCommand.defaultFile)).")
    var output: String?

    @Option(name: .long, help: "Configuration file (default: .conclint.yml at the module root).")
    var config: String?

    @Option(name: .customLong("rules"), help: "A directory of extra rule files (repeatable).")
    var ruleDirectories: [String] = []

    @Option(name: .customLong("cache-dir"), help: "Cache directory (default: $XDG_CACHE_HOME/conclint, else ~/.cache/conclint).")
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the cache.")
    var noCache = false

    func run() throws {
        var options = input.commandLineOptions()
        options.output = output
        options.configFile = config
        options.ruleDirectories = ruleDirectories
        options.workflow.cacheDirectory = cacheDirectory
        options.workflow.noCache = noCache
        let process = ProcessInfo.processInfo
        let outcome = BaselineCommand.write(options, environment: process.environment,
                                            workingDirectory: FileManager.default.currentDirectoryPath,
                                            processorCount: process.activeProcessorCount)
        Terminal.finish(outcome)
    }
}

struct MergeSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the SARIF files of `lint --shard i/n` runs into the file one run would write.",
        discussion: "Exit codes: 0 merged, 2 usage error (unreadable or foreign input), 3 internal error.")

    @Argument(help: "SARIF files written by conclint lint --shard i/n --format sarif.")
    var files: [String] = []

    @Option(name: .long, help: "Write the merged SARIF to this file (atomically) instead of stdout.")
    var output: String?

    func run() throws {
        let outcome = MergeCommand.run(inputs: files, output: output,
                                       workingDirectory: FileManager.default.currentDirectoryPath)
        Terminal.finish(outcome)
    }
}
