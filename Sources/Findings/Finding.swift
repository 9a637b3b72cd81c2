/// What conclint reports, independent of how it is printed.
///
/// Analyses produce `Finding`s; the rule engine fills in ids, levels and
/// fingerprints and filters them; reporters print them. Everything here is a
/// value type so that results can be produced on any thread and sorted into
/// one deterministic order at the end.

/// The contract's categories (DESIGN.md): every result carries exactly one.
public enum Category: String, Sendable, CaseIterable, Codable, Comparable {
    case channel
    case waitgroup
    case timer
    case mapRace = "map-race"
    case escape
    case mutex
    case context
    case cgo
    case sync
    case goroutine

    public static func < (a: Category, b: Category) -> Bool { a.rawValue < b.rawValue }
}

/// Severity, ordered so that `--fail-on` can compare levels.
public enum Level: String, Sendable, CaseIterable, Codable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
}

/// A place in a source file. `file` is relative to the analysis root with
/// `/` separators (SARIF's `%SRCROOT%`); lines and columns are 1-based, the
/// column counted in bytes as the Go compiler counts it.
public struct Location: Hashable, Sendable, Codable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int?
    public var endColumn: Int?

    public init(file: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    public static func < (a: Location, b: Location) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A location with a short note ("the other write", "spawned here").
public struct RelatedLocation: Hashable, Sendable, Codable {
    public var location: Location
    public var message: String
    public init(location: Location, message: String) {
        self.location = location
        self.message = message
    }
}

/// One step of a witness path.
public struct FlowStep: Hashable, Sendable, Codable {
    public var location: Location
    public var message: String
    public init(location: Location, message: String) {
        self.location = location
        self.message = message
    }
}

/// The steps one goroutine takes in a witness (SARIF `threadFlow`).
public struct ThreadFlow: Hashable, Sendable, Codable {
    /// Who takes the steps ("main goroutine", "goroutine spawned at x.go:12").
    public var name: String
    public var steps: [FlowStep]
    public init(name: String, steps: [FlowStep]) {
        self.name = name
        self.steps = steps
    }
}

/// A witness path: one or more goroutines' steps (SARIF `codeFlow`). The
/// `order` lists the interleaving as indices (thread, step) when it matters.
public struct CodeFlow: Hashable, Sendable, Codable {
    public var message: String
    public var threads: [ThreadFlow]
    public init(message: String, threads: [ThreadFlow]) {
        self.message = message
        self.threads = threads
    }
}

/// A text replacement: bytes [start, end) of `location.file` (1-based
/// line/column bounds) replaced by `text`. An insertion has equal bounds.
public struct TextEdit: Hashable, Sendable, Codable {
    public var file: String
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int
    public var text: String
    public init(file: String, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int, text: String) {
        self.file = file
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
        self.text = text
    }
}

/// A suggested fix ("insert `defer t.Stop()`").
public struct Fix: Hashable, Sendable, Codable {
    public var description: String
    public var edits: [TextEdit]
    public init(description: String, edits: [TextEdit]) {
        self.description = description
        self.edits = edits
    }
}

/// One result.
public struct Finding: Hashable, Sendable, Codable {
    public var ruleID: String
    public var category: Category
    public var level: Level
    public var message: String
    public var location: Location
    public var related: [RelatedLocation]
    public var flows: [CodeFlow]
    public var fixes: [Fix]
    /// Stable across unrelated edits: derived from the rule, the file, the
    /// enclosing function and the normalised text of the lines involved,
    /// never from line numbers. Filled in by the rule engine.
    public var fingerprint: String

    public init(ruleID: String, category: Category, level: Level, message: String,
                location: Location, related: [RelatedLocation] = [], flows: [CodeFlow] = [],
                fixes: [Fix] = [], fingerprint: String = "") {
        self.ruleID = ruleID
        self.category = category
        self.level = level
        self.message = message
        self.location = location
        self.related = related
        self.flows = flows
        self.fixes = fixes
        self.fingerprint = fingerprint
    }

    /// The deterministic output order: by file, line, column, then rule and message.
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

/// A problem with the input that is not a result: a file that could not be
/// read or parsed, a package that could not be resolved. Printed on stderr
/// and carried in SARIF `toolExecutionNotifications`.
public struct Notification: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case error, warning, note
    }
    public var kind: Kind
    /// Path as the user would recognise it (relative to the root when inside it).
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:col: message` (line and column only when known).
    public var oneLine: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s + ": " + message
    }

    public static func precedes(_ a: Notification, _ b: Notification) -> Bool {
        (a.file, a.line ?? 0, a.column ?? 0, a.message) < (b.file, b.line ?? 0, b.column ?? 0, b.message)
    }
}

/// What a reporter needs to describe a rule (SARIF `reportingDescriptor`,
/// `conclint explain`). Produced by the rule engine from rules/*.yaml.
public struct RuleDescriptor: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var category: Category
    public var defaultLevel: Level
    public var summary: String
    public var description: String
    public var tags: [String]
    /// SARIF precision: very-high, high, medium, low.
    public var precision: String
    public var helpURI: String?

    public init(id: String, name: String, category: Category, defaultLevel: Level, summary: String,
                description: String, tags: [String] = [], precision: String = "high", helpURI: String? = nil) {
        self.id = id
        self.name = name
        self.category = category
        self.defaultLevel = defaultLevel
        self.summary = summary
        self.description = description
        self.tags = tags
        self.precision = precision
        self.helpURI = helpURI
    }
}

/// Everything one run produced, ready to print.
public struct RunResult: Sendable {
    /// The analysis root (absolute path): SARIF's `%SRCROOT%`.
    public var root: String
    /// Every rule that fired, by id.
    public var rules: [RuleDescriptor]
    /// Sorted with `Finding.precedes`.
    public var findings: [Finding]
    /// Sorted with `Notification.precedes`.
    public var notifications: [Notification]
    public var toolVersion: String

    public init(root: String, rules: [RuleDescriptor], findings: [Finding], notifications: [Notification], toolVersion: String) {
        self.root = root
        self.rules = rules
        self.findings = findings
        self.notifications = notifications
        self.toolVersion = toolVersion
    }
}
