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
    /// Per block, per instruction (and one more entry for the terminator):
    /// the slots read and the slots written.
    private let uses: [[[Int]]]
    private let defs: [[[Int]]]
    private let liveOut: [[UInt64]]

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
            case .count(let o)?, .length(let o)?: operandUses(o, into: &u)
            default: break
            }
            blockUses.append(u)
            blockDefs.append([])
            allUses.append(blockUses)
            allDefs.append(blockDefs)
        }
        uses = allUses
        defs = allDefs

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
        liveOut = out
    }

    /// The slots that may be read at or after instruction `instruction` of
    /// `block` (the terminator is instruction `count`).
    public func liveSlots(block: Int, instruction: Int) -> [UInt64] {
        guard block >= 0, block < uses.count else { return [] }
        var live = liveOut[block]
        let last = uses[block].count - 1
        var i = last
        while i >= max(instruction, 0) {
            for d in defs[block][i] { live[d >> 6] &= ~(1 << UInt64(d & 63)) }
            for u in uses[block][i] { live[u >> 6] |= 1 << UInt64(u & 63) }
            i -= 1
        }
        return live
    }
}

extension Array where Element == UInt64 {
    /// Whether bit `i` is set.
    @inline(__always) func hasBit(_ i: Int) -> Bool {
        let w = i >> 6
        return w < count && self[w] & (1 << UInt64(i & 63)) != 0
    }
}
