import ConcIR
import RuleEngine

/// The rules of one resource along a path: which instructions release it,
/// hand it over, copy it into another place or lose it, by the rule's
/// lifecycle block and the callees' summaries.
struct ResourceTracker: PathTracker {
    struct State: Hashable {
        /// Every place known to hold the resource (normalized).
        var aliases: PlaceSet
        /// The acquiring call's error result, while it still holds that error.
        var errorPlace: Place?
        /// The resource was used since it was acquired (so a later `return
        /// err` is not the acquisition's failure path).
        var touched = false
        /// The error result was used (returned, wrapped, stored, logged)
        /// while the resource was not: ending so, the path is the failure path.
        var errorRead = false
        /// A deferred release is registered (rules where a defer does not end
        /// tracking at once: it covers exits, not loop iterations).
        var deferred = false
        /// Bool places written by a call that releases the resource when
        /// it returns false (`%1 = rows.Next()`): the `else` edge of a
        /// branch on one of them releases.
        var releasedIfFalse: Set<Place> = []
        /// The resource (a value, not a mutex in place) was stored into an
        /// element of a slice or array (`cancels[i] = cancel`): the
        /// container holds it from then on, one per store.
        var inContainer = false
        /// Range-loop headers over a container holding the resource whose
        /// body this path has entered.
        var enteredRanges: Set<Int> = []
        /// The trip count of the loop that locked every element
        /// (`ElementLockLoop`): a later loop counted the same way goes
        /// over the same elements (`for _, k := range keys { locks[k].Lock()
        /// }`, then the same range to unlock them).
        var elementLoop: LoopTrips?

        /// The resource was dropped by the acquiring call (`_, err :=
        /// db.Query(q)`): it is held, with no place, wherever its error
        /// result is nil, so only an explicit nil test of that error tells
        /// the failure path (reading the error proves nothing).
        var resultDiscarded = false

        /// What the path knows of conditions and of the acquisition's
        /// context; nil, the common case, costs nothing to copy or hash as
        /// the search moves states around.
        var conditions: PathConditions?

        /// The values this path has branched on, of conditions that never
        /// change in the function (`stableConditions`).
        var decided: [StableConditions.Condition: Bool] {
            get { conditions?.decided ?? [:] }
            set { updateConditions { $0.decided = newValue } }
        }
        /// A variable the search assumes is not nil (summarising a closure
        /// for the paths on which its captured error is set).
        var assumedNonNil: Place? {
            get { conditions?.assumedNonNil }
            set { updateConditions { $0.assumedNonNil = newValue } }
        }
        /// The named error result whose being non-nil at a return makes a
        /// deferred closure release the resource.
        var releasedOnError: String? {
            get { conditions?.releasedOnError }
            set { updateConditions { $0.releasedOnError = newValue } }
        }
        /// The place holding the context the acquiring call derived (for a
        /// cancel func), while it still holds it: a receive from its Done
        /// channel ends the context (see `ContextLifetime`).
        var context: Place? {
            get { conditions?.context }
            set { updateConditions { $0.context = newValue } }
        }
        /// A captured bool the search assumes has this value (summarising a
        /// closure for the paths on which it releases).
        var assumedFlag: CapturedFlag? {
            get { conditions?.assumedFlag }
            set { updateConditions { $0.assumedFlag = newValue } }
        }
        /// A deferred closure releases the resource when the variable
        /// named has the value given (`ResourceSummary.releasesWhenFlag`).
        var releasedWhenFlag: CapturedFlag? {
            get { conditions?.releasedWhenFlag }
            set { updateConditions { $0.releasedWhenFlag = newValue } }
        }
        /// That variable's value on this path, when a constant set it.
        var flagValue: Bool? {
            get { conditions?.flagValue }
            set { updateConditions { $0.flagValue = newValue } }
        }
        /// The cancel func of the context the resource is bound to (see
        /// `AcquireSpec.contextArgument`), while the place still holds it:
        /// calling it releases the resource.
        var contextCancel: Place? {
            get { conditions?.contextCancel }
            set { updateConditions { $0.contextCancel = newValue } }
        }
        /// The acquiring helper's `ok` result, while it still holds it:
        /// the path on which it is false acquired nothing.
        var successFlag: Place? {
            get { conditions?.successFlag }
            set { updateConditions { $0.successFlag = newValue } }
        }
        /// A mutex locked in place by a TryLock (or a helper wrapping one):
        /// returned still held with a `bool` result true, it is the
        /// caller's (`PathEnding.heldWhenTrue`).
        var tryLocked: Bool {
            get { conditions?.tryLocked ?? false }
            set { updateConditions { $0.tryLocked = newValue } }
        }
        /// Set while the search asks whether the function is a lock helper
        /// that tells its callers by its error result whether it kept the
        /// lock (`func (s *S) lock() error`: unlocks and returns an error
        /// when closed, else returns nil still holding the lock): that
        /// result's index.
        var tellingResult: Int? {
            get { conditions?.tellingResult }
            set { updateConditions { $0.tellingResult = newValue } }
        }
        /// In that search, the path released the lock: what it returns
        /// decides whether the function keeps to the convention.
        var releasedBeforeReturn: Bool {
            get { conditions?.releasedBeforeReturn ?? false }
            set { updateConditions { $0.releasedBeforeReturn = newValue } }
        }
        /// In that search, the errors this path tested and found not nil
        /// (`if err != nil { s.mu.Unlock(); return err }`).
        var nonNilErrors: Set<Place> {
            get { conditions?.nonNilErrors ?? [] }
            set { updateConditions { $0.nonNilErrors = newValue } }
        }

        /// Forgets what the path decided on the conditions of a variable
        /// it wrote (see `StableConditions`).
        mutating func forgetConditions(of variable: String) {
            guard let decided = conditions?.decided, decided.keys.contains(where: { $0.depends(on: variable) }) else { return }
            updateConditions { $0.decided = decided.filter { !$0.key.depends(on: variable) } }
        }

