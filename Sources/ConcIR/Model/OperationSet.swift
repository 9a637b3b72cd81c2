/// Which operations a function's instructions use, whether any of them
/// runs on a new goroutine or is deferred, and whether it has a `select`.
///
/// Many checks first ask of every function of the program whether it has
/// a `chan.make`, a `go`, a `wg.done` at all, and look closer only at the
/// few that do. Each asking walked every instruction of the program and
/// copied each one on the way (on GOROOT/src, copying instructions was 4%
/// of the lint); the call graph now keeps one set per function, made in
/// the walk that finds its edges (`CallGraph.operations`).
public struct OperationSet: Hashable, Sendable {
    /// The operations of the instructions, whatever their mode.
    public private(set) var opcodes = OpcodeSet()
    private var modes: UInt8 = 0
    /// Some block ends in a `select`.
    public private(set) var selects = false

    public init() {}

    /// The operations of every instruction of `function`.
    public init(_ function: Function) {
        for b in function.blocks.indices {
            let instructions = function.blocks[b].instructions
            for i in instructions.indices {
                opcodes.insert(instructions[i].op)
                modes |= 1 << instructions[i].mode.rawValue
            }
            if case .select? = function.blocks[b].terminator { selects = true }
        }
    }

    /// Whether some instruction is `op` (in any mode).
    public func contains(_ op: Opcode) -> Bool { opcodes.contains(op) }

    /// Whether some instruction runs in `mode` (`go`, `defer`).
    public func contains(mode: ExecutionMode) -> Bool {
        modes & (1 << mode.rawValue) != 0
    }
}
