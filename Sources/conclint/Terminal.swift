import ArgumentParser
import Driver
import Foundation

/// Writes a command's outcome to the real streams and ends with its code.
enum Terminal {
    static func finish(_ outcome: CommandOutcome) throws {
        write(outcome.stdout, to: FileHandle.standardOutput)
        write(outcome.stderr, to: FileHandle.standardError)
        if outcome.status != .clean { throw ExitCode(outcome.status.rawValue) }
    }

    static func write(_ text: String, to handle: FileHandle) {
        guard !text.isEmpty else { return }
        handle.write(Data(text.utf8))
    }
}