        /// Forgets what the path decided on the conditions an instruction
        /// may change (see `StableConditions.Condition.isChanged`).
        mutating func forgetConditions(changedBy inst: Instruction) {
            guard let decided = conditions?.decided, decided.keys.contains(where: { $0.isChanged(by: inst) }) else { return }
            updateConditions { $0.decided = decided.filter { !$0.key.isChanged(by: inst) } }
        }

        private mutating func updateConditions(_ change: (inout PathConditions) -> Void) {
            var c = conditions ?? PathConditions()
            change(&c)
            conditions = c.isEmpty ? nil : c
        }

        /// The path used the acquisition's error and never the resource.
        var failedToAcquire: Bool { errorRead && !touched && !resultDiscarded }
    }

    /// See `State.conditions`.
    struct PathConditions: Hashable {
        var decided: [StableConditions.Condition: Bool] = [:]
        var assumedNonNil: Place?
        var releasedOnError: String?
        var context: Place?
        var contextCancel: Place?
        var successFlag: Place?
        var tryLocked = false
        var tellingResult: Int?
        var releasedBeforeReturn = false
        var nonNilErrors: Set<Place> = []
        var assumedFlag: CapturedFlag?
        var releasedWhenFlag: CapturedFlag?
        var flagValue: Bool?

        var isEmpty: Bool {
            decided.isEmpty && assumedNonNil == nil && releasedOnError == nil && context == nil && contextCancel == nil
                && successFlag == nil && !tryLocked && tellingResult == nil && !releasedBeforeReturn && nonNilErrors.isEmpty && assumedFlag == nil && releasedWhenFlag == nil && flagValue == nil
        }
    }

    let model: ResourceModel
    let modelIndex: Int
    let facts: FunctionFacts
    let program: AnalysedProgram
    let summaries: SummaryTable
    /// Panics count as leaks (the rule's option, or forced by a structural rule).
    let checksPanics: Bool
    /// For each block, the stable condition its branch tests, if any (see
    /// `StableConditions`): a path that branches on one twice takes the
    /// same side. Empty when the function has none; looked up on every
    /// edge a search takes, so computed once.
    let stableConditions: [StableConditions.Condition?]
    /// The plain variables among `stableConditions` (flags): a path that
    /// sets one to a constant knows which side its next test takes.
    let stableFlags: Set<String>
    /// The places holding a context's Done channel, with that context
    /// (`ContextLifetime.doneChannels`), and those holding a timer's `C`,
    /// found on the first receive that asks: most functions never do.
    private let channelOwners = ChannelOwners()
    /// The other functions' text the search read (`BodyReads`).
    let bodyReads = BodyReadLog()
    /// What `ReleasingHandle` found in this function: every path that
    /// reaches a return with a lock held asks it again.
    private let handles = ReleasingHandle.Memo()

    /// The slices made with a length, by that length (`MadeLengths`),
    /// found the first time a path holds the resource in a container.
    private let madeLengths = MadeLengths()

    /// A cache the tracker's copies share (a search moves the tracker by
    /// value); one search runs on one thread.
    private final class ChannelOwners {
        var doneChannels: [Place: Place]?
        /// The places that only ever hold one place's `C` (`timeout =
        /// timer.C`), with that place.
        var timerChannels: [Place: Place]?
    }

    init(model: ResourceModel, modelIndex: Int, facts: FunctionFacts, program: AnalysedProgram,
         summaries: SummaryTable, checksPanics: Bool? = nil) {
        self.model = model
        self.modelIndex = modelIndex
        self.facts = facts
        self.program = program
        self.summaries = summaries
        self.checksPanics = checksPanics ?? model.spec.options.panicPaths
        self.stableConditions = StableConditions.byBlock(facts.function, program: program)
        self.stableFlags = Set(stableConditions.compactMap { c in c.flatMap { $0.isFlag ? $0.variable : nil } })
    }

    /// The stable conditions decided where `block` starts: it is a branch's
    /// `then` (or `else`) successor, entered only from that branch (or
    /// through empty blocks that only jump on, as a `switch` reaches its
    /// `default`), and does not write the variable itself (`if lock {
    /// mu.Lock() }`: lock is true at the Lock), with the flags the block
    /// sets to a constant before the acquisition at `index` (`held = true;
    /// mu.Lock()`).
    func conditionsHolding(at block: Int, before index: Int) -> [StableConditions.Condition: Bool] {
        var decided = branchConditionsHolding(at: block)
        guard !stableFlags.isEmpty, block >= 0, block < facts.function.blocks.count else { return decided }
        for inst in facts.function.blocks[block].instructions.prefix(index) {
            if let flag = StableConditions.constantFlag(inst), stableFlags.contains(flag.variable) {
                decided[StableConditions.Condition(variable: flag.variable)] = flag.value
            }
        }
        return decided
    }

    private func branchConditionsHolding(at block: Int) -> [StableConditions.Condition: Bool] {
        guard !stableConditions.isEmpty, block >= 0, block < facts.cfg.blockCount else { return [:] }
        let blocks = facts.function.blocks
        var entered = block
        var steps = 0
        while facts.cfg.predecessors[entered].count == 1, let p = facts.cfg.predecessors[entered].first, steps < 4 {
            if case .jump? = blocks[p].terminator, blocks[p].instructions.isEmpty {
                entered = p
                steps += 1
                continue
            }
            guard let condition = stableConditions[p],
                  case .branch(_, let yes, _)? = blocks[p].terminator,
                  !blocks[block].instructions.contains(where: condition.isChanged)
            else { return [:] }
            return [condition: yes == entered]
        }
        return [:]
    }

    private var options: LifecycleOptions { model.spec.options }

