import Findings

/// Reads `.conclint.yml`. Every key, type and value is checked, and each
/// error names the file, line, column and field.
enum ConfigurationParser {
    static let fields = [
        "rules", "levels", "exclude", "fail-on", "go", "escape", "rules-dirs",
        "report-unused-ignores", "require-ignore-reason",
    ]

    static func parse(text: String, file: String) throws -> Configuration {
        var configuration = Configuration()
        configuration.file = file
        // An empty file (or one holding only comments) is the defaults.
        guard let root = try YAMLSource.parse(file: file, text: text) else { return configuration }
        if case let .scalar(scalar) = root.node, scalar.string.isEmpty { return configuration }
        let fields = try root.fields(allowed: Self.fields)

        if let rules = fields["rules"] {
            let ruleFields = try rules.fields(allowed: ["enable", "disable"])
            configuration.enable = try ruleFields["enable"].map(selectors) ?? []
            configuration.disable = try ruleFields["disable"].map(selectors) ?? []
        }
        if let levels = fields["levels"] {
            configuration.levels = try levels.entries().map { entry in
                LevelOverride(selector: try selector(entry.keyValue, text: entry.key),
                              level: try RuleFileParser.parseLevel(entry.value))
            }
        }
        configuration.exclude = try fields["exclude"].map(globs) ?? []
        if let failOn = fields["fail-on"] { configuration.failOn = try RuleFileParser.parseLevel(failOn) }
        configuration.goVersion = try fields["go"].map(RuleFileParser.goVersion)
        if let escape = fields["escape"] {
            let escapeFields = try escape.fields(allowed: ["noalloc"])
            if let noAlloc = escapeFields["noalloc"] {
                let noAllocFields = try noAlloc.fields(allowed: ["functions", "paths"])
                configuration.noAlloc = NoAllocConfiguration(
                    functions: try noAllocFields["functions"]?.lineList() ?? [],
                    paths: try noAllocFields["paths"].map(globs) ?? [])
            }
        }
        configuration.rulesDirectories = try fields["rules-dirs"]?.lineList() ?? []
        configuration.reportUnusedIgnores = try fields["report-unused-ignores"]?.bool() ?? false
        configuration.requireIgnoreReason = try fields["require-ignore-reason"]?.bool() ?? false
        return configuration
    }

    private static func selectors(_ value: YAMLValue) throws -> [RuleSelector] {
        try value.list().map { try selector($0, text: $0.line()) }
    }

    private static func selector(_ value: YAMLValue, text: String) throws -> RuleSelector {
        guard let target = RuleTarget(text) else {
            let categories = Category.allCases.map(\.rawValue).joined(separator: ", ")
            throw value.error("expected a rule id such as TM1001, a category (\(categories)) or all, found \"\(text)\"")
        }
        return RuleSelector(target: target, file: value.source.file, position: value.position, field: value.field)
    }

    private static func globs(_ value: YAMLValue) throws -> [PathGlob] {
        try value.list().map { item in
            let pattern = try item.line()
            guard let glob = PathGlob(pattern) else {
                throw item.error(PathGlob.problem(in: pattern) ?? "invalid path pattern")
            }
            return glob
        }
    }
}
