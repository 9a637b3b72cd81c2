/// The operations of the concurrency IR, spelled in the DSL by their dotted
/// names.
///
/// Adding an operation means adding a case, its spelling and its signature
/// below: the parser, the printer, the validator and docs/ir.md's table all
/// follow the signature, so nothing else has to change.
public enum Opcode: UInt8, Hashable, Sendable, CaseIterable {
    // Channels
    case chanMake, chanSend, chanRecv, chanClose, chanLen, chanCap
    // sync.WaitGroup
    case wgAdd, wgDone, wgWait, wgGo
    // sync.Mutex and sync.RWMutex
    case mutexLock, mutexUnlock, mutexRLock, mutexRUnlock, mutexTryLock, mutexTryRLock
    // time
    case timerNew, tickerNew, timerStop, tickerStop, timerReset, tickerReset
    case timeAfter, timeAfterFunc, timeTick, timeSleep
    // context
    case ctxBackground, ctxTODO, ctxWithCancel, ctxWithCancelCause, ctxWithTimeout
    case ctxWithDeadline, ctxWithValue, ctxCancel, ctxDone, ctxErr
    // maps
    case mapMake, mapRead, mapWrite, mapDelete, mapLen, mapRange, mapClear
    // sync.Once, sync.Cond, sync.Pool
    case onceDo, condNew, condWait, condSignal, condBroadcast, poolGet, poolPut
    // sync/atomic
    case atomicLoad, atomicStore, atomicAdd, atomicSwap, atomicCAS
    case atomicValueLoad, atomicValueStore, atomicValueSwap, atomicValueCAS
    // OS threads and cgo
    case lockOSThread, unlockOSThread, cgoCall
    // allocation and addresses
    case allocNew, allocMake, allocLit, addr
    // calls and data flow
    case call, assign, use
    // conditions
    case isNil, cmpEq, cmpLt, cmpLe, len
    // integer arithmetic
    case add, sub
    // declarations
    case zero

    /// The DSL spelling.
    public var name: String { Opcode.names[Int(rawValue)] }

    /// The operation spelled `name`, if any.
    public static func named(_ name: String) -> Opcode? { byName[name] }

    /// Whether the operation takes a callee and arguments (`call`, `cgo.call`)
    /// instead of plain operands.
    public var isCallShaped: Bool { self == .call || self == .cgoCall }

    /// Whether the operation compares two values (`cmp.eq`, `cmp.lt`,
    /// `cmp.le`): the test of a condition the lowering kept.
    public var isComparison: Bool { self == .cmpEq || self == .cmpLt || self == .cmpLe }

    private static let names: [String] = allCases.map(\.spelling)
    private static let byName: [String: Opcode] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.spelling, $0) })

    private var spelling: String {
        switch self {
        case .chanMake: return "chan.make"
        case .chanSend: return "chan.send"
        case .chanRecv: return "chan.recv"
        case .chanClose: return "chan.close"
        case .chanLen: return "chan.len"
        case .chanCap: return "chan.cap"
        case .wgAdd: return "wg.add"
        case .wgDone: return "wg.done"
        case .wgWait: return "wg.wait"
        case .wgGo: return "wg.go"
        case .mutexLock: return "mutex.lock"
        case .mutexUnlock: return "mutex.unlock"
        case .mutexRLock: return "mutex.rlock"
        case .mutexRUnlock: return "mutex.runlock"
        case .mutexTryLock: return "mutex.trylock"
        case .mutexTryRLock: return "mutex.tryrlock"
        case .timerNew: return "timer.new"
        case .tickerNew: return "ticker.new"
        case .timerStop: return "timer.stop"
        case .tickerStop: return "ticker.stop"
        case .timerReset: return "timer.reset"
        case .tickerReset: return "ticker.reset"
        case .timeAfter: return "time.after"
        case .timeAfterFunc: return "time.afterfunc"
        case .timeTick: return "time.tick"
        case .timeSleep: return "time.sleep"
        case .ctxBackground: return "ctx.background"
        case .ctxTODO: return "ctx.todo"
        case .ctxWithCancel: return "ctx.withcancel"
        case .ctxWithCancelCause: return "ctx.withcancelcause"
        case .ctxWithTimeout: return "ctx.withtimeout"
        case .ctxWithDeadline: return "ctx.withdeadline"
        case .ctxWithValue: return "ctx.withvalue"
        case .ctxCancel: return "ctx.cancel"
        case .ctxDone: return "ctx.done"
        case .ctxErr: return "ctx.err"
        case .mapMake: return "map.make"
        case .mapRead: return "map.read"
        case .mapWrite: return "map.write"
        case .mapDelete: return "map.delete"
        case .mapLen: return "map.len"
        case .mapRange: return "map.range"
        case .mapClear: return "map.clear"
        case .onceDo: return "once.do"
        case .condNew: return "cond.new"
        case .condWait: return "cond.wait"
        case .condSignal: return "cond.signal"
        case .condBroadcast: return "cond.broadcast"
        case .poolGet: return "pool.get"
        case .poolPut: return "pool.put"
        case .atomicLoad: return "atomic.load"
        case .atomicStore: return "atomic.store"
        case .atomicAdd: return "atomic.add"
        case .atomicSwap: return "atomic.swap"
        case .atomicCAS: return "atomic.cas"
        case .atomicValueLoad: return "atomic.value.load"
        case .atomicValueStore: return "atomic.value.store"
        case .atomicValueSwap: return "atomic.value.swap"
        case .atomicValueCAS: return "atomic.value.cas"
        case .lockOSThread: return "runtime.lockosthread"
        case .unlockOSThread: return "runtime.unlockosthread"
        case .cgoCall: return "cgo.call"
        case .allocNew: return "alloc.new"
        case .allocMake: return "alloc.make"
        case .allocLit: return "alloc.lit"
        case .addr: return "addr"
        case .call: return "call"
        case .assign: return "assign"
        case .use: return "use"
        case .zero: return "zero"
        case .isNil: return "isnil"
        case .cmpEq: return "cmp.eq"
        case .cmpLt: return "cmp.lt"
        case .cmpLe: return "cmp.le"
        case .len: return "len"
        case .add: return "add"
        case .sub: return "sub"
        }
    }
}
