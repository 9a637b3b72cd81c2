import ConcIR
import RuntimeModel

/// Names heap objects the way the code names them: the variable or field
/// the `make` (or first use) stored them in.
struct ObjectNames {
    let program: ProgramIndex

    /// `ch` for `ch = chan.make ...`, or for `%1 = chan.make ...` followed
    /// by `assign ch = %1`; nil when the code gives it no name.
    func name(of id: ObjectID, in state: ProgramState) -> String? {
        guard state.heap.contains(id) else { return nil }
        if case .contextDone(let ctx)? = state.heap[id].channel?.source {
            return (name(of: ctx, in: state) ?? "ctx") + ".Done()"
        }
        let origin = state.heap[id].origin
        guard origin.function.index < program.functions.count else { return nil }
        let f = program[origin.function]
        for block in f.blocks {
            for (i, inst) in block.instructions.enumerated() where inst.position == origin.position {
                if let r = inst.results.first, let n = GoNames.operand(r) { return n }
                if inst.op == .wgAdd || inst.op == .wgDone || inst.op == .wgWait || inst.op == .mutexLock,
                   let o = inst.operands.first, let n = GoNames.operand(o) { return n }
                guard case .place(let p)? = inst.results.first, case .temp = p.root else { continue }
                for later in block.instructions[(i + 1)...] where later.op == .assign && later.operands.first == inst.results.first {
                    if let r = later.results.first, let n = GoNames.operand(r) { return n }
                }
            }
        }
        return nil
    }

    /// A name for messages: the code's name, or what made it and where.
    func describe(_ id: ObjectID, in state: ProgramState, fallback: String = "the channel") -> String {
        if let n = name(of: id, in: state) { return n }
        guard state.heap.contains(id) else { return fallback }
        return "\(fallback) made at line \(state.heap[id].origin.position.line)"
    }
}
