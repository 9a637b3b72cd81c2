import Testing
@testable import Analyses

/// Goroutines that can never finish, and those that run for the life of
/// the program by design.
@Suite struct GoroutineTests {
    static func spawner(named name: String, loop: String, marker: String) -> String {
        """
        package example.com/p

        func example.com/p.\(name)() {
        b0:
        \tgo example.com/p.\(name).func1()
        \treturn
        }

        func example.com/p.\(name).func1() {
        \tparent example.com/p.\(name)
        b0:
        \(loop.replacingOccurrences(of: "MARK", with: marker))
        }

        func example.com/p.flush()
        """
    }

    @Test func emptySelectInASpawnedGoroutine() throws {
        let r = try LeakHarness.analyse(Self.spawner(named: "start", loop: "\tMARKselect {}", marker: "↓"))
        #expect(r.actual == r.expectedWith(["GR1001"]))
        let f = try #require(r.finding("GR1001"))
        #expect(f.message == "goroutine started at line 5 never finishes: select {} blocks forever")
        #expect(f.flows.first?.threads.flatMap(\.steps).map(\.message).sorted() == [
            "[1] spawned here by start", "[2] start returns here", "[3] blocks here forever",
        ])
    }

    @Test func endlessLoopWithoutExit() throws {
        let r = try LeakHarness.analyse(Self.spawner(named: "start", loop: """
        \tjump b1
        b1: loop
        \tMARKcall example.com/p.flush()
        \ttime.sleep 1000
        \tjump b1
        """, marker: "↓"))
        #expect(r.actual == r.expectedWith(["GR1001"]))
        #expect(r.finding("GR1001")?.message == "goroutine started at line 5 never finishes: its loop has no exit")
    }

    /// A loop that ends when its context is cancelled can finish.
    @Test func loopWithAnExitIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.start(ctx context.Context) {
        b0:
        \tgo example.com/p.start.func1()
        \treturn
        }

        func example.com/p.start.func1() {
        \tparent example.com/p.start
        \tcapture ctx context.Context
        b0:
        \t%1 = ctx.done ctx
        \tjump b1
        b1: loop
        \tselect { case recv %1 -> b2; default -> b3 }
        b2:
        \treturn
        b3:
        \tcall example.com/p.flush()
        \tjump b1
        }

        func example.com/p.flush()
        """)
        #expect(r.findings.isEmpty)
    }

    /// main starts a goroutine that runs for the life of the program.
    @Test func longLivedGoroutineFromMainIsSilent() throws {
        let r = try LeakHarness.analyse(Self.spawner(named: "main", loop: "\tselect {}", marker: "")
            .replacingOccurrences(of: "example.com/p.main", with: "main.main"))
        #expect(r.findings.isEmpty)
    }

    /// A helper that only main calls starts a long-lived goroutine: by design.
    @Test func longLivedGoroutineFromAHelperOfMainIsSilent() throws {
        var text = Self.spawner(named: "startMetrics", loop: """
        \tjump b1
        b1: loop
        \tcall example.com/p.flush()
        \tjump b1
        """, marker: "")
        text += """


        func example.com/p.main() {
        b0:
        \tcall example.com/p.startMetrics()
        \treturn
        }
        """
        let r = try LeakHarness.analyse(text)
        #expect(r.findings.isEmpty)
    }

    /// A goroutine that loops forever receiving, from a channel nobody
    /// sends on, is reported once: as blocked, not also as endless.
    @Test func blockedEndlessLoopIsReportedOnce() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.serve() {
        \tvar reqs chan int
        b0:
        \treqs = chan.make int, 0
        \tgo example.com/p.serve.func1()
        \treturn
        }

        func example.com/p.serve.func1() {
        \tparent example.com/p.serve
        \tcapture reqs chan int
        b0:
        \tjump b1
        b1: loop
        \t↓%1 = chan.recv reqs
        \tjump b1
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1002"]))
    }

    /// When main blocks forever with its goroutines, that is the runtime's
    /// "all goroutines are asleep": reported even in main.
    @Test func deadlockInMain() throws {
        let r = try LeakHarness.analyse("""
        package main

        func main.main() {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 0
        \tgo main.main.func1()
        \t↓chan.send ch, 1
        \treturn
        }

        func main.main.func1() {
        \tparent main.main
        \tcapture ch chan int
        b0:
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
        #expect(r.finding("CH1001")?.message == "send on ch blocks forever: nothing receives from it while every other goroutine is blocked too")
    }

    /// Goroutines still blocked when main returns die with the program.
    @Test func blockedWhenMainReturnsIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package main

        func main.main() {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 0
        \tgo main.main.func1()
        \treturn
        }

        func main.main.func1() {
        \tparent main.main
        \tcapture ch chan int
        b0:
        \tchan.send ch, 1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }
}
