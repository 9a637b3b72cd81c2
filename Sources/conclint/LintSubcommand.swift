import ArgumentParser
import Driver
import Foundation

struct LintSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Analyse Go packages and report findings.",
        discussion: "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error, 3 internal error.")

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: text, json, sarif, github or gitlab.")
    var format: String = "text"

    @Option(name: .long, help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Lowest level that fails the run: error, warning or note.")
    var failOn: String = "warning"

    func run() throws {
        var options = input.commandLineOptions()
        options.format = format
        options.output = output
        options.failOn = failOn
        let process = ProcessInfo.processInfo
        let outcome = LintCommand.run(options, environment: process.environment,
                                      workingDirectory: FileManager.default.currentDirectoryPath,
                                      processorCount: process.activeProcessorCount)
        try Terminal.finish(outcome)
    }
}
