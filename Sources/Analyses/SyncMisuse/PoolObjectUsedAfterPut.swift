import ConcIR
import Findings

/// SY1002: an object put back in a sync.Pool while this code still uses it.
///
/// After `p.Put(x)` another goroutine's `p.Get()` may hand `x` out and
/// overwrite it. Using `x` afterwards, returning it, or keeping a view of
/// it (`buf.Bytes()`, a slice or map field) reads memory someone else is
/// writing: corrupted responses, data races. With `defer p.Put(x)` the Put
/// runs when the function returns, so returning `x` or `x.Bytes()` hands
/// the caller memory that is already back in the pool.
///
/// Not reported: a local only ever assigned constants (`var item any = 42`,
/// Put again and again by a benchmark): the interface boxes an immutable
/// value that no Get can overwrite; and past a deferred Put, a return of
/// a string, number or bool result (`return string(buf.Bytes())`,
/// `return s.total`), which copies what it returns before the Put runs.
struct PoolObjectUsedAfterPut: FunctionLocalCheck {
    static let id = "SY1002"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.poolPut] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.operands.count >= 2, let value = inst.operands[1].place, value.path.isEmpty,
              case .variable(let variable) = value.root,
              let poolPlace = inst.operands.first?.place.map(scope.facts.normalize) else { return }
        if Self.holdsOnlyConstants(variable, scope) { return }
        let pool = SharedObject.of(poolPlace, in: scope)?.display ?? "the pool"
        let name = GoSpelling.variableName(variable)
        let views = Self.views(of: value.root, in: scope)
        func refers(_ o: Operand) -> Bool {
            guard let p = o.place else { return false }
            return p.root == value.root || views.contains(p.root)
        }
        let search = WitnessSearch<Bool>(function: scope.function, infeasible: scope.facts.infeasible)
        var what = ""
        let deferred = inst.mode == .defer
        let witness = search.first(from: site, state: false, visit: { i, _, _ in
            if Self.replaces(i, value.root) { return .stop }
            if deferred {
                // The Put runs at the return: the object must not leave the function.
                guard Self.storesAway(i, refers, scope) else { return .proceed }
                what = "stored"
            } else {
                guard i.mode != .defer, i.operands.contains(where: refers) else { return .proceed }
                what = "used"
            }
            return .found
        }, exit: { terminator, _, _ in
            guard case .return(let operands) = terminator,
                  operands.indices.contains(where: { refers(operands[$0]) && !(deferred && Self.returnsCopy(at: $0, scope)) })
            else { return .stop }
            what = "returned"
            return .found
        })
        guard let witness else { return }
        let at = WitnessFlow.position(witness.site, in: scope.function)
        let when = inst.mode == .defer ? "when the function returns" : "here"
        let message = "\(name) goes back to \(pool) \(when) but it (or a view of it) is \(what) on line \(at.line): "
            + "the next Get may hand it to another goroutine that overwrites it; copy what you keep, then Put"
        let flow = WitnessFlow.make(scope, message: "a path on which the pooled object is used after Put",
                                    start: (inst.position, inst.mode == .defer ? "\(name) is put back in \(pool) when the function returns"
                                                                              : "\(name) is put back in \(pool)"),
                                    branches: witness.branches, end: (at, "\(name) is \(what) here while it belongs to \(pool)"))
        if let f = scope.finding(ruleID, at: inst.position, message, flows: [flow]) { findings.append(f) }
    }

    /// A local that is only ever assigned constants (`var item any = 42`):
    /// the pooled object is an interface boxing an immutable value, which no
    /// Get can overwrite, so putting it again or reading it is harmless.
    private static func holdsOnlyConstants(_ variable: String, _ scope: FunctionScope) -> Bool {
        let f = scope.function
        guard f.locals.contains(where: { $0.name == variable }), !f.captures.contains(where: { $0.name == variable }) else { return false }
        let root = Place.Root.variable(variable)
        var assigned = false
        for block in f.blocks {
            for inst in block.instructions {
                if inst.results.contains(where: { $0.place?.root == root }) {
                    guard inst.op == .assign, inst.operands.first?.isConstant == true, inst.operands.first != .nil,
                          inst.results.first?.place == Place(root) else { return false }
                    assigned = true
                } else if inst.op == .addr, inst.operands.contains(where: { $0.place?.root == root }) {
                    return false
                }
            }
        }
        guard assigned else { return false }
        return !scope.program.index.capturedByClosures(of: f.name).contains(variable)
    }

    /// Variables and temporaries that view the object's memory: results of
    /// `Bytes()` on it, and slice, map or pointer fields read from it.
    private static func views(of root: Place.Root, in scope: FunctionScope) -> Set<Place.Root> {
        var views = Set<Place.Root>()
        var changed = true
        while changed {
            changed = false
            for block in scope.function.blocks {
                for inst in block.instructions where inst.mode == .now {
                    guard case .place(let dst)? = inst.results.first, dst.path.isEmpty, dst.root != root,
                          !views.contains(dst.root) else { continue }
                    var isView = false
                    switch inst.op {
                    case .call:
                        if let callee = inst.callee, callee.hasReceiver, inst.operands.first?.place?.root == root,
                           case .method(let m) = callee, FunctionName.methodName(m) == "Bytes" {
                            isView = true
                        }
                    case .assign:
                        guard let src = inst.operands.first?.place else { break }
                        if src.root == root || views.contains(src.root) {
                            isView = src.path.isEmpty ? views.contains(src.root) : isReference(scope.types.type(of: src), scope)
                        }
                    default:
                        break
                    }
                    if isView {
                        views.insert(dst.root)
                        changed = true
                    }
                }
            }
        }
        return views
    }

    /// Whether result `k` of the function is a value that cannot share
    /// the object's memory: a string, number or bool. `return
    /// string(buf.Bytes())` copies the bytes (the IR keeps a conversion's
    /// operand, so it reads as a view), and `return s.total` copies the
    /// field, before a deferred Put runs; after an immediate Put the copy
    /// itself reads what another goroutine may be writing.
    private static func returnsCopy(at k: Int, _ scope: FunctionScope) -> Bool {
        let results = scope.function.results
        guard k < results.count, case .basic(let basic) = scope.program.index.types.underlying(results[k].type) else { return false }
        return basic != .any && basic != .error
    }

    private static func isReference(_ type: GoType, _ scope: FunctionScope) -> Bool {
        switch scope.program.index.types.underlying(type) {
        case .slice, .map, .pointer, .chan: return true
        default: return false
        }
    }

    /// `x = something else` (a new Get, a new object): later uses are not of the put object.
    private static func replaces(_ inst: Instruction, _ root: Place.Root) -> Bool {
        guard inst.mode == .now, case .place(let dst)? = inst.results.first, dst.path.isEmpty, dst.root == root else { return false }
        return true
    }

    /// The object (or a view) stored where it outlives the function: a
    /// field, a global, a channel.
    private static func storesAway(_ inst: Instruction, _ refers: (Operand) -> Bool, _ scope: FunctionScope) -> Bool {
        guard inst.mode == .now else { return false }
        switch inst.op {
        case .chanSend:
            return inst.operands.count >= 2 && refers(inst.operands[1])
        case .assign:
            guard let src = inst.operands.first, refers(src), case .place(let dst)? = inst.results.first else { return false }
            if case .global = dst.root { return true }
            return !dst.path.isEmpty && !refers(.place(Place(dst.root)))
        default:
            return false
        }
    }
}
