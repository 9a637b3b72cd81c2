import ConcIR

/// The channel an operation names, as far as the model knows it.
enum ChannelTarget: Hashable {
    /// A nil channel: every operation on it blocks forever.
    case nilChannel
    /// A value from outside: it may be ready at any time.
    case opaque
    case object(ObjectID)
}

/// One goroutine's offer to send or receive: a plain operation or one case
/// of a select.
struct ChannelOffer {
    enum Choice: Equatable {
        case plain
        case selectCase(Int)
    }

    var goroutine: Int
    var choice: Choice
    var isSend: Bool
    var channel: ChannelTarget
    var readiness: Readiness
    var operation: PendingOperation?
    /// For select cases.
    var selectCase: SelectCase?
    var block: Int
    var site: Site
}

/// Channel readiness, the moves of sends, receives and selects, and their effects.
extension Machine {
    func channelTarget(_ v: Value, _ state: ProgramState) -> ChannelTarget {
        switch dereferenced(v, state) {
        case .nilValue, .zero: return .nilChannel
        case .object(let id) where state.heap.contains(id) && state.heap[id].channel != nil: return .object(id)
        default: return .opaque
        }
    }

    /// Whether the context (or an ancestor) is cancelled (`.ready`), may be
    /// done at any time (`.mayBeReady`), or will never be done (`.blocked`).
    func contextStatus(_ ctx: ObjectID, _ state: ProgramState) -> Readiness {
        var current: Value = .object(ctx)
        var result = Readiness.blocked
        for _ in 0..<64 {
            guard case .object(let id) = current else {
                if current != .zero { result = .mayBeReady }
                break
            }
            guard state.heap.contains(id), let c = state.heap[id].context else { return .mayBeReady }
            if c.isCancelled { return .ready }
            // Only a cancel function or a deadline closes Done: code that
            // merely holds the context cannot.
            if c.mayExpire || c.cancelEscaped { result = .mayBeReady }
            current = c.parent
        }
        return result
    }

    func readiness(isSend: Bool, _ target: ChannelTarget, _ state: ProgramState) -> Readiness {
        guard case .object(let id) = target else { return target == .nilChannel ? .blocked : .mayBeReady }
        let object = state.heap[id]
        guard let c = object.channel else { return .mayBeReady }
        if isSend {
            if c.isClosed { return .ready }
            guard case .made = c.source, !object.escaped else { return .mayBeReady }
            if c.isSynchronous { return .needsPartner }
            return c.hasRoom ? .ready : .blocked
        }
        switch c.source {
        case .made:
            if c.canReceiveWithoutSender { return .ready }
            if object.escaped { return .mayBeReady }
            return c.isSynchronous ? .needsPartner : .blocked
        case .timer(let t):
            if object.escaped || state.heap[t].escaped { return .mayBeReady }
            if case .timer(let timer) = state.heap[t].kind, timer.isTicker { return .mayBeReady }
            return c.hasFired ? .blocked : .mayBeReady
        case .after:
            return object.escaped || !c.hasFired ? .mayBeReady : .blocked
        case .tick:
            return .mayBeReady
        case .contextDone(let ctx):
            return contextStatus(ctx, state)
        }
    }

    func plainOffer(_ op: PendingOperation, goroutine g: Int, in state: ProgramState) -> ChannelOffer {
        let values = operandValues(op, g, state)
        let isSend = op.instruction.op == .chanSend
        let target = channelTarget(values.first ?? .unknown, state)
        var block = 0
        if case .instruction(let b, _) = op.source { block = b }
        return ChannelOffer(goroutine: g, choice: .plain, isSend: isSend, channel: target,
                            readiness: readiness(isSend: isSend, target, state), operation: op, selectCase: nil,
                            block: block, site: op.site)
    }

    func selectOffer(_ c: SelectCase, index: Int, goroutine g: Int, block: Int, in state: ProgramState) -> ChannelOffer {
        let isSend: Bool
        if case .send = c.communication { isSend = true } else { isSend = false }
        let target = channelTarget(peek(c.channel, g, state), state)
        let function = state.goroutines[g].frames.last?.function ?? FunctionRef(0)
        return ChannelOffer(goroutine: g, choice: .selectCase(index), isSend: isSend, channel: target,
                            readiness: readiness(isSend: isSend, target, state), operation: nil, selectCase: c,
                            block: block, site: Site(function: function, position: c.position))
    }

    /// Every move made of channel communication: solo completions,
    /// rendezvous of a sender and a receiver on an unbuffered channel, and
    /// the defaults of selects with nothing ready.
    func communicationMoves(_ offers: [ChannelOffer], selects: [(goroutine: Int, block: Int, site: Site, defaultTarget: Int?)],
                            in state: ProgramState) -> [Exec] {
        var out: [Exec] = []
        var definitelyReady = Set<Int>()
        for offer in offers {
            switch offer.readiness {
            case .ready, .mayBeReady:
                if offer.readiness == .ready { definitelyReady.insert(offer.goroutine) }
                var e = Exec(state: state)
                completeSolo(offer, &e)
                out += continueAfterMove(e, offer.goroutine)
            case .needsPartner:
                guard offer.isSend else { continue }
                for partner in offers where partner.goroutine != offer.goroutine && !partner.isSend
                    && partner.channel == offer.channel && partner.readiness == .needsPartner {
                    definitelyReady.insert(offer.goroutine)
                    definitelyReady.insert(partner.goroutine)
                    var e = Exec(state: state)
                    rendezvous(sender: offer, receiver: partner, &e)
                    for first in continueAfterMove(e, offer.goroutine) {
                        out += first.isRunning ? continueAfterMove(first, partner.goroutine) : [first]
                    }
                }
            case .blocked:
                continue
            }
        }
        for s in selects {
            guard let target = s.defaultTarget, !definitelyReady.contains(s.goroutine) else { continue }
            var e = Exec(state: state)
            e.record(s.goroutine, .selectedDefault, s.site)
            _ = enterBlock(target, from: s.block, s.goroutine, &e)
            out += continueAfterMove(e, s.goroutine)
        }
        return out
    }

