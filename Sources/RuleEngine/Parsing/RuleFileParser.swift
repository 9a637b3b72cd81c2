import Findings
import Foundation

/// Reads one rule file (rules/<category>/<ID>-<name>.yaml) into a `Rule`,
/// validating every field. The format is documented in rules/README.md.
enum RuleFileParser {
    static let fields = [
        "id", "name", "category", "level", "summary", "description", "tags", "precision", "since",
        "deprecated", "enabled", "go", "analysis", "lifecycle", "calls", "examples",
    ]

    /// Parses `text`; `file` is the path shown in errors. Throws `ConfigurationError`.
    static func parse(text: String, file: String) throws -> Rule {
        guard let root = try YAMLSource.parse(file: file, text: text) else {
            throw ConfigurationError(file: file, message: "empty rule file")
        }
        let fields = try root.fields(allowed: Self.fields)

        let idValue = try fields.required("id")
        let id = try idValue.line()
        guard RuleID.isWellFormed(id) else {
            throw idValue.error("expected two capital letters and four digits such as TM1001, found \"\(id)\"")
        }
        let nameValue = try fields.required("name")
        let name = try nameValue.line()
        guard isKebabCase(name) else {
            throw nameValue.error("expected a kebab-case name such as ticker-not-stopped, found \"\(name)\"")
        }
        let categoryValue = try fields.required("category")
        let category = try categoryValue.choice(Category.self)
        let prefix = RuleID.prefix(of: category)
        guard id.hasPrefix(prefix) else {
            throw idValue.error("id \(id) does not match category \(category.rawValue): its ids start with \(prefix)")
        }
        try checkFileName(file: file, id: id, name: name, at: idValue)

        let deprecated = try fields["deprecated"]?.bool() ?? false
        let lifecycle = try fields["lifecycle"].map(LifecycleParser.parse)
        let analysis = try parseAnalysis(fields["analysis"], hasLifecycle: lifecycle != nil)
        let calls = try fields["calls"].map { try $0.list().map(LifecycleParser.callPattern) } ?? []
        if let value = fields["calls"], analysis == nil || analysis == "lifecycle" {
            throw value.error("calls are read by the rule's Swift analysis; name it with analysis:")
        }
        let examples = try fields["examples"].map(ExamplesParser.parse)
        if !deprecated, (examples?.bad ?? []).isEmpty {
            let at = fields["examples"].map { $0.field + ".bad" } ?? "examples"
            throw root.source.error(at: fields["examples"]?.position ?? root.position, field: at,
                                    "a rule needs at least one bad example (only deprecated rules may have none)")
        }

        return Rule(
            id: id, name: name, category: category,
            level: try parseLevel(try fields.required("level")),
            summary: try fields.required("summary").line(),
            description: try fields.required("description").text(),
            tags: try fields["tags"]?.lineList() ?? [],
            precision: try fields.required("precision").choice(Precision.self),
            since: try fields.required("since").versionText(),
            deprecated: deprecated,
            enabledByDefault: try fields["enabled"]?.bool() ?? true,
            goNotes: try fields["go"].map(parseGoNotes) ?? [],
            analysis: analysis,
            lifecycle: lifecycle,
            calls: calls,
            examples: examples ?? RuleExamples(),
            file: file,
            idPosition: idValue.position)
    }

    /// Levels are listed from most to least severe, the way users think of them.
    static func parseLevel(_ value: YAMLValue) throws -> Level {
        let order: [Level] = [.error, .warning, .note]
        guard case let .scalar(scalar) = value.node, let level = Level(rawValue: scalar.string) else {
            throw value.error("expected one of \(order.map(\.rawValue).joined(separator: ", ")), found \(value.kindDescription)")
        }
        return level
    }

    static func isKebabCase(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ($0.isLowercase || $0.isNumber) && $0.isASCII }
        } && text.first?.isLetter == true
    }

    /// `rules/timer/TM1001-ticker-not-stopped.yaml` must hold TM1001 named
    /// ticker-not-stopped, so that a file can be found from an id and back.
    private static func checkFileName(file: String, id: String, name: String, at value: YAMLValue) throws {
        let base = (file as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        guard stem.isEmpty || stem == "\(id)-\(name)" else {
            throw value.error("the file of rule \(id) must be named \(id)-\(name).yaml, found \(base)")
        }
    }

    private static func parseAnalysis(_ value: YAMLValue?, hasLifecycle: Bool) throws -> String? {
        guard let value else { return hasLifecycle ? "lifecycle" : nil }
        let name = try value.line()
        guard isKebabCase(name) else {
            throw value.error("expected the kebab-case name of an analysis such as lifecycle, found \"\(name)\"")
        }
        if hasLifecycle, name != "lifecycle" {
            throw value.error("a rule with a lifecycle block is checked by the lifecycle analysis, found \"\(name)\"")
        }
        return name
    }

    private static func parseGoNotes(_ value: YAMLValue) throws -> [GoVersionNote] {
        try value.list().map { item in
            let fields = try item.fields(allowed: ["from", "until", "level", "message-suffix"])
            let bound: GoVersionNote.Bound
            switch (fields["from"], fields["until"]) {
            case let (from?, nil): bound = .from(try goVersion(from))
            case let (nil, until?): bound = .until(try goVersion(until))
            case (_?, _?):
                throw item.error("give either from or until, not both")
            case (nil, nil):
                throw item.error("missing from or until (the Go version the note starts or stops at)")
            }
            let level = try fields["level"].map(parseLevel)
            let suffix = try fields["message-suffix"]?.line()
            if level == nil, suffix == nil {
                throw item.error("a Go-version note must change the level, the message, or both")
            }
            return GoVersionNote(bound: bound, level: level, messageSuffix: suffix)
        }
    }

    static func goVersion(_ value: YAMLValue) throws -> GoLanguageVersion {
        let text = try value.versionText()
        guard let version = GoLanguageVersion(text) else {
            throw value.error("expected a Go version such as \"1.23\", found \"\(text)\"")
        }
        return version
    }
}
