/// The abstract heap: objects and variable cells, addressed by index.
///
/// Objects are never freed during one exploration path (paths are short);
/// unreachable ones are simply left out when states are compared
/// (`CanonicalEncoder`).
///
/// Every successor state starts as a copy of its parent, and most moves
/// allocate or change an object. Objects are kept in chunks shared between
/// the copies until one of them writes, so a write copies one chunk, not
/// the heap: with one array, every such write copied every object of the
/// state (and released them again), a third of the explorer's time.
public struct Heap: Hashable, Sendable {
    private var chunks: [ObjectChunk] = []
    /// The number of objects.
    public private(set) var objectCount = 0
    public private(set) var cells: [Value] = []

    fileprivate static let chunkShift = 4
    private static let chunkMask = (1 << chunkShift) - 1

    public init() {}

    public subscript(id: ObjectID) -> HeapObject {
        get { chunks[Int(id.raw) >> Heap.chunkShift].objects[Int(id.raw) & Heap.chunkMask] }
        set { writableChunk(Int(id.raw) >> Heap.chunkShift).objects[Int(id.raw) & Heap.chunkMask] = newValue }
    }

    public func contains(_ id: ObjectID) -> Bool { Int(id.raw) < objectCount }

    public mutating func allocate(_ kind: HeapObject.Kind, at origin: Site) -> ObjectID {
        let object = HeapObject(kind, origin: origin)
        if objectCount & Heap.chunkMask == 0 {
            chunks.append(ObjectChunk([object]))
        } else {
            writableChunk(chunks.count - 1).objects.append(object)
        }
        objectCount += 1
        return ObjectID(UInt32(truncatingIfNeeded: objectCount - 1))
    }

    /// Chunk `c`, copied first when another state shares it.
    private mutating func writableChunk(_ c: Int) -> ObjectChunk {
        if !isKnownUniquelyReferenced(&chunks[c]) { chunks[c] = ObjectChunk(chunks[c].objects) }
        return chunks[c]
    }

    public static func == (a: Heap, b: Heap) -> Bool {
        guard a.objectCount == b.objectCount, a.cells == b.cells, a.escapedCells == b.escapedCells else { return false }
        return zip(a.chunks, b.chunks).allSatisfy { $0 === $1 || $0.objects == $1.objects }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(objectCount)
        for chunk in chunks { hasher.combine(chunk.objects) }
        hasher.combine(cells)
        hasher.combine(escapedCells)
    }

    public mutating func allocateCell(_ value: Value) -> CellID {
        cells.append(value)
        return CellID(UInt32(truncatingIfNeeded: cells.count - 1))
    }

    public func load(_ cell: CellID) -> Value { cells[Int(cell.raw)] }

    public mutating func store(_ value: Value, into cell: CellID) {
        cells[Int(cell.raw)] = value
        if cellEscaped(cell) { markEscaped(value) }
    }

    /// Cells reachable from outside: a cell is only ever exposed through an
    /// escaped closure or pointer, which marks its contents when it escapes;
    /// later stores must escape too.
    private var escapedCells: Set<UInt32> = []

    public func cellEscaped(_ cell: CellID) -> Bool { escapedCells.contains(cell.raw) }

    /// Marks everything reachable from `value` as reachable by code outside
    /// the explored program. A cancel function that escapes makes its context
    /// cancellable at any time.
    public mutating func markEscaped(_ value: Value) {
        var work: [Value] = [value]
        while let v = work.popLast() {
            switch v {
            case .object(let id):
                guard contains(id), !self[id].escaped else { continue }
                self[id].escaped = true
                work += references(of: self[id])
                if case .cancelFunc(let ctx) = self[id].kind, contains(ctx), case .context(var c) = self[ctx].kind {
                    c.cancelEscaped = true
                    self[ctx].kind = .context(c)
                }
            case .cell(let c):
                guard Int(c.raw) < cells.count, escapedCells.insert(c.raw).inserted else { continue }
                work.append(cells[Int(c.raw)])
            default:
                continue
            }
        }
    }

    /// The values an object refers to (for escape marking and comparison).
    public func references(of object: HeapObject) -> [Value] {
        switch object.kind {
        case .channel(let c):
            var refs = c.buffer
            switch c.source {
            case .timer(let t): refs.append(.object(t))
            case .contextDone(let ctx): refs.append(.object(ctx))
            default: break
            }
            return refs
        case .waitGroup, .mutex, .once:
            return []
        case .timer(let t):
            return [.object(t.channel)]
        case .context(let c):
            var refs = [c.parent]
            if let d = c.doneChannel { refs.append(.object(d)) }
            return refs
        case .cancelFunc(let ctx):
            return [.object(ctx)]
        case .record(let r):
            return r.fields.keys.sorted().compactMap { r.fields[$0] } + [r.unwrittenField, r.length]
        case .closure(_, let cells):
            return cells.map { .cell($0) }
        }
    }
}

/// Up to `1 << Heap.chunkShift` objects of a heap, shared by the states
/// that hold the same ones. Written only through `Heap.writableChunk`, which copies a shared
/// chunk first, so no two states ever see a write of the other's.
private final class ObjectChunk: @unchecked Sendable {
    var objects: [HeapObject]

    init(_ objects: [HeapObject]) {
        self.objects = objects
        self.objects.reserveCapacity(1 << Heap.chunkShift)
    }
}
