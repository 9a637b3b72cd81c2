import ConcIR

/// A bool parameter that says whether the function takes a lock itself:
/// `func (s *Sublist) match(subject string, doLock bool)` locks only when
/// asked to, and a caller that already holds the lock passes false (the
/// `locked`, `hasLock` and `shouldLock` of real servers).
///
/// Analysed once, such a function merges the locked and the unlocked path
/// at every `if doLock`, so none of its accesses holds the lock, and every
/// caller looks racy. Analysed once per value of the parameter, each
/// variant holds the lock where it takes it, and each call keeps only the
/// variant its argument chooses (`ParameterAssumption`).
struct LockModeParameter: Hashable, Sendable {
    /// The parameter's index as summaries number them (receiver first).
    let index: Int
    /// Its variable in the function's IR.
    let name: String
}

enum LockModeParameters {
    /// At most this many per function (the variants double with each).
    static let maxPerFunction = 2

    /// The function's lock-mode parameters: bool parameters that are never
    /// assigned, whose address is never taken, that no closure of the
    /// function assigns, and that a branch tests with a lock or an unlock
    /// on one side (`if doLock { s.mu.Lock() }`, `if !locked { ... }`),
    /// in the function or in a closure of it that captures the parameter.
    /// `closures` gives the functions written inside it (any depth), asked
    /// only when the function has a bool parameter.
    static func find(in function: Function, closures: () -> [Function]) -> [LockModeParameter] {
        var candidates: [String: Int] = [:]
        let offset = function.receiver == nil ? 0 : 1
        for (i, p) in function.parameters.enumerated() where p.type == .basic(.bool) && !p.name.isEmpty && i + offset < 64 {
            candidates[p.name] = i + offset
        }
        guard !candidates.isEmpty else { return [] }
        var guarding = branchesGuardingLocks(in: function, on: Set(candidates.keys))
        // A local lock helper tests the parameter it captures (`fsLock :=
        // func() { if needLock { fs.mu.Lock() } }`).
        let written = closures()
        for closure in written {
            let captured = Set(closure.captures.map(\.name)).intersection(candidates.keys).subtracting(guarding)
            guard !captured.isEmpty else { continue }
            guarding.formUnion(branchesGuardingLocks(in: closure, on: captured))
        }
        guard !guarding.isEmpty else { return [] }
        for f in [function] + written {
            for block in f.blocks {
                for inst in block.instructions {
                    guarding.subtract(StableConditions.written(by: inst))
                    if inst.op == .addr, let name = variableName(inst.operands.first) { guarding.remove(name) }
                }
            }
        }
        return guarding.map { LockModeParameter(index: candidates[$0]!, name: $0) }
            .sorted { $0.index < $1.index }
            .prefix(maxPerFunction)
            .map { $0 }
    }

    /// The variables of `names` that a branch of `function` tests with a
    /// lock or an unlock on one side.
    private static func branchesGuardingLocks(in function: Function, on names: Set<String>) -> Set<String> {
        var guarding = Set<String>()
        for block in function.blocks {
            guard let name = StableConditions.branchVariable(block.terminator), names.contains(name),
                  case .branch(_, let then, let otherwise)? = block.terminator else { continue }
            if locksOrUnlocks(function.blocks[then]) || locksOrUnlocks(function.blocks[otherwise]) { guarding.insert(name) }
        }
        return guarding
    }

    private static func locksOrUnlocks(_ block: Block) -> Bool {
        block.instructions.contains { inst in
            switch inst.op {
            case .mutexLock, .mutexUnlock, .mutexRLock, .mutexRUnlock: return true
            default: return false
            }
        }
    }

    /// The variable an operand names as a whole (`x`, not `x.f`).
    private static func variableName(_ operand: Operand?) -> String? {
        guard case .place(let p)? = operand, p.path.isEmpty, case .variable(let name) = p.root else { return nil }
        return name
    }
}

/// The values a summary's access depends on: the lock-mode parameters
/// (`LockModeParameter`) of the variant that made it, by index. An access
/// made whatever the parameters are assumes nothing.
struct ParameterAssumption: Hashable, Sendable {
    /// Bit i: parameter i is assumed.
    private(set) var mask: UInt64 = 0
    /// Bit i: its assumed value (only under `mask`).
    private(set) var values: UInt64 = 0

    static let none = ParameterAssumption()

    init() {}

    /// The assumption as `mask` and `values` hold it (read back from the cache).
    init(mask: UInt64, values: UInt64) {
        self.mask = mask
        self.values = values & mask
    }

    var isEmpty: Bool { mask == 0 }

    mutating func assume(_ index: Int, _ value: Bool) {
        guard index >= 0 && index < 64 else { return }
        mask |= 1 << UInt64(index)
        if value { values |= 1 << UInt64(index) } else { values &= ~(1 << UInt64(index)) }
    }

    /// The assumed parameters, with their values, by increasing index.
    var assumed: [(index: Int, value: Bool)] {
        (0..<64).compactMap { i in
            mask & (1 << UInt64(i)) == 0 ? nil : (i, values & (1 << UInt64(i)) != 0)
        }
    }
}

/// One way to analyse a function: a value for each lock-mode parameter.
struct LockModeVariant: Sendable {
    /// Each parameter's value, by IR variable name.
    let values: [String: Bool]
    /// The same, as the assumption the variant's accesses carry.
    let assumption: ParameterAssumption

    /// The analysis of a function without lock-mode parameters.
    static let only = LockModeVariant(values: [:], assumption: .none)

    /// Every combination of values of `parameters` (one variant when there
    /// are none), false before true.
    static func all(_ parameters: [LockModeParameter]) -> [LockModeVariant] {
        guard !parameters.isEmpty else { return [.only] }
        return (0..<(1 << parameters.count)).map { bits in
            var values: [String: Bool] = [:]
            var assumption = ParameterAssumption()
            for (k, p) in parameters.enumerated() {
                let value = bits & (1 << k) != 0
                values[p.name] = value
                assumption.assume(p.index, value)
            }
            return LockModeVariant(values: values, assumption: assumption)
        }
    }

    /// Where a block's branch goes when it tests one of the parameters:
    /// one way only. Nil for any other terminator.
    func fixedTarget(of terminator: Terminator?) -> Int? {
        guard case .branch(let condition, let then, let otherwise)? = terminator, let taken = value(of: condition) else { return nil }
        return taken ? then : otherwise
    }

    /// The value the variant fixes for `operand`, when it names one of the
    /// parameters as a whole.
    func value(of operand: Operand) -> Bool? {
        guard !values.isEmpty, case .place(let p) = operand, p.path.isEmpty, case .variable(let name) = p.root else { return nil }
        return values[name]
    }
}