    // MARK: Instructions

    /// Aliases deeper than this are not followed. Storing an object that
    /// leads back to the resource's owner into that owner, in a loop
    /// (`pln.lb = b; b.listeners = append(b.listeners, pln)` with `b.mu`
    /// held), copies every alias one level deeper each time round
    /// (`b.listeners[].lb.listeners[].lb.mu` ...): every iteration was a new
    /// state with more places, and one such function of tailscale took 72
    /// seconds to reach the state bound. The deep copies name the objects
    /// the short ones do; a release is made through a short one.
    static let maxAliasDepth = 6

    func step(_ inst: Instruction, block: Int, index: Int, state: inout State) -> PathEnding? {
        if state.tellingResult != nil, !state.nonNilErrors.isEmpty {
            state.nonNilErrors.subtract(inst.results.compactMap { $0.place.map(facts.normalize) })
        }
        // Released already: only the return the path reaches matters.
        if state.releasedBeforeReturn { return nil }
        if !stableFlags.isEmpty, let flag = StableConditions.constantFlag(inst), stableFlags.contains(flag.variable) {
            state.forgetConditions(of: flag.variable)
            state.decided[StableConditions.Condition(variable: flag.variable)] = flag.value
        } else if !state.decided.isEmpty {
            state.forgetConditions(changedBy: inst)
        }
        // A nil test neither uses the resource nor reports the error: the
        // branch it feeds decides (see `edge`).
        if inst.op == .isNil { return nil }
        if let ending = release(by: inst, state: &state) { return ending }
        if inst.mode == .defer, let error = deferredReleaseOnError(inst, state: state) { state.releasedOnError = error }
        if let flag = state.releasedWhenFlag, StableConditions.written(by: inst).contains(flag.name) {
            state.flagValue = StableConditions.constantFlag(inst)?.value
        }
        if inst.mode == .defer, let flag = deferredReleaseWhenFlag(inst, state: state) {
            state.releasedWhenFlag = flag
            state.flagValue = constantValue(of: flag.name, block: block, before: index)
        }
        // `if err := s.lock(); err != nil`: the error moves out of the
        // call's temporary into the variable the test reads (set once the
        // write of that variable has been applied).
        var movedError: Place?
        if let err = state.errorPlace, !state.touched, inst.op == .assign, inst.operands.count == 1, inst.results.count == 1,
           let source = inst.operands[0].place, case .temp = source.root, facts.normalize(source) == err,
           let copy = inst.results[0].place, case .variable = copy.root, copy.path.isEmpty {
            movedError = facts.normalize(copy)
        } else if let err = state.errorPlace, !state.touched, readsOnlyError(inst, err, state) {
            state.errorRead = true
        }
        if inst.op == .chanRecv, inst.mode == .now, let ch = inst.operands.first, ends(receivingFrom: ch, state) { return .released }
        if let ending = transfer(by: inst, state: &state) { return ending }
        var copies: [Place] = []
        switch inst.op {
        case .assign, .mapWrite:
            switch inst.op == .assign ? assignment(inst, state: state) : mapStore(inst, state: state) {
            case .ending(let ending): return ending
            case .copies(let places):
                copies = places
                if places.contains(where: { $0.path.contains(.element) }) { state.inContainer = true }
            }
        case .mapRange, .mapRead:
            copies = mapLoad(inst, state: state)
        default:
            break
        }
        if state.errorPlace != nil || state.errorRead, !state.touched {
            let current = state
            state.touched = inst.operands.contains { isAlias($0, current) }
        }
        // The destination is written first, then holds the copy (so that
        // `assign u = t` adds u, and `assign t = t` keeps t).
        // `%n = addr x` writes the address of x into %n, not into x (and
        // %n normalizes to x): nothing is overwritten.
        let lost = inst.op == .addr ? false : overwrite(by: inst.results, state: &state)
        if let moved = movedError { state.errorPlace = moved }
        if state.conditions != nil, inst.op != .addr {
            let written = inst.results.compactMap { $0.place.map(facts.normalize) }
            if let context = state.context, written.contains(context) { state.context = nil }
            if let cancel = state.contextCancel, written.contains(cancel) { state.contextCancel = nil }
            if let flag = state.successFlag, written.contains(flag) { state.successFlag = nil }
            // `ok := mu.TryLock()` copies the result out of its temporary.
            if let flag = state.successFlag, inst.op == .assign, inst.operands.first?.place.map(facts.normalize) == flag,
               let copy = inst.results.first?.place {
                state.successFlag = facts.normalize(copy)
            }
        }
        state.aliases.formUnion(copies.lazy.filter { $0.path.count <= Self.maxAliasDepth })
        if !state.releasedIfFalse.isEmpty {
            state.releasedIfFalse.subtract(inst.results.compactMap { $0.place.map(facts.normalize) })
        }
        if let conditional = model.placesReleasedWhenFalse(by: inst, types: facts.types),
           conditional.released.contains(where: { state.aliases.contains(facts.normalize($0)) }) {
            state.releasedIfFalse.insert(facts.normalize(conditional.result))
        }
        guard lost && state.aliases.isEmpty else { return nil }
        // `var mu sync.Mutex` again in the next iteration: the old variable's
        // scope has ended, as at a return, not been overwritten.
        return inst.op == .zero ? .leak(.exit) : .leak(.overwritten)
    }

    /// A release of the resource, directly, through a callee whose summary
    /// releases it, or by cancelling the context it is bound to.
    private func release(by inst: Instruction, state: inout State) -> PathEnding? {
        let direct = model.releasedPlaces(by: inst, types: facts.types).contains { state.aliases.contains(facts.normalize($0)) }
        let viaCallee = !direct && calleeConsumes(inst, state: state, releasesOnly: true)
        let viaContext = state.contextCancel != nil && inst.invokedPlace.map(facts.normalize) == state.contextCancel
        guard direct || viaCallee || viaContext else { return nil }
        switch inst.mode {
        case .now where state.tellingResult != nil:
            state.releasedBeforeReturn = true
            return nil
        case .now, .go: return .released
        case .defer:
            if options.deferReleaseOK { return .deferredRelease }
            state.deferred = true
            return nil
        }
    }

