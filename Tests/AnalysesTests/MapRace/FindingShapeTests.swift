import Testing
@testable import Analyses

/// What a finding carries: the map's name, both sites, the related
/// location and a code flow of both goroutines; one result per pair.
@Suite struct FindingShapeTests {
    private static let program = """
        package p
        file "cache.go"

        type p.Cache struct{ mu sync.Mutex; items map[string]int }

        func (c *p.Cache) Get() int {
        b0:
        \tmutex.lock c.mu
        \t%1 = map.read c.items
        \tmutex.unlock c.mu
        \treturn %1
        }

        func (c *p.Cache) Set() {
        b0:
        \t↓map.write c.items
        \treturn
        }

        func p.main(c *p.Cache) {
        b0:
        \tgo (*p.Cache).Set(c)
        \tcall (*p.Cache).Get(c)
        \tcall (*p.Cache).Get(c)
        \treturn
        }
        """

    @Test func messageNamesTheMapAndBothFunctions() throws {
        let r = try MapRaceHarness.analyse(Self.program)
        #expect(r.actual == r.expectedWith(["MR1002"]))
        let f = try #require(r.finding("MR1002"))
        #expect(f.message == "concurrent map read and map write: c.items is written in (*Cache).Set and read in (*Cache).Get by goroutines that may run at the same time, with no common lock")
        #expect(f.category == .mapRace)
        #expect(f.location.file == "cache.go")
    }

    @Test func relatedLocationIsTheOtherSite() throws {
        let f = try #require(try MapRaceHarness.analyse(Self.program).finding("MR1002"))
        #expect(f.related.count == 1)
        #expect(f.related.first?.location.line == 9)
        #expect(f.related.first?.message == "the read of c.items ((*Cache).Get)")
    }

    @Test func codeFlowShowsBothGoroutines() throws {
        let f = try #require(try MapRaceHarness.analyse(Self.program).finding("MR1002"))
        let flow = try #require(f.flows.first)
        #expect(flow.message == f.message)
        #expect(flow.threads.map(\.name) == ["goroutine started at line 22 ((*Cache).Set)", "main"])
        #expect(flow.threads[0].steps.map { "\($0.location.line) \($0.message)" } == ["22 started here by main", "16 writes c.items"])
        #expect(flow.threads[1].steps.map { "\($0.location.line) \($0.message)" } == ["23 calls (*Cache).Get", "9 reads c.items"])
    }

    /// Two calls of Get reach the same read: one finding for the pair of sites.
    @Test func onePerPairOfSites() throws {
        let r = try MapRaceHarness.analyse(Self.program)
        #expect(r.findings.count == 1)
    }
}
