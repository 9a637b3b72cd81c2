/// What discovery needs from the top of a Go file: its build constraints
/// and its package name, read without the full parser.
///
/// Constraint lines are found as go/build finds them: only in the leading
/// run of comments and blank lines before the first non-comment text. A
/// `//go:build` line counts anywhere in that run; `// +build` lines count
/// only up to the last blank line of the run, so that a package doc comment
/// ending right before `package` never constrains the file.
public struct FileHeader: Hashable, Sendable {
    /// The `//go:build` line, trimmed, if the header has one.
    public var goBuildLine: String?
    /// Whether the header has more than one `//go:build` line (an error).
    public var hasMultipleGoBuildLines = false
    /// The `// +build` lines that precede a blank line, trimmed.
    public var plusBuildLines: [String] = []
    /// The package clause's name, nil when none was found.
    public var packageName: String?
    /// False when `bytes` ended before the package clause could be read,
    /// meaning a longer prefix of the file may tell more.
    public var isComplete = true

    public init(goBuildLine: String? = nil, plusBuildLines: [String] = [], packageName: String? = nil) {
        self.goBuildLine = goBuildLine
        self.plusBuildLines = plusBuildLines
        self.packageName = packageName
    }

    /// Scans a file's bytes (or a prefix of them; `isWholeFile` says which).
    public static func scan(_ bytes: ArraySlice<UInt8>, isWholeFile: Bool) -> FileHeader {
        var header = FileHeader()
        let constraintEnd = scanConstraintLines(bytes, into: &header)
        for line in lines(of: bytes, upTo: constraintEnd) where ConstraintParser.isPlusBuildLine(line) {
            header.plusBuildLines.append(line)
        }
        var clause = PackageClauseScanner(bytes: bytes, isWholeFile: isWholeFile)
        switch clause.scan() {
        case .found(let name): header.packageName = name
        case .absent: break
        case .truncated: header.isComplete = isWholeFile
        }
        return header
    }

    /// Records the `//go:build` line(s) and returns the offset that ends
    /// the region where `// +build` lines count.
    private static func scanConstraintLines(_ bytes: ArraySlice<UInt8>, into header: inout FileHeader) -> Int {
        var end = bytes.startIndex
        var ended = false
        var inBlockComment = false
        var lineStart = bytes.startIndex
        lineLoop: while lineStart < bytes.endIndex {
            let newline = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let next = newline < bytes.endIndex ? newline + 1 : bytes.endIndex
            let line = trimmed(bytes[lineStart..<newline])
            defer { lineStart = next }
            if line.isEmpty && !ended {
                end = next
                continue
            }
            if !line.starts(with: [0x2F, 0x2F]) { ended = true }
            if !inBlockComment, line.starts(with: Array("//go:build".utf8)) {
                let text = String(decoding: line, as: UTF8.self)
                if ConstraintParser.isGoBuildLine(text) {
                    if header.goBuildLine != nil { header.hasMultipleGoBuildLines = true } else { header.goBuildLine = text }
                }
            }
            var rest = line
            while !rest.isEmpty {
                if inBlockComment {
                    guard let close = firstIndex(of: [0x2A, 0x2F], in: rest) else { continue lineLoop }
                    inBlockComment = false
                    rest = trimmed(rest[(close + 2)...])
                    continue
                }
                if rest.starts(with: [0x2F, 0x2F]) { continue lineLoop }
                if rest.starts(with: [0x2F, 0x2A]) {
                    inBlockComment = true
                    rest = trimmed(rest.dropFirst(2))
                    continue
                }
                break lineLoop
            }
        }
        return end
    }

    private static func lines(of bytes: ArraySlice<UInt8>, upTo end: Int) -> [String] {
        var result: [String] = []
        var start = bytes.startIndex
        while start < end {
            let newline = bytes[start..<end].firstIndex(of: 0x0A) ?? end
            let line = trimmed(bytes[start..<newline])
            if line.starts(with: [0x2F, 0x2F]) { result.append(String(decoding: line, as: UTF8.self)) }
            start = newline + 1
        }
        return result
    }

    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = s.startIndex
        var hi = s.endIndex
        while lo < hi && isSpace(s[lo]) { lo += 1 }
        while hi > lo && isSpace(s[hi - 1]) { hi -= 1 }
        return s[lo..<hi]
    }

    private static func firstIndex(of pattern: [UInt8], in s: ArraySlice<UInt8>) -> Int? {
        var i = s.startIndex
        while i + pattern.count <= s.endIndex {
            if s[i..<i + pattern.count].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }
}

/// Reads past comments and blank space to the package clause.
private struct PackageClauseScanner {
    enum Outcome { case found(String), absent, truncated }

    let bytes: ArraySlice<UInt8>
    let isWholeFile: Bool
    var i: Int

    init(bytes: ArraySlice<UInt8>, isWholeFile: Bool) {
        self.bytes = bytes
        self.isWholeFile = isWholeFile
        i = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i += 3 }
    }

    mutating func scan() -> Outcome {
        guard skipSpaceAndComments() else { return .truncated }
        guard let keyword = identifier() else { return i >= bytes.endIndex ? .truncated : .absent }
        guard keyword == "package" else { return .absent }
        guard skipSpaceAndComments() else { return .truncated }
        let start = i
        guard let name = identifier() else { return i >= bytes.endIndex ? .truncated : .absent }
        // A name running into the end of the prefix may continue beyond it.
        if i >= bytes.endIndex && start < i && !isWholeFile { return .truncated }
        return .found(name)
    }

    /// False when the bytes end inside a comment or before any token.
    private mutating func skipSpaceAndComments() -> Bool {
        while i < bytes.endIndex {
            let b = bytes[i]
            if FileHeader.isSpace(b) { i += 1; continue }
            guard b == 0x2F, i + 1 < bytes.endIndex else { return true }
            if bytes[i + 1] == 0x2F {
                guard let nl = bytes[i...].firstIndex(of: 0x0A) else { return false }
                i = nl + 1
            } else if bytes[i + 1] == 0x2A {
                var j = i + 2
                while j + 1 < bytes.endIndex, !(bytes[j] == 0x2A && bytes[j + 1] == 0x2F) { j += 1 }
                guard j + 1 < bytes.endIndex else { return false }
                i = j + 2
            } else {
                return true
            }
        }
        return false
    }

    /// An identifier (ASCII letters, digits, `_`, and any non-ASCII byte,
    /// since Go allows Unicode letters), or nil if none starts here.
    private mutating func identifier() -> String? {
        let start = i
        while i < bytes.endIndex {
            let b = bytes[i]
            let isLetter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b >= 0x80
            let isDigit = b >= 0x30 && b <= 0x39
            guard isLetter || (isDigit && i > start) else { break }
            i += 1
        }
        return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
    }
}
