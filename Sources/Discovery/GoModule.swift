/// A Go module as its go.mod declares it: where it lives, its path, and the
/// Go language version its code is written for.
public struct GoModule: Hashable, Sendable {
    /// Absolute directory holding go.mod.
    public var directory: String
    /// The `module` line's path (`example.com/m`), or nil when missing.
    public var path: String?
    /// The `go` line's version (`1.22`), or nil when missing or malformed.
    public var goVersion: GoVersion?
    /// The `toolchain` line (`go1.22.3`), as written.
    public var toolchain: String?

    public init(directory: String, path: String?, goVersion: GoVersion?, toolchain: String?) {
        self.directory = directory
        self.path = path
        self.goVersion = goVersion
        self.toolchain = toolchain
    }
}

/// Reads the three lines of go.mod that matter here (`module`, `go`,
/// `toolchain`), skipping comments, blocks (`require ( ... )`) and every
/// other directive. Problems are returned, never thrown: a bad go.mod must
/// not stop the run.
public enum GoModParser {
    public struct Parsed: Hashable, Sendable {
        public var modulePath: String?
        public var goVersion: GoVersion?
        public var toolchain: String?
        /// `line N: message` for each malformed line that matters.
        public var problems: [String] = []
    }

    public static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        var blockVerb: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(rawLine)).trimmingWhitespace()
            if line.isEmpty { continue }
            if blockVerb != nil {
                if line == ")" { blockVerb = nil; continue }
                if blockVerb == "module" { parsed.modulePath = unquote(line) }
                continue
            }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let verb = fields.first else { continue }
            if fields.count == 2 && fields[1] == "(" { blockVerb = verb; continue }
            let argument = fields.dropFirst().joined(separator: " ")
            switch verb {
            case "module":
                parsed.modulePath = unquote(argument)
            case "go":
                if let v = GoVersion(parsing: argument), fields.count == 2 {
                    parsed.goVersion = v
                } else {
                    parsed.problems.append("line \(index + 1): invalid go version '\(argument)'")
                }
            case "toolchain":
                parsed.toolchain = argument
            default:
                break
            }
        }
        return parsed
    }

    /// go.mod comments are `//` to the end of the line.
    private static func stripComment(_ line: String) -> String {
        guard let range = line.range(of: "//") else { return line }
        return String(line[..<range.lowerBound])
    }

    /// Module paths may be written as Go string literals.
    private static func unquote(_ text: String) -> String {
        let t = text.trimmingWhitespace()
        if t.count >= 2, let first = t.first, first == t.last, first == "\"" || first == "`" {
            return String(t.dropFirst().dropLast())
        }
        return t
    }
}
