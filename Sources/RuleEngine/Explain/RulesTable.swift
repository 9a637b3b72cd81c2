import Foundation

/// The table of every rule in docs/rules.md, generated from rules/ so that
/// the documentation cannot drift from the rule files (a test fails when
/// the checked-in table is stale).
public enum RulesTable {
    public static let beginMarker = "<!-- BEGIN GENERATED RULES TABLE -->"
    public static let endMarker = "<!-- END GENERATED RULES TABLE -->"

    public static func markdown(_ rules: RuleSet) -> String {
        var out = "| id | name | category | level | precision | summary |\n"
        out += "|---|---|---|---|---|---|\n"
        for rule in rules.rules {
            var level = rule.level.rawValue
            for note in rule.goNotes {
                if let changed = note.level { level += " (\(changed.rawValue) \(note.boundDescription))" }
            }
            let status = rule.deprecated ? " (deprecated)" : rule.enabledByDefault ? "" : " (off by default)"
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            out += "| \(rule.id) | \(rule.name)\(status) | \(rule.category.rawValue) | \(level) | \(rule.precision.rawValue) | \(summary) |\n"
        }
        return out
    }

    /// `document` with the text between the markers replaced by the table;
    /// nil when the markers are missing.
    public static func replacingTable(in document: String, with rules: RuleSet) -> String? {
        guard let begin = document.range(of: beginMarker),
              let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex) else { return nil }
        return String(document[..<begin.upperBound]) + "\n" + markdown(rules) + String(document[end.lowerBound...])
    }
}
