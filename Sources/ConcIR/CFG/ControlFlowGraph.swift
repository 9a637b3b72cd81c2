/// The control-flow graph of one function, with the facts analyses ask for
/// again and again: predecessors, reverse postorder, dominators, loops and
/// exits. Built once per function (all walks are iterative, so deep or
/// strange graphs cannot overflow the stack) and then only read.
public struct ControlFlowGraph: Sendable {
    public let blockCount: Int
    /// Successors per block, duplicates and out-of-range targets removed,
    /// in terminator order.
    public let successors: [[Int]]
    public let predecessors: [[Int]]
    /// Blocks reachable from the entry (block 0) in reverse postorder: every
    /// block comes before its successors except along back edges.
    public let reversePostorder: [Int]
    /// Position of each block in `reversePostorder`, -1 when unreachable.
    public let rpoNumber: [Int]
    /// Immediate dominator of each block; the entry is its own, unreachable
    /// blocks have -1.
    public let immediateDominators: [Int]
    /// Reachable blocks whose terminator leaves the function (return, panic).
    public let exitBlocks: [Int]
    /// Edges `from -> to` where `to` dominates `from`: the loops' back edges.
    public let backEdges: [Edge]
    /// Retreating edges that are not back edges: the graph is irreducible
    /// there (a `goto` into a loop), and `loops` does not describe that cycle.
    public let irreducibleEdges: [Edge]
    /// Natural loops, one per header, ordered by the header's RPO number
    /// (outer loops before the loops they contain).
    public let loops: [NaturalLoop]
    /// Whether a block lies on some cycle, irreducible ones included: the
    /// question "can this run more than once?" (a defer in a loop).
    public let isInCycle: [Bool]

    /// Dominator-tree preorder and postorder numbers, for O(1) dominance.
    private let domPre: [Int]
    private let domPost: [Int]

