import Findings

/// A reference to rules in configuration and suppression comments: one
/// rule by id, a whole category, or every rule.
public enum RuleTarget: Hashable, Sendable, CustomStringConvertible {
    case rule(String)
    case category(Category)
    case all

    /// `all`, a category name (`timer`, `map-race`) or a well-formed id; nil otherwise.
    public init?(_ text: String) {
        if text == "all" {
            self = .all
        } else if let category = Category(rawValue: text) {
            self = .category(category)
        } else if RuleID.isWellFormed(text) {
            self = .rule(text)
        } else {
            return nil
        }
    }

    public func matches(ruleID: String, category: Category) -> Bool {
        switch self {
        case .all: return true
        case let .category(c): return c == category
        case let .rule(id): return id == ruleID
        }
    }

    /// Higher is more specific: an id beats a category, which beats `all`.
    public var specificity: Int {
        switch self {
        case .all: return 0
        case .category: return 1
        case .rule: return 2
        }
    }

    public var description: String {
        switch self {
        case .all: return "all"
        case let .category(c): return c.rawValue
        case let .rule(id): return id
        }
    }
}

/// A `RuleTarget` as written in a configuration file, with its position so
/// that an unknown rule id can be reported where it was typed.
public struct RuleSelector: Hashable, Sendable {
    public var target: RuleTarget
    public var file: String
    public var position: SourcePosition?
    public var field: String

    public init(target: RuleTarget, file: String = "", position: SourcePosition? = nil, field: String = "") {
        self.target = target
        self.file = file
        self.position = position
        self.field = field
    }
}

/// `levels: {TM1001: error, escape: note}`: a level for some rules.
public struct LevelOverride: Hashable, Sendable {
    public var selector: RuleSelector
    public var level: Level

    public init(selector: RuleSelector, level: Level) {
        self.selector = selector
        self.level = level
    }
}
