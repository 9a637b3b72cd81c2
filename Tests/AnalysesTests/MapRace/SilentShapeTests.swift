import Testing
@testable import Analyses

/// The look-alikes the analysis must stay silent on: sync.Map, maps owned
/// by one goroutine, ownership handed over a channel, maps written before
/// the goroutines start.
@Suite struct SilentShapeTests {
    @Test func syncMapIsNotAPlainMap() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        global p.registry sync.Map

        func p.Register() {
        b0:
        \t%1 = addr p.registry
        \tcall (*sync.Map).Store(%1, "a", 1)
        \treturn
        }

        func p.main() {
        b0:
        \tgo p.Register()
        \t%1 = addr p.registry
        \tcall (*sync.Map).Load(%1, "a")
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Each goroutine makes its own map.
    @Test func mapLocalToEachGoroutine() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.count(out chan map[string]int) {
        \tvar counts map[string]int
        b0:
        \tcounts = map.make map[string]int
        \tmap.write counts
        \tchan.send out, counts
        \treturn
        }

        func p.main() {
        \tvar out chan map[string]int
        b0:
        \tout = chan.make map[string]int, 0
        \tgo p.count(out)
        \tgo p.count(out)
        \t%1 = chan.recv out
        \tmap.write %1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Built, sent, never touched again by its builder.
    @Test func ownershipHandedOverAChannel() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.main() {
        \tvar ch chan map[int]int
        \tvar got map[int]int
        b0:
        \tch = chan.make map[int]int, 0
        \tgo p.main.func1()
        \tgot = chan.recv ch
        \tmap.write got
        \treturn
        }

        func p.main.func1() {
        \tparent p.main
        \tcapture ch chan map[int]int
        \tvar m map[int]int
        b0:
        \tm = map.make map[int]int
        \tmap.write m
        \tchan.send ch, m
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Written before the goroutines start, only read by them and after.
    @Test func writtenBeforeStartReadAfter() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.main() {
        \tvar names map[int]string
        b0:
        \tnames = map.make map[int]string
        \tmap.write names
        \tgo p.main.func1()
        \tgo p.main.func1()
        \tmap.read names
        \treturn
        }

        func p.main.func1() {
        \tparent p.main
        \tcapture names map[int]string
        b0:
        \tmap.read names
        \t%1 = map.len names
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Nothing starts a goroutine: a library's unsynchronised map is its
    /// callers' business, not a race the analysis can see.
    @Test func noGoroutineNoFinding() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.Cache struct{ items map[string]int }

        func (c *p.Cache) Set() {
        b0:
        \tmap.write c.items
        \treturn
        }

        func (c *p.Cache) Get() int {
        b0:
        \t%1 = map.read c.items
        \treturn %1
        }
        """)
        #expect(r.findings.isEmpty)
    }
}
