import Findings

/// Judges the suppression directives after a run. Problems with directives
/// are notifications (stderr and SARIF `toolExecutionNotifications`), not
/// results: a result must carry one of the contract's categories, and a
/// stale comment is a fact about the run, not a concurrency defect. They
/// never change the exit code.
struct SuppressionAudit {
    let policy: RulePolicy
    let indexes: [SuppressionIndex]
    let used: Set<DirectiveKey>

    /// Directives that suppressed nothing, in files that are not excluded,
    /// and that name at least one rule enabled in this run (a directive for a
    /// disabled rule may be needed again when the rule is turned back on).
    func unused() -> [SuppressionDirective] {
        indexes.filter { !policy.configuration.isExcluded($0.file) }
            .flatMap(\.directives)
            .filter { !used.contains(DirectiveKey($0)) && namesEnabledRule($0) }
    }

    func notifications() -> [Notification] {
        var result: [Notification] = []
        for index in indexes where !policy.configuration.isExcluded(index.file) {
            result += index.malformed
            for directive in index.directives {
                for case let .rule(id) in directive.targets where policy.rules[id] == nil {
                    result.append(note(directive, kind: .warning, "\(directive.kind.rawValue) names unknown rule \(id)"))
                }
                if policy.configuration.requireIgnoreReason, directive.reason == nil {
                    result.append(note(directive, kind: .warning,
                                       "\(directive.kind.rawValue) gives no reason; say why the finding does not apply"))
                }
            }
        }
        if policy.configuration.reportUnusedIgnores {
            result += unused().map { directive in
                let names = directive.targets.map(\.description).joined(separator: ",")
                return note(directive, kind: .warning,
                            "unused \(directive.kind.rawValue) directive (\(names)): it suppressed nothing")
            }
        }
        return result
    }

    private func namesEnabledRule(_ directive: SuppressionDirective) -> Bool {
        policy.rules.rules.contains { rule in
            policy.isEnabled(rule) && directive.targets.contains { $0.matches(ruleID: rule.id, category: rule.category) }
        }
    }

    private func note(_ directive: SuppressionDirective, kind: Notification.Kind, _ message: String) -> Notification {
        Notification(kind: kind, file: directive.file, line: directive.line, column: directive.column, message: message)
    }
}
