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

    public init(root: Goroutine) {
        goroutines = [root]
        heap = Heap()
        tripCounts = []
        nextTraceID = 1
    }

    /// The root goroutine (the explored function's caller's goroutine).
    public var root: Goroutine { goroutines[0] }

    public func tripCount(of symbol: UInt32) -> Int? {
        tripCounts.first { $0.symbol == symbol }.map { Int($0.count) }
    }

    public mutating func setTripCount(_ count: Int, for symbol: UInt32) {
        tripCounts.removeAll { $0.symbol == symbol }
        tripCounts.append(SymbolCount(symbol: symbol, count: Int32(clamping: count)))
        tripCounts.sort { $0.symbol < $1.symbol }
    }

    /// Goroutines that still have steps to take.
    public var liveGoroutines: [Int] { goroutines.indices.filter { goroutines[$0].isLive } }
}

public struct SymbolCount: Hashable, Sendable {
    public var symbol: UInt32
    public var count: Int32
}
