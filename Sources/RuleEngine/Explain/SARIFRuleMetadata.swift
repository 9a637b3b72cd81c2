import Findings

/// A rule's SARIF `reportingDescriptor` content, from its rule file:
/// `shortDescription` the summary, `fullDescription` the description's first
/// paragraph, `help` the whole description with the examples (markdown and
/// plain), and the properties code-scanning dashboards read.
public struct SARIFRuleMetadata: Hashable, Sendable {
    public var id: String
    public var name: String
    public var shortDescription: String
    public var fullDescription: String
    public var helpText: String
    public var helpMarkdown: String
    public var defaultLevel: Level
    public var category: Category
    /// The rule's tags plus its category (DESIGN.md: the category is also a tag).
    public var tags: [String]
    public var precision: String
    /// GitHub's `problem.severity`: error, warning or recommendation.
    public var problemSeverity: String

    public init(rule: Rule, level: Level? = nil) {
        id = rule.id
        name = rule.name
        shortDescription = rule.summary
        fullDescription = rule.firstParagraph
        helpText = RuleExplainer.render(rule)
        helpMarkdown = Self.markdown(rule)
        defaultLevel = level ?? rule.level
        category = rule.category
        tags = rule.tags.contains(rule.category.rawValue) ? rule.tags : rule.tags + [rule.category.rawValue]
        precision = rule.precision.rawValue
        switch defaultLevel {
        case .error: problemSeverity = "error"
        case .warning: problemSeverity = "warning"
        case .note: problemSeverity = "recommendation"
        }
    }

    static func markdown(_ rule: Rule) -> String {
        var out = "\(rule.description.trimmingTrailingNewlines)\n"
        if !rule.goNotes.isEmpty {
            out += "\n## Go versions\n\n"
            for note in rule.goNotes { out += "- \(RuleExplainer.describe(note))\n" }
        }
        out += section("Bad examples", note: "`↓` marks where the finding is reported.", rule.examples.bad)
        out += section("Good examples", note: "No finding.", rule.examples.good)
        return out
    }

    private static func section(_ title: String, note: String, _ examples: [RuleExample]) -> String {
        guard !examples.isEmpty else { return "" }
        var out = "\n## \(title)\n\n\(note)\n"
        for example in examples {
            let fence = example.code.contains("```") ? "~~~~" : "```"
            out += "\n\(fence)\(example.language == .go ? "go" : "")\n\(example.code.trimmingTrailingNewlines)\n\(fence)\n"
        }
        return out
    }
}
