/// The goroutines started at one instruction of a function (a `go`
/// statement, a callback handed to a library, a call whose callee leaves
/// goroutines running), with every map access they may make, in that
/// function's terms.
struct GoroutineGroup: Sendable {
    /// Unique within the function: the instruction's index.
    var id: Int
    /// The instruction that starts them.
    var origin: SiteStep
    /// The function the goroutine runs (for names), or nil for goroutines
    /// left running by a callee.
    var entry: Int?
    var accesses: [AbstractPlace: [MapAccess]] = [:]
    /// A net/http handler: one goroutine per request, so the group races
    /// with itself even when registered once.
    var perRequest: Bool
    /// The call that starts them waits for them before it returns
    /// (`b.RunParallel`): checked against what runs when they start, and
    /// never left running.
    var joinedAtOnce = false

    var isEmpty: Bool { accesses.isEmpty }

    mutating func add(_ access: MapAccess) {
        accesses[access.map, default: []].append(access)
    }

    /// Every access, in a deterministic order.
    var allAccesses: [MapAccess] {
        accesses.keys.sorted(by: RaceRules.placeOrder).flatMap { accesses[$0] ?? [] }
    }
}
