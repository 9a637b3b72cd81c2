/// The character that marks an expected finding in a bad example: it sits
/// right before the token where the finding's column points (SwiftLint's
/// convention). It is removed before the example is analysed.
public let exampleMarker: Unicode.Scalar = "\u{2193}"  // ↓

/// Where an example expects a finding: a 1-based line and byte column of the
/// source with every marker removed.
public struct ExpectedFinding: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: ExpectedFinding, b: ExpectedFinding) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// An example split into what the analyses see (the source without markers)
/// and what they must report (the marked positions).
///
/// Columns are counted in bytes after all markers on the line are removed,
/// so a marker after `"π"` on a line points 2 bytes further than after `"p"`.
public struct ExtractedExample: Hashable, Sendable {
    public var source: String
    public var expected: [ExpectedFinding]
    /// Markers that point at no token (followed by a space, a line end or
    /// nothing), as positions in the snippet with markers (1-based line, byte column).
    public var misplacedMarkers: [ExpectedFinding]

    public init(source: String, expected: [ExpectedFinding], misplacedMarkers: [ExpectedFinding] = []) {
        self.source = source
        self.expected = expected
        self.misplacedMarkers = misplacedMarkers
    }

    /// Removes the markers of `snippet` and records where each pointed.
    public init(snippet: String) {
        // Every run reads the examples of every rule (a malformed one stops
        // it), and most lines hold no marker: those are kept as they are.
        guard snippet.unicodeScalars.contains(exampleMarker) else {
            self.init(source: snippet, expected: [])
            return
        }
        var lines: [String] = []
        var expected: [ExpectedFinding] = []
        var misplaced: [ExpectedFinding] = []
        for (lineIndex, line) in snippet.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.unicodeScalars.contains(exampleMarker) else {
                lines.append(String(line))
                continue
            }
            var kept = String.UnicodeScalarView()
            var keptBytes = 0
            var rawBytes = 0
            let scalars = Array(line.unicodeScalars)
            for (index, scalar) in scalars.enumerated() {
                if scalar == exampleMarker {
                    let next = scalars[(index + 1)...].first { $0 != exampleMarker }
                    if let next, !next.properties.isWhitespace {
                        expected.append(ExpectedFinding(line: lineIndex + 1, column: keptBytes + 1))
                    } else {
                        misplaced.append(ExpectedFinding(line: lineIndex + 1, column: rawBytes + 1))
                    }
                } else {
                    kept.append(scalar)
                    keptBytes += UTF8.width(scalar)
                }
                rawBytes += UTF8.width(scalar)
            }
            lines.append(String(kept))
        }
        self.init(source: lines.joined(separator: "\n"), expected: expected, misplacedMarkers: misplaced)
    }

    /// The example's lines (without markers).
    var lines: [String] {
        source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
