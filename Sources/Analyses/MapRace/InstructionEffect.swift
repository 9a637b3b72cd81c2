/// What one instruction does that matters to map races, in its function's
/// terms: map accesses on the current goroutine, locks taken and released,
/// channels and WaitGroups waited for and signalled, goroutines started.
struct InstructionEffect: Sendable {
    /// Accesses made now (the instruction's own, or its callees'). Their
    /// locks are those the callee holds; the caller adds its own.
    var accesses: [MapAccess] = []
    var acquire: [HeldLock] = []
    var release: [AbstractPlace?] = []
    /// Receives, `Wait`s: whatever was signalled before is ordered before
    /// what follows.
    var joins: [AbstractPlace] = []
    /// Sends, closes, `Done`s.
    var signals: [AbstractPlace] = []
    var group: GoroutineGroup?
    /// `t.Parallel()` on the function's own test: what follows runs as a
    /// parallel test (`MapAccess.inParallelTest`).
    var parallelTest: SiteStep?
    /// The parameter (as call operands number them) that is the test
    /// `parallelTest` made parallel, so that the function's summary can
    /// say it does so for its callers (`MapRaceSummary.parallelTestParameter`).
    var parallelParameter: Int?
    /// A `defer`: the accesses, group, signals and releases happen when the
    /// function returns.
    var isDeferred = false

    /// Whether it leaves the flow state as it was: no lock, ordering,
    /// goroutine or deferred work, at most accesses made now.
    var keepsState: Bool {
        onlyAccesses && (!isDeferred || accesses.isEmpty)
    }

    var isEmpty: Bool {
        accesses.isEmpty && onlyAccesses
    }

    /// No lock, ordering or goroutine: nothing but accesses, if that.
    private var onlyAccesses: Bool {
        acquire.isEmpty && release.isEmpty && joins.isEmpty && signals.isEmpty && group == nil && parallelTest == nil
    }
}
