/// What a function does with one parameter, as its callers need to know:
/// the parameter's tag in the Go compiler's export data.
///
/// Each entry is a dereference level, or nil when there is no such leak:
/// `heap` — the value (level 0) or what it points to (level n) reaches the
/// heap; `results[i]` — it flows to result #i at that level. Seven results
/// are tracked, as the compiler does; flows to later results count as heap.
public struct ParameterTag: Hashable, Sendable {
    public static let trackedResults = 7

    public var heap: Int?
    public var results: [Int?]

    public init(heap: Int? = nil, results: [Int?] = []) {
        self.heap = heap
        self.results = results
    }

    /// The tag of a parameter of a function whose body is unknown: the
    /// value leaks to the heap.
    public static let leaksToHeap = ParameterTag(heap: 0)

    public var isEmpty: Bool { heap == nil && results.allSatisfy { $0 == nil } }

    public func result(_ i: Int) -> Int? { i < results.count ? results[i] : nil }

    mutating func addHeap(_ derefs: Int) {
        if let old = heap, old <= derefs { return }
        heap = derefs
    }

    mutating func addResult(_ i: Int, _ derefs: Int) {
        while results.count <= i { results.append(nil) }
        if let old = results[i], old <= derefs { return }
        results[i] = derefs
    }

    /// Drops result flows that the heap flow already covers (a value that
    /// leaks to the heap at level n needs no result flow at level ≥ n).
    mutating func optimize() {
        guard let h = heap else { return }
        for i in results.indices where (results[i] ?? -1) >= h { results[i] = nil }
    }
}
