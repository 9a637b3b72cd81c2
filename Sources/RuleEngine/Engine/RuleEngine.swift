import Findings

/// The last stage before reporting: every finding passes through here, and
/// the engine owns what the analyses do not decide — whether the rule is
/// enabled, the level (rule file, Go version, configuration), the message
/// suffix for the Go version, path excludes, suppression comments,
/// fingerprints, deduplication and the output order.
public struct RuleEngine: Sendable {
    public let rules: RuleSet
    public var fingerprinter = Fingerprinter()

    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Applies the configuration to the analyses' raw findings.
    ///
    /// - Parameters:
    ///   - suppressions: one index per analysed file (files without one have no directives).
    ///   - sources: the analysed files' lines, functions and Go versions, for fingerprints.
    ///   - goVersion: the module's Go version (go.mod); nil means the newest.
    public func finalize(findings: [Finding], config: Configuration, suppressions: [SuppressionIndex] = [],
                         sources: [SourceContext] = [], goVersion: GoLanguageVersion? = nil) -> FinalizedFindings {
        let policy = RulePolicy(rules: rules, configuration: config)
        let sourceByFile = Dictionary(sources.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        let indexByFile = Dictionary(suppressions.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        var notifications: [Notification] = []
        var kept: [Finding] = []
        var seen = Set<DeduplicationKey>()
        var used = Set<DirectiveKey>()

        for raw in findings {
            guard let rule = rules[raw.ruleID] else {
                notifications.append(Notification(kind: .error, file: raw.location.file, line: raw.location.line,
                                                  column: raw.location.column,
                                                  message: "internal: a finding for unknown rule \(raw.ruleID) was dropped"))
                continue
            }
            guard policy.isEnabled(rule), !config.isExcluded(raw.location.file) else { continue }
            let version = policy.goVersion(file: sourceByFile[raw.location.file]?.goVersion, module: goVersion)
            var finding = raw
            finding.category = rule.category
            finding.level = policy.level(of: rule, goVersion: version)
            finding.message += rule.messageSuffix(for: version)
            if let directive = indexByFile[finding.location.file]?.suppresses(finding) {
                used.insert(DirectiveKey(directive))
                continue
            }
            guard seen.insert(DeduplicationKey(finding)).inserted else { continue }
            kept.append(finding)
        }

        kept = fingerprinter.assign(kept, sources: sourceByFile).sorted(by: Finding.precedes)
        let fired = Set(kept.map(\.ruleID)).sorted().compactMap { id -> RuleDescriptor? in
            guard let rule = rules[id] else { return nil }
            var descriptor = rule.descriptor
            descriptor.defaultLevel = policy.configuredLevel(of: rule) ?? rule.level
            return descriptor
        }
        let audit = SuppressionAudit(policy: policy, indexes: suppressions, used: used)
        notifications += audit.notifications()
        return FinalizedFindings(findings: kept, rules: fired, unusedSuppressions: audit.unused(),
                                 notifications: notifications.sorted(by: Notification.precedes))
    }

    /// 1 when a finding is at or above `failOn`, else 0 (DESIGN.md's exit codes;
    /// 2 and 3 belong to the CLI).
    public static func exitCode(_ findings: [Finding], failOn: Level) -> Int32 {
        findings.contains { $0.level >= failOn } ? 1 : 0
    }
}

/// What `finalize` returns: the findings to print and what reporters need besides.
public struct FinalizedFindings: Sendable {
    /// Sorted with `Finding.precedes`, fingerprints filled in.
    public var findings: [Finding]
    /// The rules that fired, by id; `defaultLevel` is the level configured for this run.
    public var rules: [RuleDescriptor]
    /// Directives that suppressed nothing (whether or not they are reported).
    public var unusedSuppressions: [SuppressionDirective]
    /// Unused or reasonless directives (when the configuration asks),
    /// malformed ones, ones naming unknown rules, and findings of unknown rules.
    public var notifications: [Notification]
}

/// Findings equal in rule, place and message are one finding.
private struct DeduplicationKey: Hashable {
    let ruleID: String
    let location: Location
    let message: String
    init(_ finding: Finding) {
        ruleID = finding.ruleID
        location = finding.location
        message = finding.message
    }
}

/// Identifies a directive across indexes.
struct DirectiveKey: Hashable {
    let file: String
    let line: Int
    let column: Int
    init(_ directive: SuppressionDirective) {
        file = directive.file
        line = directive.line
        column = directive.column
    }
}
