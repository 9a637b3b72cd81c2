import ConcIR

/// A getter that does nothing but return an atomic Load of what its
/// receiver or a parameter reaches: `func (c *C) config() *Config { return
/// c.cfg.Load().(*Config) }`, `func (c *C) count() int64 { return
/// atomic.LoadInt64(&c.n) }`. A call of one is that Load, made at the call
/// on the caller's argument, so `cfg := c.config(); ...; c.cfg.Store(next)`
/// is the load-modify-store that `c.cfg.Load()` in its place would be.
enum AtomicGetter {
    /// The Load a call makes through a getter, as an instruction of the
    /// caller at the call's position; nil when the call is not of one.
    static func load(madeBy call: Instruction, index: AnalysedProgram) -> Instruction? {
        guard call.op == .call, call.mode == .now, call.results.count == 1 else { return nil }
        let name: String
        switch call.callee {
        case .function(let n)?, .method(let n)?: name = n
        default: return nil
        }
        guard let node = index.node(named: name) else { return nil }
        let getter = index.function(node)
        guard getter.blocks.count == 1, getter.blocks[0].instructions.count == 1,
              let load = getter.blocks[0].instructions.first,
              load.op == .atomicLoad || load.op == .atomicValueLoad, load.results.count == 1,
              case .return(let values)? = getter.blocks[0].terminator, values == load.results,
              let target = load.operands.first?.place, case .variable(let root) = target.root else { return nil }
        let inputs = (getter.receiver.map { [$0] } ?? []) + getter.parameters
        guard let i = inputs.firstIndex(where: { $0.name == root }), i < call.operands.count,
              case .place(var argument) = call.operands[i] else { return nil }
        argument.path += target.path
        return Instruction(load.op, results: call.results, operands: [.place(argument)], position: call.position)
    }
}
