/// The abstract heap: objects and variable cells, addressed by index.
///
/// Objects are never freed during one exploration path (paths are short);
/// unreachable ones are simply left out when states are compared
/// (`CanonicalEncoder`).
public struct Heap: Hashable, Sendable {
    public private(set) var objects: [HeapObject] = []
    public private(set) var cells: [Value] = []

    public init() {}

    public subscript(id: ObjectID) -> HeapObject {
        get { objects[Int(id.raw)] }
        set { objects[Int(id.raw)] = newValue }
    }

    public func contains(_ id: ObjectID) -> Bool { Int(id.raw) < objects.count }

    public mutating func allocate(_ kind: HeapObject.Kind, at origin: Site) -> ObjectID {
        objects.append(HeapObject(kind, origin: origin))
        return ObjectID(UInt32(truncatingIfNeeded: objects.count - 1))
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
                objects[Int(id.raw)].escaped = true
                work += references(of: self[id])
                if case .cancelFunc(let ctx) = self[id].kind, contains(ctx), case .context(var c) = self[ctx].kind {
                    c.cancelEscaped = true
                    objects[Int(ctx.raw)].kind = .context(c)
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