    /// Handing the resource over: to a callee that releases or keeps it, a
    /// goroutine or closure, a channel, a field or global, code the IR does
    /// not model.
    private func transfer(by inst: Instruction, state: inout State) -> PathEnding? {
        if calleeConsumes(inst, state: state, releasesOnly: false) {
            let kind: TransferKind = inst.mode == .go ? .goroutineIfReleased : .argumentIfReleased
            if model.allows(kind) || model.allows(kind.unconditional ?? kind) {
                return .transferred(inst.mode == .go ? .goroutine : .argument)
            }
        }
        if let ending = closureTransfer(by: inst, state: state) { return ending }
        switch inst.op {
        case .chanSend:
            if inst.operands.count == 2, isAlias(inst.operands[1]), model.allows(.channel) { return .transferred(.channel) }
        case .use:
            if inst.operands.contains(where: isAliasOrInside) { return .transferred(.escaped) }
        case .timeAfterFunc:
            // `time.AfterFunc(d, cancel)`: the timer's goroutine calls the
            // func value itself, as `func() { cancel() }` would.
            if model.releasesByInvoking, inst.operands.count == 2, isAlias(inst.operands[1]),
               model.allows(.goroutineIfReleased) || model.allows(.goroutine) {
                return .transferred(.goroutine)
            }
        case .call, .cgoCall:
            let passes = inst.operands.contains(where: isAlias) || (inst.mode != .now && capturesAlias(inst.callee, state))
            if passes {
                if inst.mode == .go, model.allows(.goroutine) { return .transferred(.goroutine) }
                if inst.mode != .go, model.allows(.argument), inst.operands.contains(where: isAlias) { return .transferred(.argument) }
            }
        default:
            break
        }
        return nil

        func isAlias(_ o: Operand) -> Bool { self.isAlias(o, state) }
        func isAliasOrInside(_ o: Operand) -> Bool {
            guard let p = o.place.map(facts.normalize) else { return false }
            return state.aliases.contains { $0.contains(p) || p.contains($0) }
        }
    }

    /// A closure that captures the resource, created or handed to a spawner
    /// here (`time.AfterFunc(d, func() { t.Stop() })`, `stop := func() {...}`).
    private func closureTransfer(by inst: Instruction, state: State) -> PathEnding? {
        for operand in inst.operands {
            guard case .function(let name) = operand, let node = program.node(named: name) else { continue }
            let closure = program.function(node)
            let captured = closure.captures.filter { state.aliases.contains(facts.normalize(Place(.variable($0.name)))) }
            // A captured variable that holds the resource in a field
            // (`b` for `b.lock`): the closure may release that field.
            let capturedFields = closure.captures.flatMap { v in
                state.aliases.filter { $0.root == .variable(v.name) && !$0.path.isEmpty }
                    .map { SummaryPlace(base: .capture(v.name), path: $0.path) }
            }
            guard !captured.isEmpty || !capturedFields.isEmpty else { continue }
            let runsElsewhere = inst.spawnsGoroutine || inst.op == .call
            let summary = summaries[node, modelIndex]
            let consumed = (captured.map { SummaryPlace(base: .capture($0.name), path: []) } + capturedFields).contains { sp in
                summary?.releases.contains(sp) == true || summary?.handsOver.contains(sp) == true
            }
            let conditional: TransferKind = runsElsewhere && inst.spawnsGoroutine ? .goroutineIfReleased : .closureIfReleased
            if consumed, model.allows(conditional) || model.allows(conditional.unconditional ?? conditional) {
                return .transferred(conditional == .goroutineIfReleased ? .goroutine : .closure)
            }
            if !captured.isEmpty, let unconditional = conditional.unconditional, model.allows(unconditional) {
                return .transferred(unconditional == .goroutine ? .goroutine : .closure)
            }
            // A closure that calls the captured func value (on some path)
            // stored in a package variable or a field (a test hook, `srv.stop
            // = func() {... cancel() ...}`): the func value is stored with it,
            // as `hook = cancel` would store it.
            if model.releasesByInvoking, inst.op == .assign, let dst = inst.results.first?.place,
               let ending = storeEnding(into: dst),
               captured.contains(where: { mayInvoke(capture: $0.name, in: node, depth: 0) }) {
                return ending
            }
            // The same closure assigned to a named result (`stopTimer =
            // func() {...}` before `return stopTimer, ...`): returned to the caller.
            if model.releasesByInvoking, model.allows(.return), inst.op == .assign,
               case .variable(let name)? = inst.results.first?.place.map(facts.normalize)?.root,
               inst.results.first?.place?.path.isEmpty == true,
               facts.function.results.contains(where: { $0.name == name }),
               captured.contains(where: { mayInvoke(capture: $0.name, in: node, depth: 0) }) {
                return .releaserReturned
            }
        }
        return nil
    }

    /// Whether a closure (or a closure it creates, which shares the
    /// capture) calls the captured func value `name` somewhere in its body.
    private func mayInvoke(capture name: String, in node: Int, depth: Int) -> Bool {
        let function = program.function(node)
        let target = Place(.variable(name))
        for block in function.blocks {
            for inst in block.instructions {
                if inst.invokedPlace == target { return true }
                guard depth < 4 else { continue }
                for case .function(let inner) in inst.operands {
                    guard let innerNode = program.node(named: inner),
                          program.function(innerNode).captures.contains(where: { $0.name == name }) else { continue }
                    if mayInvoke(capture: name, in: innerNode, depth: depth + 1) { return true }
                }
            }
        }
        return false
    }

