import ConcIR

/// The sends that wait for every holder of a counting semaphore: a loop
/// that sends on a buffered channel as many times as it has slots,
///
///     for n := cap(sem); n > 0; n-- { sem <- token{} }
///
/// completes only once each goroutine that took a slot before has given it
/// back, by the Go memory model's rule that the k-th receive on a channel
/// of capacity C happens before the (k+C)-th send on it completes. cmd/go
/// waits for its download and preload workers this way.
///
/// The loop is recognised by its bound: `cap(ch)` of the channel it sends
/// on, or the constant capacity the function made that channel with. A
/// constant bound on a channel made elsewhere is not trusted: an
/// unbuffered channel's sends order nothing of the kind.
///
/// The wait is over when the loop is left through its header, on the edge
/// out (`SelectJoins`): a send inside joins nothing on the path that ran
/// the loop zero times, which the dataflow would keep, while a channel of
/// capacity C > 0 runs it C times.
struct SemaphoreFills: Sendable {
    /// Per loop header: the channels its loop fills.
    let channels: [Int: [Place]]

    init(function: Function, loops: LoopMembership) {
        channels = SemaphoreFills.find(function, loops)
    }

    private init(channels: [Int: [Place]]) {
        self.channels = channels
    }

    /// No loop fills a semaphore.
    static let none = SemaphoreFills(channels: [:])

    /// Whether a function with these operations may fill one: it sends,
    /// and asks a capacity or makes a channel. Most functions do not, and
    /// are not walked.
    static func mayFill(_ operations: OperationSet) -> Bool {
        operations.contains(.chanSend) && (operations.contains(.chanCap) || operations.contains(.chanMake))
    }

    private static func find(_ function: Function, _ loops: LoopMembership) -> [Int: [Place]] {
        var capacityOf: [Place.Root: Place] = [:]
        var madeWith: [Place.Root: Int64] = [:]
        var hasSend = false
        for block in function.blocks {
            for inst in block.instructions {
                switch inst.op {
                case .chanCap:
                    if case .place(let channel)? = inst.operands.first, case .place(let r)? = inst.results.first, r.path.isEmpty {
                        capacityOf[r.root] = channel
                    }
                case .chanMake:
                    if inst.operands.count >= 1, case .int(let k) = inst.operands[0], k > 0,
                       case .place(let r)? = inst.results.first, r.path.isEmpty {
                        madeWith[r.root] = k
                    }
                case .chanSend:
                    hasSend = true
                default:
                    break
                }
            }
        }
        guard hasSend, !capacityOf.isEmpty || !madeWith.isEmpty else { return [:] }
        // Through copies: `n := cap(sem)`, `sem := make(chan T, 4)`.
        for block in function.blocks {
            for inst in block.instructions where inst.op == .assign && inst.operands.count == 1 && inst.results.count == 1 {
                guard case .place(let from) = inst.operands[0], from.path.isEmpty,
                      case .place(let to) = inst.results[0], to.path.isEmpty else { continue }
                if let c = capacityOf[from.root] { capacityOf[to.root] = c }
                if let k = madeWith[from.root] { madeWith[to.root] = k }
            }
        }
        var filled: [Int: [Place]] = [:]
        for (h, header) in function.blocks.enumerated() where loops.isHeader(h) {
            let bounds = SemaphoreFills.bounds(of: header, loop: header.loop)
            var channels = Set<Place>()
            var constants = Set<Int64>()
            for b in bounds {
                switch b {
                case .int(let k): constants.insert(k)
                case .place(let p) where p.path.isEmpty:
                    if let c = capacityOf[p.root] { channels.insert(c) }
                default: break
                }
            }
            guard !channels.isEmpty || !constants.isEmpty else { continue }
            for (b, block) in function.blocks.enumerated() where loops.loops(containing: b).contains(h) {
                for inst in block.instructions where inst.op == .chanSend && inst.mode == .now {
                    guard case .place(let channel)? = inst.operands.first else { continue }
                    let byCapacity = channels.contains(channel)
                    let byConstant = channel.path.isEmpty && madeWith[channel.root].map(constants.contains) == true
                    if (byCapacity || byConstant) && filled[h]?.contains(channel) != true { filled[h, default: []].append(channel) }
                }
            }
        }
        return filled
    }

    /// What may bound a loop: the trip count the lowering found, or either
    /// side of the comparison its header branches on.
    private static func bounds(of header: Block, loop: LoopTrips?) -> [Operand] {
        var out: [Operand] = []
        if case .count(let n)? = loop { out.append(n) }
        guard case .branch(let condition, _, _)? = header.terminator, case .place(let c) = condition,
              let cmp = header.instructions.last(where: { $0.results.first == .place(c) }), cmp.op.isComparison else { return out }
        return out + cmp.operands
    }
}
