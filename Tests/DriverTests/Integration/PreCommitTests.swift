import Foundation
import TestSupport
import Testing
@testable import Driver

/// pre-commit end to end: pre-commit installed from PyPI into a virtual
/// environment, a Go module in a temporary git repository whose
/// `.pre-commit-config.yaml` points at this repository's hooks (a bare
/// clone of HEAD), a staged defect that fails the commit check with the
/// finding, and the fix that passes it.
///
/// The `conclint-system` hook uses the conclint built next to the tests; the
/// `conclint` hook (`language: swift`) has pre-commit build this repository
/// with SwiftPM in release mode, which takes as long as a release build, so
/// it runs only when CONCLINT_SLOW_TESTS=1.
@Suite(.serialized, .enabled(if: Executable.path != nil && GitModule.gitIsAvailable && PreCommit.pythonIsAvailable,
                             "needs the conclint executable, git and python3 with venv"))
struct PreCommitTests {
    @Test func theSystemHookFailsOnADefectAndPassesAfterTheFix() throws {
        try PreCommit.check(hook: "conclint-system")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["CONCLINT_SLOW_TESTS"] == "1",
                   "builds this repository in release mode; set CONCLINT_SLOW_TESTS=1"))
    func theSwiftHookIsBuiltByPreCommitAndFailsOnADefect() throws {
        try PreCommit.check(hook: "conclint")
    }
}

enum PreCommit {
    static let pythonIsAvailable = (try? Shell.run(["python3", "-m", "venv", "--help"]))?.status == 0

    /// A virtual environment at `directory` with pre-commit from PyPI; its
    /// pre-commit executable. It lives in the test's temporary tree, so that
    /// it goes with it (made once per process, it was left in the temporary
    /// directory by every run).
    static func install(into directory: String) throws -> String {
        let venv = try Shell.run(["python3", "-m", "venv", directory])
        guard venv.status == 0 else { throw GitModule.GitError(description: "venv: \(venv.stderr)") }
        let pip = try Shell.run([directory + "/bin/python", "-m", "pip", "install", "--quiet", "pre-commit"])
        guard pip.status == 0 else { throw GitModule.GitError(description: "pip install pre-commit: \(pip.stderr)") }
        return directory + "/bin/pre-commit"
    }

    static func check(hook: String) throws {
        let conclint = try #require(Executable.path)
        let hooks = try TemporaryTree()
        let preCommit = try install(into: hooks.path("venv"))
        let clone = try Shell.run(["git", "clone", "--quiet", "--bare", Repository.root, hooks.path("conclint.git")])
        try #require(clone.status == 0, "\(clone.stderr)")
        let revision = try Shell.run(["git", "-C", Repository.root, "rev-parse", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let repo = try GitModule()
        try repo.write(".pre-commit-config.yaml", """
            repos:
              - repo: \(hooks.path("conclint.git"))
                rev: \(revision)
                hooks:
                  - id: \(hook)

            """)
        try repo.write("util/util.go", "package util\n\nfunc One() int { return 1 }\n")
        try repo.write("jobs/helper.go", "package jobs\n\nfunc helper() int { return 2 }\n")
        try repo.commit("a clean module")

        var environment = ProcessInfo.processInfo.environment
        environment["PRE_COMMIT_HOME"] = hooks.path("pre-commit-home")
        environment["PATH"] = (conclint as NSString).deletingLastPathComponent + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["XDG_CACHE_HOME"] = hooks.path("xdg-cache")
        func run() throws -> Shell.Output {
            try Shell.run([preCommit, "run", "--color", "never"], in: repo.root, environment: environment)
        }

        // A defect in a new file of package jobs; the package's other file comes along.
        try repo.write("jobs/jobs.go", "package jobs\n\n" + GoDefects.blockedSend("Start"))
        try repo.git("add", "jobs/jobs.go")
        let failing = try run()
        #expect(failing.status == 1, "\(failing.stdout)\(failing.stderr)")
        #expect(failing.stdout.contains("jobs/jobs.go:6:"), "\(failing.stdout)")
        #expect(failing.stdout.contains("[CH1001]"), "\(failing.stdout)")

        try repo.write("jobs/jobs.go", "package jobs\n\n" + GoDefects.bufferedSend("Start"))
        try repo.git("add", "jobs/jobs.go")
        let passing = try run()
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("Passed"), "\(passing.stdout)")
    }

}
