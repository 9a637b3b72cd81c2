/// How a basic block ends. Targets are block indices of the same function.
public enum Terminator: Hashable, Sendable {
    case jump(Int)
    /// `if cond then b1 else b2`; `cond` is `?` when the condition is not modelled.
    case branch(condition: Operand, then: Int, else: Int)
    /// A `select` statement. With no cases and no default it blocks forever
    /// (`select {}`).
    case select([SelectCase], default: Int?)
    /// Returns the values; deferred operations run first, in LIFO order.
    case `return`([Operand])
    /// Panics with the value; deferred operations run first.
    case panic(Operand)
    /// Control never gets here (after a call that never returns, say).
    case unreachable

    /// The successor blocks in a fixed order (then before else, select cases
    /// in order, default last), duplicates kept.
    public var targets: [Int] {
        switch self {
        case .jump(let b): return [b]
        case .branch(_, let t, let e): return [t, e]
        case .select(let cases, let def):
            var out = cases.map(\.target)
            if let def { out.append(def) }
            return out
        case .return, .panic, .unreachable: return []
        }
    }

    /// Whether the function leaves through this terminator.
    public var exitsFunction: Bool {
        switch self {
        case .return, .panic: return true
        default: return false
        }
    }
}

/// One `case` of a `select`.
public struct SelectCase: Hashable, Sendable {
    public var communication: Communication
    public var target: Int
    public var position: Position

    public init(_ communication: Communication, target: Int, position: Position = .none) {
        self.communication = communication
        self.target = target
        self.position = position
    }

    /// The channel the case waits on.
    public var channel: Operand {
        switch communication {
        case .send(let ch, _), .recv(let ch, _): return ch
        }
    }
}

/// The communication of a select case.
public enum Communication: Hashable, Sendable {
    /// `case ch <- v`
    case send(channel: Operand, value: Operand)
    /// `case v, ok := <-ch` (results hold up to two places, or none).
    case recv(channel: Operand, results: [Operand])
}
