import ConcIR
import RuleEngine

/// The standard-library calls the lowering turns into IR operations, keyed
/// by the name go/types gives them (`Func.FullName`).
///
/// Rule files name calls the way go/types prints them (`time.NewTicker`,
/// `(*sync.Mutex).Lock`); the IR has `ticker.new` and `mutex.lock` instead of
/// calls for these. This table is the one place that connects the two, so a
/// rule written against a standard call matches whichever form the IR uses.
/// Operands follow the call convention either way: a method's receiver is
/// operand 0, argument `i` is operand `i` (functions) or `i + 1` (methods).
enum StandardOperations {
    static let opcodeByName: [String: Opcode] = [
        "time.NewTimer": .timerNew,
        "time.NewTicker": .tickerNew,
        "(*time.Timer).Stop": .timerStop,
        "(*time.Ticker).Stop": .tickerStop,
        "(*time.Timer).Reset": .timerReset,
        "(*time.Ticker).Reset": .tickerReset,
        "time.After": .timeAfter,
        "time.AfterFunc": .timeAfterFunc,
        "time.Tick": .timeTick,
        "time.Sleep": .timeSleep,
        "context.Background": .ctxBackground,
        "context.TODO": .ctxTODO,
        "context.WithCancel": .ctxWithCancel,
        "context.WithCancelCause": .ctxWithCancelCause,
        "context.WithTimeout": .ctxWithTimeout,
        "context.WithDeadline": .ctxWithDeadline,
        "context.WithValue": .ctxWithValue,
        "(*sync.WaitGroup).Add": .wgAdd,
        "(*sync.WaitGroup).Done": .wgDone,
        "(*sync.WaitGroup).Wait": .wgWait,
        "(*sync.WaitGroup).Go": .wgGo,
        "(*sync.Mutex).Lock": .mutexLock,
        "(*sync.Mutex).Unlock": .mutexUnlock,
        "(*sync.Mutex).TryLock": .mutexTryLock,
        "(*sync.RWMutex).Lock": .mutexLock,
        "(*sync.RWMutex).Unlock": .mutexUnlock,
        "(*sync.RWMutex).RLock": .mutexRLock,
        "(*sync.RWMutex).RUnlock": .mutexRUnlock,
        "(*sync.RWMutex).TryLock": .mutexTryLock,
        "(*sync.RWMutex).TryRLock": .mutexTryRLock,
        "(*sync.Once).Do": .onceDo,
        "sync.NewCond": .condNew,
        "(*sync.Cond).Wait": .condWait,
        "(*sync.Cond).Signal": .condSignal,
        "(*sync.Cond).Broadcast": .condBroadcast,
        "(*sync.Pool).Get": .poolGet,
        "(*sync.Pool).Put": .poolPut,
        "runtime.LockOSThread": .lockOSThread,
        "runtime.UnlockOSThread": .unlockOSThread,
    ]

    /// The receiver type a mutex operation needs, when the opcode alone does
    /// not say (`mutex.lock` serves both sync.Mutex and sync.RWMutex).
    static func receiverType(of pattern: CallPattern) -> WellKnownType? {
        guard let receiver = pattern.receiver else { return nil }
        return WellKnownType(rawValue: pattern.packagePath + "." + receiver.typeName)
    }

    /// A standard call that panics on a constant argument, so it creates
    /// nothing to release: deriving a context from a nil parent
    /// (`context.WithCancel(nil)` panics "cannot create context from nil
    /// parent"), and a ticker of a non-positive constant interval
    /// (`time.NewTicker(-1)` panics "non-positive interval for NewTicker").
    static func panicsOnConstantArgument(_ inst: Instruction) -> Bool {
        guard case .opcode(let op)? = inst.matchTarget else { return false }
        switch op {
        case .ctxWithCancel, .ctxWithCancelCause, .ctxWithTimeout, .ctxWithDeadline:
            return inst.operands.first == .nil
        case .tickerNew:
            if case .int(let d)? = inst.operands.first { return d <= 0 }
            return false
        default:
            return false
        }
    }

    /// `time.NewTimer` of a non-positive constant duration: the timer fires
    /// at once, so nothing stays scheduled for a Stop to cancel.
    static func firesAtOnce(_ inst: Instruction) -> Bool {
        guard case .opcode(.timerNew)? = inst.matchTarget, case .int(let d)? = inst.operands.first else { return false }
        return d <= 0
    }
}