    /// Whether every function the instruction may call consumes the
    /// resource by its summary (releases it, or with `releasesOnly` false,
    /// releases or hands it over).
    private func calleeConsumes(_ inst: Instruction, state: State, releasesOnly: Bool) -> Bool {
        // A cgo call counts too: preamble C functions have stubs with summaries.
        guard inst.op.isCallShaped else { return false }
        let callees = calleeSummaries(of: inst)
        guard !callees.isEmpty else { return false }
        return callees.allSatisfy { summary in
            let places = releasesOnly ? summary.releases : summary.releases.union(summary.handsOver)
            return places.contains { sp in
                guard let p = sp.place(inCallWith: inst.operands) else { return false }
                return state.aliases.contains(facts.normalize(p))
            }
        }
    }

    /// A deferred closure that releases the resource when the function's
    /// error result is not nil: that result's name.
    private func deferredReleaseOnError(_ inst: Instruction, state: State) -> String? {
        deferredCondition(\.releasesOnError, inst, state) { error in facts.function.results.contains { $0.name == error } }
    }

    /// A deferred closure that releases the resource under a flag it
    /// captures: that flag.
    private func deferredReleaseWhenFlag(_ inst: Instruction, state: State) -> CapturedFlag? {
        deferredCondition(\.releasesWhenFlag, inst, state) { _ in true }
    }

    /// Whether the function defers a closure that releases `place` under a
    /// condition (a flag it captures, or its error result): it means to
    /// release what it took, so holding it at every exit is a path that
    /// forgot to, not a lock helper's design.
    func defersConditionalRelease(of place: Place) -> Bool {
        let state = State(aliases: [place])
        for block in facts.function.blocks {
            for inst in block.instructions where inst.mode == .defer {
                if deferredReleaseWhenFlag(inst, state: state) != nil { return true }
                if deferredCondition(\.releasesOnError, inst, state, accepts: { _ in true }) != nil { return true }
            }
        }
        return false
    }

    /// The condition under which the one closure a call runs releases the
    /// resource through a capture (`ResourceSummary.releasesOnError`,
    /// `releasesWhenFlag`), the first that `accepts` takes, in a fixed
    /// order so that every run chooses the same.
    private func deferredCondition<Condition: Comparable>(_ table: KeyPath<ResourceSummary, [SummaryPlace: Condition]>,
                                                          _ inst: Instruction, _ state: State,
                                                          accepts: (Condition) -> Bool) -> Condition? {
        guard inst.op == .call else { return nil }
        let callees = calleeSummaries(of: inst)
        guard callees.count == 1, let summary = callees.first else { return nil }
        for (sp, condition) in summary[keyPath: table].sorted(by: { ($0.key, $0.value) < ($1.key, $1.value) }) {
            guard case .capture = sp.base, let p = sp.place(inCallWith: inst.operands),
                  state.aliases.contains(facts.normalize(p)), accepts(condition) else { continue }
            return condition
        }
        return nil
    }

    /// The constant the variable holds at instruction `index` of `block`:
    /// the last write before it, in the block or up a chain of single
    /// predecessors (`locked := true` before the defer, or `unlocked :=
    /// false` before the Lock); nil when that write is not a constant.
    private func constantValue(of name: String, block: Int, before index: Int) -> Bool? {
        var b = block
        var end = index
        for _ in 0..<8 {
            guard b >= 0, b < facts.function.blocks.count else { return nil }
            let instructions = facts.function.blocks[b].instructions
            for inst in instructions.prefix(min(end, instructions.count)).reversed()
            where StableConditions.written(by: inst).contains(name) {
                return StableConditions.constantFlag(inst)?.value
            }
            guard facts.cfg.predecessors[b].count == 1, let p = facts.cfg.predecessors[b].first else { return nil }
            b = p
            end = Int.max
        }
        return nil
    }

    /// The summaries of every possible callee; empty when one of them is
    /// unknown or has nothing to say.
    private func calleeSummaries(of inst: Instruction) -> [ResourceSummary] {
        let targets = facts.targets(of: inst.callee)
        guard !targets.isEmpty else { return [] }
        var out: [ResourceSummary] = []
        for t in targets {
            guard let node = program.node(named: t), let s = summaries[node, modelIndex] else { return [] }
            out.append(s)
        }
        return out
    }

    private func capturesAlias(_ callee: Callee?, _ state: State) -> Bool {
        facts.targets(of: callee).contains { name in
            guard let node = program.node(named: name) else { return false }
            return program.function(node).captures.contains { state.aliases.contains(Place(.variable($0.name))) }
        }
    }

    private enum Assignment {
        case ending(PathEnding)
        case copies([Place])
    }

    /// `assign dst = src`: a store that hands the resource to a struct or a
    /// package variable, or copies to follow (the places below `dst` that
    /// now hold it).
    private func assignment(_ inst: Instruction, state: State) -> Assignment {
        guard let src = inst.operands.first?.place.map(facts.normalize),
              let dst = inst.results.first?.place.map(facts.normalize) else { return .copies([]) }
        let inside = state.aliases.compactMap { alias -> [Selector]? in
            src.contains(alias) ? Array(alias.path.dropFirst(src.path.count)) : nil
        }
        guard !inside.isEmpty else { return .copies([]) }
        // A lock is handed over by storing the mutex itself (`b.lock =
        // lock`), not a struct that contains it: that struct's owner does
        // not take over the unlock.
        if !(model.locksInPlace && inside.contains(where: { !$0.isEmpty })), let ending = storeEnding(into: dst) { return .ending(ending) }
        return .copies(inside.map { Place(dst.root, path: dst.path + $0) })
    }

