/// Turns a state into a sequence of numbers such that two states with the
/// same sequence behave the same from then on.
///
/// - Goroutines are ordered by what they are doing (function, block,
///   instruction), not by when they were started: N identical workers at
///   the same places are one state, not N! states (symmetry reduction).
/// - Objects and cells are renumbered in the order they are reached from
///   the goroutines, and unreachable ones are left out.
/// - Dead variables and temporaries (see `Liveness`) are left out.
struct CanonicalEncoder {
    let program: ProgramIndex

    func encode(_ state: ProgramState) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(64 + state.goroutines.count * 32)
        var renamer = Renamer()
        let order = goroutineOrder(state)
        out.append(UInt32(truncatingIfNeeded: order.count))
        for g in order { encode(state.goroutines[g], isRoot: g == 0, state, &renamer, &out) }
        // Objects and cells, in the order they were first reached.
        var nextObject = 0
        var nextCell = 0
        while nextObject < renamer.objectOrder.count || nextCell < renamer.cellOrder.count {
            if nextObject < renamer.objectOrder.count {
                let id = renamer.objectOrder[nextObject]
                nextObject += 1
                encode(object: id, state, &renamer, &out)
            } else {
                let c = renamer.cellOrder[nextCell]
                nextCell += 1
                out.append(state.heap.cellEscaped(c) ? 0xC1 : 0xC0)
                encode(state.heap.load(c), &renamer, &out)
            }
        }
        for t in state.tripCounts {
            out.append(t.symbol)
            out.append(UInt32(bitPattern: t.count))
        }
        return out
    }

    /// The root first, then the others by what they are doing.
    private func goroutineOrder(_ state: ProgramState) -> [Int] {
        let keys = state.goroutines.map(signature)
        let others = state.goroutines.indices.dropFirst().sorted { a, b in
            keys[a].lexicographicallyPrecedes(keys[b]) || (keys[a] == keys[b] && a < b)
        }
        return state.goroutines.isEmpty ? [] : [0] + others
    }

    private func signature(_ g: Goroutine) -> [UInt32] {
        var s: [UInt32] = [UInt32(g.status.rawValue), g.isSpeculative ? 1 : 0, g.neverFinishes ? 1 : 0,
                           g.runsSingleOperation ? 1 : 0, UInt32(bitPattern: Int32(g.recursionLevel)), UInt32(g.frames.count)]
        for f in g.frames {
            s.append(UInt32(bitPattern: f.function.raw))
            s.append(UInt32(bitPattern: f.block))
            s.append(UInt32(bitPattern: f.instruction))
            s.append(f.isReturning ? 1 : 0)
            s.append(UInt32(f.defers.count))
        }
        return s
    }

    private func encode(_ g: Goroutine, isRoot: Bool, _ state: ProgramState, _ r: inout Renamer, _ out: inout [UInt32]) {
        out.append(0xA0 | (isRoot ? 1 : 0))
        out += signature(g)
        out.append(UInt32(g.racingWaits.count))
        for w in g.racingWaits.map({ r.object($0) }).sorted() { out.append(w) }
        if let wg = g.doneOnFinish { out.append(r.object(wg)) } else { out.append(UInt32.max) }
        for f in g.frames {
            if let values = f.returnValues {
                out.append(UInt32(values.count))
                for v in values { encode(v, &r, &out) }
            } else {
                let layout = program.layout(f.function)
                let live = layout.liveness.liveSlots(block: Int(f.block), instruction: Int(f.instruction))
                for (i, v) in f.slots.enumerated() where live.hasBit(i) {
                    out.append(UInt32(i))
                    encode(v, &r, &out)
                }
            }
            out.append(0xFFFF_FFF0)
            for d in f.defers {
                out.append(UInt32(bitPattern: d.block))
                out.append(UInt32(bitPattern: d.instruction))
                out.append(UInt32(d.operands.count))
                for v in d.operands { encode(v, &r, &out) }
                encode(d.callee ?? .unknown, &r, &out)
            }
            for t in f.loopTrips {
                out.append(UInt32(bitPattern: t.header))
                out.append(UInt32(bitPattern: t.remaining))
            }
            out.append(0xFFFF_FFF1)
        }
    }

    private func encode(_ v: Value, _ r: inout Renamer, _ out: inout [UInt32]) {
        switch v {
        case .zero: out.append(0)
        case .unknown: out.append(1)
        case .symbol(let s): out += [2, s]
        case .int(let n): out += [3, UInt32(truncatingIfNeeded: n), UInt32(truncatingIfNeeded: n >> 32)]
        case .bool(let b): out.append(b ? 5 : 4)
        case .nilValue: out.append(6)
        case .object(let id): out += [7, r.object(id)]
        case .cell(let c): out += [8, r.cell(c)]
        case .function(let f): out += [9, UInt32(bitPattern: f.raw)]
        }
    }

    private func encode(object id: ObjectID, _ state: ProgramState, _ r: inout Renamer, _ out: inout [UInt32]) {
        guard state.heap.contains(id) else {
            out.append(0xB0)
            return
        }
        let o = state.heap[id]
        out.append(o.escaped ? 0xB2 : 0xB1)
        out.append(UInt32(bitPattern: o.origin.function.raw))
        out.append(o.origin.position.line)
        out.append(o.origin.position.column)
        switch o.kind {
        case .channel(let c):
            out.append(10)
            switch c.source {
            case .made: out.append(0)
            case .timer(let t): out += [1, r.object(t)]
            case .after: out.append(2)
            case .tick: out.append(3)
            case .contextDone(let ctx): out += [4, r.object(ctx)]
            }
            out.append(c.capacity.map { UInt32(truncatingIfNeeded: $0) } ?? UInt32.max)
            out.append((c.isClosed ? 1 : 0) | (c.hasFired ? 2 : 0))
            out.append(UInt32(c.buffer.count))
            for v in c.buffer { encode(v, &r, &out) }
        case .waitGroup(let w):
            out += [11, UInt32(bitPattern: Int32(clamping: w.counter)), (w.isPrecise ? 1 : 0) | (w.waitHasReturned ? 2 : 0)]
        case .mutex(let m):
            out += [12, m.isLocked ? 1 : 0, UInt32(clamping: m.readers)]
        case .timer(let t):
            out += [13, (t.isTicker ? 1 : 0) | (t.isStopped ? 2 : 0), r.object(t.channel)]
        case .context(let c):
            out += [14, (c.isCancelled ? 1 : 0) | (c.mayExpire ? 2 : 0) | (c.cancelEscaped ? 4 : 0)]
            encode(c.parent, &r, &out)
            out.append(c.doneChannel.map { r.object($0) } ?? UInt32.max)
        case .cancelFunc(let ctx):
            out += [15, r.object(ctx)]
        case .record(let rec):
            out.append(16)
            encode(rec.unwrittenField, &r, &out)
            encode(rec.length, &r, &out)
            for name in rec.fields.keys.sorted() {
                for u in name.utf8 { out.append(UInt32(u)) }
                out.append(0xFFFF_FFF2)
                encode(rec.fields[name] ?? .zero, &r, &out)
            }
        case .once(let done):
            out += [18, done ? 1 : 0]
        case .closure(let f, let cells):
            out += [17, UInt32(bitPattern: f.raw), UInt32(cells.count)]
            for c in cells { out.append(r.cell(c)) }
        }
        out.append(0xFFFF_FFF3)
    }
}

/// Renumbers objects and cells in the order they are first reached.
private struct Renamer {
    private var objects: [UInt32: UInt32] = [:]
    private var cells: [UInt32: UInt32] = [:]
    private(set) var objectOrder: [ObjectID] = []
    private(set) var cellOrder: [CellID] = []

    mutating func object(_ id: ObjectID) -> UInt32 {
        if let n = objects[id.raw] { return n }
        let n = UInt32(objectOrder.count)
        objects[id.raw] = n
        objectOrder.append(id)
        return n
    }

    mutating func cell(_ c: CellID) -> UInt32 {
        if let n = cells[c.raw] { return n }
        let n = UInt32(cellOrder.count)
        cells[c.raw] = n
        cellOrder.append(c)
        return n
    }
}
