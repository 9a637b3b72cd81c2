import Findings
import Foundation
import Report

/// The findings a team has accepted, read from an earlier SARIF file
/// (`conclint baseline write`, or any `--format sarif` output): a result is
/// reported only when its rule and `partialFingerprints` pair is not in the
/// baseline. Fingerprints hash the rule, the file, the enclosing function
/// and the normalised text of the finding's line, never line numbers, so
/// edits elsewhere in the file do not resurrect accepted findings.
public struct Baseline: Sendable {
    struct Key: Hashable, Sendable {
        var ruleID: String
        var fingerprint: String
    }

    var keys: Set<Key>
    /// Where it was read from, for messages.
    public var path: String

    public var count: Int { keys.count }

    /// Reads a SARIF file; a missing or malformed one is a usage error.
    public static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read --baseline \(path)")
        }
        let result: RunResult
        do {
            result = try SARIFReader.read(data, file: path)
        } catch {
            throw UsageError("invalid --baseline: \(error)")
        }
        return Baseline(keys: Set(result.findings.map { Key(ruleID: $0.ruleID, fingerprint: Reporter.fingerprint(of: $0)) }),
                        path: path)
    }

    public func contains(_ finding: Finding) -> Bool {
        keys.contains(Key(ruleID: finding.ruleID, fingerprint: Reporter.fingerprint(of: finding)))
    }
}

/// Narrows a run's result to what should be reported: findings not in the
/// baseline and on changed lines, and only the rules still used.
enum ResultFilter {
    static func apply(_ result: RunResult, keep: (Finding) -> Bool) -> RunResult {
        var filtered = result
        filtered.findings = result.findings.filter(keep)
        let fired = Set(filtered.findings.map(\.ruleID))
        filtered.rules = result.rules.filter { fired.contains($0.id) }
        return filtered
    }

    /// `--baseline` and `--new-from-rev` applied to a finished run.
    static func apply(_ workflow: WorkflowOptions, to result: RunResult) -> RunResult {
        guard workflow.baseline != nil || workflow.changedLines != nil else { return result }
        // git names files by their real paths.
        let root = URL(fileURLWithPath: result.root).resolvingSymlinksInPath().path
        return apply(result) { finding in
            if let baseline = workflow.baseline, baseline.contains(finding) { return false }
            if let changed = workflow.changedLines, !changed.contains(finding.location, root: root) { return false }
            return true
        }
    }
}

/// Everything `WorkflowOptions` changes in what a finished run reports:
/// the shard's part, then the baseline and the changed lines.
public enum WorkflowFilter {
    public static func apply(_ workflow: WorkflowOptions, to outcome: LintPipeline.Outcome) -> RunResult {
        var result = outcome.result
        if let shard = workflow.shard { result = shard.restrict(result, workspace: outcome.workspace) }
        return ResultFilter.apply(workflow, to: result)
    }
}
