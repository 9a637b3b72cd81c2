import ConcIR

/// Objects a function makes and returns: the goroutines it leaves running
/// may still use them, and the caller knows them by the place it stores the
/// result in. Maps the function's own objects to `result(i)` paths: the
/// returned object itself, and objects stored once in its fields
/// (`&Server{cache: m}`).
struct ResultAliases {
    let node: Int
    private var aliases: [AccessRoot: AbstractPlace] = [:]

    init(node: Int, resolver: PlaceResolver, returned: [[Operand]]) {
        self.node = node
        var ambiguous = Set<AccessRoot>()
        for values in returned {
            for (i, v) in values.enumerated() {
                guard let r = resolver.resolve(v)?.place, r.steps.isEmpty, r.isLocal(to: node) else { continue }
                let alias = AbstractPlace(.result(i))
                if let known = aliases[r.root], known != alias { ambiguous.insert(r.root) }
                aliases[r.root] = alias
            }
        }
        for root in ambiguous { aliases[root] = nil }
        guard !aliases.isEmpty else { return }
        // Two rounds reach an object stored in a field of a field.
        for _ in 0..<2 {
            for store in resolver.singleStores {
                guard let object = resolver.resolveRoot(named: store.object)?.place, object.steps.isEmpty,
                      let base = aliases[object.root], let field = base.appending([.field(store.field)]),
                      let source = resolver.resolve(store.source)?.place, source.steps.isEmpty, source.isLocal(to: node),
                      aliases[source.root] == nil else { continue }
                aliases[source.root] = field
            }
        }
    }

    /// The place in result terms, nil when it is not reachable from a result.
    func map(_ place: AbstractPlace) -> AbstractPlace? {
        guard let base = aliases[place.root] else { return nil }
        return base.appending(place.steps)
    }

    /// An access left running, in the terms the caller can translate: its
    /// map, locks and synchronisation objects that the function made and
    /// returned are renamed after the result; an access to another object
    /// of the function's own is dropped (nobody else can reach it). The
    /// map need not be the function's own for its synchronisation to be:
    /// a goroutine that writes the caller's map and then signals a channel
    /// the function returns (`donec := make(chan T); go func() { ...;
    /// donec <- v }(); return donec`) is waited for by `<-r.Stats()`.
    func map(_ access: MapAccess) -> MapAccess? {
        guard !aliases.isEmpty else { return access.map.isLocal(to: node) ? nil : access }
        var out = access
        if case .local(let owner, _) = access.map.root, owner == node {
            guard let mapped = map(access.map) else { return nil }
            out.map = mapped
        }
        out.locks = LockSet(access.locks.locks.map { held in
            held.renamed(held.lock.map { map($0) ?? $0 })
        })
        out.signalsAfter = Set(access.signalsAfter.map { map($0) ?? $0 })
        out.waitedBefore = Set(access.waitedBefore.map { map($0) ?? $0 })
        out.startedAfter = Set(access.startedAfter.map { map($0) ?? $0 })
        return out
    }
}
