import ConcIR
import Findings

/// SY1007: a variable updated with sync/atomic functions in one place and
/// read or written plainly in another, or read atomically in one place
/// and written plainly in another (plain reads next to atomic loads alone
/// do not race).
///
/// Atomic operations only synchronise with other atomic operations: a
/// plain `s.hits = 0` or `n := s.hits` next to `atomic.AddInt64(&s.hits, 1)`
/// is a data race (the race detector reports it), can read a torn value on
/// 32-bit platforms, and a plain read-then-reset loses the increments made
/// in between. Use atomic.LoadInt64/StoreInt64/SwapInt64 everywhere, or
/// the typed atomic.Int64, which cannot be accessed plainly.
///
/// Fields are matched by the named type that declares them, package
/// variables by name; two fields of one type side by side in a bigger
/// struct (`mb.first.seq` and `mb.last.seq`) are told apart, unless one
/// access reaches the field through a pointer to its own type. Accesses to a value allocated in the same function
/// (a constructor filling a new struct) or to a local struct are not
/// shared yet and are skipped, as are accesses to an object that a
/// function starting no goroutine made or got from a constructor and never
/// handed on (`PrivateObjects`: a test reading back the counter it built),
/// `init` functions, and plain reads
/// made holding a sync.Mutex that every atomic write of the variable holds
/// too (a slow path re-reading under the lock its publisher takes: reads
/// do not race with the atomic loads, and the lock keeps the writes out);
/// the lock may be an RWMutex, read-locked by the reader and write-locked
/// at every atomic write, there or by every caller of the function that
/// writes (`// Lock should be held`). Nor are plain reads and writes made
/// holding for writing a mutex that every atomic access of the variable,
/// loads included, holds in either mode (counters bumped atomically
/// under RLock run side by side, and the write lock keeps them all out).
/// The plain accesses
/// the IR shows are copies, stores and returns (a comparison in a
/// condition is not visible).
struct MixedAtomicAccess: RevisitingCheck {
    static let id = "SY1007"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.atomicLoad, .atomicStore, .atomicAdd, .atomicSwap, .atomicCAS] }
    static let slot = \JoinFacts.mixedAtomics

    /// One function's atomic accesses of shared words, and for each object
    /// it writes atomically the mutexes held exclusively at every such
    /// write (there or by every caller), and for each object it accesses
    /// atomically the mutexes held in either mode at every access.
    struct Facts: Codable {
        var accesses: [Access] = []
        var writeGuards: [Guard] = []
        var accessGuards: [Guard] = []
    }

    struct Access: Codable {
        var object: SharedObject
        var position: Position
        var memory: String?
        var direct: Bool
        var writes: Bool
    }

    struct Guard: Codable {
        var object: SharedObject
        var mutexes: [SharedObject]
    }

    /// One atomic access: where, the memory it touches, and whether it writes.
    private struct AtomicAccess {
        var node: Int
        var position: Position
        var memory: (name: String, direct: Bool)?
        var writes: Bool

        /// Whether a plain access of `other` memory may touch the same word:
        /// the same field path from the same struct, or either reaches the
        /// field through a pointer to its own type (any such field).
        func mayAlias(_ other: (name: String, direct: Bool)?) -> Bool {
            guard let memory, let other else { return true }
            return memory.direct || other.direct || memory.name == other.name
        }
    }

    private var current = Facts()
    /// The current function's write guards, by object.
    private var currentGuards: [SharedObject: Set<SharedObject>] = [:]
    /// The current function's access guards, by object.
    private var currentAccessGuards: [SharedObject: Set<SharedObject>] = [:]
    /// The atomic accesses of each object, in the order absorbed.
    private var atomics: [SharedObject: [AtomicAccess]] = [:]
    /// For each object, the mutexes held exclusively at every atomic write
    /// of it (Store, Add, Swap, CompareAndSwap), there or by every caller.
    private var writeGuards: [SharedObject: Set<SharedObject>] = [:]
    /// For each object, the mutexes held in either mode at every atomic
    /// access of it, loads included, there or by every caller.
    private var accessGuards: [SharedObject: Set<SharedObject>] = [:]
    private var locks: (node: Int, held: HeldLocks)?
    private var locksInEitherMode: (node: Int, held: HeldLocks)?
    /// Per function, the mutexes every direct caller holds where it calls
    /// it: for writing (true), or at all (false); with the functions whose
    /// callers that look read.
    private var callerGuards: [Bool: [Int: (guards: Set<SharedObject>, read: Set<Int>)]] = [:]
    /// The objects accessed atomically by the last word of their names, in
    /// name order: a function that mentions none of the words cannot touch
    /// one of them.
    private var objectsByLastWord: [String: [SharedObject]] = [:]
    private var privateObjects: PrivateObjects?

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard let raw = inst.operands.first?.place, !Self.updatesPointee(raw, scope),
              case let p = scope.normalize(raw),
              Self.isPlainWord(scope.types.type(of: p), scope.program.index.types),
              let object = SharedObject.of(p, in: scope), object.isShared else { return }
        let memory = SharedObject.memory(of: p, types: scope.types)
        current.accesses.append(Access(object: object, position: inst.position, memory: memory?.name, direct: memory?.direct ?? false,
                                       writes: inst.op != .atomicLoad))
        let held = Self.mutexes(at: site, scope, &locksInEitherMode, exclusive: false).union(guardsOfCallers(scope, exclusive: false))
        currentAccessGuards[object] = currentAccessGuards[object].map { $0.intersection(held) } ?? held
        guard inst.op != .atomicLoad else { return }
        let guards = Self.mutexes(at: site, scope, &locks, exclusive: true).union(guardsOfCallers(scope, exclusive: true))
        currentGuards[object] = currentGuards[object].map { $0.intersection(guards) } ?? guards
    }

    /// `atomic.AddInt64(jf.runState, 1)` updates what a pointer points to
    /// (`*jf.runState`), not the field that holds the pointer, so copying
    /// the pointer (`runState: jf.runState`) is no plain access of that
    /// word. (`*%1` of `%1 = &s.n` is s.n itself.)
    private static func updatesPointee(_ raw: Place, _ scope: FunctionScope) -> Bool {
        guard raw.path.last == .deref else { return false }
        let root = Place(raw.root, path: [])
        return scope.normalize(root) == root
    }

    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts? {
        defer {
            current = Facts()
            currentGuards = [:]
            currentAccessGuards = [:]
        }
        guard !current.accesses.isEmpty else { return nil }
        current.writeGuards = currentGuards.keys.sorted().map { Guard(object: $0, mutexes: currentGuards[$0, default: []].sorted()) }
        current.accessGuards = currentAccessGuards.keys.sorted().map {
            Guard(object: $0, mutexes: currentAccessGuards[$0, default: []].sorted())
        }
        return current
    }

    mutating func absorb(_ facts: Facts, node: Int) {
        for a in facts.accesses {
            atomics[a.object, default: []].append(AtomicAccess(node: node, position: a.position,
                                                               memory: a.memory.map { ($0, a.direct) }, writes: a.writes))
        }
        for g in facts.writeGuards {
            let guards = Set(g.mutexes)
            writeGuards[g.object] = writeGuards[g.object].map { $0.intersection(guards) } ?? guards
        }
        for g in facts.accessGuards {
            let guards = Set(g.mutexes)
            accessGuards[g.object] = accessGuards[g.object].map { $0.intersection(guards) } ?? guards
        }
    }

    /// The sync.Mutexes and RWMutexes held at `site` (only those held for
    /// writing when `exclusive`), by shared name.
    private static func mutexes(at site: InstructionSite, _ scope: FunctionScope, _ cache: inout (node: Int, held: HeldLocks)?,
                                exclusive: Bool) -> Set<SharedObject> {
        if cache?.node != scope.node {
            cache = (scope.node, HeldLocks(function: scope.function, cfg: scope.cfg, normalize: scope.normalize, exclusiveOnly: exclusive))
        }
        guard let held = cache?.held.held(at: site) else { return [] }
        return Set(held.compactMap { lock -> SharedObject? in
            let type = scope.types.type(of: lock).wellKnownThroughPointer
            guard type == .mutex || type == .rwMutex, let o = SharedObject.of(lock, in: scope), o.isShared else { return nil }
            return o
        })
    }

    /// The mutexes every caller of the function holds (for writing, when
    /// `exclusive`) where it calls it, itself or by its own callers, up to
    /// `depth` calls up (an `updateLocked` helper whose callers lock, or
    /// call it from another `...Locked` helper): none when it has no call
    /// site, or is also reached otherwise (through `go`, `defer`, or as a
    /// function value). A recursive call justifies nothing.
    private mutating func guardsOfCallers(_ scope: FunctionScope, exclusive: Bool) -> Set<SharedObject> {
        let known = callerGuards[exclusive]?[scope.node] ?? {
            var read = Set<Int>()
            let guards = Self.guardsOfCallers(scope, exclusive: exclusive, depth: 3, visiting: [], read: &read)
            return (guards, read)
        }()
        callerGuards[exclusive, default: [:]][scope.node] = known
        for node in known.read { scope.noteCallersRead(of: node) }
        return known.guards
    }

    /// See `guardsOfCallers(_:exclusive:)`; a function of its arguments
    /// alone, so that the answer does not depend on which was asked first.
    /// `read` collects the functions whose callers were looked at.
    private static func guardsOfCallers(_ scope: FunctionScope, exclusive: Bool, depth: Int, visiting: Set<Int>,
                                        read: inout Set<Int>) -> Set<SharedObject> {
        guard depth > 0, !visiting.contains(scope.node) else { return [] }
        read.insert(scope.node)
        let graph = scope.program.index.callGraph
        let incoming = graph.incoming[scope.node].map { graph.edges[$0] }
        guard !incoming.isEmpty, incoming.allSatisfy({ $0.kind == .call }) else { return [] }
        var guards: Set<SharedObject>?
        // One scope, one lock analysis and one look further up per caller,
        // however often it calls.
        for (from, edges) in Dictionary(grouping: incoming, by: \.from).sorted(by: { $0.key < $1.key }) {
            let caller = FunctionScope(node: from, program: scope.program)
            var cache: (node: Int, held: HeldLocks)?
            let inherited = guardsOfCallers(caller, exclusive: exclusive, depth: depth - 1, visiting: visiting.union([scope.node]),
                                            read: &read)
            for edge in edges {
                let held = Self.mutexes(at: InstructionSite(block: edge.site.block, index: edge.site.instruction), caller, &cache,
                                        exclusive: exclusive)
                guards = guards.map { $0.intersection(held.union(inherited)) } ?? held.union(inherited)
                if guards?.isEmpty == true { return [] }
            }
        }
        return guards ?? []
    }

    mutating func prepareRevisits(_ program: StructuralProgram) {
        objectsByLastWord = Dictionary(grouping: atomics.keys.sorted()) { String($0.name.split(separator: ".").last ?? "") }
    }

    /// A look at a function reads the atomic accesses and write guards of
    /// the objects whose last word it mentions (a plain access of any
    /// other object cannot be one of theirs).
    func needsLook(_ node: Int, _ program: StructuralProgram, inputs: inout JoinInputHasher) -> Bool {
        guard !atomics.isEmpty else { return false }
        let function = program.index.function(node)
        guard !Self.isInitialization(function) else { return false }
        let words = Self.mentioned(function, objectsByLastWord)
        guard !words.isEmpty else { return false }
        for object in words.flatMap({ objectsByLastWord[$0] ?? [] }).sorted() {
            inputs.add(object.name)
            inputs.add(object.display)
            for a in atomics[object] ?? [] {
                inputs.add(program.index.file(of: a.node))
                inputs.add(a.position)
                inputs.add(a.memory?.name ?? "-")
                inputs.add(a.memory?.direct ?? false)
                inputs.add(a.writes)
            }
            if let guards = writeGuards[object] {
                inputs.add(guards.sorted().map(\.name).joined(separator: ","))
            } else {
                inputs.add("no write")
            }
            inputs.add((accessGuards[object] ?? []).sorted().map(\.name).joined(separator: ","))
        }
        return true
    }

    mutating func revisit(_ scope: FunctionScope) -> [Finding] {
        let program = scope.program
        let node = scope.node
        let function = scope.function
        var findings: [Finding] = []
        var privates = privateObjects ?? PrivateObjects(program: program.index)
        defer { privateObjects = privates }
        var fresh = Self.freshRoots(function)
        if let receiver = Self.initialisedReceiver(function) { fresh.insert(receiver) }
        fresh.formUnion(privates.roots(of: function, node: node))
        if privates.isInitialising(node), let receiver = function.receiver { fresh.insert(.variable(receiver.name)) }
        // `%n = addr x`: passing &x to a function (an atomic helper such as
        // storePoolChainElt(&c.tail, d)) is not a plain access of x.
        let addresses = Set(function.blocks.flatMap { $0.instructions.filter { $0.op == .addr }.compactMap { $0.results.first?.place?.root } })
        var seen = Set<Position>()
        var cache: (node: Int, held: HeldLocks)?
        var exclusiveCache: (node: Int, held: HeldLocks)?
        func note(_ operand: Operand, write: Bool, at position: Position, site: InstructionSite) {
            guard let raw = operand.place, Self.endsInFieldOrRoot(raw), !raw.path.contains(.deref),
                  !(raw.path.isEmpty && addresses.contains(raw.root)) else { return }
            let p = scope.normalize(raw)
            if case .temp = p.root { return }
            guard !fresh.contains(p.root), let object = SharedObject.of(p, in: scope), object.isShared,
                  let accesses = atomics[object] else { return }
            let memory = SharedObject.memory(of: p, types: scope.types)
            let aliasing = accesses.filter { $0.mayAlias(memory) }
            guard let any = aliasing.first else { return }
            // A plain read races only with writes: where every atomic
            // access only loads, the plain writes are the findings.
            let update = aliasing.first(where: \.writes)
            if !write, update == nil { return }
            // A read made holding a mutex that every atomic write of the
            // object holds too: reads do not race with the atomic loads,
            // and the lock keeps the writes out.
            if !write, let guards = writeGuards[object], !guards.isEmpty,
               !guards.isDisjoint(with: Self.mutexes(at: site, scope, &cache, exclusive: false)
                   .union(guardsOfCallers(scope, exclusive: false))) { return }
            // Held for writing, a mutex that every atomic access holds in
            // either mode keeps them all out, loads and updates alike.
            if let guards = accessGuards[object], !guards.isEmpty,
               !guards.isDisjoint(with: Self.mutexes(at: site, scope, &exclusiveCache, exclusive: true)
                   .union(guardsOfCallers(scope, exclusive: true))) { return }
            guard seen.insert(position).inserted else { return }
            let atomic = update ?? any
            let message = update != nil
                ? "\(object.display) is \(write ? "written" : "read") here without sync/atomic, but updated atomically "
                    + "on line \(atomic.position.line): a plain access races with the atomic ones (and a read-then-reset loses updates); "
                    + "use atomic loads and stores everywhere, or a typed atomic"
                : "\(object.display) is written here without sync/atomic, but read atomically on line \(atomic.position.line): "
                    + "the plain write races with the atomic loads, which only synchronise with atomic stores; "
                    + "use atomic stores too, or a typed atomic"
            guard var f = program.finding(ruleID, node: node, at: position, message) else { return }
            f.related = [RelatedLocation(location: Location(file: program.index.file(of: atomic.node), line: Int(atomic.position.line),
                                                            column: Int(atomic.position.column)), message: "the atomic access")]
            findings.append(f)
        }
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where inst.op == .assign || inst.op == .use || inst.op == .call
                                                                   || Self.isIncrement(inst) {
                let site = InstructionSite(block: b, index: i)
                for o in inst.operands { note(o, write: false, at: inst.position, site: site) }
                if inst.op != .use && inst.op != .call, let r = inst.results.first { note(r, write: true, at: inst.position, site: site) }
            }
            if case .return(let values)? = block.terminator {
                let site = InstructionSite(block: b, index: block.instructions.count)
                for v in values { note(v, write: false, at: block.terminatorPosition, site: site) }
            }
        }
        return findings
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { [] }

    /// `s.n++`, `s.n += k`: `s.n = add s.n, k`, a plain read and write of
    /// s.n. Other arithmetic (`seq := db.seq + 1`) is not looked into, as a
    /// read in a condition is not: it is mostly the only writer computing
    /// its next value, under a lock the rule cannot see.
    private static func isIncrement(_ inst: Instruction) -> Bool {
        guard inst.op == .add || inst.op == .sub, let r = inst.results.first?.place else { return false }
        return inst.operands.first?.place == r
    }

    /// Integers and pointers: what the sync/atomic functions update.
    /// Typed atomics cannot be accessed plainly.
    private static func isPlainWord(_ t: GoType, _ environment: TypeEnvironment) -> Bool {
        if t.wellKnown != nil { return false }
        switch environment.underlying(t) {
        case .basic(let b): return b != .bool && b != .string && b != .error && b != .any
        case .pointer: return true
        case .named(let n, _): return n == "unsafe.Pointer"
        default: return false
        }
    }

    private static func endsInFieldOrRoot(_ place: Place) -> Bool {
        guard let last = place.path.last else { return true }
        if case .field = last { return true }
        return false
    }

    /// The words of `words` the function mentions as the last field of a
    /// place, or the last part of a package variable's name.
    private static func mentioned(_ function: Function, _ words: [String: [SharedObject]]) -> Set<String> {
        var out = Set<String>()
        func note(_ o: Operand) {
            guard let p = o.place else { return }
            if case .field(let f)? = p.path.last {
                if words[f] != nil { out.insert(f) }
            } else if p.path.isEmpty, case .global(let g) = p.root {
                let last = String(g.split(separator: ".").last ?? "")
                if words[last] != nil { out.insert(last) }
            }
        }
        for block in function.blocks {
            for inst in block.instructions {
                inst.operands.forEach(note)
                inst.results.forEach(note)
            }
            if case .return(let values)? = block.terminator { values.forEach(note) }
        }
        return out
    }

    /// Roots whose value this function made and has not shared: variables
    /// and temporaries assigned only from allocations or from the address of
    /// a local value (`vlp := (*ifaceWords)(unsafe.Pointer(&val))` with val
    /// a result, parameter or local that is not a pointer), and struct locals.
    private static func freshRoots(_ function: Function) -> Set<Place.Root> {
        var allocated = Set<Place.Root>()
        var ownValues = Set<Place.Root>()
        for v in function.locals + function.parameters + function.results where v.type.pointee == nil && !v.name.isEmpty {
            ownValues.insert(.variable(v.name))
        }
        var other = Set<Place.Root>()
        for block in function.blocks {
            for inst in block.instructions {
                guard case .place(let dst)? = inst.results.first, dst.path.isEmpty else { continue }
                if inst.op == .allocNew || inst.op == .allocLit {
                    allocated.insert(dst.root)
                } else if inst.op == .addr, let src = inst.operands.first?.place, ownValues.contains(src.root), src.path.isEmpty {
                    allocated.insert(dst.root)
                } else if inst.op == .assign, let src = inst.operands.first?.place, src.path.isEmpty, allocated.contains(src.root) {
                    allocated.insert(dst.root)
                } else {
                    other.insert(dst.root)
                }
            }
        }
        var fresh = allocated.subtracting(other)
        for v in function.locals where v.type.pointee == nil { fresh.insert(.variable(v.name)) }
        return fresh
    }

    /// The receiver of an initialising method, whose fields are not shared
    /// yet: by Go convention a method named `Init` (or unexported `init`)
    /// prepares its receiver before the value is handed to other goroutines
    /// (`(*list.List).Init`, `(*poll.FD).Init` called by the constructor
    /// that made the FD). One that starts a goroutine shares the receiver
    /// itself, so it is not one. `Reset` is not taken: it is called on
    /// values already in use (a hash, a timer, a buffer being reused).
    private static func initialisedReceiver(_ function: Function) -> Place.Root? {
        guard FunctionName.isMethod(function.name), let method = FunctionName.methodName(function.name),
              method == "Init" || method == "init",
              let receiver = function.receiver, !receiver.name.isEmpty, receiver.name != "_" else { return nil }
        for block in function.blocks {
            for inst in block.instructions where inst.mode == .go { return nil }
        }
        return .variable(receiver.name)
    }

    private static func isInitialization(_ function: Function) -> Bool {
        PackageInitialization.contains(function.name)
    }
}
