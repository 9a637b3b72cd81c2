/// Every structural check, by the rule id it reports: the one list to
/// extend when a rule file with `analysis: structural` gets its Swift side.
enum StructuralCatalog {
    private struct Entry {
        var needs: Set<ProgramNeed>
        var make: () -> any StructuralCheck
    }

    private static let entries: [String: Entry] = [
        TimeTickLeak.id: Entry(needs: []) { TimeTickLeak() },
        TimeAfterInLoop.id: Entry(needs: []) { TimeAfterInLoop() },
        TimerResetUndrained.id: Entry(needs: []) { TimerResetUndrained() },
        AfterFuncDropped.id: Entry(needs: []) { AfterFuncDropped() },
        WaitGroupAddInGoroutine.id: Entry(needs: [.waitGroups]) { WaitGroupAddInGoroutine() },
        WaitGroupDoneMissing.id: Entry(needs: [.waitGroups]) { WaitGroupDoneMissing() },
        WaitGroupAddCountMismatch.id: Entry(needs: [.waitGroups]) { WaitGroupAddCountMismatch() },
        WaitGroupDoneExceedsAdd.id: Entry(needs: []) { WaitGroupDoneExceedsAdd() },
        WaitGroupCopied.id: Entry(needs: []) { WaitGroupCopied() },
        CancelFieldNeverCalled.id: Entry(needs: []) { CancelFieldNeverCalled() },
        DeferredLock.id: Entry(needs: []) { DeferredLock() },
        EmptyCriticalSection.id: Entry(needs: []) { EmptyCriticalSection() },
        LockOfCopiedMutex.id: Entry(needs: []) { LockOfCopiedMutex() },
        RecursiveReadLock.id: Entry(needs: [.readLocks]) { RecursiveReadLock() },
        // sync misuse (Sources/Analyses/SyncMisuse), defers that pile up, busy waiting.
        PoolObjectNotReset.id: Entry(needs: []) { PoolObjectNotReset() },
        PoolObjectUsedAfterPut.id: Entry(needs: []) { PoolObjectUsedAfterPut() },
        PoolNonPointerValue.id: Entry(needs: []) { PoolNonPointerValue() },
        AtomicLoadModifyStore.id: Entry(needs: []) { AtomicLoadModifyStore() },
        AtomicValueMutatedInPlace.id: Entry(needs: []) { AtomicValueMutatedInPlace() },
        AtomicValueTypeMismatch.id: Entry(needs: []) { AtomicValueTypeMismatch() },
        MixedAtomicAccess.id: Entry(needs: []) { MixedAtomicAccess() },
        SyncValueCopied.id: Entry(needs: []) { SyncValueCopied() },
        OnceDoReentered.id: Entry(needs: []) { OnceDoReentered() },
        OnceFunctionPanics.id: Entry(needs: []) { OnceFunctionPanics() },
        CondWaitNotInLoop.id: Entry(needs: []) { CondWaitNotInLoop() },
        CondWaitWithoutLock.id: Entry(needs: []) { CondWaitWithoutLock() },
        CondSignalSharedConditions.id: Entry(needs: []) { CondSignalSharedConditions() },
        DeferInLoop.goroutineID: Entry(needs: [.callCycles]) { DeferInLoop(ruleID: DeferInLoop.goroutineID) },
        DeferInLoop.mutexID: Entry(needs: [.callCycles]) { DeferInLoop(ruleID: DeferInLoop.mutexID) },
        DeferInLoop.contextID: Entry(needs: [.callCycles]) { DeferInLoop(ruleID: DeferInLoop.contextID) },
        DeferredClosureHoldsBuffer.id: Entry(needs: []) { DeferredClosureHoldsBuffer() },
        BusySelectDefault.id: Entry(needs: []) { BusySelectDefault() },
        BusyPollLoop.id: Entry(needs: []) { BusyPollLoop() },
        ChannelClosedByLength.id: Entry(needs: []) { ChannelClosedByLength() },
    ]

    static func knows(_ id: String) -> Bool { entries[id] != nil }

    /// Every rule id with a check.
    static var ids: [String] { entries.keys.sorted() }

    /// Fresh checks for the enabled rule ids, in id order.
    static func checks(for ids: Set<String>) -> [any StructuralCheck] {
        ids.sorted().compactMap { entries[$0]?.make() }
    }

    static func needs(of ids: [String]) -> Set<ProgramNeed> {
        ids.reduce(into: Set<ProgramNeed>()) { $0.formUnion(entries[$1]?.needs ?? []) }
    }
}
