import Foundation

extension RuleSet {
    /// The rules of one run, in the order the CLI needs them: the built-in
    /// rules (or `CONCLINT_RULES`), then the configuration's `rules-dirs`,
    /// then `--rules` directories; finally the configuration is checked
    /// against the whole set (unknown ids). Any problem is a
    /// `ConfigurationError`, to be reported before any output.
    public static func forRun(configuration: Configuration, ruleDirectories: [String] = [],
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuleSet {
        var set = try builtin(environment: environment)
        for directory in configuration.rulesDirectories + ruleDirectories {
            set = try set.adding(load(directory: URL(fileURLWithPath: directory), displayPath: directory))
        }
        try configuration.validate(against: set)
        return set
    }
}
