import ConcIR

/// Pointer-to-mutex fields that the program only ever points at one lock
/// field of another type, as a keeper shares its owner's mutex:
///
///     t.keeper = &keeper{tokens: map[string]time.Time{}, mu: &t.tokensMu}
///     func (k *keeper) run() { k.mu.Lock(); delete(k.tokens, ...); k.mu.Unlock() }
///
/// `keeper.mu` is then the lock `owner.tokensMu` under another name, and
/// its `LockTypeKey` is that field's: a race check counts `k.mu` and
/// `t.tokensMu` as possibly one lock, as it does two locks of one key. A
/// field pointed at two different lock fields keeps its own key.
struct LockPointerFields: Sendable {
    /// Type key of the pointer field -> type key of the lock it points at.
    let targets: [String: String]

    init(functions: [Function], operations: [OperationSet], types: (Int) -> FunctionTypes) {
        var seen: [String: String] = [:]
        var ambiguous = Set<String>()
        for (node, function) in functions.enumerated() where node < operations.count && operations[node].contains(.addr) {
            var addressOf: [UInt32: Place] = [:]
            var functionTypes: FunctionTypes?
            for block in function.blocks {
                for inst in block.instructions {
                    if inst.op == .addr, case .place(let r)? = inst.results.first, r.path.isEmpty, case .temp(let n) = r.root,
                       let target = inst.operands.first?.place {
                        addressOf[n] = target
                        continue
                    }
                    // `%3.mu = %7` with `%7 = addr t.tokensMu`, or `k.mu = &t.tokensMu`.
                    guard inst.op == .assign, case .place(let field)? = inst.results.first,
                          case .place(let source)? = inst.operands.first, source.path.isEmpty, case .temp(let n) = source.root,
                          let target = addressOf[n] else { continue }
                    let t = functionTypes ?? types(node)
                    functionTypes = t
                    guard case .named(let name, _) = t.type(of: target), WellKnownType(rawValue: name)?.isLock == true,
                          let from = LockTypeKey.key(of: field, types: t), let to = LockTypeKey.key(of: target, types: t),
                          from != to else { continue }
                    if let earlier = seen[from], earlier != to { ambiguous.insert(from) }
                    seen[from] = to
                }
            }
        }
        for key in ambiguous { seen[key] = nil }
        targets = seen
    }

    /// The key a lock is compared by: the key of the lock field a pointer
    /// field always points at, else its own.
    func key(_ key: String?) -> String? {
        guard let key else { return nil }
        return targets[key] ?? key
    }

    /// The table as text, for the cache's settings (it depends on the whole
    /// program, not on one component).
    var description: String {
        targets.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
