/// The analysed source files' text, for fixes that must copy a line's
/// indentation or find where a statement ends. The driver has the text;
/// analyses only read it. Without a file's text, no fix is offered for it.
public struct SourceText: Sendable {
    private let lines: [String: [Substring]]

    /// `files`: file path as findings name it -> its contents.
    public init(files: [String: String] = [:]) {
        var lines: [String: [Substring]] = [:]
        for (path, text) in files {
            lines[path] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? $0.dropLast() : $0
            }
        }
        self.lines = lines
    }

    public static let none = SourceText()

    /// Line `number` (1-based) of `file`, without its line break.
    public func line(_ file: String, _ number: Int) -> Substring? {
        guard let all = lines[file], number >= 1, number <= all.count else { return nil }
        return all[number - 1]
    }

    /// The leading blanks of a line.
    public func indentation(_ file: String, _ number: Int) -> String? {
        guard let text = line(file, number) else { return nil }
        return String(text.prefix { $0 == " " || $0 == "\t" })
    }

    /// The last line of the statement that starts at `line`:`column`: the
    /// first line after which every bracket opened from there is closed.
    /// Strings, runes and comments are skipped. Nil when it cannot be told
    /// within a few dozen lines.
    public func statementEnd(_ file: String, line start: Int, column: Int) -> Int? {
        var depth = 0
        var inBlockComment = false
        var quote: UInt8? = nil
        for number in start..<(start + 64) {
            guard let text = line(file, number) else { return nil }
            let bytes = Array(text.utf8)
            var i = number == start ? max(0, column - 1) : 0
            // Only a raw string continues on the next line.
            if quote != UInt8(ascii: "`") { quote = nil }
            while i < bytes.count {
                let c = bytes[i]
                if inBlockComment {
                    if c == UInt8(ascii: "*"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") { inBlockComment = false; i += 1 }
                } else if let q = quote {
                    if c == UInt8(ascii: "\\"), q != UInt8(ascii: "`") { i += 1 } else if c == q { quote = nil }
                } else if c == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") {
                    break
                } else if c == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                    inBlockComment = true
                    i += 1
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "`") {
                    quote = c
                } else if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    depth += 1
                } else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    depth -= 1
                }
                i += 1
            }
            if depth <= 0, quote != UInt8(ascii: "`"), !inBlockComment { return number }
        }
        return nil
    }
}
