import Testing
@testable import ConcIR
import TestSupport

@Suite struct ControlFlowGraphTests {
    @Test func diamond() {
        let g = ControlFlowGraph(successors: [[1, 2], [3], [3], []])
        #expect(g.reversePostorder.first == 0)
        #expect(g.reversePostorder.last == 3)
        #expect(g.immediateDominators == [0, 0, 0, 0])
        #expect(g.dominates(0, 3))
        #expect(!g.dominates(1, 3))
        #expect(g.predecessors[3].sorted() == [1, 2])
        #expect(g.loops.isEmpty)
        #expect(g.backEdges.isEmpty)
        #expect(g.exitBlocks == [3])
        #expect(g.isInCycle == [false, false, false, false])
    }

    @Test func nestedLoops() {
        // 0 -> 1 (outer header) -> 2 (inner header) -> 3 -> 2 | 4 -> 1; 1 -> 5 exit
        let g = ControlFlowGraph(successors: [[1], [2, 5], [3], [2, 4], [1], []])
        #expect(Set(g.backEdges) == [.init(from: 3, to: 2), .init(from: 4, to: 1)])
        #expect(g.loops.map(\.header) == [1, 2], "outer loop first")
        #expect(g.loops[0].blocks == [1, 2, 3, 4])
        #expect(g.loops[1].blocks == [2, 3])
        #expect(g.loops[1].latches == [3])
        #expect(g.loopDepth(3) == 2)
        #expect(g.loopDepth(4) == 1)
        #expect(g.loopDepth(5) == 0)
        #expect(g.innermostLoop(containing: 3)?.header == 2)
        #expect(g.immediateDominators == [0, 0, 1, 2, 3, 1])
        #expect(g.irreducibleEdges.isEmpty)
    }

    @Test func irreducibleCycleIsNotANaturalLoopButIsACycle() {
        // Two entries into the cycle 1 <-> 2 (a goto into a loop).
        let g = ControlFlowGraph(successors: [[1, 2], [2], [1, 3], []])
        #expect(g.loops.isEmpty)
        #expect(g.irreducibleEdges.count == 1)
        #expect(g.isInCycle == [false, true, true, false])
        #expect(g.immediateDominators == [0, 0, 0, 2])
    }

    @Test func unreachableBlocksAreLeftOut() {
        let g = ControlFlowGraph(successors: [[1], [], [1]])
        #expect(g.reversePostorder == [0, 1])
        #expect(!g.isReachable(2))
        #expect(g.immediateDominators[2] == -1)
        #expect(!g.dominates(2, 1))
        #expect(g.predecessors[1].sorted() == [0, 2])
    }

    @Test func selfLoopAndBadTargets() {
        let g = ControlFlowGraph(successors: [[0, 1, 7, -1, 1], []])
        #expect(g.successors[0] == [0, 1], "duplicates and out-of-range targets dropped")
        #expect(g.loops == [NaturalLoop(header: 0, blocks: [0], latches: [0])])
        #expect(g.isInCycle == [true, false])
    }

    @Test func emptyFunction() {
        let g = ControlFlowGraph(Function(name: "asm"))
        #expect(g.blockCount == 0)
        #expect(g.reversePostorder.isEmpty)
        #expect(g.loops.isEmpty)
    }

    /// A very long function (a generated state machine, say) must not
    /// overflow the stack: every walk is iterative.
    @Test func aHundredThousandBlocksInOneLoop() {
        let n = 100_000
        var succ = (0..<n).map { [$0 + 1] }
        succ[n - 1] = [0, n]
        succ.append([])
        let g = ControlFlowGraph(successors: succ)
        #expect(g.reversePostorder.count == n + 1)
        #expect(g.loops.count == 1)
        #expect(g.loops[0].blocks.count == n)
        #expect(g.immediateDominators[n] == n - 1)
        #expect(g.dominates(0, n))
        #expect(g.exitBlocks == [n])
    }

    /// On random graphs: RPO orders every forward edge, and the fast
    /// dominator algorithm agrees with the definition (a dominates b iff b is
    /// unreachable from the entry once a is removed).
    @Test(arguments: 0..<60) func dominatorsMatchTheDefinition(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let n = rng.int(1..<14)
        let succ = (0..<n).map { _ in (0..<rng.int(0..<3)).map { _ in rng.int(0..<n) } }
        let g = ControlFlowGraph(successors: succ)
        func reachable(avoiding removed: Int) -> Set<Int> {
            guard removed != 0 else { return [] }
            var seen: Set<Int> = [0]
            var work = [0]
            while let b = work.popLast() {
                for s in succ[b] where s != removed && seen.insert(s).inserted { work.append(s) }
            }
            return seen
        }
        let all = reachable(avoiding: -1)
        for a in all {
            let without = reachable(avoiding: a)
            for b in all {
                #expect(g.dominates(a, b) == (a == b || !without.contains(b)), "seed \(seed): \(a) dom \(b)")
            }
        }
        for u in all {
            for v in g.successors[u] where !g.backEdges.contains(.init(from: u, to: v)) && !g.irreducibleEdges.contains(.init(from: u, to: v)) {
                #expect(g.rpoNumber[u] < g.rpoNumber[v])
            }
        }
    }

    /// A parsed `for range ch` loop: the annotated header is the natural
    /// loop's header, and the `range` marker sits inside the loop.
    @Test func rangeLoopFromText() throws {
        let module = try DSL.parse("""
        func main.drain(ch chan int) @1:1 {
        \tvar v int
        \tvar ok bool
        b0:
        \tjump b1 @2:2
        b1: loop
        \tv, ok = range chan.recv ch @2:17
        \tif ok then b2 else b3 @2:17
        b2:
        \tdefer main.cleanup() @3:3
        \tjump b1 @4:2
        b3:
        \treturn @5:1
        }

        """, path: "range.cir")
        let f = module.functions[0]
        let g = ControlFlowGraph(f)
        #expect(g.loops.map(\.header) == [1])
        #expect(f.blocks[1].loop == .unknown)
        #expect(f.blocks[1].instructions[0].isRangeStep)
        #expect(g.isInCycle[2], "the defer in b2 runs once per iteration")
        #expect(g.exitBlocks == [3])
    }
}
