import ArgumentParser
import Driver
import Foundation

// Argument errors exit with 2 (DESIGN.md), not ArgumentParser's default 64;
// help and --version still exit 0.
do {
    var command = try RootCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = RootCommand.exitCode(for: error)
    if code == .success {
        RootCommand.exit(withError: error)
    }
    FileHandle.standardError.write(Data((RootCommand.fullMessage(for: error) + "\n").utf8))
    Foundation.exit(ExitStatus.usage.rawValue)
}
