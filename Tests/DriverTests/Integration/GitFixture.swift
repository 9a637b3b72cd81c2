import Foundation
import TestSupport

/// A Go module in a temporary git repository, for tests that need a real
/// history (baselines, `--new-from-rev`, pre-commit).
final class GitModule {
    let tree: TemporaryTree
    var root: String { tree.root }

    struct GitError: Error, CustomStringConvertible {
        var description: String
    }

    init(module: String = "example.com/m") throws {
        tree = try TemporaryTree()
        try tree.write("go.mod", "module \(module)\n\ngo 1.22\n")
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "tests@example.com")
        try git("config", "user.name", "conclint tests")
        try git("config", "commit.gpgsign", "false")
    }

    static var gitIsAvailable: Bool { (try? Shell.run(["git", "--version"]))?.status == 0 }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let outcome = try Shell.run(["git"] + arguments, in: root)
        guard outcome.status == 0 else {
            throw GitError(description: "git \(arguments.joined(separator: " ")): \(outcome.stderr)")
        }
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func write(_ relative: String, _ text: String) throws { try tree.write(relative, text) }

    /// Stages everything and commits; returns the new commit's hash.
    @discardableResult
    func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
        return try git("rev-parse", "HEAD")
    }
}

/// Go code the standard pipeline judges the same way every time.
enum GoDefects {
    /// A goroutine whose send can never be received (CH1001), in function `name`.
    static func blockedSend(_ name: String) -> String {
        """
        func \(name)() {
        \tch := make(chan int)
        \tgo func() {
        \t\tch <- 1
        \t}()
        }

        """
    }

    /// The same function without the defect (the channel has room).
    static func bufferedSend(_ name: String) -> String {
        """
        func \(name)() {
        \tch := make(chan int, 1)
        \tgo func() {
        \t\tch <- 1
        \t}()
        }

        """
    }
}
