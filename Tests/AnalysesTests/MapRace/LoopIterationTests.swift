import Testing
@testable import Analyses

/// A goroutine started in a loop races with itself on what every
/// iteration shares, and not on what each iteration makes or picks anew;
/// Go 1.22 gives each iteration its own loop variable.
@Suite struct LoopIterationTests {
    /// Goroutines started per element, each capturing the loop variable
    /// `sh` and writing `sh.m`.
    private func rangeCapture(goVersion: String) throws -> MapRaceHarness.Result {
        try MapRaceHarness.analyse("""
        package p
        go \(goVersion)

        type p.shard struct{ m map[string]int }

        func p.f(shards []*p.shard) {
        \tvar sh *p.shard
        b0:
        \tjump b1
        b1: loop len(shards)
        \tassign sh = shards[]
        \tif ? then b2 else b3
        b2:
        \tgo p.f.func1()
        \tjump b1
        b3:
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture sh *p.shard
        b0:
        \t↓map.write sh.m
        \treturn
        }
        """)
    }

    @Test func loopVariableCapturedBeforeGo122IsShared() throws {
        let r = try rangeCapture(goVersion: "1.21")
        #expect(r.actual == r.expectedWith(["MR1001"]))
        #expect(r.finding("MR1001")?.message == "concurrent map writes: sh.m is written in f.func1 by several goroutines started in a loop at once, with no common lock")
    }

    @Test func loopVariableIsPerIterationFromGo122() throws {
        let r = try rangeCapture(goVersion: "1.22")
        #expect(r.findings.isEmpty)
    }

    /// Passing the element as an argument evaluates it per iteration in
    /// every Go version.
    @Test func elementPassedAsArgumentIsPerIteration() throws {
        let r = try MapRaceHarness.analyse("""
        package p
        go 1.19

        type p.shard struct{ m map[string]int }

        func p.fill(s *p.shard) {
        b0:
        \tmap.write s.m
        \treturn
        }

        func p.f(shards []*p.shard) {
        b0:
        \tjump b1
        b1: loop len(shards)
        \tif ? then b2 else b3
        b2:
        \tgo p.fill(shards[])
        \tjump b1
        b3:
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A map made in the loop body belongs to that iteration's goroutine.
    @Test func mapMadeInTheLoopBodyIsPerIteration() throws {
        let r = try MapRaceHarness.analyse("""
        package p
        go 1.19

        func p.f() {
        \tvar x map[int]int
        b0:
        \tjump b1
        b1: loop 3
        \tif ? then b2 else b3
        b2:
        \t%1 = map.make map[int]int
        \tassign x = %1
        \tgo p.f.func1()
        \tjump b1
        b3:
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture x map[int]int
        b0:
        \tmap.write x
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A map made before the loop is shared by every goroutine.
    @Test func mapMadeBeforeTheLoopIsShared() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f() {
        \tvar seen map[string]bool
        b0:
        \tseen = map.make map[string]bool
        \tjump b1
        b1: loop
        \tif ? then b2 else b3
        b2:
        \tgo p.f.func1()
        \tjump b1
        b3:
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture seen map[string]bool
        b0:
        \t↓map.write seen
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    /// Waiting inside the loop ends each goroutine before the next starts.
    @Test func waitInEachIterationSerialisesTheGoroutines() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar wg sync.WaitGroup
        b0:
        \tjump b1
        b1: loop 3
        \tif ? then b2 else b3
        b2:
        \twg.add wg, 1
        \tgo p.f.func1()
        \twg.wait wg
        \tjump b1
        b3:
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture m map[int]int
        \tcapture wg sync.WaitGroup
        b0:
        \tmap.write m
        \twg.done wg
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// The parent's write early in the loop body races with the goroutine
    /// started later in the previous iteration.
    @Test func parentWriteInTheNextIterationRaces() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        b0:
        \tjump b1
        b1: loop 3
        \tif ? then b2 else b3
        b2:
        \t↓map.write m
        \tgo p.f.func1()
        \tjump b1
        b3:
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
        // Reported at the write, the parent's.
        #expect(r.actual == r.expectedWith(["MR1002"]))
    }
}
