import ConcIR

/// A place in the analysed code, for witnesses: a function (call-graph
/// node) and a position in its file.
struct SiteStep: Hashable, Sendable {
    enum Kind: UInt8, Hashable, Sendable {
        /// A call whose callee reaches the access.
        case call
        /// A `go` statement (or `wg.Go`) starting the goroutine.
        case spawn
        /// A function handed to a library that runs it on its own goroutine
        /// (`time.AfterFunc`, `errgroup.Group.Go`).
        case callback
        /// A handler registered with net/http: one goroutine per request.
        case handler
        /// `once.Do(f)`.
        case once
        /// A deferred call, run when the function returns.
        case deferred
        /// The map operation itself.
        case access
        /// A package's initializer, which leaves the goroutine running
        /// when `main` starts (`InitGoroutineCheck`).
        case initialization
        /// A call of a function value the function was handed (`f()` for a
        /// parameter `f`): its caller's function runs there.
        case value
        /// `t.Parallel()`: the rest of the test runs once its parent test's
        /// function has returned, beside the other parallel tests.
        case parallelTest
        /// `b.RunParallel(body)`: body runs on several goroutines at once,
        /// and the call waits for them.
        case runParallel
    }

    var function: Int
    var position: Position
    var kind: Kind
}

/// One read or write of a map, in the terms of the function whose summary
/// or goroutine holds it.
struct MapAccess: Hashable, Sendable {
    var map: AbstractPlace
    var isWrite: Bool
    /// Locks held by the goroutine doing the access.
    var locks: LockSet
    /// Channels and WaitGroups the goroutine sends on, closes or calls
    /// `Done` on, on every path, after the access: whoever waits for them
    /// afterwards is ordered after the access.
    var signalsAfter: Set<AbstractPlace>
    /// Channels received from and WaitGroups waited for, on every path,
    /// before the access (since the goroutine started).
    var waitedBefore: Set<AbstractPlace>
    /// For an access of a goroutine a callee left running: what that
    /// callee had received from or waited for, on every path, before it
    /// started the goroutine. Those waits are over by the time the caller
    /// goes on, so they say nothing of the caller's own accesses; they
    /// order the goroutine after one that signals them (`RaceRules.ordered`).
    var startedAfter: Set<AbstractPlace> = []
    /// The map operation.
    var site: SiteStep
    /// How the map is spelled at the site (`c.items`, `m[...]`).
    var name: String
    /// Calls leading from the goroutine's function to the site, outermost first.
    var trail: [SiteStep]
    /// For an access of a goroutine started inside a callee: the calls and
    /// `go` statements that started it, outermost first.
    var spawnTrail: [SiteStep]
    /// Set while the access belongs to a goroutine started in a loop: the
    /// map differs from one iteration (goroutine) to the next.
    var perIteration: Bool = false
    /// The lock-mode parameter values of the variant of the summary's
    /// function that made the access (`LockModeParameter`): a call keeps
    /// the access only when its arguments may have those values.
    var assumption = ParameterAssumption.none
    /// Not an access: the goroutine runs, here, the function value held at
    /// `map`, a parameter or a variable of an enclosing function
    /// (`func async(f func()) { go f() }`). It travels up the summaries
    /// with the locks and orderings of the point where the value runs,
    /// until a caller that passes a known function puts that function's
    /// accesses in its place (`EffectBuilder.expandRun`). It never races.
    var runsFunctionValue = false
    /// Made after the test that makes it called `t.Parallel`: it runs only
    /// once the function of that test's parent has returned (`testing`
    /// pauses parallel subtests until then), beside the other parallel
    /// tests. So it never races with any function's own accesses, which
    /// all come before; it does with goroutines and other parallel tests.
    var inParallelTest = false

    static let maxTrail = 8

    /// The access as seen one call further out.
    func prependingTrail(_ step: SiteStep) -> MapAccess {
        var copy = self
        copy.trail = MapAccess.trail(trail, after: step)
        return copy
    }

    func prependingSpawn(_ step: SiteStep) -> MapAccess {
        var copy = self
        copy.spawnTrail = MapAccess.trail(spawnTrail, after: step)
        return copy
    }

    /// `step` first, then at most `maxTrail - 1` of `trail`, in one new
    /// array: the trail of a translated access is shared with the callee's
    /// summary, so inserting into it would copy it and then move every step.
    static func trail(_ trail: [SiteStep], after step: SiteStep) -> [SiteStep] {
        var out: [SiteStep] = []
        out.reserveCapacity(min(trail.count + 1, maxTrail))
        out.append(step)
        out.append(contentsOf: trail.prefix(maxTrail - 1))
        return out
    }
}