    /// `map.write m, k, v` storing the resource as a key or a value: the
    /// map's elements (`m[]`) hold it from then on, unless the map is a
    /// field or a package variable, which takes it over as a store would.
    private func mapStore(_ inst: Instruction, state: State) -> Assignment {
        guard inst.operands.count == 3, let m = inst.operands[0].place.map(facts.normalize),
              inst.operands.dropFirst().contains(where: { isAlias($0, state) }) else { return .copies([]) }
        let element = m.appending(.element)
        if let ending = storeEnding(into: element) { return .ending(ending) }
        return .copies([element])
    }

    /// `k, v = map.range m` and `v, ok = map.read m` of a map whose
    /// elements hold the resource: the key and value read may be it (a
    /// range hands out every element; `ok` of a read is a bool).
    private func mapLoad(_ inst: Instruction, state: State) -> [Place] {
        guard let m = inst.operands.first?.place.map(facts.normalize),
              state.aliases.contains(m.appending(.element)) else { return [] }
        let read = inst.op == .mapRange ? inst.results : Array(inst.results.prefix(1))
        return read.compactMap { $0.place.map(facts.normalize) }
    }

    /// Results written over places that held the resource; true when one
    /// was (losing the last one loses the resource).
    private func overwrite(by results: [Operand], state: inout State) -> Bool {
        var lost = false
        for r in results {
            guard let p = r.place.map(facts.normalize) else { continue }
            if state.errorPlace == p { state.errorPlace = nil }
            // Writing one element of a container that holds the resource
            // leaves the other elements, the resource's among them.
            if state.inContainer, p.path.contains(.element) { continue }
            if state.aliases.remove(p) != nil { lost = true }
        }
        return lost
    }

    /// The failure path of an acquiring call whose error condition the IR
    /// does not model (`if err != nil` is `if ?`): the error result is used
    /// (returned, wrapped, stored, logged) while the resource is not. Only
    /// a path that then ends without touching the resource is taken for the
    /// failure path: after `check(err)` the success path goes on to use it.
    private func readsOnlyError(_ inst: Instruction, _ err: Place, _ state: State) -> Bool {
        let read = inst.operands.compactMap { $0.place.map(facts.normalize) }
        return read.contains(err) && !read.contains { p in state.aliases.contains { $0.contains(p) || p.contains($0) } }
    }

    /// A returned function value that releases the resource: a closure
    /// that captures and releases it, or a method value of the receiver's
    /// type whose body releases the same field of its receiver.
    private func returnsReleaser(_ operand: Operand, _ state: State) -> Bool {
        guard case .function(let name) = operand, let node = program.node(named: name) else { return false }
        // A returned closure that calls a captured func value (`return
        // func() { once.Do(func() { cancel() }) }`) hands it to the caller.
        if model.releasesByInvoking, program.function(node).captures.contains(where: { v in
            state.aliases.contains(facts.normalize(Place(.variable(v.name)))) && mayInvoke(capture: v.name, in: node, depth: 0)
        }) { return true }
        guard let summary = summaries[node, modelIndex] else { return false }
        let method = program.function(node)
        for sp in summary.releases {
            switch sp.base {
            case .capture, .global:
                if let p = sp.place(inCallWith: []), state.aliases.contains(facts.normalize(p)) { return true }
            case .operand(0):
                guard let receiverType = method.receiver?.type else { continue }
                // The bound receiver is not in the IR: any variable of this
                // function of the receiver's type may be it.
                let candidates = facts.function.variables.filter { $0.type == receiverType }
                if candidates.contains(where: { state.aliases.contains(facts.normalize(Place(.variable($0.name), path: sp.path))) }) {
                    return true
                }
            case .operand:
                continue
            }
        }
        return false
    }

    /// A receive that ends the resource: from a timer's channel (it
    /// fired), or from the Done channel of the context whose cancel func
    /// it is (the context is cancelled).
    private func ends(receivingFrom channel: Operand, _ state: State) -> Bool {
        if firesTimer(channel, state) { return true }
        guard let context = state.context, let ch = channel.place.map(facts.normalize) else { return false }
        if channelOwners.doneChannels == nil {
            channelOwners.doneChannels = ContextLifetime.doneChannels(of: facts.function, normalize: facts.normalize)
        }
        return channelOwners.doneChannels?[ch] == context
    }

    /// A receive from `t.C` of a *time.Timer held in an alias: the timer
    /// has fired and its value is taken, so nothing is left to stop (a
    /// ticker keeps firing, so this is about timers only). The channel may
    /// be read through a variable that only ever holds it (`timeout =
    /// timer.C` for a deadline that is optional).
    private func firesTimer(_ channel: Operand, _ state: State) -> Bool {
        guard var ch = channel.place.map(facts.normalize) else { return false }
        if ch.path.last != .field("C") {
            if channelOwners.timerChannels == nil {
                channelOwners.timerChannels = ContextLifetime.owners(in: facts.function, normalize: facts.normalize) { inst in
                    guard inst.op == .assign, let source = inst.operands.first?.place.map(facts.normalize),
                          source.path.last == .field("C") else { return nil }
                    return source
                }
            }
            guard let source = channelOwners.timerChannels?[ch] else { return false }
            ch = source
        }
        guard let timer = ch.parent, state.aliases.contains(timer) else { return false }
        return facts.types.type(of: timer).wellKnownThroughPointer == .timer
    }

    func isAlias(_ operand: Operand, _ state: State) -> Bool {
        guard let p = operand.place else { return false }
        return state.aliases.contains(facts.normalize(p))
    }

    // MARK: Stores

