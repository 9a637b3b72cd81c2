import ConcIR
import RuleEngine

/// A call of a rule file, compiled into what can be compared with an IR
/// instruction: the operation or callee name it matches, and which operand
/// or result holds the resource.
struct CompiledCall: Hashable, Sendable {
    /// What an instruction must be to match: a standard operation (however
    /// the IR spells it) or a call of a named function.
    enum Target: Hashable, Sendable {
        case opcode(Opcode)
        case callee(String)
    }

    var target: Target
    /// The call as the rule names it (`time.NewTicker`): the `{call}` of messages.
    var display: String
    var isMethod: Bool
    /// For operations shared by several receiver types (`mutex.lock`), the one this call needs.
    var receiverType: WellKnownType?
    var slot: ResourceSlot
    var errorResult: Int?
    /// See `AcquireSpec.contextArgument`.
    var contextArgument: Int?
    /// See `AcquireSpec.successResult`.
    var successResult: Int?

    init(pattern: CallPattern, slot: ResourceSlot, errorResult: Int? = nil, contextArgument: Int? = nil, successResult: Int? = nil) {
        let name = pattern.description
        target = StandardOperations.opcodeByName[name].map(Target.opcode) ?? .callee(name)
        display = name
        isMethod = pattern.isMethod
        receiverType = StandardOperations.receiverType(of: pattern)
        self.slot = slot
        self.errorResult = errorResult
        self.contextArgument = contextArgument
        self.successResult = successResult
    }

    /// The context operand the resource is bound to (`contextArgument`).
    func context(in inst: Instruction) -> Operand? {
        contextArgument.flatMap { Self.operand(.argument($0), of: inst, isMethod: isMethod) }
    }

    /// The operand or result holding the resource; nil when the slot is
    /// absent (a result the instruction does not bind).
    func resource(in inst: Instruction) -> Operand? {
        Self.operand(slot, of: inst, isMethod: isMethod)
    }

    static func operand(_ slot: ResourceSlot, of inst: Instruction, isMethod: Bool) -> Operand? {
        switch slot {
        case .result(let i): return i < inst.results.count ? inst.results[i] : nil
        case .receiver: return inst.operands.first
        case .argument(let i):
            let k = isMethod ? i + 1 : i
            return k < inst.operands.count ? inst.operands[k] : nil
        }
    }
}

extension Instruction {
    /// The target this instruction matches: its standard operation, or the
    /// function it calls by name (a standard function called as a plain
    /// `call` counts as its operation); nil for a call of a function value.
    var matchTarget: CompiledCall.Target? {
        guard op == .call || op == .cgoCall, let callee else { return .opcode(op) }
        guard let name = callee.staticName else { return nil }
        return StandardOperations.opcodeByName[name].map(CompiledCall.Target.opcode) ?? .callee(name)
    }

    /// The function value this instruction calls, when it calls one held in
    /// a place (`cancel()`, `ctx.cancel cancel`).
    var invokedPlace: Place? {
        if op == .ctxCancel { return operands.first?.place }
        if op == .call, case .dynamic(let value, _)? = callee { return value.place }
        return nil
    }
}

/// A lifecycle rule compiled for matching: what acquires, what releases,
/// what hands over. One per rule with a `lifecycle` block (and one for the
/// built-in WaitGroup model the structural rules share).
struct ResourceModel: Sendable {
    /// The rule (or model) id findings are reported under.
    var ruleID: String
    var spec: LifecycleSpec
    var acquisitions: [CompiledCall.Target: [CompiledCall]]
    var releases: [CompiledCall.Target: [CompiledCall]]
    var releasesByInvoking: Bool
    /// Calls that release when their bool result #0 is false.
    var releasesWhenFalse: [CompiledCall.Target: [CompiledCall]]
    var transfers: Set<TransferKind>

