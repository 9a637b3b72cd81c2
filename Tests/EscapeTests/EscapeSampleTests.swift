import Driver
import Foundation
import Testing

/// samples/escape: each package's golden `conclint escape -l` output is
/// checked in; conclint must print it exactly, and so must the compiler
/// (`go build -gcflags='-m -l'`) when Go is installed.
@Suite struct EscapeSampleTests {
    static let samples = ["basics", "closures", "interfaces", "calls"]

    static func directory(_ sample: String) -> String { Repository.root + "/samples/escape/" + sample }

    static func golden(_ sample: String) throws -> String {
        try String(contentsOfFile: directory(sample) + "/escape-l.golden", encoding: .utf8)
    }

    @Test(arguments: samples)
    func conclintPrintsTheGolden(_ sample: String) throws {
        var options = CommandLineOptions()
        options.paths = ["."]
        var flags = EscapeCommand.Flags()
        flags.noInlining = true
        let outcome = EscapeCommand.run(options, flags: flags, environment: ProcessInfo.processInfo.environment,
                                        workingDirectory: Self.directory(sample), processorCount: 2)
        #expect(outcome.stdout == (try Self.golden(sample)))
    }

    @Test(arguments: samples)
    func theCompilerPrintsTheGolden(_ sample: String) throws {
        guard goIsInstalled else { return }
        let result = try #require(runProgram(["go", "build", "-gcflags=-m -l", "."], in: Self.directory(sample)))
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").filter { $0.hasPrefix("./") }.map { $0 + "\n" }.joined()
        #expect(lines == (try Self.golden(sample)))
    }
}
