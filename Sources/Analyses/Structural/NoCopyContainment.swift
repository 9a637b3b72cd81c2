import ConcIR

/// Whether a value of a type holds, by value, a sync type that must not be
/// copied (a WaitGroup, a Mutex): directly, in a struct field (embedded or
/// not) or in an array element. Pointers, slices, maps and channels share
/// rather than copy, so they stop the search.
enum NoCopyContainment {
    static func find(in type: GoType, kinds: Set<WellKnownType>, environment: TypeEnvironment) -> WellKnownType? {
        var level: [GoType] = [type]
        var visited = Set<String>()
        for _ in 0..<8 {
            var next: [GoType] = []
            for t in level {
                if let known = t.wellKnown {
                    if kinds.contains(known) { return known }
                    continue
                }
                if case .named(let n, _) = t {
                    guard visited.insert(n).inserted else { continue }
                }
                switch environment.underlying(t) {
                case .structure(let fields): next += fields.map(\.type)
                case .array(_, let element): next.append(element)
                default: break
                }
            }
            if next.isEmpty { return nil }
            level = next
        }
        return nil
    }

    static let waitGroup: Set<WellKnownType> = [.waitGroup]
    static let locks: Set<WellKnownType> = [.mutex, .rwMutex]
}