    /// Whether writing the resource into `place` hands it over (a field of
    /// a struct, a package-level variable, a variable a function literal
    /// shares with its creator: `once.Do(func() { conn, cancel = dial() })`
    /// leaves it to the creator, as a return leaves it to a caller).
    func storeEnding(into place: Place) -> PathEnding? {
        let p = facts.normalize(place)
        if case .global = p.root, model.allows(.global) { return .transferred(.global) }
        if Self.hasField(p), model.allows(.field) { return .transferred(.field) }
        if case .variable(let name) = p.root, model.allows(.return),
           facts.function.captures.contains(where: { $0.name == name }) { return .transferred(.enclosing) }
        return nil
    }

    /// Whether writing into `place` is a store the model counts as handing over.
    static func isStore(_ place: Place, model: ResourceModel) -> Bool {
        if case .global = place.root, model.allows(.global) { return true }
        return hasField(place) && model.allows(.field)
    }

    private static func hasField(_ place: Place) -> Bool {
        place.path.contains { if case .field = $0 { return true } else { return false } }
    }

    // MARK: Exits and edges

    func exit(_ terminator: Terminator, block: Int, state: State) -> PathEnding {
        switch terminator {
        case .return(let operands):
            // `return nil, err` with a deferred `if err != nil { release }`.
            if let error = state.releasedOnError, let i = facts.function.results.firstIndex(where: { $0.name == error }),
               i < operands.count, operands[i] != .nil { return .deferredRelease }
            if releasedByFlag(state) { return .deferredRelease }
            var returned = operands
            if returned.isEmpty, !facts.function.results.isEmpty, facts.function.results.allSatisfy({ !$0.name.isEmpty }) {
                returned = facts.function.results.map { .variable($0.name) }
            }
            if let k = state.tellingResult {
                if state.releasedBeforeReturn {
                    return k < returned.count && isError(returned[k], block: block, state) ? .released : .leak(.exit)
                }
                if k < returned.count, returned[k] == .nil { return .heldWhenNil(k) }
            }
            if let i = returned.firstIndex(where: { isAlias($0, state) }), model.allows(.return) { return .returned(i) }
            if returned.contains(where: { returnsReleaser($0, state) }) { return .releaserReturned }
            // `return &Txn{s: s}` with s.mu locked, where Txn's Commit unlocks t.s.mu.
            if model.locksInPlace, model.allows(.field) {
                let handle = ReleasingHandle(facts: facts, program: program, reads: bodyReads, memo: handles)
                if returned.contains(where: { handle.handsOver($0, locks: state.aliases) }) { return .transferred(.field) }
            }
            // `return t.C` of a timer: the caller gets the only thing left
            // to do with it, waiting for it to fire (the receive that ends
            // a timer here, as time.After hands it over). Not a ticker's:
            // nobody can stop a ticker whose channel alone is returned.
            if model.allows(.return), returned.contains(where: { firesTimer($0, state) }) { return .transferred(.returned) }
            if let err = state.errorPlace, !state.touched, !state.resultDiscarded,
               returned.contains(where: { $0.place.map(facts.normalize) == err }) { return .notAcquired }
            if state.failedToAcquire { return .notAcquired }
            if state.deferred { return .deferredRelease }
            if let k = heldWhenTrue(returned, state) { return .heldWhenTrue(k) }
            if FunctionName.isProgramMain(facts.function.name) { return .programEnds }
            return .leak(.exit)
        case .panic:
            if state.releasedBeforeReturn { return .released }
            if state.deferred || releasedByFlag(state) { return .deferredRelease }
            return checksPanics ? .leak(.panic) : .ignoredPanic
        default:
            return .leak(.exit)
        }
    }

    /// Whether a returned value is surely a non-nil error: a package's
    /// sentinel (`errClosed`), a new one (`errors.New`, `fmt.Errorf`, a
    /// composite literal), or a value this path tested not nil. A
    /// `return err` of an error nothing tested may be nil.
    private func isError(_ operand: Operand, block: Int, _ state: State) -> Bool {
        guard let p = operand.place else { return false }
        if case .global = p.root, p.path.isEmpty { return true }
        if state.nonNilErrors.contains(facts.normalize(p)) { return true }
        guard case .temp = p.root, block < facts.function.blocks.count,
              let producer = facts.function.blocks[block].instruction(producing: p) else { return false }
        if producer.op == .allocLit { return true }
        guard producer.op.isCallShaped, let name = producer.callee?.staticName else { return false }
        return name == "errors.New" || name == "fmt.Errorf"
    }

    /// Whether the deferred closure that releases under a flag runs its
    /// release at this exit: the flag has its value, or a value no
    /// constant set.
    private func releasedByFlag(_ state: State) -> Bool {
        guard let flag = state.releasedWhenFlag else { return false }
        return (state.flagValue ?? flag.value) == flag.value
    }

    /// The `bool` result that a return of a mutex a TryLock locked gives as
    /// `true`, or as the TryLock's own result: the index of the first
    /// such result. Only for a TryLock: a function that Locks and returns
    /// true on a path that forgot to Unlock is still reported there.
    private func heldWhenTrue(_ returned: [Operand], _ state: State) -> Int? {
        guard model.locksInPlace, state.tryLocked else { return nil }
        let results = facts.function.results
        for k in results.indices where k < returned.count && results[k].type == .basic(.bool) {
            if returned[k] == .bool(true) { return k }
            if let flag = state.successFlag, returned[k].place.map(facts.normalize) == flag { return k }
        }
        return nil
    }

