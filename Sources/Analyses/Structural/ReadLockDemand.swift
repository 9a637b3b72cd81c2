import ConcIR

/// Which places of each function's read-lock summary MU1006 can ever
/// match, worked out top-down before the summaries are built bottom-up.
///
/// MU1006 compares a callee's entry only with the read locks its caller
/// took itself, at that caller's calls. A place in an entry reaches a
/// caller mapped through the call (an operand's path extended, a capture
/// renamed, a global as is), and from there further up only through the
/// caller's own entry. So a place matters in a function's entry only if
/// some chain of calls maps it onto a place a caller read-locks: those are
/// found by mapping each read-locked place back down through the calls
/// (the inverse of `SummaryPlace.place(inCallWith:)` and
/// `PlaceNaming.summaryPlace(for:)`), until nothing new appears.
///
/// Each place of an entry comes from exactly one place of a callee's entry
/// (or an `RLock`), and a place that is not wanted only ever yields places
/// that are not wanted, so dropping them changes no wanted place of any
/// entry, in any round of a component. A captured name is wanted only in
/// a closure that captures it (no other function's entry can hold it).
/// Without this the entries carried every field path of every read lock
/// below them: on GOROOT/src 1,955 entries of 127 places on average and
/// 6.2 million places mapped, for 6 entries of one place each that any
/// caller could match.
struct ReadLockDemand {
    /// The wanted places of each function; absent when none.
    private let wanted: [Int: Set<SummaryPlace>]

    /// - Parameters:
    ///   - readLockers: the functions with an `RLock` (the only ones whose
    ///     calls MU1006 reads summaries at).
    ///   - waves: the call graph's component waves, callees first.
    init(index: AnalysedProgram, readLockers: [Int], waves: [[[Int]]]) {
        var wanted: [Int: Set<SummaryPlace>] = [:]
        var heldBy: [Int: [Place]] = [:]
        for node in readLockers {
            let function = index.function(node)
            let naming = PlaceNaming(function)
            var held: [Place] = []
            for block in function.blocks {
                for inst in block.instructions where inst.op == .mutexRLock {
                    if let p = inst.operands.first?.place { held.append(naming.normalize(p)) }
                }
            }
            heldBy[node] = held
        }
        var namings: [Int: PlaceNaming] = [:]
        /// Adds what `node`'s calls want of their callees; returns the callees whose wants grew.
        func propagate(from node: Int) -> [Int] {
            let function = index.function(node)
            let f = namings[node] ?? PlaceNaming(function)
            namings[node] = f
            let held = heldBy[node] ?? []
            let mine = wanted[node] ?? []
            var grown: [Int] = []
            for block in function.blocks {
                for inst in block.instructions where inst.op == .call && inst.mode == .now {
                    let targets = f.targets(of: inst.callee).compactMap { index.node(named: $0) }
                    guard !targets.isEmpty else { continue }
                    var places = Set<SummaryPlace>()
                    for h in held { Self.preimages(ofHeld: h, operands: inst.operands, naming: f, into: &places) }
                    for sp in mine { Self.preimages(of: sp, operands: inst.operands, naming: f, into: &places) }
                    guard !places.isEmpty else { continue }
                    let namesCaptures = places.contains { if case .capture = $0.base { return true } else { return false } }
                    for callee in targets {
                        var accepted = places
                        if namesCaptures {
                            // Only a closure that captures the name can hold a place below it.
                            let captures = index.function(callee).captures
                            accepted = places.filter { sp in
                                guard case .capture(let name) = sp.base else { return true }
                                return captures.contains { $0.name == name }
                            }
                            guard !accepted.isEmpty else { continue }
                        }
                        let before = wanted[callee]?.count ?? 0
                        wanted[callee, default: []].formUnion(accepted)
                        if (wanted[callee]?.count ?? 0) != before { grown.append(callee) }
                    }
                }
            }
            return grown
        }
        // Callers before callees, a component's members until nothing new is
        // wanted. A callee already done that still grows (a call the graph's
        // order does not cover) is done again at the end.
        var done = Set<Int>()
        var late: [Int] = []
        for wave in waves.reversed() {
            for component in wave {
                let members = Set(component)
                var work = component.filter { heldBy[$0] != nil || wanted[$0] != nil }
                var queued = Set(work)
                while let node = work.popLast() {
                    queued.remove(node)
                    for callee in propagate(from: node) {
                        if members.contains(callee) {
                            if queued.insert(callee).inserted { work.append(callee) }
                        } else if done.contains(callee) {
                            late.append(callee)
                        }
                    }
                }
                done.formUnion(component)
                namings.removeAll(keepingCapacity: true)
            }
        }
        while let node = late.popLast() {
            late += propagate(from: node)
        }
        self.wanted = wanted
    }

    /// Whether `node`'s summary keeps `place`.
    func wants(_ place: SummaryPlace, in node: Int) -> Bool {
        wanted[node]?.contains(place) ?? false
    }

    /// Whether `node`'s summary keeps anything at all.
    func wantsAny(in node: Int) -> Bool { wanted[node] != nil }

    /// The callee places that a call maps onto `held`, a read-locked place
    /// of the caller (normalized): RecursiveReadLock's comparison.
    private static func preimages(ofHeld held: Place, operands: [Operand], naming: PlaceNaming,
                                  into places: inout Set<SummaryPlace>) {
        switch held.root {
        case .global(let name):
            if held.path.count <= SummaryPlace.maxPathLength { places.insert(SummaryPlace(base: .global(name), path: held.path)) }
        case .variable(let name):
            if held.path.count <= SummaryPlace.maxPathLength { places.insert(SummaryPlace(base: .capture(name), path: held.path)) }
        case .temp:
            break
        }
        for (k, operand) in operands.enumerated() {
            guard let q = operand.place.map(naming.normalize), q.root == held.root,
                  q.path.count <= held.path.count, held.path.starts(with: q.path) else { continue }
            let rest = Array(held.path.dropFirst(q.path.count))
            if rest.count <= SummaryPlace.maxPathLength { places.insert(SummaryPlace(base: .operand(k), path: rest)) }
        }
    }

    /// The callee places that a call maps onto `wanted`, a wanted place of
    /// the caller's own entry: ReadLockSummaries' mapping.
    private static func preimages(of wanted: SummaryPlace, operands: [Operand], naming: PlaceNaming,
                                  into places: inout Set<SummaryPlace>) {
        switch wanted.base {
        case .global:
            // A callee's global is taken as is.
            places.insert(wanted)
        case .operand, .capture:
            // A captured variable keeps its name: the caller's variable with this base.
            if case .variable(let name)? = naming.localPlace(for: wanted)?.root {
                places.insert(SummaryPlace(base: .capture(name), path: wanted.path))
            }
        }
        for (k, operand) in operands.enumerated() {
            guard let p = operand.place, let q = naming.summaryPlace(for: p), q.base == wanted.base,
                  q.path.count <= wanted.path.count, wanted.path.starts(with: q.path) else { continue }
            places.insert(SummaryPlace(base: .operand(k), path: Array(wanted.path.dropFirst(q.path.count))))
        }
    }
}
