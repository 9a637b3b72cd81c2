import Yams

/// The text of one YAML file, kept so that positions can be reported in bytes.
///
/// libyaml counts columns in Unicode scalars; conclint reports byte columns
/// everywhere (as the Go compiler does), so every position goes through
/// `position(of:)`.
struct YAMLSource: Sendable {
    /// The file name shown in errors.
    let file: String
    private let lines: [Substring]

    init(file: String, text: String) {
        self.file = file
        self.lines = Self.lines(of: text)
    }

    /// The lines as libyaml counts them, split at each `\n` byte (a `\r`
    /// before it stays out of the line). Splitting by Character was slow
    /// (every run reads every rule file) and kept `\r\n` as one Character,
    /// so a file with Windows line ends was one line, and its positions
    /// fell back to columns in scalars instead of bytes.
    private static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.utf8.startIndex
        while let newline = text.utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start, text.utf8[text.utf8.index(before: end)] == UInt8(ascii: "\r") { end = text.utf8.index(before: end) }
            lines.append(text[start..<end])
            index = text.utf8.index(after: newline)
            start = index
        }
        lines.append(text[start...])
        return lines
    }

    /// Parses the text into its first document. An empty file yields `nil`.
    /// Syntax errors become `ConfigurationError`s at libyaml's position.
    static func parse(file: String, text: String) throws -> YAMLValue? {
        let source = YAMLSource(file: file, text: text)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw source.error(from: error)
        }
        return root.map { YAMLValue(node: $0, field: "", source: source) }
    }

    /// Converts a libyaml mark (column in scalars) to a byte position.
    func position(of mark: Mark?) -> SourcePosition? {
        guard let mark, mark.line >= 1 else { return nil }
        return position(line: mark.line, scalarColumn: mark.column)
    }

    func position(line: Int, scalarColumn: Int) -> SourcePosition {
        guard line <= lines.count else { return SourcePosition(line: line, column: scalarColumn) }
        let scalars = lines[line - 1].unicodeScalars
        var bytes = 0
        for (index, scalar) in scalars.enumerated() where index < scalarColumn - 1 {
            bytes += UTF8.width(scalar)
        }
        return SourcePosition(line: line, column: bytes + 1)
    }

    /// The text of a 1-based line, or nil past the end.
    func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    func error(at position: SourcePosition?, field: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, position: position, field: field, message: message)
    }

    private func error(from yamlError: YamlError) -> ConfigurationError {
        switch yamlError {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return error(at: position(of: mark), field: nil, "malformed YAML: \(problem)\(where_)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return error(at: position(of: context.mark), field: duplicates.first,
                         "duplicate key \(names) in one mapping")
        case let .reader(problem, offset, _, _):
            let at = offset.map { " at byte \($0)" } ?? ""
            return error(at: nil, field: nil, "unreadable YAML\(at): \(problem)")
        default:
            return error(at: nil, field: nil, "malformed YAML: \(yamlError)")
        }
    }
}
