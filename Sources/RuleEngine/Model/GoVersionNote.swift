import Findings

/// How a rule's verdict changes with the analysed Go version (DESIGN.md, "Go
/// versions change what is a defect"): the rule stays, its level and message
/// change. Written in the rule file as `go: [{from: "1.23", level: note,
/// message-suffix: "..."}]`.
public struct GoVersionNote: Hashable, Sendable {
    /// Which versions the note applies to.
    public enum Bound: Hashable, Sendable {
        /// The analysed version is at least this one.
        case from(GoLanguageVersion)
        /// The analysed version is older than this one.
        case until(GoLanguageVersion)
    }

    public var bound: Bound
    /// The level for those versions, when it differs from the rule's.
    public var level: Level?
    /// Text appended to the finding's message for those versions.
    public var messageSuffix: String?

    public init(bound: Bound, level: Level?, messageSuffix: String?) {
        self.bound = bound
        self.level = level
        self.messageSuffix = messageSuffix
    }

    /// Whether the note applies; an unknown version means the newest Go, so
    /// `from` notes apply and `until` notes do not.
    public func applies(to version: GoLanguageVersion?) -> Bool {
        switch bound {
        case let .from(first):
            guard let version else { return true }
            return version >= first
        case let .until(limit):
            guard let version else { return false }
            return version < limit
        }
    }

    /// "from Go 1.23" / "before Go 1.23", for explanations.
    public var boundDescription: String {
        switch bound {
        case let .from(version): return "from Go \(version)"
        case let .until(version): return "before Go \(version)"
        }
    }
}
