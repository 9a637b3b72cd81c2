import Foundation
import Findings

/// How often a rule's findings are true, as SARIF's `precision` property says it.
public enum Precision: String, Hashable, Sendable, CaseIterable {
    case veryHigh = "very-high"
    case high
    case medium
    case low
}

/// One rule as written in its rules/ file: the single source of truth for its
/// id, level, documentation, Go-version behaviour, declarative lifecycle and
/// examples. `conclint explain`, the SARIF `rules[]` and the example tests are
/// all produced from this value.
public struct Rule: Hashable, Sendable {
    public var id: String
    public var name: String
    public var category: Category
    public var level: Level
    public var summary: String
    public var description: String
    public var tags: [String]
    public var precision: Precision
    /// The conclint version that introduced the rule.
    public var since: String
    /// A retired rule: its id stays reserved, it never runs.
    public var deprecated: Bool
    /// False for rules that only run when a configuration enables them.
    public var enabledByDefault: Bool
    public var goNotes: [GoVersionNote]
    /// The Swift analysis that implements the rule (`lifecycle`, `leak`, `maprace` ...).
    public var analysis: String?
    /// The declarative resource description, for rules checked by the lifecycle engine.
    public var lifecycle: LifecycleSpec?
    /// Functions the rule's Swift analysis looks for, listed in the rule file
    /// so that a team can extend them without a rebuild (CG1010: the C
    /// functions that block). What they mean is the analysis's to say.
    public var calls: [CallPattern]
    public var examples: RuleExamples
    /// Where the rule was read from, as shown in errors and explanations.
    public var file: String
    /// Where the `id` field is, so that a clash with another file points at it.
    public var idPosition: SourcePosition?

    public init(id: String, name: String, category: Category, level: Level, summary: String,
                description: String, tags: [String] = [], precision: Precision = .high,
                since: String, deprecated: Bool = false, enabledByDefault: Bool = true,
                goNotes: [GoVersionNote] = [], analysis: String? = nil,
                lifecycle: LifecycleSpec? = nil, calls: [CallPattern] = [], examples: RuleExamples = RuleExamples(), file: String,
                idPosition: SourcePosition? = nil) {
        self.id = id
        self.name = name
        self.category = category
        self.level = level
        self.summary = summary
        self.description = description
        self.tags = tags
        self.precision = precision
        self.since = since
        self.deprecated = deprecated
        self.enabledByDefault = enabledByDefault
        self.goNotes = goNotes
        self.analysis = analysis
        self.lifecycle = lifecycle
        self.calls = calls
        self.examples = examples
        self.file = file
        self.idPosition = idPosition
    }

    /// The level for code compiled with `version` (nil: the newest Go),
    /// before any configuration override. Later notes win over earlier ones.
    public func level(for version: GoLanguageVersion?) -> Level {
        goNotes.filter { $0.applies(to: version) }.compactMap(\.level).last ?? level
    }

    /// The text appended to messages for code compiled with `version`.
    public func messageSuffix(for version: GoLanguageVersion?) -> String {
        goNotes.filter { $0.applies(to: version) }.compactMap(\.messageSuffix).map { " " + $0 }.joined()
    }

    /// The first paragraph of the description (SARIF `fullDescription`).
    public var firstParagraph: String {
        let paragraphs = description.components(separatedBy: "\n\n")
        let first = paragraphs.first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? description
        return first.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// What reporters need, with the rule's own default level.
    public var descriptor: RuleDescriptor {
        RuleDescriptor(id: id, name: name, category: category, defaultLevel: level, summary: summary,
                       description: description, tags: tags, precision: precision.rawValue)
    }
}
