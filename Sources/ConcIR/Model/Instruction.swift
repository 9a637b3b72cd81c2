/// One operation of a basic block.
///
/// A uniform shape for every opcode (operands and results in arrays, the
/// opcode's signature saying what each means) keeps the printer, parser and
/// validator generic and lets analyses dispatch on `op` alone. `go` and
/// `defer` are modes of any operation that has no results: `go f(x)`,
/// `defer mutex.unlock mu`, `defer ctx.cancel cancel`; the operands are
/// evaluated where the instruction stands, the operation itself runs on the
/// new goroutine or when the function returns (deferred operations run in
/// LIFO order at every `return` and `panic`).
public struct Instruction: Hashable, Sendable {
    public var op: Opcode
    public var mode: ExecutionMode
    /// The `range` marker: this `chan.recv` (with `ok`) is the step of a
    /// `for range ch` loop, so rules can say "range over ch".
    public var isRangeStep: Bool
    /// Where the results go: places, or `_` for a discarded one.
    public var results: [Operand]
    /// The operands; for call-shaped operations, the arguments (receiver first
    /// for method and interface calls).
    public var operands: [Operand]
    /// The type for operations whose signature takes one (`chan.make`,
    /// `map.make`, `alloc.*`).
    public var type: GoType?
    /// The callee of `call` and `cgo.call`.
    public var callee: Callee?
    public var position: Position

    public init(_ op: Opcode, results: [Operand] = [], operands: [Operand] = [], type: GoType? = nil,
                callee: Callee? = nil, mode: ExecutionMode = .now, isRangeStep: Bool = false,
                position: Position = .none) {
        self.op = op
        self.mode = mode
        self.isRangeStep = isRangeStep
        self.results = results
        self.operands = operands
        self.type = type
        self.callee = callee
        self.position = position
    }

    /// A call instruction.
    public static func call(_ callee: Callee, _ arguments: [Operand], results: [Operand] = [],
                            mode: ExecutionMode = .now, position: Position = .none) -> Instruction {
        Instruction(.call, results: results, operands: arguments, callee: callee, mode: mode, position: position)
    }

    /// The receiver of a method or interface call.
    public var receiver: Operand? {
        guard let callee, callee.hasReceiver else { return nil }
        return operands.first
    }

    /// Whether this instruction starts a goroutine: `go ...`, `wg.go`, or
    /// `time.afterfunc` (whose function runs on its own goroutine).
    public var spawnsGoroutine: Bool {
        mode == .go || op == .wgGo || op == .timeAfterFunc
    }
}

/// When an instruction's operation runs.
public enum ExecutionMode: UInt8, Hashable, Sendable {
    /// Here, on the current goroutine.
    case now
    /// On a new goroutine (`go`).
    case go
    /// When the function returns or panics (`defer`).
    case `defer`
}
