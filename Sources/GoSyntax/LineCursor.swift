/// Line and column lookups for a pass that walks a file mostly forwards,
/// as lowering does: it remembers the line of the last answer and looks
/// there and on the next lines first, falling back to the binary search of
/// `SourceFile.location(of:)`.
///
/// Lowering asks the position of nearly every instruction; the binary
/// search over the line table (fifteen probes in the largest generated
/// files of GOROOT/src) was 8% of lowering's time. A class, so that a
/// lowerer's copies share one cursor; it is used by one thread at a time.
public final class LineCursor {
    private let lineStarts: [UInt32]
    private let source: SourceFile
    private var line = 0

    public init(_ source: SourceFile) {
        self.source = source
        self.lineStarts = source.lineStarts
    }

    /// How many lines after the last one are tried before the binary search.
    private static let lookahead = 4

    public func location(of offset: UInt32) -> SourceLocation {
        let count = lineStarts.count
        var l = line
        if l < count, lineStarts[l] <= offset {
            let last = min(count - 1, l + Self.lookahead)
            while l < last && lineStarts[l + 1] <= offset { l += 1 }
            if l == count - 1 || lineStarts[l + 1] > offset {
                line = l
                return SourceLocation(line: l + 1, column: Int(offset - lineStarts[l]) + 1)
            }
        }
        let found = source.location(of: offset)
        line = found.line - 1
        return found
    }
}
