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
    /// Scratch reused from state to state: encoding is the explorer's
    /// innermost loop, and fresh arrays per state dominated its time.
    private var words: [UInt32] = []
    private var renamer = Renamer()
    private var order: [Int] = []

    init(program: ProgramIndex) {
        self.program = program
    }

    /// The state's canonical encoding, hashed to 128 bits. Two different
    /// encodings collide with probability about 2^-128 per pair: far
    /// below anything a bounded exploration of at most millions of states
    /// could meet, and the price of keeping every encoding whole was
    /// gigabytes on large test functions.
    mutating func fingerprint(_ state: ProgramState) -> StateFingerprint {
        encode(state)
        return StateFingerprint(words)
    }

    private mutating func encode(_ state: ProgramState) {
        words.removeAll(keepingCapacity: true)
        renamer.reset(objects: state.heap.objectCount, cells: state.heap.cells.count)
        goroutineOrder(state)
        words.append(UInt32(truncatingIfNeeded: order.count) | UInt32(state.ticketsDrawn) << 24)
        for g in order { encode(goroutine: g, isRoot: g == 0, state) }
        // Objects and cells, in the order they were first reached.
        var nextObject = 0
        var nextCell = 0
        while nextObject < renamer.objectOrder.count || nextCell < renamer.cellOrder.count {
            if nextObject < renamer.objectOrder.count {
                let id = renamer.objectOrder[nextObject]
                nextObject += 1
                encode(object: id, state)
            } else {
                let c = renamer.cellOrder[nextCell]
                nextCell += 1
                words.append(state.heap.cellEscaped(c) ? 0xC1 : 0xC0)
                encode(state.heap.load(c))
            }
        }
        for t in state.tripCounts {
            words.append(t.symbol)
            words.append(UInt32(bitPattern: t.count))
        }
    }

    /// The root first, then the others by what they are doing.
    private mutating func goroutineOrder(_ state: ProgramState) {
        order.removeAll(keepingCapacity: true)
        guard !state.goroutines.isEmpty else { return }
        order.append(contentsOf: state.goroutines.indices)
        let gs = state.goroutines
        order[1...].sort { a, b in
            switch Self.compareSignatures(gs[a], gs[b]) {
            case .less: return true
            case .greater: return false
            case .equal: return a < b
            }
        }
    }

    private enum Order { case less, equal, greater }

    /// Compares the fields `appendSignature` writes, in the same order,
    /// without building them.
    private static func compareSignatures(_ x: Goroutine, _ y: Goroutine) -> Order {
        @inline(__always) func cmp<T: Comparable>(_ a: T, _ b: T) -> Order { a < b ? .less : (a == b ? .equal : .greater) }
        var o = cmp(x.status.rawValue, y.status.rawValue)
        if o != .equal { return o }
        o = cmp(x.isSpeculative ? 1 : 0, y.isSpeculative ? 1 : 0); if o != .equal { return o }
        o = cmp(x.neverFinishes ? 1 : 0, y.neverFinishes ? 1 : 0); if o != .equal { return o }
        o = cmp(x.runsSingleOperation ? 1 : 0, y.runsSingleOperation ? 1 : 0); if o != .equal { return o }
        o = cmp(UInt32(bitPattern: Int32(x.recursionLevel)), UInt32(bitPattern: Int32(y.recursionLevel))); if o != .equal { return o }
        o = cmp(x.frames.count, y.frames.count); if o != .equal { return o }
        for (f, h) in zip(x.frames, y.frames) {
            o = cmp(UInt32(bitPattern: f.function.raw), UInt32(bitPattern: h.function.raw)); if o != .equal { return o }
            o = cmp(UInt32(bitPattern: f.block), UInt32(bitPattern: h.block)); if o != .equal { return o }
            o = cmp(UInt32(bitPattern: f.instruction), UInt32(bitPattern: h.instruction)); if o != .equal { return o }
            o = cmp(f.isReturning ? 1 : 0, h.isReturning ? 1 : 0); if o != .equal { return o }
            o = cmp(f.defers.count, h.defers.count); if o != .equal { return o }
        }
        return .equal
    }

    /// Reads the goroutine and its frames in place: a copy of each frame
    /// retained and released its four arrays, on every state encoded.
    private mutating func appendSignature(_ gi: Int, _ state: ProgramState) {
        words.append(UInt32(state.goroutines[gi].status.rawValue))
        words.append(state.goroutines[gi].isSpeculative ? 1 : 0)
        words.append(state.goroutines[gi].neverFinishes ? 1 : 0)
        words.append(state.goroutines[gi].runsSingleOperation ? 1 : 0)
        words.append(UInt32(bitPattern: Int32(state.goroutines[gi].recursionLevel)))
        let frames = state.goroutines[gi].frames.count
        words.append(UInt32(frames))
        for fi in 0..<frames {
            words.append(UInt32(bitPattern: state.goroutines[gi].frames[fi].function.raw))
            words.append(UInt32(bitPattern: state.goroutines[gi].frames[fi].block))
            words.append(UInt32(bitPattern: state.goroutines[gi].frames[fi].instruction))
            words.append(state.goroutines[gi].frames[fi].isReturning ? 1 : 0)
            words.append(UInt32(state.goroutines[gi].frames[fi].defers.count))
        }
    }

    private mutating func encode(goroutine gi: Int, isRoot: Bool, _ state: ProgramState) {
        words.append(0xA0 | (isRoot ? 1 : 0))
        appendSignature(gi, state)
        let waits = state.goroutines[gi].racingWaits.count
        words.append(UInt32(waits))
        if waits == 1 {
            words.append(renamer.object(state.goroutines[gi].racingWaits[0]))
        } else if waits > 1 {
            for w in state.goroutines[gi].racingWaits.map({ renamer.object($0) }).sorted() { words.append(w) }
        }
        if let wg = state.goroutines[gi].doneOnFinish { words.append(renamer.object(wg)) } else { words.append(UInt32.max) }
        for fi in 0..<state.goroutines[gi].frames.count {
            if state.goroutines[gi].frames[fi].isReturning {
                let values = state.goroutines[gi].frames[fi].returnValues ?? []
                words.append(UInt32(values.count))
                for v in values { encode(v) }
            } else {
                let liveness = program.layout(state.goroutines[gi].frames[fi].function).liveness
                let block = Int(state.goroutines[gi].frames[fi].block)
                let instruction = Int(state.goroutines[gi].frames[fi].instruction)
                for i in 0..<state.goroutines[gi].frames[fi].slots.count where liveness.isLive(i, block: block, instruction: instruction) {
                    words.append(UInt32(i))
                    encode(state.goroutines[gi].frames[fi].slots[i])
                }
            }
            words.append(0xFFFF_FFF0)
            for d in state.goroutines[gi].frames[fi].defers {
                words.append(UInt32(bitPattern: d.block))
                words.append(UInt32(bitPattern: d.instruction))
                words.append(UInt32(d.operands.count))
                for v in d.operands { encode(v) }
                encode(d.callee ?? .unknown)
            }
            for t in state.goroutines[gi].frames[fi].loopTrips {
                words.append(UInt32(bitPattern: t.header))
                words.append(UInt32(bitPattern: t.remaining))
            }
            words.append(0xFFFF_FFF1)
        }
    }

    /// Appends words one by one (an array literal per call allocated).
    @inline(__always) private mutating func appendWords(_ a: UInt32, _ b: UInt32) {
        words.append(a)
        words.append(b)
    }

    @inline(__always) private mutating func appendWords(_ a: UInt32, _ b: UInt32, _ c: UInt32) {
        words.append(a)
        words.append(b)
        words.append(c)
    }

    private mutating func encode(_ v: Value) {
        switch v {
        case .zero: words.append(0)
        case .unknown: words.append(1)
        case .symbol(let s):
            words.append(2)
            words.append(s)
        case .int(let n):
            words.append(3)
            words.append(UInt32(truncatingIfNeeded: n))
            words.append(UInt32(truncatingIfNeeded: n >> 32))
        case .bool(let b): words.append(b ? 5 : 4)
        case .nilValue: words.append(6)
        case .object(let id):
            words.append(7)
            words.append(renamer.object(id))
        case .cell(let c):
            words.append(8)
            words.append(renamer.cell(c))
        case .function(let f):
            words.append(9)
            words.append(UInt32(bitPattern: f.raw))
        }
    }

    private mutating func encode(object id: ObjectID, _ state: ProgramState) {
        guard state.heap.contains(id) else {
            words.append(0xB0)
            return
        }
        let o = state.heap[id]
        words.append(o.escaped ? 0xB2 : 0xB1)
        words.append(UInt32(bitPattern: o.origin.function.raw))
        words.append(o.origin.position.line)
        words.append(o.origin.position.column)
        switch o.kind {
        case .channel(let c):
            words.append(10)
            switch c.source {
            case .made: words.append(0)
            case .timer(let t): appendWords(1, renamer.object(t))
            case .after: words.append(2)
            case .tick: words.append(3)
            case .contextDone(let ctx): appendWords(4, renamer.object(ctx))
            }
            words.append(c.capacity.map { UInt32(truncatingIfNeeded: $0) } ?? UInt32.max)
            words.append((c.isClosed ? 1 : 0) | (c.hasFired ? 2 : 0))
            words.append(UInt32(c.buffer.count))
            for v in c.buffer { encode(v) }
        case .waitGroup(let w):
            appendWords(11, UInt32(bitPattern: Int32(clamping: w.counter)), (w.isPrecise ? 1 : 0) | (w.waitHasReturned ? 2 : 0))
            words.append(UInt32(w.pendingLengths.count))
            words.append(contentsOf: w.pendingLengths)
        case .mutex(let m):
            appendWords(12, m.isLocked ? 1 : 0, UInt32(clamping: m.readers))
        case .timer(let t):
            // An AfterFunc callback's goroutine is named by its trace id,
            // which states do not compare; what a later Stop can do with it
            // (cancel it: it has not begun) is what they differ by.
            let pending = t.callback.map { id in state.goroutines.contains { $0.traceID == id && $0.isAtEntry } } ?? false
            appendWords(13, (t.isTicker ? 1 : 0) | (t.isStopped ? 2 : 0) | (pending ? 4 : 0), renamer.object(t.channel))
        case .context(let c):
            appendWords(14, (c.isCancelled ? 1 : 0) | (c.mayExpire ? 2 : 0) | (c.cancelEscaped ? 4 : 0))
            encode(c.parent)
            words.append(c.doneChannel.map { renamer.object($0) } ?? UInt32.max)
        case .cancelFunc(let ctx):
            appendWords(15, renamer.object(ctx))
        case .record(let rec):
            words.append(16)
            encode(rec.unwrittenField)
            encode(rec.length)
            for name in rec.fields.keys.sorted() {
                for u in name.utf8 { words.append(UInt32(u)) }
                words.append(0xFFFF_FFF2)
                encode(rec.fields[name] ?? .zero)
            }
        case .once(let done):
            appendWords(18, done ? 1 : 0)
        case .closure(let f, let cells):
            appendWords(17, UInt32(bitPattern: f.raw), UInt32(cells.count))
            for c in cells { words.append(renamer.cell(c)) }
        }
        words.append(0xFFFF_FFF3)
    }
}

