import Discovery
import Findings
import Foundation
import Report

/// `conclint merge FILES... [--output FILE]`: joins the SARIF files of
/// `conclint lint --shard i/n --format sarif` runs into the file one
/// unsharded run would have written. Each input is read back into the
/// result it was rendered from; the results, notifications and rules are
/// united (rules by id), sorted as a run sorts them, and rendered by the
/// same SARIF reporter, limits included. Inputs must share one analysis
/// root, as shards of one run do.
public enum MergeCommand {
    public static func run(inputs: [String], output: String?, workingDirectory: String) -> CommandOutcome {
        guard !inputs.isEmpty else {
            return CommandOutcome(stderr: "conclint: error: merge needs at least one SARIF file\n", status: .usage)
        }
        var outputPath: String?
        var results: [RunResult] = []
        do {
            if let output {
                let absolute = PathUtilities.absolute(output, relativeTo: workingDirectory)
                try AtomicFileWriter.checkWritable(absolute)
                outputPath = absolute
            }
            for input in inputs {
                let path = PathUtilities.absolute(input, relativeTo: workingDirectory)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw UsageError("cannot read \(input)")
                }
                do {
                    results.append(try SARIFReader.read(data, file: input))
                } catch {
                    throw UsageError("\(error)")
                }
            }
            let merged = try merge(results)
            let rendered = Reporter.render(merged, as: .sarif, options: ReportOptions())
            if let outputPath {
                do {
                    try AtomicFileWriter.write(rendered, to: outputPath)
                } catch {
                    return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .internalError)
                }
                return CommandOutcome(status: .clean)
            }
            return CommandOutcome(stdout: rendered, status: .clean)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
    }

    /// One result from several, in a run's order.
    static func merge(_ results: [RunResult]) throws -> RunResult {
        guard let first = results.first else { throw UsageError("merge needs at least one SARIF file") }
        for other in results.dropFirst() where other.root != first.root {
            throw UsageError("cannot merge runs over different roots (\(first.root) and \(other.root))")
        }
        var rules: [String: RuleDescriptor] = [:]
        for result in results {
            for rule in result.rules where rules[rule.id] == nil { rules[rule.id] = rule }
        }
        let findings = RunResultAssembly.stableSorted(results.flatMap(\.findings), by: Finding.precedes)
        let notifications = RunResultAssembly.stableSorted(results.flatMap(\.notifications), by: Findings.Notification.precedes)
        return RunResult(root: first.root, rules: rules.values.sorted { $0.id < $1.id }, findings: findings,
                         notifications: notifications, toolVersion: first.toolVersion)
    }
}
