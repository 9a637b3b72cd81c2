import Testing
@testable import Analyses

/// WaitGroups: a Wait that never returns, a Wait inside a counted worker,
/// an Add that races with Wait, a negative counter, and balanced look-alikes.
@Suite struct WaitGroupTests {
    static func pool(workerBody: String, marker: String = "") -> String {
        """
        package example.com/p

        func example.com/p.process(items []int) {
        \tvar wg sync.WaitGroup
        b0:
        \tjump b1
        b1: loop len(items)
        \tif ? then b2 else b3
        b2:
        \twg.add wg, 1
        \t%1 = addr wg
        \tgo example.com/p.handle(%1)
        \tjump b1
        b3:
        \t\(marker)wg.wait wg
        \treturn
        }

        func example.com/p.handle(wg *sync.WaitGroup) {
        \(workerBody)
        }

        func example.com/p.work() error
        """
    }

    /// The worker defers its Done but blocks on a send nobody receives:
    /// the message names the blocked worker, not a missing Done.
    @Test func doneNeverComesFromABlockedWorker() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.process(items []int) {
        \tvar wg sync.WaitGroup
        \tvar ch chan int
        b0:
        \t%2 = chan.make int, 0
        \tassign ch = %2
        \tjump b1
        b1: loop len(items)
        \tif ? then b2 else b3
        b2:
        \twg.add wg, 1
        \t%1 = addr wg
        \tgo example.com/p.handle(%1, ch)
        \tjump b1
        b3:
        \t↓wg.wait wg
        \treturn
        }

        func example.com/p.handle(wg *sync.WaitGroup, ch chan int) {
        b0:
        \tdefer wg.done wg
        \t↓chan.send ch, 1
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["WG1001", "CH1001"]))
        #expect(r.finding("WG1001")?.message == "wg.Wait() never returns: the counter stays at 1 (a goroutine it counts is blocked for ever at line 25)")
    }

    /// An early return on error skips the Done.
    @Test func doneLostOnAnErrorPath() throws {
        let r = try LeakHarness.analyse(Self.pool(workerBody: """
        b0:
        \t%1 = call example.com/p.work()
        \tif ? then b1 else b2
        b1:
        \treturn
        b2:
        \twg.done wg
        \treturn
        """, marker: "↓"))
        #expect(r.actual == r.expectedWith(["WG1001"]))
        #expect(r.finding("WG1001")?.message == "wg.Wait() never returns: the counter stays at 1 (a Done is missing on some path)")
    }

    /// `defer wg.Done()` covers every path.
    @Test func deferredDoneIsSilent() throws {
        let r = try LeakHarness.analyse(Self.pool(workerBody: """
        b0:
        \tdefer wg.done wg
        \t%1 = call example.com/p.work()
        \tif ? then b1 else b2
        b1:
        \treturn
        b2:
        \treturn
        """))
        #expect(r.findings.isEmpty)
    }

    /// A worker that waits for the group it belongs to waits for itself.
    @Test func waitInsideACountedWorker() throws {
        let r = try LeakHarness.analyse(Self.pool(workerBody: """
        b0:
        \tdefer wg.done wg
        \t%1 = call example.com/p.work()
        \t↓wg.wait wg
        \treturn
        """, marker: "↓"))
        #expect(r.actual == r.expectedWith(["WG1001", "WG1002"]))
        #expect(r.finding("WG1002")?.message == "wg.Wait() waits for a counter this goroutine must itself bring down with Done: it waits forever")
    }

    /// Add inside the goroutine: Wait may return before it runs.
    @Test func addInsideTheGoroutineRacesWithWait() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.spawnAll() {
        \tvar wg sync.WaitGroup
        b0:
        \tgo example.com/p.spawnAll.func1()
        \twg.wait wg
        \treturn
        }

        func example.com/p.spawnAll.func1() {
        \tparent example.com/p.spawnAll
        \tcapture wg sync.WaitGroup
        b0:
        \t↓wg.add wg, 1
        \tcall example.com/p.work()
        \twg.done wg
        \treturn
        }

        func example.com/p.work() error
        """)
        #expect(r.actual == r.expectedWith(["WG1003"]))
        let f = try #require(r.finding("WG1003"))
        #expect(f.message.hasPrefix("wg.Add may run after wg.Wait (line 7) has returned"))
    }

    /// Done called twice for one Add.
    @Test func negativeCounter() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.once() {
        \tvar wg sync.WaitGroup
        b0:
        \twg.add wg, 1
        \tgo example.com/p.once.func1()
        \twg.wait wg
        \treturn
        }

        func example.com/p.once.func1() {
        \tparent example.com/p.once
        \tcapture wg sync.WaitGroup
        b0:
        \tdefer wg.done wg
        \tcall example.com/p.work()
        \t↓wg.done wg
        \treturn
        }

        func example.com/p.work() error
        """)
        // The explicit Done is fine; the deferred one (run at the return)
        // takes the counter below zero and is reported at its defer.
        #expect(r.findings.map(\.ruleID) == ["WG1004"])
        #expect(r.findings.first?.location.line == 16)
    }

    /// Add(n) matched by a loop of n: balanced, even with n unknown.
    @Test func addOfTheLoopCountIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.fanOut(n int) {
        \tvar wg sync.WaitGroup
        b0:
        \twg.add wg, n
        \tjump b1
        b1: loop n
        \tif ? then b2 else b3
        b2:
        \tgo example.com/p.fanOut.func1()
        \tjump b1
        b3:
        \twg.wait wg
        \treturn
        }

        func example.com/p.fanOut.func1() {
        \tparent example.com/p.fanOut
        \tcapture wg sync.WaitGroup
        b0:
        \twg.done wg
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Go 1.25's wg.Go is an Add and a Done that cannot be unbalanced.
    @Test func waitGroupGoIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.both() {
        \tvar wg sync.WaitGroup
        b0:
        \twg.go wg, func example.com/p.both.func1
        \twg.go wg, func example.com/p.both.func1
        \twg.wait wg
        \treturn
        }

        func example.com/p.both.func1() {
        \tparent example.com/p.both
        b0:
        \tcall example.com/p.work()
        \treturn
        }

        func example.com/p.work() error
        """)
        #expect(r.findings.isEmpty)
    }

    /// A WaitGroup the caller owns may get its Done elsewhere: silent.
    @Test func waitGroupFromTheCallerIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.join(wg *sync.WaitGroup) {
        b0:
        \twg.add wg, 1
        \tgo example.com/p.join.func1()
        \twg.wait wg
        \treturn
        }

        func example.com/p.join.func1() {
        \tparent example.com/p.join
        b0:
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }
}
