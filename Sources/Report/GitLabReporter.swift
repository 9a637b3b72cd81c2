import Findings

/// GitLab's Code Quality report: a JSON array of issues, each with
/// `description`, `check_name`, `fingerprint`, `severity` and
/// `location.path` / `location.lines.begin`. Severities: error → major,
/// warning → minor, note → info. Fingerprints must be unique in a report,
/// so a repeated one gets `-2`, `-3`, … appended in output order.
enum GitLabReporter {
    static func severity(_ level: Level) -> String {
        switch level {
        case .error: return "major"
        case .warning: return "minor"
        case .note: return "info"
        }
    }

    static func render(_ result: RunResult) -> String {
        var seen: [String: Int] = [:]
        let issues: [JSONValue] = result.findings.map { finding in
            let base = Fingerprint.of(finding)
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            var o = JSONObjectBuilder()
            o.add("description", finding.message)
            o.add("check_name", finding.ruleID)
            o.add("fingerprint", count == 1 ? base : "\(base)-\(count)")
            o.add("severity", severity(finding.level))
            o.add("location", .object([
                ("path", .string(finding.location.file)),
                ("lines", .object([("begin", .int(finding.location.line))])),
            ]))
            return o.value
        }
        return JSONWriter.pretty(.array(issues))
    }
}
