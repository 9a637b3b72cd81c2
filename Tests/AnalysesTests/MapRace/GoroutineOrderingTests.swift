import Testing
@testable import Analyses

/// Which goroutines may run at once, and what orders them: go statements,
/// WaitGroups, channels (send, close, range, select), start gates.
@Suite struct GoroutineOrderingTests {
    /// Reported at the later of the two writes, the other as related location.
    @Test func goroutineWriteRacesWithTheParentsLaterWrite() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        b0:
        \tgo p.f.func1()
        \tmap.write m
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        b0:
        \t↓map.write m
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
        let f = try #require(r.finding("MR1001"))
        #expect(f.related.map(\.location.line) == [6])
        #expect(f.related.first?.message == "the other write of m (f)")
    }

    @Test func goroutineWriteAgainstAParentReadIsAReadWriteRace() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) int {
        b0:
        \tgo p.f.func1()
        \t%1 = map.read m
        \treturn %1
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        b0:
        \t↓map.write m
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1002"]))
        let f = try #require(r.finding("MR1002"))
        #expect(f.message == "concurrent map read and map write: m is written in f.func1 and read in f by goroutines that may run at the same time, with no common lock")
    }

    @Test func accessesBeforeTheGoStatementHappenBefore() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        b0:
        \tmap.write m
        \tgo p.f.func1()
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        b0:
        \tmap.read m
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    @Test func waitGroupWaitOrdersTheGoroutinesWrites() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar wg sync.WaitGroup
        b0:
        \twg.add wg, 1
        \tgo p.f.func1()
        \twg.wait wg
        \tmap.read m
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture wg sync.WaitGroup
        b0:
        \tdefer wg.done wg
        \tmap.write m
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    @Test func aReadBeforeTheWaitStillRaces() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar wg sync.WaitGroup
        b0:
        \twg.add wg, 1
        \tgo p.f.func1()
        \tmap.len m
        \twg.wait wg
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture wg sync.WaitGroup
        b0:
        \tdefer wg.done wg
        \t↓map.write m
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1002"]))
    }

    /// A WaitGroup passed by pointer to a named worker is the same WaitGroup.
    @Test func waitGroupPassedByPointerJoinsTheWorker() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.worker(m map[int]int, wg *sync.WaitGroup) {
        b0:
        \tdefer wg.done wg
        \tmap.write m
        \treturn
        }

        func p.f(m map[int]int) {
        \tvar wg sync.WaitGroup
        b0:
        \twg.add wg, 1
        \t%1 = addr wg
        \tgo p.worker(m, %1)
        \twg.wait wg
        \tmap.write m
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    @Test func aSendAfterTheWriteOrdersItBeforeTheReceive() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar done chan bool
        b0:
        \tdone = chan.make bool, 0
        \tgo p.f.func1()
        \tchan.recv done
        \tmap.write m
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture done chan bool
        b0:
        \tmap.write m
        \tchan.send done, true
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// The goroutine signals before its last write: that write still races.
    @Test func aWriteAfterTheSignalRaces() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar done chan bool
        b0:
        \tdone = chan.make bool, 0
        \tgo p.f.func1()
        \tchan.recv done
        \tmap.read m
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture done chan bool
        b0:
        \tmap.write m
        \tchan.send done, true
        \t↓map.delete m
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1002"]))
    }

    /// A deferred close and a range over the channel: the range ends only
    /// after the close.
    @Test func rangeOverAChannelClosedAfterTheWrites() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar ch chan int
        \tvar v int
        b0:
        \tch = chan.make int, 0
        \tgo p.f.func1()
        \tjump b1
        b1: loop
        \tv, %1 = range chan.recv ch
        \tif %1 then b1 else b2
        b2:
        \tmap.write m
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture ch chan int
        b0:
        \tdefer chan.close ch
        \tmap.write m
        \tchan.send ch, 1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A receive in one select case joins on that case only.
    @Test func selectCaseJoinsOnlyItsOwnPath() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int, quit chan bool) {
        \tvar done chan bool
        b0:
        \tdone = chan.make bool, 1
        \tgo p.f.func1()
        \tselect { case recv done -> b1; case recv quit -> b2 }
        b1:
        \tmap.read m
        \treturn
        b2:
        \t%1 = map.len m
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture done chan bool
        b0:
        \t↓map.write m
        \tchan.send done, true
        \treturn
        }
        """)
        // Only the quit path reads unordered; one finding for the pair (write, len).
        #expect(r.actual == r.expectedWith(["MR1002"]))
        #expect(r.finding("MR1002")?.related.first?.location.line == 13)
    }

    /// A start gate: the goroutine waits for a close that comes after the
    /// parent's writes.
    @Test func startGateOrdersTheParentsEarlierWrites() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar start chan bool
        b0:
        \tstart = chan.make bool, 0
        \tgo p.f.func1()
        \tmap.write m
        \tchan.close start
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture start chan bool
        b0:
        \tchan.recv start
        \tmap.read m
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Two goroutines: a producer signals after its write, a consumer waits
    /// before its read.
    @Test func goroutinesOrderedByTheirOwnChannel() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar ready chan bool
        b0:
        \tready = chan.make bool, 0
        \tgo p.f.func1()
        \tgo p.f.func2()
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture ready chan bool
        b0:
        \tmap.write m
        \tchan.close ready
        \treturn
        }

        func p.f.func2() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture ready chan bool
        b0:
        \tchan.recv ready
        \tmap.read m
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Two goroutines with nothing between them.
    @Test func twoGoroutinesWritingOneMap() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[string]int) {
        b0:
        \tgo p.f.func1()
        \tgo p.f.func2()
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[string]int
        b0:
        \tmap.write m
        \treturn
        }

        func p.f.func2() {
        \tparent p.f
        \tcapture m map[string]int
        b0:
        \t↓map.write m
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }
}
