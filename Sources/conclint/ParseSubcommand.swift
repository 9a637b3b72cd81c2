import ArgumentParser
import Driver
import Foundation

struct ParseSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse Go files only; print syntax errors (and, with --stats, totals and time).",
        discussion: "Exit codes: 0 no errors, 1 syntax or read errors, 2 usage error, 3 internal error.")

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "Print files, lines, bytes, syntax errors and wall time.")
    var stats = false

    func run() throws {
        var options = input.commandLineOptions()
        options.stats = stats
        let process = ProcessInfo.processInfo
        let outcome = ParseCommand.run(options, environment: process.environment,
                                       workingDirectory: FileManager.default.currentDirectoryPath,
                                       processorCount: process.activeProcessorCount)
        Terminal.finish(outcome)
    }
}
