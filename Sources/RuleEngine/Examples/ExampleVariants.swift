/// Rewrites of a bad example that must not change the verdict wrongly
/// (STYLE.md, lesson 2). The test harness runs each variant through the
/// analyses and compares with the variant's `expected`. They assume Go
/// comment syntax; `.cir` examples are run unchanged.
public enum ExampleVariants {
    /// The default multi-byte prefix: 10 characters, 13 bytes, so a column
    /// counted in characters instead of bytes is caught.
    public static let multiBytePrefix = "/* π → */ "

    /// Every marked line gets `//conclint:ignore ID reason` on its own line
    /// above it, at the same indentation. Expected: no finding.
    public static func suppressed(_ example: ExtractedExample, ruleID: String) -> ExtractedExample {
        let marked = Set(example.expected.map(\.line))
        var lines: [String] = []
        for (index, line) in example.lines.enumerated() {
            if marked.contains(index + 1) {
                let indent = String(line.prefix { $0 == " " || $0 == "\t" })
                lines.append("\(indent)//conclint:ignore \(ruleID) example variant: suppressed")
            }
            lines.append(line)
        }
        return ExtractedExample(source: lines.joined(separator: "\n"), expected: [])
    }

    /// Every marked line gets `prefix` (a block comment with multi-byte
    /// characters) inserted at its first non-blank column. Expected: the same
    /// findings, on the same lines, with columns shifted by the prefix's bytes.
    public static func behindPrefix(_ example: ExtractedExample, prefix: String = multiBytePrefix) -> ExtractedExample {
        let marked = Set(example.expected.map(\.line))
        let lines = example.lines.enumerated().map { index, line -> String in
            guard marked.contains(index + 1) else { return line }
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            return String(indent) + prefix + String(line.dropFirst(indent.count))
        }
        let shift = prefix.utf8.count
        let expected = example.expected.map { ExpectedFinding(line: $0.line, column: $0.column + shift) }
        return ExtractedExample(source: lines.joined(separator: "\n"), expected: expected)
    }
}
