import ConcIR

/// What the map-race pre-passes read from the instructions of the program,
/// gathered in one walk before the waves: `MapRaceScope` (who touches a
/// map), `Relevance` (who synchronises, whose summaries each function
/// reads) and `MapRaceCallerLocks` (who locks and unlocks, the direct call
/// sites). Each of them walked every instruction of the program again
/// (copying each instruction) and looked every call target up by name
/// again; on the whole GOROOT the three walks were ~2.5% of the lint, all
/// of it sequential.
struct ProgramScan {
    /// Per node: a map operation, or a net/http handler registration.
    private(set) var touchesMaps: [Bool]
    /// Per node: an operation or library call that makes it matter to map
    /// races by itself (`Relevance`).
    private(set) var operatesByItself: [Bool]
    /// Per node: the nodes its calls may enter, call by call (duplicates kept).
    private(set) var callees: [[Int]]
    /// Per node: the nodes named by function values among its operands.
    private(set) var functionValues: [[Int]]
    /// Per node: it calls through a function value.
    private(set) var callsValues: [Bool]
    /// Per node: a `Lock` or `TryLock`, or a call of a runtime lock.
    private(set) var locks: [Bool]
    /// Per node: an unlock, or a call of a runtime unlock.
    private(set) var unlocks: [Bool]
    /// Per node: the lock keys (`LockTypeKey`) its own unlocks release;
    /// nil when one of them has no key (a local mutex, a runtime lock, an
    /// unknown type), so that it may release any lock.
    private(set) var releasedKeys: [Set<String>?]
    /// Per node: called from somewhere the analysis cannot see every
    /// caller of (a function value, `go`, `defer`, an interface).
    private(set) var unknownCallers: [Bool]
    /// Per node: called directly somewhere.
    private(set) var hasSite: [Bool]
    /// Per caller node: its direct calls (a function or method), with their targets.
    private(set) var directCalls: [[MapRaceCallerLocks.Site]]

    private static let mapOperations: Set<Opcode> = [.mapRead, .mapWrite, .mapDelete, .mapLen, .mapRange, .mapClear]

    init(program: MapRaceProgram) {
        let n = program.count
        touchesMaps = [Bool](repeating: false, count: n)
        operatesByItself = [Bool](repeating: false, count: n)
        callees = [[Int]](repeating: [], count: n)
        functionValues = [[Int]](repeating: [], count: n)
        callsValues = [Bool](repeating: false, count: n)
        locks = [Bool](repeating: false, count: n)
        unlocks = [Bool](repeating: false, count: n)
        releasedKeys = [Set<String>?](repeating: [], count: n)
        unknownCallers = [Bool](repeating: false, count: n)
        hasSite = [Bool](repeating: false, count: n)
        directCalls = [[MapRaceCallerLocks.Site]](repeating: [], count: n)
        for (node, f) in program.functions.enumerated() {
            for block in f.blocks {
                for inst in block.instructions {
                    let op = inst.op
                    if ProgramScan.mapOperations.contains(op) { touchesMaps[node] = true }
                    if Relevance.operations.contains(op) { operatesByItself[node] = true }
                    if op == .mutexLock || op == .mutexTryLock { locks[node] = true }
                    if op == .mutexUnlock || op == .mutexRUnlock {
                        unlocks[node] = true
                        if releasedKeys[node] != nil {
                            let key = inst.operands.first?.place.flatMap { LockTypeKey.key(of: $0, types: program.shared.types(node)) }
                            if let key { releasedKeys[node]?.insert(key) } else { releasedKeys[node] = nil }
                        }
                    }
                    for o in inst.operands {
                        guard case .function(let name) = o, let t = program.callGraph.node(named: name) else { continue }
                        unknownCallers[t] = true
                        functionValues[node].append(t)
                    }
                    guard op == .call, let callee = inst.callee else { continue }
                    let names = callee.possibleTargets
                    if case .dynamic = callee {
                        callsValues[node] = true
                        // A function value from elsewhere: its run is an effect
                        // callers resolve (`EffectBuilder.handedRun`).
                        if names.isEmpty { operatesByItself[node] = true }
                    }
                    let targets = names.compactMap { program.callGraph.node(named: $0) }
                    for name in names {
                        if let acquires = ConcurrencyVocabulary.runtimeLocks[name] {
                            if acquires { locks[node] = true } else {
                                unlocks[node] = true
                                releasedKeys[node] = nil
                            }
                        }
                        if ConcurrencyVocabulary.perRequestRegistrations[name] != nil {
                            touchesMaps[node] = true
                            operatesByItself[node] = true
                        }
                        if KnownSpawners.standard[name] != nil || name == ConcurrencyVocabulary.groupWait
                            || ConcurrencyVocabulary.waitingRunners[name] != nil || name == ConcurrencyVocabulary.testParallel
                            || name == ConcurrencyVocabulary.runParallel || ConcurrencyVocabulary.serveCalls.contains(name) {
                            operatesByItself[node] = true
                        }
                    }
                    callees[node] += targets
                    switch callee {
                    case .function, .method:
                        for t in targets {
                            hasSite[t] = true
                            if inst.mode != .now { unknownCallers[t] = true }
                            directCalls[node].append(MapRaceCallerLocks.Site(position: inst.position, target: t))
                        }
                    default:
                        for t in targets { unknownCallers[t] = true }
                    }
                }
            }
        }
    }
}
