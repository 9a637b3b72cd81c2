import Testing
@testable import Analyses

/// Summaries bottom-up over the call graph: accesses several calls deep,
/// goroutines started by callees, objects returned by constructors, maps
/// passed as arguments or stored in other structs, recursion.
@Suite struct InterproceduralTests {
    /// `go s.refresh()` writes two calls deep; a handler reads through Get.
    @Test func refreshTwoCallsDeepRacesWithAHandlersGet() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.S struct{ mu sync.RWMutex; cache map[string]string }

        func (s *p.S) Get(k string) string {
        b0:
        \tmutex.rlock s.mu
        \tdefer mutex.runlock s.mu
        \t%1 = map.read s.cache
        \treturn %1
        }

        func (s *p.S) store() {
        b0:
        \t↓map.write s.cache
        \treturn
        }

        func (s *p.S) reload() {
        b0:
        \tcall (*p.S).store(s)
        \treturn
        }

        func (s *p.S) refresh() {
        b0:
        \tcall (*p.S).reload(s)
        \treturn
        }

        func p.main() {
        \tvar s *p.S
        b0:
        \t%1 = alloc.lit *p.S
        \t%2 = map.make map[string]string
        \tassign %1.cache = %2
        \tassign s = %1
        \tgo (*p.S).refresh(s)
        \tcall net/http.HandleFunc("/", func p.main.func1)
        \treturn
        }

        func p.main.func1(w net/http.ResponseWriter, r *net/http.Request) {
        \tparent p.main
        \tcapture s *p.S
        b0:
        \tcall (*p.S).Get(s, "k")
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1002"]))
        let f = try #require(r.finding("MR1002"))
        #expect(f.message == "concurrent map read and map write: s.cache is written in (*S).store and read in (*S).Get by goroutines that may run at the same time, with no common lock")
        let threads = try #require(f.flows.first).threads
        #expect(threads.map(\.name) == ["goroutine started at line 38 ((*S).refresh)", "a request handled by main.func1"])
        #expect(threads[0].steps.map(\.message) == ["started here by main", "calls (*S).reload", "calls (*S).store", "writes s.cache"])
        #expect(threads[1].steps.map(\.message) == ["registered as a net/http handler: one goroutine per request", "calls (*S).Get", "reads s.cache"])
    }

    /// A constructor starts a goroutine on the object it returns; the
    /// caller's later write races with it.
    @Test func constructorsGoroutineRacesWithTheCaller() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.T struct{ seen map[string]int }

        func p.New() *p.T {
        \tvar t *p.T
        b0:
        \t%1 = alloc.lit *p.T
        \t%2 = map.make map[string]int
        \tassign %1.seen = %2
        \tassign t = %1
        \tgo (*p.T).sweep(t)
        \treturn t
        }

        func (t *p.T) sweep() {
        b0:
        \tmap.delete t.seen
        \treturn
        }

        func p.main() {
        \tvar t *p.T
        b0:
        \tt = call p.New()
        \t↓map.write t.seen
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    /// The map is an argument of the goroutine's function.
    @Test func mapPassedAsArgument() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.fill(m map[int]int) {
        b0:
        \t↓map.write m
        \treturn
        }

        func p.main() {
        \tvar squares map[int]int
        b0:
        \tsquares = map.make map[int]int
        \tgo p.fill(squares)
        \tjump b1
        b1: loop
        \t%1, %2 = map.range squares
        \tif ? then b1 else b2
        b2:
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1002"]))
    }

    /// The map is stored in another struct the goroutine runs on.
    @Test func mapStoredInAnotherStruct() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.worker struct{ out map[string]int }

        func (w *p.worker) run() {
        b0:
        \tmap.write w.out
        \treturn
        }

        func p.main() {
        \tvar results map[string]int
        \tvar w *p.worker
        b0:
        \tresults = map.make map[string]int
        \t%1 = alloc.lit *p.worker
        \tassign %1.out = results
        \tassign w = %1
        \tgo (*p.worker).run(w)
        \t↓map.write results
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    /// A goroutine started by a callee (not by the function itself) races
    /// with the function's later accesses.
    @Test func goroutineStartedInACallee() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        global p.counts map[string]int

        func p.bump() {
        b0:
        \t↓map.write p.counts
        \treturn
        }

        func p.start() {
        b0:
        \tgo p.bump()
        \treturn
        }

        func p.main() {
        b0:
        \tcall p.start()
        \t%1 = map.read p.counts
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1002"]))
    }

    /// Maps in maps: `m[a][b] = v` writes the inner map and reads the outer.
    @Test func innerMapWrittenByTwoGoroutines() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.set(m map[string]map[string]int) {
        b0:
        \t%1 = map.read m
        \t↓map.write %1
        \treturn
        }

        func p.main(m map[string]map[string]int) {
        b0:
        \tgo p.set(m)
        \tgo p.set(m)
        \treturn
        }
        """)
        // The inner map m[...] races; the outer map is only read.
        #expect(r.actual == r.expectedWith(["MR1001"]))
        #expect(r.finding("MR1001")?.message.hasPrefix("concurrent map writes: m[...] is written in set") == true)
    }

    /// Mutual recursion reaches a fixpoint and still finds the write.
    @Test func recursiveWalkWritesTheMap() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.walk(seen map[string]bool) {
        b0:
        \t↓map.write seen
        \tif ? then b1 else b2
        b1:
        \tcall p.visit(seen)
        \treturn
        b2:
        \treturn
        }

        func p.visit(seen map[string]bool) {
        b0:
        \tcall p.walk(seen)
        \treturn
        }

        func p.main(seen map[string]bool) {
        b0:
        \tgo p.visit(seen)
        \tcall p.visit(seen)
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }
}
