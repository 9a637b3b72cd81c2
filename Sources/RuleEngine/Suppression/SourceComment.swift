/// A comment of a Go file as the suppression index needs it. The driver
/// builds these from the parser's comments; nothing here needs the AST.
public struct SourceComment: Hashable, Sendable {
    /// 1-based line and byte column of the comment's first character.
    public var line: Int
    public var column: Int
    /// The last line of the comment (differs from `line` for `/* */` spanning lines).
    public var endLine: Int
    /// The comment with its delimiters: `//conclint:ignore TM1001 reason`.
    public var text: String
    /// True when no code precedes the comment on its line; such a directive
    /// also covers the line below its comment block.
    public var isStandalone: Bool

    public init(line: Int, column: Int, endLine: Int? = nil, text: String, isStandalone: Bool) {
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.text = text
        self.isStandalone = isStandalone
    }
}
