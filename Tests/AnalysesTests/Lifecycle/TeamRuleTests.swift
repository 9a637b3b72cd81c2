import ConcIR
import Findings
import Foundation
import RuleEngine
import Testing
@testable import Analyses

/// A team adds a lifecycle rule as a file, with no Swift code and no
/// rebuild: the engine loads it from a directory at run time and enforces it.
@Suite struct TeamRuleTests {
    static let rule = """
    id: CG9001
    name: c-buffer-not-freed
    category: cgo
    level: error
    summary: A buffer from C.malloc is not freed on some path.
    description: |
      C memory is not collected: every path must free it.
    precision: high
    since: "0.1.0"
    lifecycle:
      resource: C buffer
      acquire:
        - call: C.malloc
      release:
        - call: C.free
          argument: 0
      transfer: [return, field]
      messages:
        leak: "{resource} from {call} in {function} is not freed on the path through line {line}"
      options:
        panic-paths: true
    examples:
      bad:
        - lang: cir
          code: |
            package example.com/buf
            func example.com/buf.f(n int) {
                var p unsafe.Pointer
            b0:
                ↓p = cgo.call C.malloc(n)
                return
            }
    """

    private func withTeamRules<T>(_ body: (RuleSet) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cgo"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.rule.write(to: dir.appendingPathComponent("cgo/CG9001-c-buffer-not-freed.yaml"), atomically: true, encoding: .utf8)
        let team = try RuleSet.load(directory: dir, displayPath: "team-rules")
        return try body(try Harness.repositoryRules.adding(team))
    }

    @Test func teamRuleFromADirectoryIsEnforced() throws {
        let module = try #require(Harness.module("""
        package example.com/buf
        func example.com/buf.fill(n int, big bool) unsafe.Pointer {
            var p unsafe.Pointer
        b0:
            p = cgo.call C.malloc(n) @4:9
            if big then b1 else b2
        b1:
            panic "too big" @6:9
        b2:
            return p
        }
        func example.com/buf.scratch(n int) {
            var q unsafe.Pointer
        b0:
            q = cgo.call C.malloc(n) @13:9
            defer cgo.call C.free(q)
            return
        }
        """))
        let findings = try withTeamRules { Harness.findings([module], rules: $0, only: ["CG9001"]) }
        #expect(Harness.summary(findings) == ["CG9001@4:9"])
        let finding = try #require(findings.first)
        #expect(finding.message == "C buffer from C.malloc in buf.fill is not freed on the path through line 6")
        #expect(finding.category == .cgo)
        #expect(finding.level == .error)
    }

    @Test func teamRulesOwnExampleRunsLikeABuiltInOne() throws {
        let rule = try withTeamRules { try #require($0["CG9001"]) }
        let example = try #require(rule.examples.bad.first)
        let extracted = example.extracted
        let module = try #require(Harness.module(extracted.source))
        let findings = try withTeamRules { Harness.findings([module], rules: $0, only: ["CG9001"]) }
        #expect(findings.map { ExpectedFinding(line: $0.location.line, column: $0.location.column) } == extracted.expected)
    }

    /// The lifecycle analysis needs no change for a new rule: being asked
    /// with it is enough.
    @Test func analysisIsNeededByAnyLifecycleRule() throws {
        let rule = try withTeamRules { try #require($0["CG9001"]) }
        #expect(LifecycleAnalysis().isNeeded(by: [rule]))
        #expect(!StructuralAnalysis().isNeeded(by: [rule]))
    }

    /// `when-returns: false` on a release: the call releases the resource on
    /// the path where its bool result is false, not where it is true.
    @Test func releaseWhenTheCallReturnsFalse() {
        let text = """
        package p
        func p.all(db *database/sql.DB) {
            var rows *database/sql.Rows
            var err error
        b0:
            rows, err = call (*database/sql.DB).Query(db, "q") @4:18
            if err then b1 else b2
        b1:
            return
        b2:
            jump b3
        b3: loop
            %1 = call (*database/sql.Rows).Next(rows)
            if %1 then b4 else b5
        b4:
            jump b3
        b5:
            return
        }
        func p.first(db *database/sql.DB, stop bool) {
            var rows *database/sql.Rows
            var err error
        b0:
            rows, err = call (*database/sql.DB).Query(db, "q") @24:18
            if err then b1 else b2
        b1:
            return
        b2:
            jump b3
        b3: loop
            %1 = call (*database/sql.Rows).Next(rows)
            if %1 then b4 else b5
        b4:
            if stop then b6 else b3
        b5:
            return
        b6:
            return @38:4
        }
        """
        let findings = Harness.findings(text, only: ["GR9001"])
        #expect(Harness.summary(findings) == ["GR9001@24:18"])
        #expect(findings.first?.message.contains("line 38") == true)
    }

    /// Only `false` is accepted: a release on a true result is not modelled.
    @Test func releaseWhenTrueIsRejected() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cgo"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rule = Self.rule.replacingOccurrences(of: "    - call: C.free\n      argument: 0\n",
                                                  with: "    - call: C.free\n      argument: 0\n      when-returns: true\n")
        #expect(rule != Self.rule)
        try rule.write(to: dir.appendingPathComponent("cgo/CG9001-c-buffer-not-freed.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try RuleSet.load(directory: dir, displayPath: "team-rules") }
    }
}