    func edge(_ edge: SearchEdge, terminator: Terminator, state: inout State) -> PathEnding? {
        // A second branch on an unchanging condition takes the side the first took.
        if edge.kind == .then || edge.kind == .otherwise, edge.from < stableConditions.count, let condition = stableConditions[edge.from] {
            let value = edge.kind == .then
            if let known = state.decided[condition] {
                if known != value { return .infeasible }
            } else if condition.test == nil {
                // A comparison is decided only where it guards the
                // acquisition (`conditionsHolding`): recording each one a
                // path passes split the search's states, and the searches
                // over the state bound on GOROOT went from 6 to 15.
                state.decided[condition] = value
            }
        }
        if let assumed = state.assumedFlag, edge.kind == .then || edge.kind == .otherwise,
           StableConditions.branchVariable(terminator) == assumed.name, (edge.kind == .then) != assumed.value {
            return .infeasible
        }
        // The place a two-way branch tests for nil, if it tests one.
        var testedForNil: Place?
        if case .branch(.place(let c), let yes, let no) = terminator, yes != no { testedForNil = nilTested(c, in: edge.from) }
        if state.tellingResult != nil, let tested = testedForNil, edge.kind == .then || edge.kind == .otherwise {
            if edge.kind == .otherwise { state.nonNilErrors.insert(tested) } else { state.nonNilErrors.remove(tested) }
        }
        if state.releasedBeforeReturn { return nil }
        if !state.decided.isEmpty, case .select(let cases, _) = terminator, case .selectCase(let i) = edge.kind, i < cases.count,
           case .recv(_, let results) = cases[i].communication {
            for case .variable(let name)? in results.map({ $0.place?.root }) { state.forgetConditions(of: name) }
        }
        // A range loop over a container that holds the resource: the
        // container is not empty (an element was stored into it), so the
        // loop runs its body at least once and leaving it without entering
        // the body cannot happen. Every iteration's body is followed as
        // usual, so a body that does not release its element on some path
        // comes back to the header and still leaks through the loop's exit.
        if state.inContainer, case .branch = terminator, goesOverHeldElements(edge.from, state) {
            if edge.kind == .then { state.enteredRanges.insert(edge.from) }
            if edge.kind == .otherwise, !state.enteredRanges.contains(edge.from) { return .reacquired }
        }
        // `if err != nil`: the acquisition failed on the non-nil side; `if
        // rows != nil`: on the nil side there is nothing to release.
        if let tested = testedForNil {
            let nilSide = edge.kind == .then
            if nilSide, let assumed = state.assumedNonNil, tested == assumed { return .infeasible }
            if !nilSide, let err = state.errorPlace, tested == err, !state.touched { return .notAcquired }
            if nilSide, state.aliases.contains(tested) { return .notAcquired }
        }
        switch (terminator, edge.kind) {
        case (.branch(let condition, _, _), .then):
            // Convention: `if err then ...` branches on err != nil.
            if let err = state.errorPlace, let c = condition.place, facts.normalize(c) == err { return .notAcquired }
            // The call returned true: the resource is still held.
            if let c = condition.place { state.releasedIfFalse.remove(facts.normalize(c)) }
        case (.branch(let condition, _, _), .otherwise):
            // The call returned false, which released the resource.
            if let c = condition.place, state.releasedIfFalse.contains(facts.normalize(c)) { return .released }
            // The acquiring helper said it failed (`if !ok` is `if ok` with the sides swapped).
            if let flag = state.successFlag, let c = condition.place, facts.normalize(c) == flag { return .notAcquired }
        case (.select(let cases, _), .selectCase(let i)) where i < cases.count:
            switch cases[i].communication {
            case .send(_, let value):
                if isAlias(value, state), model.allows(.channel) { return .transferred(.channel) }
            case .recv(let channel, let results):
                if ends(receivingFrom: channel, state) { return .released }
                if overwrite(by: results, state: &state), state.aliases.isEmpty { return .leak(.overwritten) }
            }
        default:
            break
        }
        return nil
    }

    /// The place a block's `isnil` test of `condition` tests, if the
    /// condition is one.
    private func nilTested(_ condition: Place, in block: Int) -> Place? {
        guard block >= 0, block < facts.function.blocks.count else { return nil }
        return facts.function.blocks[block].nilTested(by: condition)?.place.map(facts.normalize)
    }

    /// The containers a loop's header block goes over: the slice or array
    /// whose length counts its trips (`for _, v := range x`), the map its
    /// `map.range` step reads, or the slices made with the length that
    /// counts them (`cancels := make([]context.CancelFunc, n)`, then `for
    /// i := 0; i < n; i++ { cancels[i]() }`).
    private func rangeSubjects(of block: Int) -> [Operand] {
        guard block >= 0, block < facts.function.blocks.count else { return [] }
        let header = facts.function.blocks[block]
        switch header.loop {
        case .length(let subject)?: return [subject]
        case .count(let n)?: return madeLengths.containers(madeWithLength: n, in: facts.function)
        case nil: return []
        default: break
        }
        if let step = header.instructions.last(where: { $0.op == .mapRange }), let m = step.operands.first { return [m] }
        return []
    }

    /// Whether a loop header goes over the container whose elements hold
    /// the resource (`x[]`, or a field of an element, `x[].mu`), or is
    /// counted as the loop that locked them was.
    private func goesOverHeldElements(_ block: Int, _ state: State) -> Bool {
        if let trips = state.elementLoop, block >= 0, block < facts.function.blocks.count,
           facts.function.blocks[block].loop == trips { return true }
        return rangeSubjects(of: block).contains { subject in
            guard let element = containerElement(subject) else { return false }
            return state.aliases.contains { element.contains($0) }
        }
    }

    /// The element place of a container operand (`x[]` for `x`).
    private func containerElement(_ container: Operand?) -> Place? {
        guard let p = container?.place.map(facts.normalize) else { return nil }
        return p.appending(.element)
    }

    /// Stored into a container and acquired again on the next iteration:
    /// the container keeps the earlier one (`_, cf[j] = WithTimeout(...)`
    /// in a loop), so the path goes on with the container holding it, to
    /// the loop's exits (a later `return err` leaks the earlier ones).
    func passesOrigin(state: State) -> Bool { state.inContainer }

    func loopsBack(state: State) -> PathEnding {
        if state.failedToAcquire { return .notAcquired }
        return options.loopScoped ? .leak(.loop) : .reacquired
    }
}
