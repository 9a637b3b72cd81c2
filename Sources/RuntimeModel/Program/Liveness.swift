import ConcIR

/// Which variables and temporaries a function may still read from a given
/// point on. States that differ only in dead slots are the same state, so
/// the exploration compares live slots only.
///
/// Slots are numbered variables first, then temporaries. Writes through a
/// place with a path (`s.f = v`) read the root; writes to a captured or
/// address-taken variable go through its cell and so read the slot too.
public struct Liveness {
    public let variableCount: Int
    public let slotCount: Int
    /// The live slots before each point (every instruction, then the
    /// terminator, of each block in order), `words` bit words per point:
    /// computed once, because states are compared at every step.
    private let liveBefore: [UInt64]
    /// The index of each block's first point, then the number of points
    /// (so that block `b` has `blockStart[b + 1] - blockStart[b]` points).
    private let blockStart: [Int]
    private let words: Int

    init(function f: Function, variableSlots: [String: Int], tempSlots: [UInt32: Int],
         closureCaptures: (String) -> [String], isCell: [Bool] = []) {
        let variableCount = f.variables.count
        self.variableCount = variableCount
        self.slotCount = variableCount + tempSlots.count
        func slot(of place: Place) -> Int? {
            switch place.root {
            case .temp(let n): return tempSlots[n].map { variableCount + $0 }
            case .variable(let v): return variableSlots[v]
            case .global: return nil
            }
        }
        func operandUses(_ o: Operand, into list: inout [Int]) {
            switch o {
            case .place(let p): if let s = slot(of: p) { list.append(s) }
            case .function(let name): list += closureCaptures(name).compactMap { variableSlots[$0] }
            default: break
            }
        }
        func result(_ o: Operand, uses: inout [Int], defs: inout [Int]) {
            guard case .place(let p) = o, let s = slot(of: p) else { return }
            let viaCell = s < variableCount && s < isCell.count && isCell[s]
            if p.path.isEmpty && !viaCell { defs.append(s) } else { uses.append(s) }
        }
        var allUses: [[[Int]]] = []
        var allDefs: [[[Int]]] = []
        for block in f.blocks {
            var blockUses: [[Int]] = []
            var blockDefs: [[Int]] = []
            for inst in block.instructions {
                var u: [Int] = []
                var d: [Int] = []
                inst.operands.forEach { operandUses($0, into: &u) }
                switch inst.callee {
                case .dynamic(let v, _)?: operandUses(v, into: &u)
                case .function(let name)?: operandUses(.function(name), into: &u)
                default: break
                }
                inst.results.forEach { result($0, uses: &u, defs: &d) }
                blockUses.append(u)
                blockDefs.append(d)
            }
            var u: [Int] = []
            switch block.terminator {
            case .branch(let c, _, _)?: operandUses(c, into: &u)
            case .return(let values)?: values.forEach { operandUses($0, into: &u) }
            case .panic(let v)?: operandUses(v, into: &u)
            case .select(let cases, _)?:
                for c in cases {
                    switch c.communication {
                    case .send(let ch, let v):
                        operandUses(ch, into: &u)
                        operandUses(v, into: &u)
                    case .recv(let ch, let results):
                        operandUses(ch, into: &u)
                        // Results are written only when the case is taken; a
                        // result with a path reads its root.
                        for r in results {
                            if case .place(let p) = r, !p.path.isEmpty || (slot(of: p).map { $0 < variableCount && $0 < isCell.count && isCell[$0] } ?? false),
                               let s = slot(of: p) { u.append(s) }
                        }
                    }
                }
            default: break
            }
            switch block.loop {
            case .count(let o)?, .countPlus(let o, _)?, .length(let o)?, .lengthPlus(let o, _)?: operandUses(o, into: &u)
            default: break
            }
            blockUses.append(u)
            blockDefs.append([])
            allUses.append(blockUses)
            allDefs.append(blockDefs)
        }
        // Backward fixpoint over blocks.
        let words = (slotCount + 63) / 64
        let n = f.blocks.count
        var liveIn = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: n)
        var out = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: n)
        var changed = true
        var rounds = 0
        while changed && rounds < 10_000 {
            changed = false
            rounds += 1
            for b in stride(from: n - 1, through: 0, by: -1) {
                var o = [UInt64](repeating: 0, count: words)
                for s in f.blocks[b].successors where s >= 0 && s < n {
                    for w in 0..<words { o[w] |= liveIn[s][w] }
                }
                var live = o
                for i in stride(from: allUses[b].count - 1, through: 0, by: -1) {
                    for d in allDefs[b][i] { live[d >> 6] &= ~(1 << UInt64(d & 63)) }
                    for u in allUses[b][i] { live[u >> 6] |= 1 << UInt64(u & 63) }
                }
                if o != out[b] { out[b] = o; changed = true }
                if live != liveIn[b] { liveIn[b] = live; changed = true }
            }
        }
        // Walk each block backwards from its live-out set, once.
        var starts: [Int] = []
        var total = 0
        for b in 0..<n {
            starts.append(total)
            total += allUses[b].count
        }
        var before = [UInt64](repeating: 0, count: total * words)
        for b in 0..<n {
            var live = out[b]
            for i in stride(from: allUses[b].count - 1, through: 0, by: -1) {
                for d in allDefs[b][i] { live[d >> 6] &= ~(1 << UInt64(d & 63)) }
                for u in allUses[b][i] { live[u >> 6] |= 1 << UInt64(u & 63) }
                let base = (starts[b] + i) * words
                for w in 0..<words { before[base + w] = live[w] }
            }
        }
        self.words = words
        blockStart = starts + [total]
        liveBefore = before
    }

    /// Whether `slot` may be read at or after instruction `instruction` of
    /// `block` (the terminator is instruction `count`).
    @inline(__always)
    public func isLive(_ slot: Int, block: Int, instruction: Int) -> Bool {
        guard block >= 0, block + 1 < blockStart.count, instruction >= 0, slot >= 0, slot >> 6 < words,
              blockStart[block] + instruction < blockStart[block + 1] else { return false }
        return liveBefore[(blockStart[block] + instruction) * words + (slot >> 6)] & (1 << UInt64(slot & 63)) != 0
    }
}
