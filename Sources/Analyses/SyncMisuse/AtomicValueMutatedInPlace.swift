import ConcIR
import Findings

/// SY1005: a value loaded from an atomic.Value (or an atomic.Pointer),
/// directly or by a getter that only returns it (`AtomicGetter`), changed
/// in place: a field written through the pointer, a map written, a slice
/// element set.
///
/// The loaded value is shared: every reader that called Load has the same
/// pointer, map or slice and reads it without a lock. Writing it is a data
/// race (for maps, a crash: "concurrent map read and map write"), and a
/// reader can see half of the change. Copy it, change the copy, and Store
/// the copy. A lock taken by the writer does not help, since readers do
/// not take it; a mutex inside the value that guards the written field does.
struct AtomicValueMutatedInPlace: FunctionLocalCheck {
    static let id = "SY1005"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.atomicValueLoad, .atomicLoad, .call] }
    var findings: [Finding] = []

    mutating func visit(_ visited: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        // `cfg := c.config()`, a getter of `c.cfg.Load()` (`AtomicGetter`).
        let load = visited.op == .call ? AtomicGetter.load(madeBy: visited, index: scope.program.index) : visited
        guard let inst = load, inst.mode == .now, let source = inst.operands.first?.place.map(scope.facts.normalize),
              inst.op == .atomicValueLoad || Self.isAtomicPointer(source, scope),
              let holders = Holders.of(inst.results.first, in: scope.function) else { return }
        let name = GoSpelling.expression(source) ?? "the atomic value"
        let search = WitnessSearch<Bool>(function: scope.function, infeasible: scope.facts.infeasible)
        var mutated: String?
        var locks: HeldLocks?
        let witness = search.first(from: site, state: false) { i, at, _ in
            guard i.mode == .now else { return .proceed }
            if Self.replacesAll(i, holders) { return .stop }
            guard let what = Self.mutation(i, holders, scope) else { return .proceed }
            // A mutex inside the loaded value that guards its fields.
            if locks == nil { locks = HeldLocks(function: scope.function, cfg: scope.cfg, normalize: scope.facts.normalize) }
            if locks?.held(at: at).contains(where: { holders.contains($0.root) }) == true { return .proceed }
            mutated = what
            return .found
        }
        guard let witness, let mutated else { return }
        let at = WitnessFlow.position(witness.site, in: scope.function)
        let message = "\(mutated) is changed in place after \(name).Load() (line \(inst.position.line)): every reader shares "
            + "this value and reads it without a lock, so this write races with them; copy it, change the copy, and Store the copy"
        let flow = WitnessFlow.make(scope, message: "the shared value is loaded, then written",
                                    start: (inst.position, "the value readers share is loaded from \(name)"),
                                    branches: witness.branches, end: (at, "\(mutated) is written in place"))
        if var f = scope.finding(ruleID, at: at, message, flows: [flow]) {
            if let l = scope.location(inst.position) { f.related = [RelatedLocation(location: l, message: "the load")] }
            findings.append(f)
        }
    }

    /// `atomic.Pointer[T].Load()`: the typed atomic holding a pointer.
    private static func isAtomicPointer(_ place: Place, _ scope: FunctionScope) -> Bool {
        scope.types.type(of: place).wellKnownThroughPointer == .atomicPointer
    }

    /// Every holder assigned something else: the loaded value is no longer reachable here.
    private static func replacesAll(_ inst: Instruction, _ holders: Set<Place.Root>) -> Bool {
        guard inst.op == .assign, case .place(let dst)? = inst.results.first, dst.path.isEmpty,
              holders.contains(dst.root), holders.count <= 2 else { return false }
        if let src = inst.operands.first?.place, src.path.isEmpty, holders.contains(src.root) { return false }
        return true
    }

    /// The Go spelling of what the instruction writes inside the shared
    /// value, when it writes there: through a pointer, into a map, into a
    /// slice's elements.
    private static func mutation(_ inst: Instruction, _ holders: Set<Place.Root>, _ scope: FunctionScope) -> String? {
        switch inst.op {
        case .mapWrite, .mapDelete, .mapClear:
            guard let m = inst.operands.first?.place, holders.contains(m.root) else { return nil }
            return spelled(m, suffix: "[...]")
        case .assign:
            guard case .place(let dst)? = inst.results.first, holders.contains(dst.root), !dst.path.isEmpty,
                  throughReference(dst, scope) else { return nil }
            return spelled(dst, suffix: "")
        default:
            return nil
        }
    }

    private static func spelled(_ place: Place, suffix: String) -> String {
        if let s = GoSpelling.expression(place) { return s + suffix }
        var trimmed = place
        while trimmed.path.last == .element { trimmed.path.removeLast() }
        return (GoSpelling.expression(trimmed) ?? "the loaded value") + "[...]"
    }

    /// Whether writing `place` writes memory shared with the value it
    /// starts from: a step through a pointer, a slice or a map. Writing a
    /// field of a struct held by value writes a private copy.
    private static func throughReference(_ place: Place, _ scope: FunctionScope) -> Bool {
        let environment = scope.program.index.types
        var t = scope.types.type(of: Place(place.root))
        for s in place.path {
            let u = environment.underlying(t)
            switch s {
            case .deref:
                return true
            case .field(let f):
                if case .pointer = u { return true }
                if u.isUnknown { return false }
                t = environment.fieldType(of: t, field: f) ?? .unknown
            case .element:
                switch u {
                case .slice, .map, .pointer: return true
                case .array(_, let e): t = e
                default: return false
                }
            }
        }
        return false
    }
}
