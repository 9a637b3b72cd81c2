import Findings

/// GitHub Actions workflow commands, one annotation per finding:
///
///     ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message
///
/// (`warning` and `notice` for the other levels). Notifications become
/// annotations titled `conclint`. The runner splits on `::`, `,` and
/// newlines, so values are escaped as it requires: `%`, CR and LF
/// everywhere, and `:` and `,` inside properties too.
enum GitHubReporter {
    static func render(_ result: RunResult) -> String {
        var out = ""
        for finding in result.findings {
            var properties: [(String, String)] = [
                ("file", finding.location.file),
                ("line", String(finding.location.line)),
                ("col", String(finding.location.column)),
            ]
            if let endLine = finding.location.endLine { properties.append(("endLine", String(endLine))) }
            if let endColumn = finding.location.endColumn { properties.append(("endColumn", String(endColumn))) }
            properties.append(("title", finding.ruleID))
            out += command(command(for: finding.level), properties, message(of: finding))
        }
        for notification in result.notifications {
            var properties: [(String, String)] = [("file", notification.file)]
            if let line = notification.line { properties.append(("line", String(line))) }
            if let column = notification.column { properties.append(("col", String(column))) }
            properties.append(("title", "conclint"))
            let name: String
            switch notification.kind {
            case .error: name = "error"
            case .warning: name = "warning"
            case .note: name = "notice"
            }
            out += command(name, properties, notification.message)
        }
        return out
    }

    static func command(for level: Level) -> String {
        switch level {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    /// The message, then each witness step and fix on its own line (the
    /// annotation shows them; the runner sees escaped newlines).
    private static func message(of finding: Finding) -> String {
        var lines = [finding.message]
        for flow in finding.flows {
            var number = 0
            for thread in flow.threads {
                for step in thread.steps {
                    number += 1
                    let l = step.location
                    lines.append("\(number). \(l.file):\(l.line):\(l.column): \(step.message)")
                }
            }
        }
        for fix in finding.fixes { lines.append("fix: \(fix.description)") }
        return lines.joined(separator: "\n")
    }

    static func command(_ name: String, _ properties: [(String, String)], _ message: String) -> String {
        let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name) \(props)::\(escapeData(message))\n"
    }

    static func escapeData(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func escapeProperty(_ s: String) -> String {
        var out = ""
        for ch in escapeData(s).unicodeScalars {
            switch ch {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
