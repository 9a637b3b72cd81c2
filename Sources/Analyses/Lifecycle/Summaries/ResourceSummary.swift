import ConcIR

/// A place as a callee's summary names it, independent of any caller: a
/// path below one of the call's operands (receiver first), below a variable
/// a closure captures, or below a package-level variable.
struct SummaryPlace: Hashable, Sendable, Comparable {
    enum Base: Hashable, Sendable, Codable {
        /// Operand `k` of a call (for a method, 0 is the receiver).
        case operand(Int)
        /// A variable of an enclosing function, captured by name.
        case capture(String)
        case global(String)
    }

    var base: Base
    var path: [Selector]

    /// Places deeper than this are not summarised. A call that passes a
    /// field on (`r.Read` calling `r.src.Read`, a recursive walk passing
    /// `n.next`) would otherwise lengthen the paths at every round of the
    /// summary fixpoint: on GOROOT, paths of 31 selectors and half a
    /// million candidate places for one `Read` method. Real resources sit
    /// a few fields deep at most.
    static let maxPathLength = 4

    /// The caller's place this stands for at a call with `operands`; nil
    /// when the operand is not a place.
    func place(inCallWith operands: [Operand]) -> Place? {
        switch base {
        case .operand(let k):
            guard k < operands.count, let p = operands[k].place else { return nil }
            return Place(p.root, path: p.path + path)
        case .capture(let name):
            return Place(.variable(name), path: path)
        case .global(let name):
            return Place(.global(name), path: path)
        }
    }

    /// A fixed order, so that candidates are searched in the same order in
    /// every run: operands by index, then captures, then globals by name,
    /// then by path.
    static func < (a: SummaryPlace, b: SummaryPlace) -> Bool {
        let (ka, kb) = (a.baseKey, b.baseKey)
        if ka.rank != kb.rank { return ka.rank < kb.rank }
        if ka.index != kb.index { return ka.index < kb.index }
        if ka.name != kb.name { return ka.name < kb.name }
        return a.path.lexicographicallyPrecedes(b.path)
    }

    private var baseKey: (rank: Int, index: Int, name: String) {
        switch base {
        case .operand(let k): return (0, k, "")
        case .capture(let name): return (1, 0, name)
        case .global(let name): return (2, 0, name)
        }
    }

}

/// What a function does, on every path, to resources of one rule that
/// its callers pass in or get back. Bottom-up over the call graph, these
/// make helpers count as what they wrap (STYLE.md lesson 5).
struct ResourceSummary: Hashable, Sendable, Codable {
    /// Released on every path that returns (`func stop(t) { t.Stop() }`).
    var releases: Set<SummaryPlace> = []
    /// Released or handed to an owner on every path (`return &H{t: t}`).
    var handsOver: Set<SummaryPlace> = []
    /// Left acquired on every exit: a lock helper (`func (c *C) lock() { c.mu.Lock() }`).
    var acquires: Set<SummaryPlace> = []
    /// Of `acquires`, those acquired only where a `bool` result is true,
    /// by its index (`func (c *C) tryLock() bool { return c.mu.TryLock() }`).
    var acquiresWhenTrue: [SummaryPlace: Int] = [:]
    /// Of `acquires`, those acquired only where an `error` result is nil,
    /// by its index (`func (s *S) lock() error` that unlocks and returns
    /// an error when closed): the caller's `if err != nil` side holds nothing.
    var acquiresWhenNil: [SummaryPlace: Int] = [:]
    /// Results that carry a resource acquired inside (`func newTicker() *time.Ticker`).
    var returnsFresh: Set<Int> = []
    /// For a closure: places it releases on every path on which the
    /// captured error variable named here is not nil (`defer func() { if
    /// err != nil { cancel() } }()`, err being its creator's error result).
    var releasesOnError: [SummaryPlace: String] = [:]
    /// For a closure: places it releases on every path on which the
    /// captured bool variable has the value named here (`defer func() {
    /// if locked { mu.Unlock() } }()`, locked cleared where its creator
    /// unlocks early).
    var releasesWhenFlag: [SummaryPlace: CapturedFlag] = [:]

    var isEmpty: Bool {
        releases.isEmpty && handsOver.isEmpty && acquires.isEmpty && returnsFresh.isEmpty && releasesOnError.isEmpty
            && releasesWhenFlag.isEmpty
    }
}

/// A bool variable a closure captures, and one of its values.
struct CapturedFlag: Hashable, Sendable, Codable, Comparable {
    var name: String
    var value: Bool

    static func < (a: CapturedFlag, b: CapturedFlag) -> Bool {
        (a.name, a.value ? 1 : 0) < (b.name, b.value ? 1 : 0)
    }
}

/// Every function's summaries, one per resource model, by call-graph node.
/// Sparse: most functions have nothing to say about most resources.
///
/// Components of one call-graph wave are analysed in parallel, each on its
/// own copy: a copy writes into its own `changes` and shares the finished
/// summaries, so copying it costs nothing, and `absorb` joins what each
/// component found once the wave is done.
struct SummaryTable: Sendable {
    private var finished: [Int: ResourceSummary] = [:]
    /// Written since the copy; an empty summary stands for "none".
    private var changes: [Int: ResourceSummary] = [:]
    private let modelCount: Int

    init(modelCount: Int) {
        self.modelCount = max(1, modelCount)
    }

    subscript(node: Int, model: Int) -> ResourceSummary? {
        get {
            let key = node * modelCount + model
            if let changed = changes[key] { return changed.isEmpty ? nil : changed }
            return finished[key]
        }
        set { changes[node * modelCount + model] = newValue ?? ResourceSummary() }
    }

    /// A copy to analyse one component on: it sees every finished summary
    /// and records its own writes apart.
    var componentCopy: SummaryTable {
        var copy = self
        copy.changes = [:]
        return copy
    }

    /// What this copy wrote, by node and model, leaving out empty
    /// summaries (none where there was none: a component writes only its
    /// own members, which had none before it).
    var written: [NodeSummary] {
        changes.keys.sorted().compactMap { key in
            let summary = changes[key]!
            return summary.isEmpty ? nil : NodeSummary(node: key / modelCount, model: key % modelCount, summary: summary)
        }
    }

    /// Takes in what a component wrote, in this run or an earlier one.
    mutating func absorb(_ written: [NodeSummary]) {
        for entry in written {
            finished[entry.node * modelCount + entry.model] = entry.summary.isEmpty ? nil : entry.summary
        }
    }
}

/// One function's summary under one resource model.
struct NodeSummary: Sendable {
    var node: Int
    var model: Int
    var summary: ResourceSummary
}
