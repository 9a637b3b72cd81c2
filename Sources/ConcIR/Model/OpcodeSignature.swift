/// How many operands and results an operation takes, whether it names a
/// type, and what each operand means.
///
/// One table drives the parser (arity errors), the validator, and the
/// opcode reference in docs/ir.md (a test checks that the two agree).
public struct OpcodeSignature: Sendable {
    /// The operation is written `op T, operands` with a type first.
    public var takesType: Bool
    public var operands: ClosedRange<Int>
    public var results: ClosedRange<Int>
    /// The operands' roles as written in the DSL (`ch, v`).
    public var operandNames: String
    /// The results' roles (`value, ok`), empty when there are none.
    public var resultNames: String
    /// One line: what the operation does.
    public var summary: String

    /// Call-shaped operations take any number of arguments and results.
    static let unbounded = 0...Int(Int32.max)
}

extension Opcode {
    public var signature: OpcodeSignature { Opcode.signatures[Int(rawValue)] }

    private static let signatures: [OpcodeSignature] = allCases.map(\.makeSignature)

    private func sig(_ operands: ClosedRange<Int>, _ results: ClosedRange<Int>, _ operandNames: String,
                     _ resultNames: String, _ summary: String, type: Bool = false) -> OpcodeSignature {
        OpcodeSignature(takesType: type, operands: operands, results: results,
                        operandNames: operandNames, resultNames: resultNames, summary: summary)
    }

