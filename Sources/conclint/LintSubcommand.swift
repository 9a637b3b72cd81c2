import ArgumentParser
import Driver
import Foundation

struct LintSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Analyse Go packages (and .cir files) and report findings.",
        discussion: "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error, 3 internal error.")

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: text, json, sarif, github or gitlab.")
    var format: String = "text"

    @Option(name: .long, help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Lowest level that fails the run: error, warning or note (default: the configuration's, else warning).")
    var failOn: String?

    @Option(name: .long, help: "Configuration file (default: .conclint.yml at the module root).")
    var config: String?

    @Option(name: .customLong("rules"), help: "A directory of extra rule files (repeatable).")
    var ruleDirectories: [String] = []

    @Flag(name: .long, help: "Report suppression comments that suppress nothing.")
    var reportUnusedIgnores = false

    @Option(name: .long, help: "States the runtime model explores per function before giving up on it.")
    var maxStates: Int?

    @Flag(name: .long, help: "Print statistics (functions that hit the state bound, unresolved accesses) on stderr.")
    var stats = false

    @OptionGroup var workflow: WorkflowOptionGroup

    func run() throws {
        var options = input.commandLineOptions()
        workflow.apply(to: &options)
        options.format = format
        options.output = output
        options.failOn = failOn
        options.configFile = config
        options.ruleDirectories = ruleDirectories
        options.reportUnusedIgnores = reportUnusedIgnores
        options.maxStates = maxStates
        options.stats = stats
        let process = ProcessInfo.processInfo
        let outcome = LintCommand.run(options, environment: process.environment,
                                      workingDirectory: FileManager.default.currentDirectoryPath,
                                      processorCount: process.activeProcessorCount)
        Terminal.finish(outcome)
    }
}

struct IRSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ir",
        abstract: "Print the concurrency IR of Go code in the DSL (docs/ir.md).")

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("func"), help: "Only functions named NAME (and their closures).")
    var function: String?

    func run() throws {
        let process = ProcessInfo.processInfo
        let outcome = IRCommand.run(input.commandLineOptions(), function: function, environment: process.environment,
                                    workingDirectory: FileManager.default.currentDirectoryPath,
                                    processorCount: process.activeProcessorCount)
        Terminal.finish(outcome)
    }
}

struct ExplainSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Describe a rule: why it matters, how to fix it, and its examples.")

    @Argument(help: "A rule id (TM1001) or name (ticker-not-stopped).")
    var rule: String

    @Option(name: .customLong("rules"), help: "A directory of extra rule files (repeatable).")
    var ruleDirectories: [String] = []

    func run() throws {
        let process = ProcessInfo.processInfo
        let outcome = ExplainCommand.run(ruleID: rule, ruleDirectories: ruleDirectories, environment: process.environment,
                                         workingDirectory: FileManager.default.currentDirectoryPath)
        Terminal.finish(outcome)
    }
}