/// Renumbers objects and cells in the order they are first reached.
/// Its tables are indexed by id and reused across states.
private struct Renamer {
    private static let unseen = UInt32.max
    private var objects: [UInt32] = []
    private var cells: [UInt32] = []
    private(set) var objectOrder: [ObjectID] = []
    private(set) var cellOrder: [CellID] = []

    /// Forgets the previous state's numbering (touching only what it set).
    mutating func reset(objects objectCount: Int, cells cellCount: Int) {
        for id in objectOrder where Int(id.raw) < objects.count { objects[Int(id.raw)] = Self.unseen }
        for c in cellOrder where Int(c.raw) < cells.count { cells[Int(c.raw)] = Self.unseen }
        objectOrder.removeAll(keepingCapacity: true)
        cellOrder.removeAll(keepingCapacity: true)
        if objects.count < objectCount { objects += repeatElement(Self.unseen, count: objectCount - objects.count) }
        if cells.count < cellCount { cells += repeatElement(Self.unseen, count: cellCount - cells.count) }
    }

    mutating func object(_ id: ObjectID) -> UInt32 {
        let i = Int(id.raw)
        if i >= objects.count { objects += repeatElement(Self.unseen, count: i + 1 - objects.count) }
        if objects[i] != Self.unseen { return objects[i] }
        let n = UInt32(objectOrder.count)
        objects[i] = n
        objectOrder.append(id)
        return n
    }

    mutating func cell(_ c: CellID) -> UInt32 {
        let i = Int(c.raw)
        if i >= cells.count { cells += repeatElement(Self.unseen, count: i + 1 - cells.count) }
        if cells[i] != Self.unseen { return cells[i] }
        let n = UInt32(cellOrder.count)
        cells[i] = n
        cellOrder.append(c)
        return n
    }
}

/// A 128-bit hash of a canonical state encoding: what the explorer keeps
/// per visited state. Two independent 64-bit hashes of the words (an
/// FNV-1a variant and a multiply-rotate mix), each finished with an
/// avalanche step, so that it is the same in every run and process.
struct StateFingerprint: Hashable {
    let high: UInt64
    let low: UInt64

    init(_ words: [UInt32]) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(words.count)
        for w in words {
            a = (a ^ UInt64(w)) &* 0x0000_0100_0000_01b3
            b = (b ^ (UInt64(w) &* 0xbf58_476d_1ce4_e5b9))
            b = ((b << 31) | (b >> 33)) &* 0x94d0_49bb_1331_11eb
        }
        high = Self.avalanche(a ^ UInt64(words.count))
        low = Self.avalanche(b)
    }

    private static func avalanche(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
