import ConcIR

/// A lock handed to the value a function returns, as a transaction keeps
/// its store locked until it ends:
///
///     func (s *Store) Begin() *Txn { s.mu.Lock(); return &Txn{s: s} }
///     func (t *Txn) Commit()       { ...; t.s.mu.Unlock() }
///
/// The lock on `s.mu` is left held at the return on purpose: the returned
/// handle holds `s` in a field, and a method of its type unlocks the same
/// mutex through that field. A return of `nil` (the failure path) hands
/// nothing over and is still checked.
///
/// The handle may hold `s` a struct deeper (`&txn{common: common{s: s}}`),
/// and it may be returned wrapped by a constructor, as etcd's store returns
/// its transactions behind an interface:
///
///     func (s *store) Write() TxnWrite { s.mu.RLock(); return newMetricsTxnWrite(&storeTxnWrite{...s...}) }
///     func newMetricsTxnWrite(tw TxnWrite) TxnWrite { return &metricsTxnWrite{tw} }
///     func (tw *metricsTxnWrite) End() { defer tw.TxnWrite.End(); ... }
///
/// A wrapper counts only when a method of its type forwards to the
/// releasing method of what it wraps (or its embedding promotes that
/// method): a wrapper that drops the release does not take the lock over.
struct ReleasingHandle {
    let facts: FunctionFacts
    let program: AnalysedProgram
    /// Where the methods read here are recorded.
    let reads: BodyReadLog
    /// What was found before in this function, shared by every
    /// `ReleasingHandle` made for it.
    let memo: Memo

    /// The function's instructions by place (built on the first question)
    /// and the answers so far. A handle's releasers depend only on the
    /// handle, the locks and how many wrappers deep it is; without them a
    /// large function asked at hundreds of returns, each following every
    /// argument of every call three wrappers deep, took seconds
    /// (cmd/compile's `storeArgOrLoad`, 5.7 s of GOROOT/src's lint).
    /// One search runs on one thread, so the class needs no lock.
    final class Memo {
        fileprivate struct Question: Hashable {
            let handle: Place
            let locks: PlaceSet
            let wrappers: Int
        }
        fileprivate var index: HandleIndex?
        fileprivate var releasers: [Question: Set<String>] = [:]

        init() {}
    }

    private var index: HandleIndex {
        if let built = memo.index { return built }
        let built = HandleIndex(facts: facts)
        memo.index = built
        return built
    }

    /// How many constructors a handle may pass through before it is returned.
    private static let maxWrappers = 3
    /// How many struct levels apart a handle and the owner of the lock may be.
    private static let maxNesting = 3

    /// Whether returning `operand` hands over the lock held on one of
    /// `locks` (places in this function's terms).
    func handsOver(_ operand: Operand, locks: PlaceSet) -> Bool {
        guard case .place(let handle) = operand else { return false }
        return !releasers(of: facts.normalize(handle), locks: locks, wrappers: 0).isEmpty
    }

    /// The names of the methods of `handle`'s type that end one of `locks`:
    /// its own methods that unlock through the fields it holds, or, for a
    /// value a constructor made around such a handle, the wrapper's methods
    /// that forward to them.
    private func releasers(of handle: Place, locks: PlaceSet, wrappers: Int) -> Set<String> {
        let question = Memo.Question(handle: handle, locks: locks, wrappers: wrappers)
        if let known = memo.releasers[question] { return known }
        let found = search(handle, locks: locks, wrappers: wrappers)
        memo.releasers[question] = found
        return found
    }

    /// `releasers`, not yet known.
    private func search(_ handle: Place, locks: PlaceSet, wrappers: Int) -> Set<String> {
        let type = facts.types.type(of: handle)
        let nodes = methods(of: type)
        // Only a value with methods can end a lock: its own, or an
        // interface's that a wrapped handle implements.
        if nodes.isEmpty, !isInterface(type) { return [] }
        let own = ownReleasers(of: handle, methods: nodes, locks: locks)
        guard own.isEmpty, wrappers < Self.maxWrappers else { return own }
        for name in index.aliases(of: handle) {
            for site in index.callsByResult[name] ?? [] {
                let inst = instruction(at: site)
                let targets = facts.targets(of: inst.callee)
                guard targets.count == 1, let node = program.node(named: targets[0]) else { continue }
                let offset = inst.callee?.hasReceiver == true ? 1 : 0
                for (i, argument) in inst.operands.enumerated().dropFirst(offset) {
                    guard let wrapped = argument.place.map(facts.normalize) else { continue }
                    let inner = releasers(of: wrapped, locks: locks, wrappers: wrappers + 1)
                    guard !inner.isEmpty else { continue }
                    let outer = forwarded(by: node, parameter: i - offset, releasers: inner)
                    if !outer.isEmpty { return outer }
                }
            }
        }
        return []
    }

