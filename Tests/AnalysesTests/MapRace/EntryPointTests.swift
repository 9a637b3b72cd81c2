import Testing
@testable import Analyses

/// The standard library's concurrent entry points: net/http handlers (one
/// goroutine per request), time.AfterFunc callbacks, errgroup and wg.Go
/// goroutines, sync.Once bodies.
@Suite struct EntryPointTests {
    @Test func handlerFuncRacesWithItselfPerRequest() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        global p.hits map[string]int

        func p.count(w net/http.ResponseWriter, r *net/http.Request) {
        b0:
        \tmap.read p.hits @20:2
        \tmap.write p.hits @20:2
        \treturn
        }

        func p.main() {
        b0:
        \tcall net/http.HandleFunc("/", func p.count)
        \treturn
        }
        """)
        // `hits[path]++` reads and writes at one place: the writes of two
        // requests race, and the read-write pair of the same sites is the
        // same race, reported once.
        #expect(r.actual == ["MR1001@20:2"])
        #expect(r.finding("MR1001")?.message == "concurrent map writes: hits is written in count by concurrent requests at once, with no common lock")
    }

    /// A ServeHTTP method the code never registers itself (it goes to a
    /// server as an interface value) still runs once per request.
    @Test func serveHTTPMethodRacesWithItself() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.counter struct{ hits map[string]int }

        func (c *p.counter) ServeHTTP(w net/http.ResponseWriter, r *net/http.Request) {
        b0:
        \t↓map.write c.hits
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
        let flow = try #require(r.finding("MR1001")?.flows.first)
        #expect(flow.threads.map(\.name) == ["a request handled by (*counter).ServeHTTP", "another request handled by (*counter).ServeHTTP"])
    }

    @Test func serveHTTPUnderAMutexIsSilent() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.counter struct{ mu sync.Mutex; hits map[string]int }

        func (c *p.counter) ServeHTTP(w net/http.ResponseWriter, r *net/http.Request) {
        \tvar local map[string]int
        b0:
        \tlocal = map.make map[string]int
        \tmap.write local
        \tmutex.lock c.mu
        \tmap.write c.hits
        \tmutex.unlock c.mu
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    @Test func afterFuncCallbackRacesWithTheCaller() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.Store struct{ sessions map[string]string }

        func (s *p.Store) Expire() {
        b0:
        \ttime.afterfunc 1000, func (*p.Store).Expire.func1
        \tmap.write s.sessions
        \treturn
        }

        func (*p.Store).Expire.func1() {
        \tparent (*p.Store).Expire
        \tcapture s *p.Store
        b0:
        \t↓map.delete s.sessions
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    /// errgroup: `g.Wait()` waits for every `g.Go` function.
    @Test func errgroupWaitOrdersTheGoFunctions() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar g golang.org/x/sync/errgroup.Group
        b0:
        \t%1 = addr g
        \tcall (*golang.org/x/sync/errgroup.Group).Go(%1, func p.f.func1)
        \tcall (*golang.org/x/sync/errgroup.Group).Wait(%1)
        \tmap.write m
        \treturn
        }

        func p.f.func1() error {
        \tparent p.f
        \tcapture m map[int]int
        b0:
        \tmap.write m
        \treturn nil
        }
        """)
        #expect(r.findings.isEmpty)
    }

    @Test func errgroupGoFunctionsInALoopRaceWithEachOther() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(m map[int]int) {
        \tvar g golang.org/x/sync/errgroup.Group
        b0:
        \tjump b1
        b1: loop
        \tif ? then b2 else b3
        b2:
        \tcall (*golang.org/x/sync/errgroup.Group).Go(g, func p.f.func1)
        \tjump b1
        b3:
        \tcall (*golang.org/x/sync/errgroup.Group).Wait(g)
        \treturn
        }

        func p.f.func1() error {
        \tparent p.f
        \tcapture m map[int]int
        b0:
        \t↓map.write m
        \treturn nil
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    /// `wg.Go` (Go 1.25) runs f on a goroutine that Wait waits for.
    @Test func waitGroupGoIsAStartAndADone() throws {
        let r = try MapRaceHarness.analyse("""
        package p
        go 1.25

        func p.f(m map[int]int) {
        \tvar wg sync.WaitGroup
        b0:
        \twg.go wg, func p.f.func1
        \tmap.write m
        \twg.wait wg
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
    }

    /// Maps filled inside sync.Once, read after Do by every goroutine.
    @Test func onceFilledMapReadAfterDo() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.Table struct{ once sync.Once; rows map[string]int }

        func (t *p.Table) load() {
        b0:
        \tmap.write t.rows
        \treturn
        }

        func (t *p.Table) Row() int {
        \tvar f func()
        b0:
        \tonce.do t.once, func (*p.Table).Row.func1
        \t%1 = map.read t.rows
        \treturn %1
        }

        func (*p.Table).Row.func1() {
        \tparent (*p.Table).Row
        \tcapture t *p.Table
        b0:
        \tcall (*p.Table).load(t)
        \treturn
        }

        func p.main(t *p.Table) {
        b0:
        \tgo (*p.Table).Row(t)
        \tgo (*p.Table).Row(t)
        \tcall (*p.Table).Row(t)
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A write outside the once body is not protected by the once.
    @Test func writeOutsideTheOnceRaces() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.Table struct{ once sync.Once; rows map[string]int }

        func (t *p.Table) Row() {
        b0:
        \tonce.do t.once, func (*p.Table).Row.func1
        \t↓map.write t.rows
        \treturn
        }

        func (*p.Table).Row.func1() {
        \tparent (*p.Table).Row
        \tcapture t *p.Table
        b0:
        \tmap.write t.rows
        \treturn
        }

        func p.main(t *p.Table) {
        b0:
        \tgo (*p.Table).Row(t)
        \tcall (*p.Table).Row(t)
        \treturn
        }
        """)
        // The plain writes of the two goroutines race. The once body is
        // ordered before every Do returns, so before either plain write.
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }
}
