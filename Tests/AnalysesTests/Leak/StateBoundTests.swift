import Testing
@testable import Analyses

/// Pathological programs end within the bound, are counted in the
/// statistics, and still yield the findings the explored part shows.
@Suite struct StateBoundTests {
    /// A thousand times a thousand goroutines: the exploration stops at the
    /// goroutine limit, without a finding and without running out of memory.
    @Test func thousandsOfGoroutinesInNestedLoops() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.storm() {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 0
        \tjump b1
        b1: loop 1000
        \tif ? then b2 else b5
        b2:
        \tjump b3
        b3: loop 1000
        \tif ? then b4 else b1
        b4:
        \tgo example.com/p.storm.func1()
        \tjump b3
        b5:
        \treturn
        }

        func example.com/p.storm.func1() {
        \tparent example.com/p.storm
        \tcapture ch chan int
        b0:
        \tchan.send ch, 1
        \treturn
        }
        """)
        #expect(r.statistics["leak.functions-over-bound"] == 1)
        #expect(r.findings.isEmpty)
    }

    /// Unknown-count spawning loops stay small: each loop runs a few times.
    @Test func unboundedSpawnLoopIsExploredBoundedly() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.accept(l example.com/p.Listener) {
        \tvar done chan int
        b0:
        \tdone = chan.make int, 0
        \tjump b1
        b1: loop
        \tif ? then b2 else b3
        b2:
        \tgo example.com/p.accept.func1()
        \tjump b1
        b3:
        \treturn
        }

        func example.com/p.accept.func1() {
        \tparent example.com/p.accept
        \tcapture done chan int
        b0:
        \t↓chan.send done, 1
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
        #expect(r.statistics["leak.functions-over-bound"] == nil)
    }

    /// Fifty selects in a row, each with three ready cases: 3^50 paths that
    /// lead to few distinct states.
    @Test func deepSelectNest() throws {
        var blocks = ""
        for i in 0..<50 {
            blocks += "b\(i):\n\tselect { case recv in -> b\(i + 1); case recv %1 -> b\(i + 1); default -> b\(i + 1) }\n"
        }
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.poll(in chan int) {
        b100:
        \t%1 = time.after 5
        \tgo example.com/p.poll.func1()
        \tjump b0
        \(blocks)b50:
        \treturn
        }

        func example.com/p.poll.func1() {
        \tparent example.com/p.poll
        \tcapture in chan int
        b0:
        \tchan.send in, 1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
        #expect(r.statistics["leak.functions-over-bound"] == nil)
        #expect((r.statistics["leak.states"] ?? 0) < 2_000)
    }

    /// Mutual recursion that spawns at every level: each goroutine starts a
    /// new one, so both roots stop at the goroutine limit and are counted
    /// (`visit` only calls the spawner and is not a root of its own).
    @Test func recursionThatSpawns() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.walk(n int) {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 1
        \tgo example.com/p.walk.func1()
        \tcall example.com/p.visit(n)
        \t%1 = chan.recv ch
        \treturn
        }

        func example.com/p.walk.func1() {
        \tparent example.com/p.walk
        \tcapture ch chan int
        \tcapture n int
        b0:
        \tcall example.com/p.visit(n)
        \tchan.send ch, 1
        \treturn
        }

        func example.com/p.visit(n int) {
        b0:
        \tif ? then b1 else b2
        b1:
        \tcall example.com/p.walk(n)
        \treturn
        b2:
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
        #expect(r.statistics["leak.functions-explored"] == 2)
        #expect(r.statistics["leak.functions-over-bound"] == 2)
    }

    /// A tiny bound: the exploration stops, the function is counted, and
    /// nothing is reported from a partial exploration that would be wrong.
    @Test func tinyStateBoundIsCounted() throws {
        let r = try LeakHarness.analyse(PipelineAndPoolTests.pool(workers: "4", drain: true, marker: ""),
                                        limits: AnalysisLimits(statesPerFunction: 50))
        #expect(r.statistics["leak.functions-over-bound"] == 1)
        #expect(r.statistics["leak.states"] == 50)
        #expect(r.findings.isEmpty)
    }

    /// A goroutine whose move (a receive, then twelve unknown branches in a
    /// row: 4,096 paths) exceeds the fork limit: the exploration ends there
    /// instead of re-running that move after each of the parent's fifty
    /// sends.
    @Test func explorationEndsAtTheFirstMoveOverAMachineLimit() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.feed() {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 100
        \tgo example.com/p.feed.func1()
        \tjump b1
        b1: loop 50
        \tif ? then b2 else b3
        b2:
        \tchan.send ch, 1
        \tjump b1
        b3:
        \treturn
        }

        func example.com/p.feed.func1() {
        \tparent example.com/p.feed
        \tcapture ch chan int
        b0:
        \t%1 = chan.recv ch
        \tjump b1
        b1:
        \tif ? then b2 else b3
        b2:
        \tjump b4
        b3:
        \tjump b4
        b4:
        \tif ? then b5 else b6
        b5:
        \tjump b7
        b6:
        \tjump b7
        b7:
        \tif ? then b8 else b9
        b8:
        \tjump b10
        b9:
        \tjump b10
        b10:
        \tif ? then b11 else b12
        b11:
        \tjump b13
        b12:
        \tjump b13
        b13:
        \tif ? then b14 else b15
        b14:
        \tjump b16
        b15:
        \tjump b16
        b16:
        \tif ? then b17 else b18
        b17:
        \tjump b19
        b18:
        \tjump b19
        b19:
        \tif ? then b20 else b21
        b20:
        \tjump b22
        b21:
        \tjump b22
        b22:
        \tif ? then b23 else b24
        b23:
        \tjump b25
        b24:
        \tjump b25
        b25:
        \tif ? then b26 else b27
        b26:
        \tjump b28
        b27:
        \tjump b28
        b28:
        \tif ? then b29 else b30
        b29:
        \tjump b31
        b30:
        \tjump b31
        b31:
        \tif ? then b32 else b33
        b32:
        \tjump b34
        b33:
        \tjump b34
        b34:
        \tif ? then b35 else b36
        b35:
        \tjump b37
        b36:
        \tjump b37
        b37:
        \treturn
        }
        """)
        #expect(r.statistics["leak.functions-over-bound"] == 1)
        #expect((r.statistics["leak.states"] ?? 0) < 10)
    }

    /// A root that decides `choices` values on unknown branches (each read
    /// at the end, so the paths really differ) before it starts a worker
    /// whose send nobody receives.
    static func choicesBeforeLeak(_ choices: Int) -> String {
        var variables = ""
        var branches = ""
        for i in 0..<choices {
            let b = 1 + 3 * i
            variables += "\tvar v\(i) int\n"
            branches += """
            b\(b):
            \tif ? then b\(b + 1) else b\(b + 2)
            b\(b + 1):
            \tassign v\(i) = 1
            \tjump b\(b + 3)
            b\(b + 2):
            \tassign v\(i) = 2
            \tjump b\(b + 3)

            """
        }
        let values = (0..<choices).map { "v\($0)" }.joined(separator: ", ")
        let parameters = (0..<choices).map { "a\($0) int" }.joined(separator: ", ")
        return """
        package example.com/p

        func example.com/p.serve() {
        \tvar ch chan int
        \(variables)b0:
        \tch = chan.make int, 0
        \tjump b1
        \(branches)b\(1 + 3 * choices):
        \tcall example.com/p.use(\(values))
        \tgo example.com/p.serve.func1()
        \treturn
        }

        func example.com/p.serve.func1() {
        \tparent example.com/p.serve
        \tcapture ch chan int
        b0:
        \t↓chan.send ch, 1
        \treturn
        }

        func example.com/p.use(\(parameters))
        """
    }

    /// Five independent choices (32 paths) in one move are followed and
    /// the leak after them is found; seven (128 paths) exceed the fork
    /// bound of a move, so the root is dropped and counted, not guessed.
    @Test func forkBoundOfOneMove() throws {
        let within = try LeakHarness.analyse(Self.choicesBeforeLeak(5))
        #expect(within.actual == within.expectedWith(["CH1001"]))
        #expect(within.statistics["leak.functions-over-bound"] == nil)

        let over = try LeakHarness.analyse(Self.choicesBeforeLeak(7))
        #expect(over.findings.isEmpty)
        #expect(over.statistics["leak.functions-over-machine-limit"] == 1)
        #expect(over.statistics["leak.functions-over-machine-limit.forks"] == 1)
        #expect(over.statistics["leak.functions-over-machine-limit.goroutines"] == nil)
        #expect(over.statistics["leak.functions-over-state-bound"] == nil)
    }
}
