/// A DSL syntax or name error, located the way compilers print them:
/// `file.cir:12:7: expected block label, found '%3'`.
public struct DSLError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    /// 1-based byte column.
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): \(message)" }
}