    /// The value a send offers (read when the send happens).
    private func sentValue(_ offer: ChannelOffer, _ e: inout Exec) -> Value {
        if let c = offer.selectCase, case .send(_, let v) = c.communication { return read(v, offer.goroutine, &e) }
        guard let op = offer.operation else { return .unknown }
        switch op.source {
        case .deferred(let values): return values.count > 1 ? values[1] : .unknown
        case .instruction: return op.instruction.operands.count > 1 ? read(op.instruction.operands[1], offer.goroutine, &e) : .unknown
        }
    }

    /// A send or receive that completes without a partner.
    func completeSolo(_ offer: ChannelOffer, _ e: inout Exec) {
        let g = offer.goroutine
        let id: ObjectID? = { if case .object(let id) = offer.channel { return id } else { return nil } }()
        if offer.isSend {
            let value = sentValue(offer, &e)
            if let id, case .channel(var c) = e.state.heap[id].kind {
                if c.isClosed {
                    e.fault(g, .sendOnClosedChannel(id), offer.site)
                    return
                }
                if case .made = c.source, !e.state.heap[id].escaped {
                    c.buffer.append(value)
                    e.state.heap[id].kind = .channel(c)
                } else {
                    e.state.heap.markEscaped(value)
                }
            } else {
                e.state.heap.markEscaped(value)
            }
            recordCommunication(offer, id, e: &e)
            finishCommunication(offer, received: nil, &e)
            return
        }
        var value: Value = .unknown
        var ok: Value = .unknown
        if let id, case .channel(var c) = e.state.heap[id].kind {
            switch c.source {
            case .made where !e.state.heap[id].escaped || !c.buffer.isEmpty:
                if !c.buffer.isEmpty {
                    value = c.buffer.removeFirst()
                    ok = .bool(true)
                } else if c.isClosed {
                    value = .zero
                    ok = .bool(false)
                }
            case .made:
                break
            case .timer, .after:
                c.hasFired = true
                ok = .bool(true)
            case .tick:
                ok = .bool(true)
            case .contextDone(let ctx):
                // A deadline passing cancels the context for good.
                if case .context(var cs) = e.state.heap[ctx].kind, !cs.isCancelled, contextStatus(ctx, e.state) == .mayBeReady {
                    cs.isCancelled = true
                    e.state.heap[ctx].kind = .context(cs)
                }
                value = .zero
                ok = .bool(false)
            }
            e.state.heap[id].kind = .channel(c)
        }
        recordCommunication(offer, id, e: &e)
        finishCommunication(offer, received: (value, ok), &e)
    }

    /// An unbuffered send meets a receive: both complete together.
    private func rendezvous(sender: ChannelOffer, receiver: ChannelOffer, _ e: inout Exec) {
        let value = sentValue(sender, &e)
        let id: ObjectID? = { if case .object(let id) = sender.channel { return id } else { return nil } }()
        recordCommunication(sender, id, e: &e)
        finishCommunication(sender, received: nil, &e)
        recordCommunication(receiver, id, e: &e)
        finishCommunication(receiver, received: (value, .bool(true)), &e)
    }

    private func recordCommunication(_ offer: ChannelOffer, _ id: ObjectID?, e: inout Exec) {
        let isRange = offer.operation?.instruction.isRangeStep ?? false
        if case .selectCase(let i) = offer.choice {
            e.record(offer.goroutine, .selectedCase(i, id), offer.site)
        }
        e.record(offer.goroutine, offer.isSend ? .sent(id) : .received(id, isRange: isRange), offer.site)
    }

    /// Writes a receive's results and moves the goroutine past the operation.
    private func finishCommunication(_ offer: ChannelOffer, received: (Value, Value)?, _ e: inout Exec) {
        let g = offer.goroutine
        if case .selectCase = offer.choice, let c = offer.selectCase {
            if let (v, ok) = received, case .recv(_, let results) = c.communication {
                if results.count > 0 { write(v, to: results[0], g, &e) }
                if results.count > 1 { write(ok, to: results[1], g, &e) }
            }
            _ = enterBlock(c.target, from: offer.block, g, &e)
            return
        }
        guard let op = offer.operation else { return }
        switch op.source {
        case .deferred:
            e.updateFrame(g) { _ = $0.defers.popLast() }
        case .instruction:
            if let (v, ok) = received {
                let results = op.instruction.results
                if results.count > 0 { write(v, to: results[0], g, &e) }
                if results.count > 1 { write(ok, to: results[1], g, &e) }
            }
            advanceInstruction(g, &e)
        }
    }
}
