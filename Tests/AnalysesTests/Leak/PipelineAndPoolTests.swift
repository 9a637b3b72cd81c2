import Testing
@testable import Analyses

/// Worker pools and pipelines: the shapes real code uses, exact within the
/// state bound thanks to the symmetry of identical workers.
@Suite struct PipelineAndPoolTests {
    /// jobs -> workers -> results, with a closer goroutine; `drain` decides
    /// whether the caller reads every result or only the first.
    static func pool(workers: String, drain: Bool, marker: String) -> String {
        """
        package example.com/p

        func example.com/p.run(inputs []int) int {
        \tvar jobs chan int
        \tvar results chan int
        \tvar wg sync.WaitGroup
        \tvar x int
        \tvar v int
        \tvar ok bool
        b0:
        \tjobs = chan.make int, 0
        \tresults = chan.make int, 0
        \tjump b1
        b1: loop \(workers)
        \tif ? then b2 else b3
        b2:
        \twg.add wg, 1
        \tgo example.com/p.run.func1()
        \tjump b1
        b3:
        \tgo example.com/p.run.func2()
        \tgo example.com/p.run.func3()
        \tjump b4
        b4: loop
        \tv, ok = range chan.recv results
        \tif ok then b5 else b6
        b5:
        \t\(drain ? "jump b4" : "return v")
        b6:
        \treturn 0
        }

        func example.com/p.run.func1() {
        \tparent example.com/p.run
        \tcapture jobs chan int
        \tcapture results chan int
        \tcapture wg sync.WaitGroup
        \tvar j int
        \tvar ok bool
        b0:
        \tdefer wg.done wg
        \tjump b1
        b1: loop
        \tj, ok = range chan.recv jobs
        \tif ok then b2 else b3
        b2:
        \t\(marker)chan.send results, j
        \tjump b1
        b3:
        \treturn
        }

        func example.com/p.run.func2() {
        \tparent example.com/p.run
        \tcapture jobs chan int
        \tcapture inputs []int
        \tvar x int
        b0:
        \tjump b1
        b1: loop len(inputs)
        \tif ? then b2 else b3
        b2:
        \tchan.send jobs, x
        \tjump b1
        b3:
        \tchan.close jobs
        \treturn
        }

        func example.com/p.run.func3() {
        \tparent example.com/p.run
        \tcapture results chan int
        \tcapture wg sync.WaitGroup
        b0:
        \twg.wait wg
        \tchan.close results
        \treturn
        }
        """
    }

    @Test func drainedWorkerPoolIsSilent() throws {
        let r = try LeakHarness.analyse(Self.pool(workers: "4", drain: true, marker: ""))
        #expect(r.findings.isEmpty)
        #expect(r.statistics["leak.functions-over-bound"] == nil)
        #expect((r.statistics["leak.states"] ?? 0) < 20_000)
    }

    /// Returning after the first result strands workers on their sends
    /// (and the closer goroutine on Wait).
    @Test func workerPoolAbandonedAfterTheFirstResult() throws {
        let r = try LeakHarness.analyse(Self.pool(workers: "4", drain: false, marker: "↓"))
        #expect(r.findings.map(\.ruleID).sorted() == ["CH1001", "WG1001"])
        #expect(r.finding("CH1001").map { "\($0.location.line):\($0.location.column)" } == r.expected.first.map(\.description))
        #expect(r.statistics["leak.functions-over-bound"] == nil)
    }

    /// A three-stage pipeline whose consumer stops after one value: the
    /// stages upstream block on their sends.
    @Test func pipelineWithAnImpatientConsumer() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.gen(nums []int) chan int {
        \tvar out chan int
        b0:
        \tout = chan.make int, 0
        \tgo example.com/p.gen.func1()
        \treturn out
        }

        func example.com/p.gen.func1() {
        \tparent example.com/p.gen
        \tcapture out chan int
        \tcapture nums []int
        \tvar n int
        b0:
        \tjump b1
        b1: loop len(nums)
        \tif ? then b2 else b3
        b2:
        \t↓chan.send out, n
        \tjump b1
        b3:
        \tchan.close out
        \treturn
        }

        func example.com/p.sq(in chan int) chan int {
        \tvar out chan int
        b0:
        \tout = chan.make int, 0
        \tgo example.com/p.sq.func1()
        \treturn out
        }

        func example.com/p.sq.func1() {
        \tparent example.com/p.sq
        \tcapture in chan int
        \tcapture out chan int
        \tvar n int
        \tvar ok bool
        b0:
        \tjump b1
        b1: loop
        \tn, ok = range chan.recv in
        \tif ok then b2 else b3
        b2:
        \t↓chan.send out, n
        \tjump b1
        b3:
        \tchan.close out
        \treturn
        }

        func example.com/p.firstSquare(nums []int) int {
        b0:
        \t%1 = call example.com/p.gen(nums)
        \t%2 = call example.com/p.sq(%1)
        \t%3 = chan.recv %2
        \treturn %3
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001", "CH1001"]))
    }
}
