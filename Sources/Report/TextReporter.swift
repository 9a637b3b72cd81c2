import Findings

/// The human and editor format:
///
///     path:line:col: message [rule-id]
///         path:line:col: related note
///         flow: what the path shows
///           1. path:line:col: step
///           2. [goroutine name] path:line:col: step   (when several goroutines take part)
///         fix: description
///
/// The first line is what editors and CI problem matchers parse; details
/// are indented so they never look like another finding.
struct TextReporter {
    let result: RunResult
    let paths: PathDisplay

    init(result: RunResult, options: ReportOptions) {
        self.result = result
        paths = PathDisplay(root: result.root, workingDirectory: options.workingDirectory)
    }

    func findingsText() -> String {
        var out = ""
        for finding in result.findings { append(finding, to: &out) }
        return out
    }

    func notificationsText() -> String {
        var out = ""
        for notification in result.notifications {
            var shown = notification
            shown.file = paths.show(notification.file)
            out += shown.oneLine + "\n"
        }
        return out
    }

    private func position(_ location: Location) -> String {
        "\(paths.show(location.file)):\(location.line):\(location.column)"
    }

    private func append(_ finding: Finding, to out: inout String) {
        out += "\(position(finding.location)): \(singleLine(finding.message)) [\(finding.ruleID)]\n"
        for related in finding.related {
            out += "    \(position(related.location)): \(singleLine(related.message))\n"
        }
        for flow in finding.flows {
            out += "    flow: \(singleLine(flow.message))\n"
            let labelThreads = flow.threads.count > 1
            var number = 0
            for thread in flow.threads {
                for step in thread.steps {
                    number += 1
                    let label = labelThreads ? "[\(singleLine(thread.name))] " : ""
                    out += "      \(number). \(label)\(position(step.location)): \(singleLine(step.message))\n"
                }
            }
        }
        for fix in finding.fixes {
            out += "    fix: \(singleLine(fix.description))\n"
        }
    }

    /// Messages stay on their line, so one finding is one first line.
    private func singleLine(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