    /// The methods of `handle`'s own type that unlock one of `locks`
    /// through a field the handle holds its owner in.
    private func ownReleasers(of handle: Place, methods nodes: [Int], locks: PlaceSet) -> Set<String> {
        guard !nodes.isEmpty else { return [] }
        let handleNames = index.aliases(of: handle)
        var out = Set<String>()
        for lock in locks {
            // Each split of the lock's place into an owner the handle may
            // hold (`s`, `s.inner`) and the path from it to the mutex.
            for cut in 0..<lock.path.count {
                let owner = Place(lock.root, path: Array(lock.path.prefix(cut)))
                let rest = Array(lock.path.dropFirst(cut))
                for path in fieldPaths(of: handleNames, holding: owner, depth: 0) {
                    for node in nodes where unlocks(program.function(node), through: path, rest: rest) {
                        if let name = FunctionName.methodName(program.function(node).name) { out.insert(String(name)) }
                    }
                }
            }
        }
        return out
    }

    /// The field paths under which the value named by `handle` holds
    /// `owner`: `handle.f = owner` (a composite literal is lowered so), a
    /// struct a level deeper (`%1.s = owner; handle.common = %1`), or a
    /// method of the handle that does so with `owner` as its argument
    /// (`t.init(db)`).
    private func fieldPaths(of handle: Set<Place>, holding owner: Place, depth: Int) -> [[String]] {
        var out: [[String]] = []
        for dst in index.storesIntoFields[owner] ?? [] {
            // The handle is `dst` less some trailing fields, or a value
            // (`%1`) stored into the handle itself.
            for cut in stride(from: dst.path.count - 1, through: 0, by: -1) {
                guard let fields = Self.fieldNames(dst.path[cut...]) else { break }
                let holder = Place(dst.root, path: Array(dst.path.prefix(cut)))
                if handle.contains(holder) {
                    out.append(fields)
                } else if cut == 0, depth + 1 < Self.maxNesting, holder != owner {
                    out += fieldPaths(of: handle, holding: holder, depth: depth + 1).map { $0 + fields }
                }
            }
        }
        for receiver in handle {
            for site in index.callsOnReceiver[receiver] ?? [] {
                let inst = instruction(at: site)
                guard let k = inst.operands.dropFirst().firstIndex(where: { $0.place.map(facts.normalize) == owner }) else { continue }
                out += fieldsSet(byMethodCalled: inst, argument: k - 1).map { [$0] }
            }
        }
        return out
    }

    private func instruction(at site: HandleIndex.Site) -> Instruction {
        facts.function.blocks[site.block].instructions[site.index]
    }

    /// The field names of a path of fields only; nil when it has an
    /// element or a dereference.
    private static func fieldNames(_ path: some Collection<Selector>) -> [String]? {
        var out: [String] = []
        for s in path {
            guard case .field(let f) = s else { return nil }
            out.append(f)
        }
        return out
    }

    /// The receiver fields the method `inst` calls sets to its parameter
    /// `index`.
    private func fieldsSet(byMethodCalled inst: Instruction, argument index: Int) -> [String] {
        let targets = facts.targets(of: inst.callee)
        guard targets.count == 1, let node = program.node(named: targets[0]) else { return [] }
        reads.reads.nodes.insert(node)
        let method = program.function(node)
        guard let receiver = method.receiver, index >= 0, index < method.parameters.count else { return [] }
        let parameter = Place(.variable(method.parameters[index].name))
        var out: [String] = []
        for block in method.blocks {
            for inst in block.instructions where inst.op == .assign && inst.operands.first?.place == parameter {
                guard let dst = inst.results.first?.place, dst.root == .variable(receiver.name), dst.path.count == 1,
                      case .field(let f) = dst.path[0] else { continue }
                out.append(f)
            }
        }
        return out
    }

    /// Whether `method` unlocks `receiver.path.rest` (now or deferred),
    /// itself or through a method it calls on `receiver.path` that
    /// unlocks `rest` of its own receiver (`tx.db.removeTx(tx)`).
    private func unlocks(_ method: Function, through path: [String], rest: [Selector]) -> Bool {
        guard let receiver = method.receiver else { return false }
        let owner = Place(.variable(receiver.name), path: path.map { .field($0) })
        if unlocks(method, Place(owner.root, path: owner.path + rest)) { return true }
        for block in method.blocks {
            for inst in block.instructions where inst.op == .call && inst.callee?.hasReceiver == true && inst.operands.first?.place == owner {
                let targets = facts.targets(of: inst.callee)
                guard targets.count == 1, let node = program.node(named: targets[0]),
                      let r = program.function(node).receiver else { continue }
                reads.reads.nodes.insert(node)
                if unlocks(program.function(node), Place(.variable(r.name), path: rest)) { return true }
            }
        }
        return false
    }

