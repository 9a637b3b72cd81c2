import ArgumentParser
import Driver
import Foundation

struct EscapeSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escape",
        abstract: "Print escape-analysis decisions like `go build -gcflags=-m` (test files excluded).",
        discussion: "Exit codes: 0 done, 2 usage error, 3 internal error.")

    @OptionGroup var input: InputOptions

    @Flag(name: .customShort("l"), help: "No inlining, like -gcflags='-m -l'.")
    var noInlining = false

    @Flag(name: .long, help: "After each heap decision, the chain of flows that causes it.")
    var explain = false

    @Flag(name: .long, help: "Print totals, unknown decisions and wall time on stderr.")
    var stats = false

    func run() throws {
        var flags = EscapeCommand.Flags()
        flags.noInlining = noInlining
        flags.explain = explain
        flags.stats = stats
        let process = ProcessInfo.processInfo
        let outcome = EscapeCommand.run(input.commandLineOptions(), flags: flags, environment: process.environment,
                                        workingDirectory: FileManager.default.currentDirectoryPath,
                                        processorCount: process.activeProcessorCount)
        Terminal.finish(outcome)
    }
}
