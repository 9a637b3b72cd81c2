import Findings

/// `conclint explain ID`: a rule rendered as plain text, from its rule file
/// alone (id, name, category, level, summary, description, Go-version notes,
/// the lifecycle it checks, bad examples with their `↓` markers, good examples).
public enum RuleExplainer {
    public static func render(_ rule: Rule) -> String {
        var out = "\(rule.id) \(rule.name)\(rule.deprecated ? " (deprecated)" : "")\n"
        out += "category: \(rule.category.rawValue)   level: \(rule.level.rawValue)   "
        out += "precision: \(rule.precision.rawValue)   since: \(rule.since)"
        if !rule.enabledByDefault { out += "   off by default" }
        out += "\n"
        if !rule.tags.isEmpty { out += "tags: \(rule.tags.joined(separator: ", "))\n" }
        out += "\n\(rule.summary)\n\n\(rule.description.trimmingTrailingNewlines)\n"

        if !rule.goNotes.isEmpty {
            out += "\nGo versions:\n"
            for note in rule.goNotes { out += "  \(describe(note))\n" }
        }
        if let lifecycle = rule.lifecycle {
            out += "\n" + describe(lifecycle)
        }
        out += examples(rule.examples.bad, title: "Bad", caption: "each ↓ marks where a finding is reported")
        out += examples(rule.examples.good, title: "Good", caption: "no finding")
        return out
    }

    static func describe(_ note: GoVersionNote) -> String {
        var parts: [String] = []
        if let level = note.level { parts.append("level \(level.rawValue)") }
        if let suffix = note.messageSuffix { parts.append("the message adds \"\(suffix)\"") }
        return "\(note.boundDescription): " + parts.joined(separator: "; ")
    }

    static func describe(_ lifecycle: LifecycleSpec) -> String {
        var out = "Lifecycle of a \(lifecycle.resource):\n"
        out += "  acquired by: " + lifecycle.acquire.map { "\($0.call) (\($0.resource))" }.joined(separator: ", ") + "\n"
        out += "  released by: " + lifecycle.release.map(\.description).joined(separator: ", ") + "\n"
        if !lifecycle.transfer.isEmpty {
            out += "  handed over when: " + lifecycle.transfer.map(\.rawValue).joined(separator: ", ") + "\n"
        }
        return out
    }

    private static func examples(_ examples: [RuleExample], title: String, caption: String) -> String {
        guard !examples.isEmpty else { return "" }
        var out = "\n\(title) examples (\(caption)):\n"
        for (index, example) in examples.enumerated() {
            let language = example.language == .go ? "" : ", \(example.language.rawValue)"
            let version = example.goVersion.map { ", Go \($0)" } ?? ""
            out += "\n--- \(title.lowercased()) \(index + 1)\(language)\(version)\n"
            out += example.code.trimmingTrailingNewlines + "\n"
        }
        return out
    }
}

extension String {
    var trimmingTrailingNewlines: Substring {
        var text = Substring(self)
        while text.last == "\n" { text = text.dropLast() }
        return text
    }
}
