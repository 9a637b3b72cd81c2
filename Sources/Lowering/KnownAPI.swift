import ConcIR

/// The standard library calls that the IR has operations for, by the
/// qualified name of the function (`time.NewTicker`) or of the receiver's
/// declared type and the method (`sync.WaitGroup.Add`). Everything else is
/// a plain `call`.
enum KnownAPI {
    /// How the call's arguments become the operation's operands.
    enum Operands {
        /// The receiver, then the arguments, as written.
        case receiverAndArguments
        /// The arguments as written.
        case arguments
        /// The first argument only (`context.WithValue(parent, k, v)`).
        case firstArgument
        /// None (`context.Background()`).
        case none
        /// The place the first argument points to (`atomic.AddInt64(&n, 1)`), then the rest.
        case pointee
    }

    struct Entry {
        var op: Opcode
        var operands: Operands
    }

    static func function(_ qualified: String) -> Entry? { functions[qualified] }

    static func method(type qualifiedType: String, method: String) -> Entry? {
        methods[qualifiedType + "." + method]
    }

    private static let functions: [String: Entry] = {
        var t: [String: Entry] = [
            "time.NewTimer": Entry(op: .timerNew, operands: .arguments),
            "time.NewTicker": Entry(op: .tickerNew, operands: .arguments),
            "time.After": Entry(op: .timeAfter, operands: .arguments),
            "time.AfterFunc": Entry(op: .timeAfterFunc, operands: .arguments),
            "time.Tick": Entry(op: .timeTick, operands: .arguments),
            "time.Sleep": Entry(op: .timeSleep, operands: .arguments),
            "context.Background": Entry(op: .ctxBackground, operands: .none),
            "context.TODO": Entry(op: .ctxTODO, operands: .none),
            "context.WithCancel": Entry(op: .ctxWithCancel, operands: .arguments),
            "context.WithCancelCause": Entry(op: .ctxWithCancelCause, operands: .arguments),
            "context.WithTimeout": Entry(op: .ctxWithTimeout, operands: .arguments),
            "context.WithDeadline": Entry(op: .ctxWithDeadline, operands: .arguments),
            "context.WithValue": Entry(op: .ctxWithValue, operands: .firstArgument),
            "sync.NewCond": Entry(op: .condNew, operands: .arguments),
            "runtime.LockOSThread": Entry(op: .lockOSThread, operands: .none),
            "runtime.UnlockOSThread": Entry(op: .unlockOSThread, operands: .none),
        ]
        for kind in ["Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Pointer"] {
            t["sync/atomic.Load\(kind)"] = Entry(op: .atomicLoad, operands: .pointee)
            t["sync/atomic.Store\(kind)"] = Entry(op: .atomicStore, operands: .pointee)
            t["sync/atomic.Swap\(kind)"] = Entry(op: .atomicSwap, operands: .pointee)
            t["sync/atomic.CompareAndSwap\(kind)"] = Entry(op: .atomicCAS, operands: .pointee)
            if kind != "Pointer" { t["sync/atomic.Add\(kind)"] = Entry(op: .atomicAdd, operands: .pointee) }
        }
        return t
    }()

    private static let methods: [String: Entry] = {
        var t: [String: Entry] = [:]
        func m(_ type: String, _ method: String, _ op: Opcode) {
            t[type + "." + method] = Entry(op: op, operands: .receiverAndArguments)
        }
        m("sync.Mutex", "Lock", .mutexLock)
        m("sync.Mutex", "Unlock", .mutexUnlock)
        m("sync.Mutex", "TryLock", .mutexTryLock)
        m("sync.RWMutex", "Lock", .mutexLock)
        m("sync.RWMutex", "Unlock", .mutexUnlock)
        m("sync.RWMutex", "RLock", .mutexRLock)
        m("sync.RWMutex", "RUnlock", .mutexRUnlock)
        m("sync.RWMutex", "TryLock", .mutexTryLock)
        m("sync.RWMutex", "TryRLock", .mutexTryRLock)
        m("sync.Locker", "Lock", .mutexLock)
        m("sync.Locker", "Unlock", .mutexUnlock)
        m("sync.WaitGroup", "Add", .wgAdd)
        m("sync.WaitGroup", "Done", .wgDone)
        m("sync.WaitGroup", "Wait", .wgWait)
        m("sync.WaitGroup", "Go", .wgGo)
        m("sync.Once", "Do", .onceDo)
        m("sync.Cond", "Wait", .condWait)
        m("sync.Cond", "Signal", .condSignal)
        m("sync.Cond", "Broadcast", .condBroadcast)
        m("sync.Pool", "Get", .poolGet)
        m("sync.Pool", "Put", .poolPut)
        m("time.Timer", "Stop", .timerStop)
        m("time.Timer", "Reset", .timerReset)
        m("time.Ticker", "Stop", .tickerStop)
        m("time.Ticker", "Reset", .tickerReset)
        m("context.Context", "Done", .ctxDone)
        m("context.Context", "Err", .ctxErr)
        m("sync/atomic.Value", "Load", .atomicValueLoad)
        m("sync/atomic.Value", "Store", .atomicValueStore)
        m("sync/atomic.Value", "Swap", .atomicValueSwap)
        m("sync/atomic.Value", "CompareAndSwap", .atomicValueCAS)
        for kind in ["Bool", "Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Pointer"] {
            m("sync/atomic.\(kind)", "Load", .atomicLoad)
            m("sync/atomic.\(kind)", "Store", .atomicStore)
            m("sync/atomic.\(kind)", "Swap", .atomicSwap)
            m("sync/atomic.\(kind)", "CompareAndSwap", .atomicCAS)
            if kind != "Bool" && kind != "Pointer" { m("sync/atomic.\(kind)", "Add", .atomicAdd) }
        }
        return t
    }()
}
