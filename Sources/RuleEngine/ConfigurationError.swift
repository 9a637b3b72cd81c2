/// A malformed rule file, configuration file or rules directory.
///
/// The CLI turns it into exit code 2 before writing any output, so the message
/// must be enough to fix the input on its own: it names the file, the line and
/// byte column (1-based, as the Go compiler counts them), and the field, e.g.
/// `rules/timer/TM1001-ticker-not-stopped.yaml:7:8: level: expected one of
/// error, warning, note, found "warn"`.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user would name it (relative when it came from a relative path).
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The dotted path of the offending field (`lifecycle.acquire[0].call`), when there is one.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public init(file: String, position: SourcePosition?, field: String?, message: String) {
        self.init(file: file, line: position?.line, column: position?.column, field: field, message: message)
    }

    /// `file:line:col: field: message`, leaving out the parts that are unknown.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if line != nil, let column { text += ":\(column)" }
        text += ": "
        if let field, !field.isEmpty { text += field + ": " }
        return text + message
    }
}

/// A 1-based line and byte column in a text file.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
