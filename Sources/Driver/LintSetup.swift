import Analyses
import Discovery
import Foundation
import RuleEngine

/// What a lint run decided before reading any Go: the rules (built-in,
/// the configuration's and `--rules` directories) and the configuration.
/// Loaded first so that a bad rule file or config stops the run with exit 2
/// before anything is written.
public struct LintSetup: Sendable {
    public var rules: RuleSet
    public var configuration: Configuration
    /// The rules enabled for this run (configuration applied).
    public var enabledRules: [Rule]
    public var statistics = StatisticsSink()

    public init(rules: RuleSet, configuration: Configuration) {
        self.rules = rules
        self.configuration = configuration
        let policy = RulePolicy(rules: rules, configuration: configuration)
        enabledRules = rules.rules.filter { !$0.deprecated && policy.isEnabled($0) }
    }

    /// Resolves the configuration (`--config`, else `.conclint.yml` at the
    /// module root) and loads the rule set it and `--rules` name.
    public static func load(configFile: String?, ruleDirectories: [String], moduleRoot: String,
                            workingDirectory: String, environment: [String: String]) throws -> LintSetup {
        let configuration = try Configuration.resolve(explicitFile: configFile, moduleRoot: URL(fileURLWithPath: moduleRoot),
                                                      workingDirectory: URL(fileURLWithPath: workingDirectory))
        let directories = ruleDirectories.map { PathUtilities.absolute($0, relativeTo: workingDirectory) }
        let rules = try RuleSet.forRun(configuration: configuration, ruleDirectories: directories, environment: environment)
        return LintSetup(rules: rules, configuration: configuration)
    }
}
