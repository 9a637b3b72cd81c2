/// A 1-based line and a 1-based byte column, in the file of the function
/// that holds the operation (`Function.file`).
///
/// A function never spans files, so positions need no file index of their
/// own: eight bytes per operation instead of twelve. Zero means "absent"; the
/// validator reports it, and the DSL parser never produces it for hand-written
/// text (an operation without `@line:col` gets its own place in the .cir file).
public struct Position: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var line: UInt32
    public var column: UInt32

    public init(line: UInt32, column: UInt32) {
        self.line = line
        self.column = column
    }

    /// Clamps out-of-range values instead of trapping, so that a position
    /// computed from bad input can never crash the caller.
    public init(_ line: Int, _ column: Int) {
        self.line = UInt32(clamping: line)
        self.column = UInt32(clamping: column)
    }

    public static let none = Position(line: 0, column: 0)

    @inlinable public var isPresent: Bool { line != 0 && column != 0 }

    public static func < (a: Position, b: Position) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
