import Foundation
import RuleEngine

/// `conclint explain ID`: a rule's description and examples, from its rule
/// file (the built-in rules and any `--rules` directories).
public enum ExplainCommand {
    public static func run(ruleID: String, ruleDirectories: [String], environment: [String: String],
                           workingDirectory: String) -> CommandOutcome {
        do {
            var rules = try RuleSet.builtin(environment: environment)
            for d in ruleDirectories {
                let path = d.hasPrefix("/") ? d : workingDirectory + "/" + d
                rules = try rules.adding(RuleSet.load(directory: URL(fileURLWithPath: path), displayPath: d))
            }
            guard let rule = rules.rule(idOrName: ruleID) else {
                return CommandOutcome(stderr: "conclint: error: no rule \(ruleID) (see docs/rules.md for the list)\n", status: .usage)
            }
            return CommandOutcome(stdout: RuleExplainer.render(rule), status: .clean)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
    }
}
