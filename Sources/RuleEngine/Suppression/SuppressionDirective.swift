import Findings

/// One suppression comment:
/// - `//conclint:ignore ID[,ID2...] reason`: each ID a rule id, a category or `all`;
/// - golangci-lint's `//nolint` (every linter), `//nolint:conclint` and
///   `//nolint:all`, optionally followed by `// reason`.
///
/// Like Go's own directives they are written without a space after `//`.
public struct SuppressionDirective: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case conclintIgnore = "conclint:ignore"
        case nolint
    }

    public var kind: Kind
    public var targets: [RuleTarget]
    /// The explanation after the ids; nil when none was given.
    public var reason: String?
    public var file: String
    public var line: Int
    public var column: Int
    /// The lines whose findings it can suppress.
    public var coveredLines: ClosedRange<Int>
    public var text: String

    public func matches(_ finding: Finding) -> Bool {
        coveredLines.contains(finding.location.line)
            && targets.contains { $0.matches(ruleID: finding.ruleID, category: finding.category) }
    }
}

/// What a comment turned out to be.
public enum DirectiveParse: Hashable, Sendable {
    /// Not a directive for conclint (including `//nolint:errcheck`).
    case none
    /// A directive: its kind, targets and reason.
    case directive(SuppressionDirective.Kind, [RuleTarget], reason: String?)
    /// A `//conclint:ignore` that cannot be understood; the text says why.
    case malformed(String)

    public init(comment text: String) {
        if text.hasPrefix("//conclint:ignore") {
            self = Self.parseIgnore(text.dropFirst("//conclint:ignore".count))
        } else if text.hasPrefix("//nolint") {
            self = Self.parseNolint(text.dropFirst("//nolint".count))
        } else {
            self = .none
        }
    }

    private static func parseIgnore(_ rest: Substring) -> DirectiveParse {
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return .none }
        let words = rest.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
        guard let list = words.first else {
            return .malformed("//conclint:ignore names no rule; write //conclint:ignore ID reason")
        }
        var targets: [RuleTarget] = []
        for name in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard let target = RuleTarget(String(name)) else {
                return .malformed("//conclint:ignore: \"\(name)\" is not a rule id, a category or all")
            }
            targets.append(target)
        }
        let reason = words.count > 1 ? String(words[1]).trimmingSpaces : ""
        return .directive(.conclintIgnore, targets, reason: reason.isEmpty ? nil : reason)
    }

    /// golangci-lint's syntax: `nolint`, then optionally `:name,name`, then
    /// optionally `// reason`. Only the names conclint and all concern us.
    private static func parseNolint(_ rest: Substring) -> DirectiveParse {
        var rest = rest
        var names: [Substring] = []
        if rest.first == ":" {
            rest = rest.dropFirst()
            let list = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "," }
            rest = rest.dropFirst(list.count)
            names = list.split(separator: ",")
            if names.isEmpty { return .none }
        } else if let next = rest.first, next != " " && next != "\t" {
            return .none  // //nolintfoo
        }
        guard names.isEmpty || names.contains(where: { $0 == "conclint" || $0 == "all" }) else { return .none }
        var reason = rest.trimmingSpaces
        if reason.hasPrefix("//") { reason = String(reason.dropFirst(2)).trimmingSpaces }
        return .directive(.nolint, [.all], reason: reason.isEmpty ? nil : reason)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
