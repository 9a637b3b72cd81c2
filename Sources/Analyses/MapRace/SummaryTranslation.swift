import ConcIR

/// Translates a callee's summary into its caller's terms at one call (or
/// `go`) site: parameters become the arguments passed, results the places
/// the call's results are stored in, and the caller's variables captured by
/// a closure the caller's own places. Objects local to the callee never
/// reach the caller: their accesses are dropped.
struct SummaryTranslation {
    let caller: Int
    let callee: Int
    let resolver: PlaceResolver
    /// The operand passed for each parameter index (receiver first); nil
    /// where nothing the analysis can follow is passed.
    let arguments: [Operand?]
    let results: [Operand]
    /// For a goroutine started inside loops: their headers, so that objects
    /// that differ per iteration are marked.
    let siteLoops: [Int]
    let perIterationLoopVariables: Bool
    /// The caller's places the summary's roots resolve to, each resolved
    /// once at this site: the places of a summary extend them.
    private let roots = Roots()

    private final class Roots {
        var arguments: [Int: ResolvedPlace?] = [:]
        var results: [Int: ResolvedPlace?] = [:]
        var variables: [String: ResolvedPlace?] = [:]
    }

    init(caller: Int, callee: Int, resolver: PlaceResolver, arguments: [Operand?], results: [Operand], siteLoops: [Int],
         perIterationLoopVariables: Bool) {
        self.caller = caller
        self.callee = callee
        self.resolver = resolver
        self.arguments = arguments
        self.results = results
        self.siteLoops = siteLoops
        self.perIterationLoopVariables = perIterationLoopVariables
    }

    /// The place in the caller's terms; `lateBound` when it is reached through
    /// a captured variable (read when the goroutine runs).
    func translate(_ place: AbstractPlace, keepCalleeLocals: Bool = false) -> (place: ResolvedPlace, lateBound: Bool)? {
        switch place.root {
        case .parameter(let i):
            guard i < arguments.count, case .place(let p)? = arguments[i] else { return nil }
            guard let base = resolved(i, in: \.arguments, { resolver.resolve(p) }),
                  var r = resolver.extend(base, with: place.steps) else { return nil }
            // An element picked where the goroutine is started differs per iteration.
            if p.path.contains(.element) { r.varying.formUnion(siteLoops) }
            return (r, false)
        case .result(let i):
            guard i < results.count, case .place(let p) = results[i] else { return nil }
            guard let base = resolved(i, in: \.results, { resolver.resolve(p) }),
                  let r = resolver.extend(base, with: place.steps) else { return nil }
            return (r, false)
        case .global:
            return (ResolvedPlace(place), false)
        case .local(let owner, let name):
            if owner == caller {
                let root: Place.Root = name.hasPrefix("%") ? .temp(UInt32(name.dropFirst()) ?? 0) : .variable(name)
                guard let base = resolved(name, in: \.variables, { resolver.resolve(Place(root)) }),
                      let r = resolver.extend(base, with: place.steps) else { return nil }
                return (r, true)
            }
            if owner == callee && !keepCalleeLocals { return nil }
            return (ResolvedPlace(place), false)
        }
    }

    /// The caller's operand for a place of the summary with no steps: the
    /// argument passed for a parameter, or the caller's own variable a
    /// closure captured. Nil for anything else.
    func callerOperand(for place: AbstractPlace) -> Operand? {
        guard place.steps.isEmpty else { return nil }
        switch place.root {
        case .parameter(let i):
            return i < arguments.count ? arguments[i] : nil
        case .local(let owner, let name) where owner == caller:
            return .place(Place(name.hasPrefix("%") ? .temp(UInt32(name.dropFirst()) ?? 0) : .variable(name)))
        default:
            return nil
        }
    }

    /// The caller's place for one root of the summary, resolved on first use.
    private func resolved<K: Hashable>(_ key: K, in table: ReferenceWritableKeyPath<Roots, [K: ResolvedPlace?]>,
                                       _ resolve: () -> ResolvedPlace?) -> ResolvedPlace? {
        if let known = roots[keyPath: table][key] { return known }
        let place = resolve()
        roots[keyPath: table][key] = .some(place)
        return place
    }

    /// A lock the caller cannot name stays a lock, of unknown identity.
    func translate(_ locks: LockSet) -> LockSet {
        guard !locks.isEmpty else { return locks }
        var out = LockSet()
        for held in locks.locks {
            guard let name = held.lock else {
                out.insert(held)
                continue
            }
            out.insert(held.renamed(translate(name, keepCalleeLocals: true)?.place.place))
        }
        return out
    }

    func translate(_ keys: Set<AbstractPlace>) -> Set<AbstractPlace> {
        guard !keys.isEmpty else { return keys }
        return Set(keys.compactMap { translate($0, keepCalleeLocals: true)?.place.place })
    }

    /// Whether the call may make the access: its arguments for the
    /// lock-mode parameters the access assumes are not constants of the
    /// other value.
    func admits(_ access: MapAccess) -> Bool {
        guard !access.assumption.isEmpty else { return true }
        for (index, value) in access.assumption.assumed {
            if index < arguments.count, case .bool(let passed)? = arguments[index], passed != value { return false }
        }
        return true
    }

    /// The access in the caller's terms, nil when its map cannot be named
    /// there. What it assumed of the callee's parameters is settled by the
    /// call (`admits`). `step`, when given, leads from the caller to the
    /// access (the call), first on its trail.
    func translate(_ access: MapAccess, after step: SiteStep? = nil) -> MapAccess? {
        guard let (map, lateBound) = translate(access.map) else { return nil }
        // Made afresh, not copied and changed: a copy retains every field
        // only to release most of them again.
        return MapAccess(map: map.place, isWrite: access.isWrite, locks: translate(access.locks),
                         signalsAfter: translate(access.signalsAfter), waitedBefore: translate(access.waitedBefore),
                         startedAfter: translate(access.startedAfter), site: access.site, name: access.name,
                         trail: step.map { MapAccess.trail(access.trail, after: $0) } ?? access.trail, spawnTrail: access.spawnTrail,
                         perIteration: !siteLoops.isEmpty
                             && map.isPerIteration(of: siteLoops, lateBound: lateBound, perIterationLoopVariables: perIterationLoopVariables),
                         runsFunctionValue: access.runsFunctionValue, inParallelTest: access.inParallelTest)
    }

    /// Binds a call's operands to the callee's parameters. Method and
    /// interface calls pass the receiver first; a method called through a
    /// method value has lost its receiver (the IR does not keep it).
    static func arguments(of inst: Instruction, callee function: Function) -> [Operand?] {
        let declared = (function.receiver == nil ? 0 : 1) + function.parameters.count
        var operands: [Operand?] = inst.operands.map { $0 }
        if function.receiver != nil, !(inst.callee?.hasReceiver ?? false), operands.count == function.parameters.count {
            operands.insert(nil, at: 0)
        }
        if function.isVariadic, declared > 0 {
            // The variadic parameter is a slice the call builds: not an argument's place.
            if operands.count >= declared { operands[declared - 1] = nil }
        }
        if operands.count > declared { operands.removeLast(operands.count - declared) }
        return operands
    }
}
