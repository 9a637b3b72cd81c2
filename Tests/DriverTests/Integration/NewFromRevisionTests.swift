import Foundation
import Testing
@testable import Driver

/// `--new-from-rev` on a real git history: only results on lines changed
/// since the revision (committed or not, and in untracked files) are reported.
@Suite(.enabled(if: GitModule.gitIsAvailable && parserIsReal, "needs git and the real parser"))
struct NewFromRevisionTests {
    static let header = "package a\n\n"

    @Test func onlyResultsOnChangedLinesAreReported() throws {
        let repo = try GitModule()
        try repo.write("a/a.go", Self.header + GoDefects.blockedSend("Old"))
        let start = try repo.commit("old defect")

        // A committed change, an uncommitted one and an untracked package.
        try repo.write("a/a.go", Self.header + GoDefects.blockedSend("Old") + GoDefects.blockedSend("Committed"))
        try repo.commit("new defect")
        try repo.write("a/a.go", Self.header + GoDefects.blockedSend("Old") + GoDefects.blockedSend("Committed")
            + GoDefects.blockedSend("Unstaged"))
        try repo.write("b/b.go", "package b\n\n" + GoDefects.blockedSend("Untracked"))

        let everything = lint(repo.tree, options(["./..."]))
        #expect(BaselineTests.findings(everything).count == 4, "\(everything.stdout)")

        let outcome = lint(repo.tree, options(["./..."]) { $0.workflow.newFromRevision = start })
        let reported = BaselineTests.findings(outcome)
        #expect(reported.count == 3, "\(outcome.stdout)")
        #expect(!reported.contains { $0.hasPrefix("a/a.go:6:") }, "Old's send (line 6) is not new: \(reported)")
        #expect(reported.contains { $0.hasPrefix("b/b.go:") })

        let sinceHead = lint(repo.tree, options(["./..."]) { $0.workflow.newFromRevision = "HEAD" })
        #expect(BaselineTests.findings(sinceHead).count == 2, "\(sinceHead.stdout)")
    }

    @Test func anUnchangedTreeReportsNothing() throws {
        let repo = try GitModule()
        try repo.write("a/a.go", Self.header + GoDefects.blockedSend("Old"))
        try repo.commit("old defect")
        let outcome = lint(repo.tree, options(["./..."]) { $0.workflow.newFromRevision = "HEAD" })
        #expect(outcome.status == .clean, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func anUnknownRevisionOrNoRepositoryIsAUsageError() throws {
        let repo = try GitModule()
        try repo.write("a/a.go", Self.header + GoDefects.blockedSend("Old"))
        try repo.commit("old defect")
        let unknown = lint(repo.tree, options(["./..."]) { $0.workflow.newFromRevision = "no-such-branch" })
        #expect(unknown.status == .usage)
        #expect(unknown.stderr.contains("no-such-branch"))

        let plain = try TemporaryTree()
        try plain.write("a.go", "package a\n")
        let outside = lint(plain, options(["./..."]) { $0.workflow.newFromRevision = "HEAD" })
        #expect(outside.status == .usage, "\(outside.stderr)")
    }

    @Test func hunkHeadersAndQuotedNamesAreRead() {
        #expect(ChangedLines.newRange("@@ -3,0 +4,2 @@ func f() {") == 4..<6)
        #expect(ChangedLines.newRange("@@ -3 +7 @@") == 7..<8)
        #expect(ChangedLines.newRange("@@ -3,2 +2,0 @@") == nil)
        #expect(ChangedLines.unquote("\"b/a\\tb\\303\\251.go\"") == "b/a\tbé.go")
        let diff = "diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n@@ -1,0 +2,3 @@\n+a\n+b\n+c\n@@ -9 +12 @@\n-x\n+y\n"
        let changed = ChangedLines.parse(diff: diff, top: "/r")
        #expect(changed.lines["/r/x.go"] == [2, 3, 4, 12])
    }
}
