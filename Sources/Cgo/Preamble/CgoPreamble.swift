import GoSyntax

/// The C code of one Go file: the comment right before `import "C"` (the
/// cgo preamble), with its `#cgo` lines taken out and kept as directives.
///
/// cgo compiles this text as C; conclint hands it to libclang the same way.
/// Every C line remembers where it sits in the Go file, so that a position
/// libclang reports inside the preamble can be shown at its Go line and
/// column.
public struct CgoPreamble: Hashable, Sendable {
    /// Where one line of the C text sits in the Go file.
    public struct LineOrigin: Hashable, Sendable {
        /// The Go file's 1-based line.
        public var line: Int
        /// Added to a 1-based C column to get the Go byte column.
        public var columnOffset: Int
    }

    /// The Go file's path, as the parser was given it.
    public var file: String
    /// The C source: the preamble with comment markers and `#cgo` lines
    /// removed (a removed line stays as an empty line, so lines keep their numbers).
    public var text: String
    /// The `#cgo` lines, in order.
    public var directives: [CgoDirective]
    /// For each line of `text` (index 0 is C line 1), its place in the Go file.
    public var origins: [LineOrigin]
    /// Where `import "C"` is (1-based Go line and column), for messages about the whole preamble.
    public var importLine: Int
    public var importColumn: Int

    public init(file: String, text: String, directives: [CgoDirective], origins: [LineOrigin],
                importLine: Int, importColumn: Int) {
        self.file = file
        self.text = text
        self.directives = directives
        self.origins = origins
        self.importLine = importLine
        self.importColumn = importColumn
    }

    /// The Go line and column of a 1-based C line and column of `text`
    /// (the `import "C"` line for a position outside the preamble).
    public func goLocation(line: Int, column: Int) -> (line: Int, column: Int) {
        guard line >= 1, line <= origins.count else { return (importLine, importColumn) }
        let origin = origins[line - 1]
        return (origin.line, max(1, column) + origin.columnOffset)
    }

    /// The preamble of `tree`, or nil when the file does not import "C".
    /// A file that imports "C" without a comment before it has an empty preamble.
    public static func extract(from tree: SyntaxTree) -> CgoPreamble? {
        guard let anchor = importAnchor(in: tree) else { return nil }
        let source = tree.source
        let importAt = source.location(of: anchor.importStart)
        let group = commentGroup(endingBefore: anchor.docStart, in: tree)
        var builder = PreambleBuilder()
        for comment in group {
            let start = source.location(of: comment.start)
            let raw = Array(source.bytes[Int(comment.start)..<Int(min(comment.end, UInt32(source.bytes.count)))])
            if raw.count >= 2, raw[1] == UInt8(ascii: "/") {
                builder.addLine(raw.dropFirst(2), line: start.line, columnOffset: start.column + 1)
            } else if raw.count >= 4 {
                let inner = raw.dropFirst(2).dropLast(2)
                var line = start.line
                var offset = start.column + 1
                var current: [UInt8] = []
                for byte in inner {
                    if byte == 0x0A {
                        builder.addLine(current[...], line: line, columnOffset: offset)
                        current = []
                        line += 1
                        offset = 0
                    } else {
                        current.append(byte)
                    }
                }
                // cgo's preamble ends with the comment's last newline: an
                // empty rest before `*/` is no line of its own.
                if !current.isEmpty { builder.addLine(current[...], line: line, columnOffset: offset) }
            }
        }
        return CgoPreamble(file: source.path, text: builder.text, directives: builder.directives,
                           origins: builder.origins, importLine: importAt.line, importColumn: importAt.column)
    }

    /// Where `import "C"` starts, and where the comment that documents it must
    /// end: before the `import` keyword of a lone import, before the spec in
    /// a parenthesised group.
    private static func importAnchor(in tree: SyntaxTree) -> (importStart: UInt32, docStart: UInt32)? {
        for decl in tree.declarations {
            guard case .genDecl(.kwImport, let specs, let grouped) = tree[decl] else { continue }
            for spec in tree.list(specs) {
                guard case .importSpec(_, let path) = tree[spec], tree.text(path) == "\"C\"" || tree.text(path) == "`C`" else { continue }
                let specs = tree.list(specs)
                let docStart = grouped || specs.count > 1 ? tree.start(spec) : tree.start(decl)
                return (tree.start(spec), docStart)
            }
        }
        return nil
    }

    /// The comments that form one group ending on the line right before
    /// `offset`: consecutive comments with no blank line between them.
    private static func commentGroup(endingBefore offset: UInt32, in tree: SyntaxTree) -> [Comment] {
        let source = tree.source
        let anchorLine = source.location(of: offset).line
        var index = tree.comments.lastIndex { $0.end <= offset }
        guard let last = index else { return [] }
        let lastEndLine = source.location(of: tree.comments[last].end == 0 ? 0 : tree.comments[last].end - 1).line
        guard lastEndLine == anchorLine - 1 else { return [] }
        // Nothing but blanks between the comment and the import.
        guard onlyBlanks(source.bytes, from: tree.comments[last].end, to: offset) else { return [] }
        var group = [tree.comments[last]]
        var nextStartLine = source.location(of: tree.comments[last].start).line
        index = last - 1
        while let i = index, i >= 0 {
            let c = tree.comments[i]
            let endLine = source.location(of: c.end == 0 ? 0 : c.end - 1).line
            guard endLine >= nextStartLine - 1, onlyBlanks(source.bytes, from: c.end, to: group[0].start) else { break }
            group.insert(c, at: 0)
            nextStartLine = source.location(of: c.start).line
            index = i - 1
        }
        return group
    }

    private static func onlyBlanks(_ bytes: [UInt8], from start: UInt32, to end: UInt32) -> Bool {
        let s = Int(min(start, UInt32(bytes.count)))
        let e = Int(min(max(start, end), UInt32(bytes.count)))
        return bytes[s..<e].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}

/// Collects the C lines of a preamble, taking the `#cgo` lines out.
private struct PreambleBuilder {
    var lines: [String] = []
    var origins: [CgoPreamble.LineOrigin] = []
    var directives: [CgoDirective] = []

    var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    mutating func addLine(_ bytes: ArraySlice<UInt8>, line: Int, columnOffset: Int) {
        var content = bytes
        if content.last == 0x0D { content = content.dropLast() }
        let text = String(decoding: content, as: UTF8.self)
        origins.append(CgoPreamble.LineOrigin(line: line, columnOffset: columnOffset))
        if let directive = CgoDirective(line: text, goLine: line) {
            directives.append(directive)
            lines.append("")
        } else {
            lines.append(text)
        }
    }
}
