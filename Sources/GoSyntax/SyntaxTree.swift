/// A parsed Go file: its source, its nodes, its comments and its errors.
///
/// Built once by the parser and never mutated afterwards. Accessors are
/// cheap array reads; node facts computed later (types, objects) are kept by
/// their owners in arrays indexed by `NodeID.index`, sized `nodeCount`.
///
/// The arrays live in one immutable `Storage` object, so that a copy of a
/// tree is one reference, not ten: the passes keep the tree of the file
/// they are in as a property of a class (the checker, the escape graph
/// builder), and every read of such a property copied the value,
/// retaining and releasing each array (on GOROOT/src, reference counting
/// was half of the escape analysis's own time). The parser builds the
/// arrays as `Parts` and hands them over once, when it finishes.
public struct SyntaxTree: Sendable {
    /// The tree under construction: what the parser appends to.
    struct Parts {
        let source: SourceFile
        var nodes: [Node] = [.bad]
        var starts: [UInt32] = [0]
        var ends: [UInt32] = [0]
        var lists: [NodeID] = []
        var names: [String] = []
        var comments: [Comment] = []
        var errors: [SyntaxError] = []
        var root: NodeID = .none

        init(source: SourceFile) {
            self.source = source
        }

        subscript(id: NodeID) -> Node { nodes[id.index] }

        func list(_ l: NodeList) -> ArraySlice<NodeID> {
            lists[Int(l.start)..<Int(l.start + l.count)]
        }

        func text(_ id: NodeID) -> String {
            source.text(from: starts[id.index], to: ends[id.index])
        }
    }

    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let source: SourceFile
        @usableFromInline let nodes: [Node]
        @usableFromInline let starts: [UInt32]
        @usableFromInline let ends: [UInt32]
        @usableFromInline let lists: [NodeID]
        @usableFromInline let names: [String]
        @usableFromInline let comments: [Comment]
        @usableFromInline let errors: [SyntaxError]
        @usableFromInline let root: NodeID

        init(_ parts: Parts) {
            source = parts.source
            nodes = parts.nodes
            starts = parts.starts
            ends = parts.ends
            lists = parts.lists
            names = parts.names
            comments = parts.comments
            errors = parts.errors
            root = parts.root
        }
    }

    @usableFromInline let storage: Storage

    @inlinable public var source: SourceFile { storage.source }
    /// `nodes[0]` is the reserved `.bad` entry behind `NodeID.none`.
    @inlinable public var nodes: [Node] { storage.nodes }
    @inlinable public var starts: [UInt32] { storage.starts }
    @inlinable public var ends: [UInt32] { storage.ends }
    @inlinable public var lists: [NodeID] { storage.lists }
    /// Interned identifier spellings, indexed by `Name.raw`.
    @inlinable public var names: [String] { storage.names }
    /// Every comment of the file, in source order.
    public var comments: [Comment] { storage.comments }
    /// Syntax errors in source order. A tree with errors is still complete:
    /// what did not parse became `.bad` nodes.
    public var errors: [SyntaxError] { storage.errors }
    /// The `.file` node (`.none` if the file is not Go at all).
    @inlinable public var root: NodeID { storage.root }

    /// An empty tree of `source`: no file node, no errors.
    public init(source: SourceFile) {
        storage = Storage(Parts(source: source))
    }

    init(_ parts: Parts) {
        storage = Storage(parts)
    }

    @inlinable public var nodeCount: Int { storage.nodes.count }

    @inlinable public subscript(id: NodeID) -> Node { storage.nodes[id.index] }

    /// Byte offset of the first byte of the node.
    @inlinable public func start(_ id: NodeID) -> UInt32 { storage.starts[id.index] }

    /// Byte offset just past the last byte of the node.
    @inlinable public func end(_ id: NodeID) -> UInt32 { storage.ends[id.index] }

    @inlinable public func list(_ l: NodeList) -> ArraySlice<NodeID> {
        storage.lists[Int(l.start)..<Int(l.start + l.count)]
    }

    @inlinable public func string(_ name: Name) -> String { storage.names[Int(name.raw)] }

    /// The spelling of an `.ident` node, or nil for any other node.
    public func identName(_ id: NodeID) -> String? {
        if case .ident(let n) = storage.nodes[id.index] { return storage.names[Int(n.raw)] }
        return nil
    }

    /// The exact source text of a node.
    public func text(_ id: NodeID) -> String {
        storage.source.text(from: storage.starts[id.index], to: storage.ends[id.index])
    }

    /// The 1-based line and byte column of a node's start.
    public func location(_ id: NodeID) -> SourceLocation {
        storage.source.location(of: storage.starts[id.index])
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