    private func unlocks(_ function: Function, _ mutex: Place) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { inst in
                (inst.op == .mutexUnlock || inst.op == .mutexRUnlock) && inst.operands.first?.place == mutex
            }
        }
    }

    // MARK: Wrappers

    /// The methods through which the value the constructor `node` returns
    /// ends what it was given as its parameter `index`, whose own methods
    /// `releasers` end it: the constructor stores the parameter in a field
    /// of a value it makes (through any number of nested values), and each
    /// of those values' types forwards the release to that field. Empty
    /// when the value is not returned or a level drops the release.
    private func forwarded(by node: Int, parameter index: Int, releasers: Set<String>) -> Set<String> {
        reads.reads.nodes.insert(node)
        let constructor = program.function(node)
        guard index >= 0, index < constructor.parameters.count, !constructor.parameters[index].name.isEmpty else { return [] }
        let types = program.shared.types(node)
        var current = Place(.variable(constructor.parameters[index].name))
        var names = releasers
        var seen: Set<Place> = []
        while seen.insert(current).inserted {
            if Self.returns(constructor, current) { return names }
            guard let dst = Self.firstStore(of: current, in: constructor), let fields = Self.fieldNames(dst.path) else { return [] }
            let holder = Place(dst.root)
            if !fields.isEmpty {
                names = forwarding(names, type: types.type(of: holder), field: fields)
                if names.isEmpty { return [] }
            }
            current = holder
        }
        return []
    }

    /// Whether some `return` of `function` returns `place`.
    private static func returns(_ function: Function, _ place: Place) -> Bool {
        function.blocks.contains { block in
            if case .return(let operands)? = block.terminator { return operands.contains(.place(place)) }
            return false
        }
    }

    /// Where `function` first stores `place`'s value (`%1.inner = place`,
    /// `w := place`).
    private static func firstStore(of place: Place, in function: Function) -> Place? {
        for block in function.blocks {
            for inst in block.instructions where inst.op == .assign && inst.operands.first == .place(place) {
                if let dst = inst.results.first?.place { return dst }
            }
        }
        return nil
    }

    /// The methods of `type` that end what its field `path` holds, given
    /// the methods that end that: a method that calls one of `names` on
    /// the field (`defer tw.TxnWrite.End()`), and, when the field is
    /// embedded, the methods of `names` the type does not declare itself
    /// (Go promotes them).
    private func forwarding(_ names: Set<String>, type: GoType, field path: [String]) -> Set<String> {
        var out = Set<String>()
        var declared = Set<String>()
        for node in methods(of: type) {
            let method = program.function(node)
            guard let own = FunctionName.methodName(method.name).map(String.init), let receiver = method.receiver else { continue }
            declared.insert(own)
            let field = Place(.variable(receiver.name), path: path.map { .field($0) })
            let calls = method.blocks.contains { block in
                block.instructions.contains { inst in
                    guard inst.op == .call, inst.callee?.hasReceiver == true, inst.operands.first == .place(field),
                          let callee = inst.callee?.staticName, let name = FunctionName.methodName(callee) else { return false }
                    return names.contains(String(name))
                }
            }
            if calls { out.insert(own) }
        }
        if path.count == 1, isEmbedded(path[0], in: type) {
            out.formUnion(names.subtracting(declared))
        }
        return out
    }

    /// Whether `field` is an embedded field of the struct `type` is (or
    /// points to).
    private func isEmbedded(_ field: String, in type: GoType) -> Bool {
        var t = type
        if case .pointer(let inner) = t { t = inner }
        guard case .structure(let fields) = program.types.underlying(t) else { return false }
        return fields.contains { $0.name == field && $0.isEmbedded }
    }

    private func isInterface(_ type: GoType) -> Bool {
        if case .interface = program.types.underlying(type) { return true }
        return false
    }

    /// The methods declared on `type`, recorded as read.
    private func methods(of type: GoType) -> [Int] {
        if let package = BodyReads.package(declaring: type) { reads.reads.methodLists.insert(package) }
        let nodes = program.methods(of: type)
        reads.reads.nodes.formUnion(nodes)
        return nodes
    }
}