    init(ruleID: String, spec: LifecycleSpec) {
        self.ruleID = ruleID
        self.spec = spec
        var acquisitions: [CompiledCall.Target: [CompiledCall]] = [:]
        for a in spec.acquire {
            let call = CompiledCall(pattern: a.call, slot: a.resource, errorResult: a.errorResult, contextArgument: a.contextArgument,
                                    successResult: a.successResult)
            acquisitions[call.target, default: []].append(call)
        }
        var releases: [CompiledCall.Target: [CompiledCall]] = [:]
        var invoking = false
        var whenFalse: [CompiledCall.Target: [CompiledCall]] = [:]
        for r in spec.release {
            switch r {
            case .call(let pattern, let slot):
                let call = CompiledCall(pattern: pattern, slot: slot)
                releases[call.target, default: []].append(call)
            case .callReturningFalse(let pattern, let slot):
                let call = CompiledCall(pattern: pattern, slot: slot)
                whenFalse[call.target, default: []].append(call)
            case .invoke:
                invoking = true
            }
        }
        self.acquisitions = acquisitions
        self.releases = releases
        releasesWhenFalse = whenFalse
        releasesByInvoking = invoking
        transfers = Set(spec.transfer)
    }

    func allows(_ kind: TransferKind) -> Bool { transfers.contains(kind) }

    /// Whether the resource is a lock taken on a mutex in place (`mu.Lock()`).
    var locksInPlace: Bool {
        acquisitions.keys.contains { $0 == .opcode(.mutexLock) || $0 == .opcode(.mutexRLock) }
    }

    /// Whether the resource is the cancel func of a derived context (see `ContextLifetime`).
    var acquiresContexts: Bool {
        acquisitions.keys.contains { target in
            if case .opcode(let op) = target { return ContextLifetime.derivations.contains(op) }
            return false
        }
    }

    /// The acquisitions an instruction makes, with the call that matched.
    func acquisitions(of inst: Instruction, types: FunctionTypes?) -> [CompiledCall] {
        if StandardOperations.panicsOnConstantArgument(inst) || StandardOperations.firesAtOnce(inst) { return [] }
        guard let target = inst.matchTarget, let calls = acquisitions[target] else { return [] }
        return calls.filter { fitsReceiver($0, inst, types) }
    }

    /// The places an instruction releases (whatever its mode).
    func releasedPlaces(by inst: Instruction, types: FunctionTypes?) -> [Place] {
        var out: [Place] = []
        if let target = inst.matchTarget {
            for call in releases[target] ?? [] where fitsReceiver(call, inst, types) {
                if let p = call.resource(in: inst)?.place { out.append(p) }
            }
        }
        if releasesByInvoking, let p = inst.invokedPlace { out.append(p) }
        return out
    }

    /// The places an instruction (run now) releases if its bool result is
    /// false, with the place that result is written to.
    func placesReleasedWhenFalse(by inst: Instruction, types: FunctionTypes?) -> (result: Place, released: [Place])? {
        guard !releasesWhenFalse.isEmpty, inst.mode == .now, let result = inst.results.first?.place else { return nil }
        var out: [Place] = []
        if let target = inst.matchTarget {
            for call in releasesWhenFalse[target] ?? [] where fitsReceiver(call, inst, types) {
                if let p = call.resource(in: inst)?.place { out.append(p) }
            }
        }
        return out.isEmpty ? nil : (result, out)
    }

    /// Whether the instruction could release anything of this model.
    func mayRelease(_ inst: Instruction) -> Bool {
        (releasesByInvoking && inst.invokedPlace != nil) || inst.matchTarget.map { releases[$0] != nil } == true
    }

    /// `mutex.lock` matches `(*sync.Mutex).Lock` only when the receiver is
    /// not known to be a sync.RWMutex, and the other way round.
    private func fitsReceiver(_ call: CompiledCall, _ inst: Instruction, _ types: FunctionTypes?) -> Bool {
        guard let wanted = call.receiverType, let types, let receiver = inst.operands.first else { return true }
        guard let actual = types.type(of: receiver).wellKnownThroughPointer, actual.isLock, wanted.isLock else { return true }
        return actual == wanted
    }
}
