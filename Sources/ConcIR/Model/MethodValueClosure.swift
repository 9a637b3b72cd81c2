/// The closure the lowering makes for a method value (`f := s.loop` makes
/// `F.loop-fm1`, capturing the receiver it binds, `s#fm1`, and calling the
/// method on it; docs/ir.md). Analyses that ask which function a callback
/// runs (`once.Do(c.init)`) see through it to the method.
extension Function {
    /// Whether this is a method value's closure: one block, one capture
    /// (the receiver it binds, `wg#fm1`), named `F.M-fmK`.
    public var isMethodValueClosure: Bool {
        guard parent != nil, captures.count == 1, blocks.count == 1, captures[0].name.contains("#fm") else { return false }
        return name.contains("-fm")
    }

    /// The method this function calls with its one capture as receiver,
    /// when it is a method value's closure: its block calls a concrete
    /// method and returns.
    public var boundMethod: String? {
        guard isMethodValueClosure, let call = blocks[0].instructions.first, call.op == .call,
              case .method(let method)? = call.callee,
              call.operands.first == .variable(captures[0].name) else { return nil }
        return method
    }
}