    // Wrapped lines would hide the table's shape; keep one operation a line.
    // swiftlint:disable line_length
    private var makeSignature: OpcodeSignature {
        let any = OpcodeSignature.unbounded
        switch self {
        case .chanMake: return sig(1...1, 0...1, "T, cap", "ch", "make(chan T, cap): a new channel with element type T; cap is a constant, a variable or ?", type: true)
        case .chanSend: return sig(2...2, 0...0, "ch, v", "", "ch <- v: blocks until a receiver takes v or the buffer has room; panics on a closed channel")
        case .chanRecv: return sig(1...1, 0...2, "ch", "v, ok", "<-ch: blocks until a value or close; with the range marker it is the step of `for range ch`")
        case .chanClose: return sig(1...1, 0...0, "ch", "", "close(ch)")
        case .chanLen: return sig(1...1, 0...1, "ch", "n", "len(ch): polling a channel's length")
        case .chanCap: return sig(1...1, 0...1, "ch", "n", "cap(ch)")
        case .wgAdd: return sig(2...2, 0...0, "wg, n", "", "wg.Add(n)")
        case .wgDone: return sig(1...1, 0...0, "wg", "", "wg.Done()")
        case .wgWait: return sig(1...1, 0...0, "wg", "", "wg.Wait(): blocks until the counter is zero")
        case .wgGo: return sig(2...2, 0...0, "wg, f", "", "wg.Go(f) (Go 1.25): Add(1), run f on a new goroutine, Done when it returns")
        case .mutexLock: return sig(1...1, 0...0, "mu", "", "mu.Lock()")
        case .mutexUnlock: return sig(1...1, 0...0, "mu", "", "mu.Unlock()")
        case .mutexRLock: return sig(1...1, 0...0, "mu", "", "mu.RLock() on a sync.RWMutex")
        case .mutexRUnlock: return sig(1...1, 0...0, "mu", "", "mu.RUnlock()")
        case .mutexTryLock: return sig(1...1, 0...1, "mu", "ok", "mu.TryLock()")
        case .mutexTryRLock: return sig(1...1, 0...1, "mu", "ok", "mu.TryRLock()")
        case .timerNew: return sig(1...1, 0...1, "d", "t", "time.NewTimer(d): a *time.Timer whose channel is t.C")
        case .tickerNew: return sig(1...1, 0...1, "d", "t", "time.NewTicker(d): a *time.Ticker whose channel is t.C")
        case .timerStop: return sig(1...1, 0...1, "t", "stopped", "t.Stop() on a timer")
        case .tickerStop: return sig(1...1, 0...0, "t", "", "t.Stop() on a ticker")
        case .timerReset: return sig(2...2, 0...1, "t, d", "active", "t.Reset(d) on a timer")
        case .tickerReset: return sig(2...2, 0...0, "t, d", "", "t.Reset(d) on a ticker")
        case .timeAfter: return sig(1...1, 0...1, "d", "ch", "time.After(d): a channel that receives once")
        case .timeAfterFunc: return sig(2...2, 0...1, "d, f", "t", "time.AfterFunc(d, f): f runs on its own goroutine after d unless t is stopped")
        case .timeTick: return sig(1...1, 0...1, "d", "ch", "time.Tick(d): a ticker channel that is never stopped")
        case .timeSleep: return sig(1...1, 0...0, "d", "", "time.Sleep(d)")
        case .ctxBackground: return sig(0...0, 0...1, "", "ctx", "context.Background()")
        case .ctxTODO: return sig(0...0, 0...1, "", "ctx", "context.TODO()")
        case .ctxWithCancel: return sig(1...1, 0...2, "parent", "ctx, cancel", "context.WithCancel(parent)")
        case .ctxWithCancelCause: return sig(1...1, 0...2, "parent", "ctx, cancel", "context.WithCancelCause(parent)")
        case .ctxWithTimeout: return sig(2...2, 0...2, "parent, d", "ctx, cancel", "context.WithTimeout(parent, d)")
        case .ctxWithDeadline: return sig(2...2, 0...2, "parent, t", "ctx, cancel", "context.WithDeadline(parent, t)")
        case .ctxWithValue: return sig(1...1, 0...1, "parent", "ctx", "context.WithValue(parent, k, v): a child that cannot be cancelled on its own")
        case .ctxCancel: return sig(1...2, 0...0, "cancel, cause", "", "cancel() or cancel(cause): calling a CancelFunc or CancelCauseFunc")
        case .ctxDone: return sig(1...1, 0...1, "ctx", "ch", "ctx.Done(): a channel closed on cancellation")
        case .ctxErr: return sig(1...1, 0...1, "ctx", "err", "ctx.Err()")
        case .mapMake: return sig(0...1, 0...1, "T, size", "m", "make(T, size) for a map type T; size is optional", type: true)
        case .mapRead: return sig(1...1, 0...2, "m", "v, ok", "m[k]: a read of map m")
        case .mapWrite: return sig(1...3, 0...0, "m, k, v", "", "m[k] = v: a write of map m; k and v are given when one of them is worth tracking")
        case .mapDelete: return sig(1...1, 0...0, "m", "", "delete(m, k)")
        case .mapLen: return sig(1...1, 0...1, "m", "n", "len(m)")
        case .mapRange: return sig(1...1, 0...2, "m", "k, v", "one step of `for k, v := range m` (a read)")
        case .mapClear: return sig(1...1, 0...0, "m", "", "clear(m) (a write)")
        case .onceDo: return sig(2...2, 0...0, "o, f", "", "o.Do(f): f runs once, on the calling goroutine")
        case .condNew: return sig(1...1, 0...1, "l", "c", "sync.NewCond(l)")
        case .condWait: return sig(1...1, 0...0, "c", "", "c.Wait()")
        case .condSignal: return sig(1...1, 0...0, "c", "", "c.Signal()")
        case .condBroadcast: return sig(1...1, 0...0, "c", "", "c.Broadcast()")
        case .poolGet: return sig(1...1, 0...1, "p", "x", "p.Get()")
        case .poolPut: return sig(2...2, 0...0, "p, x", "", "p.Put(x)")
        case .atomicLoad: return sig(1...1, 0...1, "a", "v", "atomic load of place a (atomic.LoadInt64(&a), a.Load())")
        case .atomicStore: return sig(2...2, 0...0, "a, v", "", "atomic store of v into place a")
        case .atomicAdd: return sig(2...2, 0...1, "a, delta", "new", "atomic add to place a")
        case .atomicSwap: return sig(2...2, 0...1, "a, v", "old", "atomic swap of place a")
        case .atomicCAS: return sig(3...3, 0...1, "a, old, new", "swapped", "atomic compare-and-swap of place a")
        case .atomicValueLoad: return sig(1...1, 0...1, "v", "x", "v.Load() on an atomic.Value")
        case .atomicValueStore: return sig(2...2, 0...0, "v, x", "", "v.Store(x) on an atomic.Value")
        case .atomicValueSwap: return sig(2...2, 0...1, "v, x", "old", "v.Swap(x) on an atomic.Value")
        case .atomicValueCAS: return sig(3...3, 0...1, "v, old, new", "swapped", "v.CompareAndSwap(old, new) on an atomic.Value")
        case .lockOSThread: return sig(0...0, 0...0, "", "", "runtime.LockOSThread()")
        case .unlockOSThread: return sig(0...0, 0...0, "", "", "runtime.UnlockOSThread()")
        case .cgoCall: return sig(any, any, "C.f(args)", "results", "a call into C through cgo")
        case .allocNew: return sig(0...0, 0...1, "T", "p", "new(T): a *T to fresh storage", type: true)
        case .allocMake: return sig(1...2, 0...1, "T, len, cap", "s", "make(T, len, cap) for a slice type T", type: true)
        case .allocLit: return sig(0...1, 0...1, "T, len", "x", "a composite literal of type T; for &S{...}, T is *S; len: the elements of a slice literal", type: true)
        case .addr: return sig(1...1, 0...1, "x", "p", "&x: the address of place x")
        case .call: return sig(any, any, "f(args)", "results", "a call; see \"Calls\"")
        case .assign: return sig(1...1, 1...1, "src", "dst", "dst = src: a copy (written `assign dst = src`)")
        case .use: return sig(1...1, 0...0, "x", "", "a read that matters: x escapes into unknown code or is returned")
        case .zero: return sig(0...0, 1...1, "", "x", "x = its zero value: `var x T` of a struct or array type in a loop body, a new variable each iteration")
        case .isNil: return sig(1...1, 1...1, "x", "b", "b = (x == nil): the test of a condition `x == nil` or `x != nil`")
        case .cmpEq: return sig(2...2, 1...1, "x, y", "b", "b = (x == y): the test of a condition `x == y` or `x != y` on integers, strings or booleans")
        case .cmpLt: return sig(2...2, 1...1, "x, y", "b", "b = (x < y): the test of a condition `x < y` or `y > x`")
        case .cmpLe: return sig(2...2, 1...1, "x, y", "b", "b = (x <= y): the test of a condition `x <= y` or `y >= x`")
        case .len: return sig(1...1, 1...1, "x", "n", "n = len(x) of a slice, string or array, kept where it is counted: a condition (`len(xs) > 0`), an integer variable, a sum, an argument, a size")
        case .add: return sig(2...2, 1...1, "x, y", "n", "n = x + y on integers: `x++` is `x = add x, 1`, `x += y` is `x = add x, y`")
        case .sub: return sig(2...2, 1...1, "x, y", "n", "n = x - y on integers: `x -= y` is `x = sub x, y`")
        }
    }
    // swiftlint:enable line_length
}
