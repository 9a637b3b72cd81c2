/// The analysed source files' text, for fixes that must copy a line's
/// indentation or find where a statement ends. The driver has the text;
/// analyses only read it. Without a file's text, no fix is offered for it.
///
/// It shares the parsed files' bytes and line tables (copy-on-write
/// arrays), so it costs nothing until a fix asks for a line.
public struct SourceText: Sendable {
    /// One file: its bytes, and the offset where each line starts.
    public struct File: Sendable {
        public let bytes: [UInt8]
        public let lineStarts: [UInt32]

        public init(bytes: [UInt8], lineStarts: [UInt32]) {
            self.bytes = bytes
            self.lineStarts = lineStarts
        }

        init(text: String) {
            let bytes = Array(text.utf8)
            var starts: [UInt32] = [0]
            for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(UInt32(i + 1)) }
            self.init(bytes: bytes, lineStarts: starts)
        }
    }

    private let files: [String: File]

    /// `files`: file path as findings name it -> its bytes and lines.
    public init(parsed files: [String: File]) {
        self.files = files
    }

    /// `files`: file path as findings name it -> its contents.
    public init(files: [String: String] = [:]) {
        self.init(parsed: files.mapValues { File(text: $0) })
    }

    public static let none = SourceText()

    /// Whether no file's text is known.
    public var isEmpty: Bool { files.isEmpty }

    /// The whole text of `file`, when known.
    public func bytes(of file: String) -> [UInt8]? { files[file]?.bytes }

    /// Line `number` (1-based) of `file`, without its line break.
    public func line(_ file: String, _ number: Int) -> Substring? {
        guard let source = files[file], number >= 1, number <= source.lineStarts.count else { return nil }
        let start = Int(source.lineStarts[number - 1])
        var end = number < source.lineStarts.count ? Int(source.lineStarts[number]) - 1 : source.bytes.count
        if end > start, source.bytes[end - 1] == 0x0D { end -= 1 }
        return Substring(String(decoding: source.bytes[start..<max(start, end)], as: UTF8.self))
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
