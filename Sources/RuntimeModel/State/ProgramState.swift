/// One abstract state of the explored program: every goroutine, the heap,
/// and the choices made so far for unknown counts.
public struct ProgramState: Hashable, Sendable {
    public var goroutines: [Goroutine]
    public var heap: Heap
    /// Loop trip counts chosen for symbols (so loops over the same unknown
    /// slice agree), sorted by symbol.
    public var tripCounts: [SymbolCount]
    /// The trace id the next spawned goroutine gets.
    public var nextTraceID: Int32
    /// Tickets drawn so far: atomic read-modify-writes whose result the
    /// model does not know (0, 1, or 2 for more; a draw on a variable the
    /// explored code holds counts as 2 at once). From 2 on, branching on a
    /// ticket is no longer free (`AtomicTickets`, `Machine.performAtomic`).
    public var ticketsDrawn: UInt8

    public init(root: Goroutine) {
        goroutines = [root]
        heap = Heap()
        tripCounts = []
        nextTraceID = 1
        ticketsDrawn = 0
    }

    /// The root goroutine (the explored function's caller's goroutine).
    public var root: Goroutine { goroutines[0] }

    public func tripCount(of symbol: UInt32) -> Int? {
        tripCounts.first { $0.symbol == symbol }.map { Int($0.count) }
    }

    /// A symbol whose count a loop has chosen is that number (the count
    /// chosen for n is n's value); any other value is itself.
    public func resolved(_ value: Value) -> Value {
        guard case .symbol(let s) = value, let n = tripCount(of: s) else { return value }
        return .int(Int64(n))
    }

    public mutating func setTripCount(_ count: Int, for symbol: UInt32) {
        tripCounts.removeAll { $0.symbol == symbol }
        tripCounts.append(SymbolCount(symbol: symbol, count: Int32(clamping: count)))
        tripCounts.sort { $0.symbol < $1.symbol }
        addPendingLengths(symbol, count)
    }

    /// The WaitGroups that added the length `symbol` stands for before a
    /// loop chose it (`WaitGroupState.pendingLengths`) add `count` now.
    private mutating func addPendingLengths(_ symbol: UInt32, _ count: Int) {
        for raw in 0..<heap.objectCount {
            let id = ObjectID(UInt32(raw))
            guard var w = heap[id].waitGroup, let k = w.pendingLengths.firstIndex(of: symbol) else { continue }
            w.pendingLengths.remove(at: k)
            w.counter += count
            heap[id].kind = .waitGroup(w)
        }
    }

    /// Forgets the goroutines other than the root that have returned.
    ///
    /// Nothing can observe them any more (their trace ids live on in the
    /// events), and keeping them would make every later state of a loop
    /// that starts goroutines bigger: comparing states would cost time
    /// quadratic in the number of iterations.
    public mutating func forgetFinishedGoroutines() {
        guard goroutines.dropFirst().contains(where: { $0.status == .finished }) else { return }
        let root = goroutines[0]
        goroutines = [root] + goroutines.dropFirst().filter { $0.status != .finished }
    }

    /// Goroutines that still have steps to take.
    public var liveGoroutines: [Int] { goroutines.indices.filter { goroutines[$0].isLive } }
}

public struct SymbolCount: Hashable, Sendable {
    public var symbol: UInt32
    public var count: Int32
}
