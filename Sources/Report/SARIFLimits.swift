import Findings

/// The most a SARIF file may hold for GitHub code scanning to accept it
/// whole ("SARIF results exceed hard limit" in GitHub's documentation):
/// 25,000 results per run, 10,000 thread-flow locations and 1,000 locations
/// per result, 20 tags per rule, and 10 MB per upload. Code scanning counts
/// the 10 MB after gzip; conclint bounds the uncompressed file instead,
/// which is stricter, because it cannot know how well a file compresses
/// without compressing it.
public struct SARIFLimits: Hashable, Sendable {
    public var maxResults: Int
    public var maxThreadFlowLocationsPerResult: Int
    public var maxRelatedLocationsPerResult: Int
    public var maxTagsPerRule: Int
    /// Bytes of the whole file as written.
    public var maxBytes: Int

    public init(maxResults: Int = 25_000, maxThreadFlowLocationsPerResult: Int = 10_000,
                maxRelatedLocationsPerResult: Int = 1_000, maxTagsPerRule: Int = 20, maxBytes: Int = 10 << 20) {
        self.maxResults = maxResults
        self.maxThreadFlowLocationsPerResult = maxThreadFlowLocationsPerResult
        self.maxRelatedLocationsPerResult = maxRelatedLocationsPerResult
        self.maxTagsPerRule = maxTagsPerRule
        self.maxBytes = maxBytes
    }

    /// GitHub code scanning's hard limits (the default).
    public static let codeScanning = SARIFLimits()

    /// No limit at all (for `conclint merge` inputs and tests).
    public static let unlimited = SARIFLimits(maxResults: .max, maxThreadFlowLocationsPerResult: .max,
                                              maxRelatedLocationsPerResult: .max, maxTagsPerRule: .max, maxBytes: .max)
}

/// Fits a run into `SARIFLimits` and says what it left out: the results it
/// keeps are the most severe (errors, then warnings, then notes; in output
/// order within a level), witness paths and related locations are cut at
/// their limits, and every cut is reported as a warning notification in
/// `invocations[0].toolExecutionNotifications`, so that a reader of the
/// dashboard knows the list is not complete.
enum SARIFTruncation {
    /// How the notes about a cut begin (so that reading a SARIF back can drop them).
    static let notePrefix = "conclint (SARIF limits): "

    static func isTruncationNote(_ n: Notification) -> Bool {
        n.file.isEmpty && n.message.hasPrefix(notePrefix)
    }

    /// The result that fits, and its rendering.
    static func fit(_ result: RunResult, limits: SARIFLimits, render: (RunResult) -> String) -> (RunResult, String) {
        var trimmed = result
        var notes: [String] = []
        var shortenedFlows = 0
        var shortenedRelated = 0
        for i in trimmed.findings.indices {
            if trimFlows(&trimmed.findings[i].flows, to: limits.maxThreadFlowLocationsPerResult) { shortenedFlows += 1 }
            if trimmed.findings[i].related.count > limits.maxRelatedLocationsPerResult {
                trimmed.findings[i].related.removeLast(trimmed.findings[i].related.count - limits.maxRelatedLocationsPerResult)
                shortenedRelated += 1
            }
        }
        for i in trimmed.rules.indices where trimmed.rules[i].tags.count + 1 > limits.maxTagsPerRule {
            // The category is always the first tag; the rule file's tags follow.
            trimmed.rules[i].tags = Array(trimmed.rules[i].tags.prefix(max(0, limits.maxTagsPerRule - 1)))
        }
        if shortenedFlows > 0 {
            notes.append("witness paths of \(shortenedFlows) results cut to \(limits.maxThreadFlowLocationsPerResult) steps (code scanning's limit per result)")
        }
        if shortenedRelated > 0 {
            notes.append("related locations of \(shortenedRelated) results cut to \(limits.maxRelatedLocationsPerResult) (code scanning's limit per result)")
        }

        let total = trimmed.findings.count
        let bySeverity = severityOrder(trimmed.findings)
        func keeping(_ count: Int) -> RunResult {
            var kept = trimmed
            let chosen = Set(bySeverity.prefix(count))
            kept.findings = trimmed.findings.indices.filter(chosen.contains).map { trimmed.findings[$0] }
            var lines = notes
            if count < total {
                lines.append("SARIF holds \(count) of \(total) results, the most severe first, to stay within code "
                    + "scanning's limits (\(limits.maxResults) results per run, \(limits.maxBytes) bytes per file); "
                    + "run with --format json to see all of them")
            }
            // After the run's own notifications, whose order is the run's.
            kept.notifications += lines.map { Notification(kind: .warning, file: "", message: notePrefix + $0) }
            return kept
        }

        var count = min(total, limits.maxResults)
        var text = render(keeping(count))
        if text.utf8.count > limits.maxBytes {
            // The largest number of results that fits, by bisection (output grows with the count).
            var low = 0
            var high = count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if render(keeping(middle)).utf8.count <= limits.maxBytes { low = middle } else { high = middle - 1 }
            }
            count = low
            text = render(keeping(count))
        }
        return (keeping(count), text)
    }

    /// Finding indices, errors first, then warnings, then notes; output order within a level.
    static func severityOrder(_ findings: [Finding]) -> [Int] {
        findings.indices.sorted { a, b in
            if findings[a].level != findings[b].level { return findings[a].level > findings[b].level }
            return a < b
        }
    }

    /// Keeps the first `limit` steps over all of a result's flows; true when something was cut.
    static func trimFlows(_ flows: inout [CodeFlow], to limit: Int) -> Bool {
        var remaining = limit
        var cut = false
        for f in flows.indices {
            for t in flows[f].threads.indices {
                let steps = flows[f].threads[t].steps.count
                if steps > remaining {
                    flows[f].threads[t].steps.removeLast(steps - remaining)
                    cut = true
                }
                remaining -= flows[f].threads[t].steps.count
            }
        }
        return cut
    }
}