    public struct Edge: Hashable, Sendable {
        public var from: Int
        public var to: Int
        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }
    }

    /// The graph of a function's blocks. A function without body yields an
    /// empty graph.
    public init(_ function: Function) {
        self.init(successors: function.blocks.map(\.successors),
                  exits: function.blocks.map { $0.terminator?.exitsFunction ?? false })
    }

    /// A graph given by successor lists; `exits[b]` says whether block `b`
    /// leaves the function (by default: blocks without successors).
    public init(successors raw: [[Int]], exits: [Bool]? = nil) {
        let n = raw.count
        blockCount = n
        var succ = [[Int]](repeating: [], count: n)
        var pred = [[Int]](repeating: [], count: n)
        for b in 0..<n {
            for s in raw[b] where s >= 0 && s < n && !succ[b].contains(s) {
                succ[b].append(s)
                pred[s].append(b)
            }
        }
        successors = succ
        predecessors = pred

        let rpo = ControlFlowGraph.reversePostorder(succ)
        var number = [Int](repeating: -1, count: n)
        for (i, b) in rpo.enumerated() { number[b] = i }
        reversePostorder = rpo
        rpoNumber = number

        let idom = ControlFlowGraph.dominators(rpo: rpo, number: number, predecessors: pred)
        immediateDominators = idom
        (domPre, domPost) = ControlFlowGraph.dominatorTreeNumbers(idom: idom, rpo: rpo)

        let exitFlags = exits ?? succ.map(\.isEmpty)
        exitBlocks = rpo.filter { $0 < exitFlags.count && exitFlags[$0] }.sorted()

        var back: [Edge] = []
        var irreducible: [Edge] = []
        for u in rpo {
            for h in succ[u] where number[h] <= number[u] {
                let dominates = domPre[h] <= domPre[u] && domPost[u] <= domPost[h]
                if dominates { back.append(Edge(from: u, to: h)) } else { irreducible.append(Edge(from: u, to: h)) }
            }
        }
        backEdges = back
        irreducibleEdges = irreducible
        loops = ControlFlowGraph.naturalLoops(backEdges: back, predecessors: pred, number: number)

        var cyclic = [Bool](repeating: false, count: n)
        for component in StronglyConnectedComponents.compute(successors: succ) {
            if component.count > 1 {
                for b in component { cyclic[b] = true }
            } else if let b = component.first, succ[b].contains(b) {
                cyclic[b] = true
            }
        }
        isInCycle = cyclic
    }

    public func isReachable(_ block: Int) -> Bool {
        block >= 0 && block < blockCount && rpoNumber[block] >= 0
    }

    /// Whether some path leads from block `from` to block `to` (a block
    /// reaches itself).
    public func reaches(from: Int, to: Int) -> Bool {
        guard from >= 0, from < blockCount, to >= 0, to < blockCount else { return false }
        var seen: Set<Int> = [from]
        var work = [from]
        while let b = work.popLast() {
            if b == to { return true }
            for s in successors[b] where seen.insert(s).inserted { work.append(s) }
        }
        return false
    }

    /// Whether every path from the entry to `b` passes through `a` (a block
    /// dominates itself). False when either is unreachable.
    public func dominates(_ a: Int, _ b: Int) -> Bool {
        guard isReachable(a), isReachable(b) else { return false }
        return domPre[a] <= domPre[b] && domPost[b] <= domPost[a]
    }

    /// The number of natural loops that contain the block.
    public func loopDepth(_ block: Int) -> Int {
        loops.reduce(0) { $0 + ($1.contains(block) ? 1 : 0) }
    }

    /// The innermost natural loop containing the block.
    public func innermostLoop(containing block: Int) -> NaturalLoop? {
        loops.filter { $0.contains(block) }.min { $0.blocks.count < $1.blocks.count }
    }

    // MARK: Construction

    private static func reversePostorder(_ succ: [[Int]]) -> [Int] {
        guard !succ.isEmpty else { return [] }
        var visited = [Bool](repeating: false, count: succ.count)
        var post: [Int] = []
        post.reserveCapacity(succ.count)
        var frames: [(node: Int, next: Int)] = [(0, 0)]
        visited[0] = true
        while let frame = frames.last {
            let s = succ[frame.node]
            if frame.next < s.count {
                frames[frames.count - 1].next += 1
                let w = s[frame.next]
                if !visited[w] {
                    visited[w] = true
                    frames.append((w, 0))
                }
            } else {
                post.append(frame.node)
                frames.removeLast()
            }
        }
        return post.reversed()
    }

    /// Cooper, Harvey and Kennedy's iterative algorithm ("A Simple, Fast
    /// Dominance Algorithm"): fast in practice on reducible graphs, and
    /// correct on all.
    private static func dominators(rpo: [Int], number: [Int], predecessors: [[Int]]) -> [Int] {
        var idom = [Int](repeating: -1, count: number.count)
        guard let entry = rpo.first else { return idom }
        idom[entry] = entry
        var changed = true
        while changed {
            changed = false
            for b in rpo.dropFirst() {
                var newIdom = -1
                for p in predecessors[b] where idom[p] != -1 {
                    if newIdom == -1 {
                        newIdom = p
                        continue
                    }
                    var x = p
                    var y = newIdom
                    while x != y {
                        while number[x] > number[y] { x = idom[x] }
                        while number[y] > number[x] { y = idom[y] }
                    }
                    newIdom = x
                }
                if newIdom != -1 && idom[b] != newIdom {
                    idom[b] = newIdom
                    changed = true
                }
            }
        }
        return idom
    }

    private static func dominatorTreeNumbers(idom: [Int], rpo: [Int]) -> ([Int], [Int]) {
        let n = idom.count
        var pre = [Int](repeating: -1, count: n)
        var post = [Int](repeating: -1, count: n)
        guard let entry = rpo.first else { return (pre, post) }
        var children = [[Int]](repeating: [], count: n)
        for b in rpo where b != entry && idom[b] >= 0 { children[idom[b]].append(b) }
        var clock = 0
        var frames: [(node: Int, next: Int)] = [(entry, 0)]
        pre[entry] = clock
        clock += 1
        while let frame = frames.last {
            let kids = children[frame.node]
            if frame.next < kids.count {
                frames[frames.count - 1].next += 1
                let c = kids[frame.next]
                pre[c] = clock
                clock += 1
                frames.append((c, 0))
            } else {
                post[frame.node] = clock
                clock += 1
                frames.removeLast()
            }
        }
        return (pre, post)
    }

    private static func naturalLoops(backEdges: [Edge], predecessors: [[Int]], number: [Int]) -> [NaturalLoop] {
        var byHeader: [Int: [Int]] = [:]
        for e in backEdges { byHeader[e.to, default: []].append(e.from) }
        var loops: [NaturalLoop] = []
        for (header, latches) in byHeader {
            var inLoop = Set<Int>([header])
            var work = latches.filter { inLoop.insert($0).inserted }
            while let b = work.popLast() {
                for p in predecessors[b] where number[p] >= 0 && inLoop.insert(p).inserted {
                    work.append(p)
                }
            }
            loops.append(NaturalLoop(header: header, blocks: inLoop.sorted(), latches: latches.sorted()))
        }
        return loops.sorted { number[$0.header] < number[$1.header] }
    }
}

/// A natural loop: a header, the blocks that reach a back edge to it
/// without passing through it, and those back edges' sources.
public struct NaturalLoop: Hashable, Sendable {
    public var header: Int
    /// Sorted, header included.
    public var blocks: [Int]
    public var latches: [Int]

    public func contains(_ block: Int) -> Bool {
        var lo = 0
        var hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if blocks[mid] < block { lo = mid + 1 } else { hi = mid }
        }
        return lo < blocks.count && blocks[lo] == block
    }
}
