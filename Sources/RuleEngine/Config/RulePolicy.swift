import Findings

/// The configuration applied to a rule set: which rules run and at what
/// level. Built once per run; every finding is judged by it.
public struct RulePolicy: Sendable {
    public let rules: RuleSet
    public let configuration: Configuration

    public init(rules: RuleSet, configuration: Configuration) {
        self.rules = rules
        self.configuration = configuration
    }

    /// The most specific `enable`/`disable` entry decides (an id beats a
    /// category, which beats `all`); at equal specificity `disable` wins.
    /// With no entry, the rule's own default. Deprecated rules never run.
    public func isEnabled(_ rule: Rule) -> Bool {
        if rule.deprecated { return false }
        let enabling = strongest(configuration.enable, for: rule)
        let disabling = strongest(configuration.disable, for: rule)
        switch (enabling, disabling) {
        case (nil, nil): return rule.enabledByDefault
        case (_?, nil): return true
        case (nil, _?): return false
        case let (on?, off?): return on > off
        }
    }

    /// The level for a finding of `rule` in code compiled with `goVersion`:
    /// the most specific `levels:` entry, else the rule's level for that Go version.
    public func level(of rule: Rule, goVersion: GoLanguageVersion?) -> Level {
        configuredLevel(of: rule) ?? rule.level(for: goVersion)
    }

    /// The level the configuration sets for `rule`, if any.
    public func configuredLevel(of rule: Rule) -> Level? {
        configuration.levels
            .filter { $0.selector.target.matches(ruleID: rule.id, category: rule.category) }
            .max { $0.selector.target.specificity < $1.selector.target.specificity }?
            .level
    }

    /// The Go version a file is judged by: the configuration's override, else
    /// the file's own (build constraint), else the module's.
    public func goVersion(file: GoLanguageVersion?, module: GoLanguageVersion?) -> GoLanguageVersion? {
        configuration.goVersion ?? file ?? module
    }

    private func strongest(_ selectors: [RuleSelector], for rule: Rule) -> Int? {
        selectors.filter { $0.target.matches(ruleID: rule.id, category: rule.category) }
            .map(\.target.specificity).max()
    }
}
