import ConcIR

/// What a goroutine waits for in a state where nothing can move: the
/// operation, where it is, and whether the wait is certain to last forever
/// (everything it waits on is known to the model and unreachable by code
/// outside the explored program).
public struct BlockedOperation: Sendable {
    public enum Kind: Sendable, Hashable {
        case send
        case receive
        /// The receive step of `for range ch`.
        case rangeReceive
        case select
        /// `select {}`.
        case emptySelect
        case waitGroupWait
        case lock
    }

    /// A channel an operation waits on.
    public enum Channel: Hashable, Sendable {
        case nilChannel
        /// A channel made by `make` in the explored code.
        case made(ObjectID)
        /// `ctx.Done()` of a context that nobody cancels and that has no deadline.
        case contextDone(ObjectID, context: ObjectID)
        /// A timer, `time.After` or `ctx.Done()` channel that will not fire
        /// again, or a channel the model does not follow.
        case other(ObjectID?)
    }

    public var kind: Kind
    public var site: Site
    /// The operand as written (for names in messages): the channel, one per
    /// case for a select, or the WaitGroup.
    public var operands: [Operand]
    public var channels: [Channel]
    /// For `waitGroupWait`.
    public var waitGroup: ObjectID?
    /// The wait cannot end: nothing it waits on can be reached by code the
    /// model does not see, and no counter is a guess.
    public var isCertain: Bool
}

extension Machine {
    /// What goroutine `g` is blocked on, in a state where it cannot move.
    public func blockedOperation(of g: Int, in state: ProgramState) -> BlockedOperation? {
        switch pending(of: g, in: state) {
        case .operation(let op):
            let values = operandValues(op, g, state)
            let first = dereferenced(values.first ?? .unknown, state)
            switch op.instruction.op {
            case .chanSend, .chanRecv:
                let channel = describe(channelTarget(first, state), state)
                let kind: BlockedOperation.Kind = op.instruction.op == .chanSend ? .send : (op.instruction.isRangeStep ? .rangeReceive : .receive)
                return BlockedOperation(kind: kind, site: op.site, operands: Array(op.instruction.operands.prefix(1)),
                                        channels: [channel], waitGroup: nil, isCertain: isCertain(channel))
            case .wgWait:
                guard case .object(let id) = first, state.heap.contains(id), let w = state.heap[id].waitGroup else { return nil }
                return BlockedOperation(kind: .waitGroupWait, site: op.site, operands: Array(op.instruction.operands.prefix(1)),
                                        channels: [], waitGroup: id,
                                        isCertain: w.isKnown && !state.heap[id].escaped)
            case .mutexLock, .mutexRLock:
                var certain = false
                if case .object(let id) = first, state.heap.contains(id) { certain = !state.heap[id].escaped }
                return BlockedOperation(kind: .lock, site: op.site, operands: [], channels: [], waitGroup: nil, isCertain: certain)
            default:
                return nil
            }
        case .select(_, let cases, _, let site):
            if cases.isEmpty {
                return BlockedOperation(kind: .emptySelect, site: site, operands: [], channels: [], waitGroup: nil, isCertain: true)
            }
            let channels = cases.map { describe(channelTarget(peek($0.channel, g, state), state), state) }
            return BlockedOperation(kind: .select, site: site, operands: cases.map(\.channel), channels: channels,
                                    waitGroup: nil, isCertain: channels.allSatisfy(isCertain))
        default:
            return nil
        }
    }

    private func describe(_ target: ChannelTarget, _ state: ProgramState) -> BlockedOperation.Channel {
        switch target {
        case .nilChannel: return .nilChannel
        case .opaque: return .other(nil)
        case .object(let id):
            guard let c = state.heap[id].channel else { return .other(id) }
            switch c.source {
            case .made where !state.heap[id].escaped: return .made(id)
            // Holding a Done channel does not let code close it.
            case .contextDone(let ctx) where contextStatus(ctx, state) == .blocked: return .contextDone(id, context: ctx)
            default: return .other(id)
            }
        }
    }

    private func isCertain(_ c: BlockedOperation.Channel) -> Bool {
        if case .other = c { return false }
        return true
    }
}
