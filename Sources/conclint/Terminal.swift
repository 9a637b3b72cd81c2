import Driver
import Foundation

/// Writes a command's outcome to the real streams and ends the process
/// with its code.
enum Terminal {
    /// Ends the process here, while the outcome still holds what the run
    /// built (RunMemory): the system takes that memory back faster than
    /// freeing it object by object. Output files are already written and
    /// closed (atomically) by the command, and the two streams are written
    /// unbuffered just above.
    static func finish(_ outcome: CommandOutcome) -> Never {
        write(outcome.stdout, to: FileHandle.standardOutput)
        write(outcome.stderr, to: FileHandle.standardError)
        withExtendedLifetime(outcome.memory) {
            Foundation.exit(outcome.status.rawValue)
        }
    }

    static func write(_ text: String, to handle: FileHandle) {
        guard !text.isEmpty else { return }
        handle.write(Data(text.utf8))
    }
}
