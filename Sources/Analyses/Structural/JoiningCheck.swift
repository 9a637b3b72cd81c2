import ConcIR
import ContentHash
import Findings

/// A check that joins what it saw in many functions (a cancel func stored
/// in a field no function of the package reads, a Cond waited on for two
/// conditions): while the dispatcher walks a function it gathers that
/// function's facts, and `finish` joins the facts of every function.
///
/// The facts name no node: objects local to a function go by their
/// portable name (`SharedObject.portable`), so that a function's facts can
/// be kept with it (`StructuralReuse`) and absorbed again in a later run,
/// in which the function has another node, without walking it.
protocol JoiningCheck: StructuralCheck {
    associatedtype Facts: Codable
    /// Where the check's facts sit among a function's (`JoinFacts`).
    static var slot: WritableKeyPath<JoinFacts, Facts?> { get }
    /// The facts gathered while walking the function just finished, taken
    /// out of the check; nil when there are none.
    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts?
    /// A function's facts, gathered in this run or in an earlier one.
    mutating func absorb(_ facts: Facts, node: Int)
}

extension JoiningCheck {
    mutating func moveFacts(into joined: inout JoinFacts, scope: FunctionScope) {
        guard let facts = gatheredFacts(scope) else { return }
        absorb(facts, node: scope.node)
        joined[keyPath: Self.slot] = facts
    }

    mutating func absorbFacts(from joined: JoinFacts, node: Int) {
        if let facts = joined[keyPath: Self.slot] { absorb(facts, node: node) }
    }
}

/// A joining check whose join looks at functions again once every fact is
/// in (the plain accesses of a variable some function updates atomically,
/// the Gets of a pool whose Puts are all known). For each function it
/// looks at, the joined facts that look reads are hashed (`needsLook`);
/// the function's findings of that look are kept with it and reused while
/// the function and those inputs stay the same.
protocol RevisitingCheck: JoiningCheck {
    /// Once every function's facts are absorbed, before the first look.
    mutating func prepareRevisits(_ program: StructuralProgram)
    /// Whether function `node` needs a look; the joined facts the look
    /// would read go into `inputs`.
    func needsLook(_ node: Int, _ program: StructuralProgram, inputs: inout JoinInputHasher) -> Bool
    /// The findings of a look at the function of `scope`, through which it reads.
    mutating func revisit(_ scope: FunctionScope) -> [Finding]
}

/// What the joining checks gathered in one function, one slot per check:
/// a closed list, like `StructuralCatalog`, so that the facts are stored
/// as part of the function's entry and need no encoding of their own.
struct JoinFacts: Codable {
    var cancelFields: CancelFieldNeverCalled.Facts?
    var closedByLength: ChannelClosedByLength.Facts?
    var atomicValueTypes: AtomicValueTypeMismatch.Facts?
    var condSignals: CondSignalSharedConditions.Facts?
    var onceReentered: OnceDoReentered.Facts?
    var poolResets: PoolObjectNotReset.Facts?
    var mixedAtomics: MixedAtomicAccess.Facts?

    var isEmpty: Bool {
        cancelFields == nil && closedByLength == nil && atomicValueTypes == nil && condSignals == nil && onceReentered == nil
            && poolResets == nil && mixedAtomics == nil
    }
}

/// The joined facts a revisiting check's look reads, hashed; a hasher
/// that is off (no cache) takes them for nothing.
struct JoinInputHasher {
    private var hasher: SHA256?

    init(on: Bool) { hasher = on ? SHA256() : nil }

    mutating func add(_ text: String) { hasher?.update(field: text) }
    mutating func add(_ number: Int) { hasher?.update(UInt64(bitPattern: Int64(number))) }
    mutating func add(_ flag: Bool) { hasher?.update(flag ? 1 : 0) }
    mutating func add(_ position: Position) {
        hasher?.update(UInt64(position.line) << 32 | UInt64(position.column))
    }

    /// The digest; empty when off.
    mutating func finalize() -> [UInt8] { hasher?.finalize() ?? [] }
}
