/// A parsed Go file: its source, its nodes, its comments and its errors.
///
/// Built once by the parser and never mutated afterwards. Accessors are
/// cheap array reads; node facts computed later (types, objects) are kept by
/// their owners in arrays indexed by `NodeID.index`, sized `nodeCount`.
public struct SyntaxTree: Sendable {
    public let source: SourceFile
    /// `nodes[0]` is the reserved `.bad` entry behind `NodeID.none`.
    public internal(set) var nodes: [Node]
    public internal(set) var starts: [UInt32]
    public internal(set) var ends: [UInt32]
    public internal(set) var lists: [NodeID]
    /// Interned identifier spellings, indexed by `Name.raw`.
    public internal(set) var names: [String]
    /// Every comment of the file, in source order.
    public internal(set) var comments: [Comment]
    /// Syntax errors in source order. A tree with errors is still complete:
    /// what did not parse became `.bad` nodes.
    public internal(set) var errors: [SyntaxError]
    /// The `.file` node (`.none` if the file is not Go at all).
    public internal(set) var root: NodeID

    public init(source: SourceFile) {
        self.source = source
        nodes = [.bad]
        starts = [0]
        ends = [0]
        lists = []
        names = []
        comments = []
        errors = []
        root = .none
    }

    @inlinable public var nodeCount: Int { nodes.count }

    @inlinable public subscript(id: NodeID) -> Node { nodes[id.index] }

    /// Byte offset of the first byte of the node.
    @inlinable public func start(_ id: NodeID) -> UInt32 { starts[id.index] }

    /// Byte offset just past the last byte of the node.
    @inlinable public func end(_ id: NodeID) -> UInt32 { ends[id.index] }

    @inlinable public func list(_ l: NodeList) -> ArraySlice<NodeID> {
        lists[Int(l.start)..<Int(l.start + l.count)]
    }

    @inlinable public func string(_ name: Name) -> String { names[Int(name.raw)] }

    /// The spelling of an `.ident` node, or nil for any other node.
    public func identName(_ id: NodeID) -> String? {
        if case .ident(let n) = nodes[id.index] { return names[Int(n.raw)] }
        return nil
    }

    /// The exact source text of a node.
    public func text(_ id: NodeID) -> String {
        source.text(from: starts[id.index], to: ends[id.index])
    }

    /// The 1-based line and byte column of a node's start.
    public func location(_ id: NodeID) -> SourceLocation {
        source.location(of: starts[id.index])
    }

    /// The package clause's name, or nil when the file has none.
    public var packageName: String? {
        guard !root.isNone, case .file(let name, _) = self[root] else { return nil }
        return identName(name)
    }

    /// The top-level declarations, in source order.
    public var declarations: ArraySlice<NodeID> {
        guard !root.isNone, case .file(_, let decls) = self[root] else { return [] }
        return list(decls)
    }
}

/// A 1-based line and a 1-based byte column, as the Go compiler counts them.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
    public var description: String { "\(line):\(column)" }
}

/// The bytes of one source file and its line table.
///
/// Offsets are 32-bit: files over 4 GiB are refused by the reader before
/// they get here.
public struct SourceFile: Sendable {
    /// The path as the user named it (or as discovery built it), used in
    /// every message about the file.
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [UInt32]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts: [UInt32] = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] == 0x0A {
                starts.append(UInt32(i + 1))
            }
        }
        self.lineStarts = starts
    }

    public var lineCount: Int {
        // A final newline does not start another line.
        if let last = lineStarts.last, last == UInt32(bytes.count), lineStarts.count > 1 {
            return lineStarts.count - 1
        }
        return lineStarts.count
    }

    /// Line and byte column of an offset (binary search in the line table).
    public func location(of offset: UInt32) -> SourceLocation {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(line: lo + 1, column: Int(offset - lineStarts[lo]) + 1)
    }

    /// Offset of a 1-based line and column (clamped to the file).
    public func offset(of location: SourceLocation) -> UInt32 {
        let line = max(1, min(location.line, lineStarts.count))
        let o = Int(lineStarts[line - 1]) + max(0, location.column - 1)
        return UInt32(min(o, bytes.count))
    }

    public func text(from start: UInt32, to end: UInt32) -> String {
        let s = Int(min(start, UInt32(bytes.count)))
        let e = Int(min(max(end, start), UInt32(bytes.count)))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let s = lineStarts[line - 1]
        var e = line < lineStarts.count ? lineStarts[line] : UInt32(bytes.count)
        if e > s, bytes[Int(e) - 1] == 0x0A { e -= 1 }
        if e > s, bytes[Int(e) - 1] == 0x0D { e -= 1 }
        return text(from: s, to: e)
    }
}
