import Findings
import Foundation

/// Every rule conclint knows in one run: the built-in rules/ plus any team
/// directories, validated together (an id or name is used once).
public struct RuleSet: Sendable {
    /// Sorted by id.
    public private(set) var rules: [Rule]
    private var indexByID: [String: Int]

    /// Checks that ids and names are unique; the error points at the later file.
    public init(rules: [Rule]) throws {
        var seenIDs: [String: Rule] = [:]
        var seenNames: [String: Rule] = [:]
        for rule in rules {
            if let first = seenIDs[rule.id] {
                throw ConfigurationError(file: rule.file, position: rule.idPosition, field: "id",
                                         message: "duplicate id \(rule.id): already used by \(first.file)")
            }
            if let first = seenNames[rule.name] {
                throw ConfigurationError(file: rule.file, position: rule.idPosition, field: "name",
                                         message: "duplicate name \(rule.name): already used by \(first.id) in \(first.file)")
            }
            seenIDs[rule.id] = rule
            seenNames[rule.name] = rule
        }
        self.rules = rules.sorted { $0.id < $1.id }
        self.indexByID = Dictionary(uniqueKeysWithValues: self.rules.enumerated().map { ($1.id, $0) })
    }

    /// Parses rule files; `displayPath` is the directory as errors name it.
    ///
    /// Every run reads every rule file, and they parse independently, so
    /// they parse side by side; the error reported is the first in file
    /// order, as when they parsed one by one.
    public static func parse(files: [RuleFileText], displayPath: String) throws -> RuleSet {
        var parsed = [Result<Rule, any Error>?](repeating: nil, count: files.count)
        parsed.withUnsafeMutableBufferPointer { slots in
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                slots[i] = Result {
                    try RuleFileParser.parse(text: files[i].text, file: RuleFiles.join(displayPath, files[i].relativePath))
                }
            }
        }
        let rules = try parsed.map { try $0!.get() }
        return try RuleSet(rules: rules)
    }

    /// Loads every rule file below `directory` (a team's own rules, or a
    /// checkout's rules/), with no rebuild. Throws `ConfigurationError`.
    public static func load(directory: URL, displayPath: String? = nil) throws -> RuleSet {
        let display = displayPath ?? directory.path
        return try parse(files: RuleFiles.collect(directory: directory, displayPath: display), displayPath: display)
    }

    /// The built-in rules: the directory named by `CONCLINT_RULES` when it is
    /// set (to try edited rules without a rebuild), else the copy of rules/
    /// embedded in the binary at build time.
    public static func builtin(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuleSet {
        if let override = environment["CONCLINT_RULES"], !override.isEmpty {
            return try load(directory: URL(fileURLWithPath: override), displayPath: override)
        }
        return try parse(files: EmbeddedRules.files, displayPath: "rules")
    }

    /// This set and `other` together (a team directory added to the built-in rules).
    public func adding(_ other: RuleSet) throws -> RuleSet {
        try RuleSet(rules: rules + other.rules)
    }

    public subscript(id: String) -> Rule? {
        indexByID[id].map { rules[$0] }
    }

    /// A rule by id or by name (`conclint explain ticker-not-stopped`).
    public func rule(idOrName key: String) -> Rule? {
        self[key] ?? rules.first { $0.name == key }
    }

    /// SARIF / explain descriptors of every rule, sorted by id.
    public var descriptors: [RuleDescriptor] { rules.map(\.descriptor) }
}
