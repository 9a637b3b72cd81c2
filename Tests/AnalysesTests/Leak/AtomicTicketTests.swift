import ConcIR
import Testing
@testable import Analyses
@testable import RuntimeModel

/// Branches on what an atomic read-modify-write returned: free while one
/// ticket is drawn, no witness once a second is (`AtomicTickets`).
@Suite struct AtomicTicketTests {
    /// Two callers of CompareAndSwap: the model cannot keep "only one wins",
    /// so neither "both lose" (the receive blocked) nor "both win" (a second
    /// close) is a witness.
    @Test func compareAndSwapWinnerClosesOnce() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        type example.com/p.Server struct{ stopped int32; quit chan struct{} }

        func example.com/p.Shutdown() {
        \tvar s *example.com/p.Server
        b0:
        \t%1 = alloc.lit *example.com/p.Server
        \t%2 = chan.make struct{}, 0
        \tassign %1.quit = %2
        \tassign s = %1
        \tgo (*example.com/p.Server).Stop(s)
        \tgo (*example.com/p.Server).Stop(s)
        \t%3 = chan.recv s.quit
        \treturn
        }

        func (s *example.com/p.Server) Stop() {
        b0:
        \t%1 = atomic.cas s.stopped, 0, 1
        \tif %1 then b1 else b2
        b1:
        \tchan.close s.quit
        \tjump b2
        b2:
        \treturn
        }
        """)
        #expect(r.actual == [])
    }

    /// One ticket decides alone: the path where the goroutine sends is one
    /// the program can run, and the send is abandoned.
    @Test func oneTicketStillWitnesses() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.Spend(used *int32, limit int32) {
        \tvar verdict chan bool
        b0:
        \t%1 = chan.make bool, 0
        \tassign verdict = %1
        \tgo example.com/p.Spend.func1()
        \treturn
        }

        func example.com/p.Spend.func1() {
        \tparent example.com/p.Spend
        \tcapture used *int32
        \tcapture limit int32
        \tcapture verdict chan bool
        \tvar n int32
        b0:
        \t%1 = atomic.add *used, 1
        \tassign n = %1
        \t%2 = cmp.le n, limit
        \tif %2 then b1 else b2
        b1:
        \t↓chan.send verdict, true
        \tjump b2
        b2:
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
    }

    /// The same goroutine drawing twice (a loop over claims) ties its own
    /// branches: the workers paired by the parity of their claims are not
    /// reported, and with the result of the draw thrown away (`atomic.add`
    /// with no result, a statistics counter) nothing is tied.
    @Test func parityPairedWorkersAreSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.Exchange(n int32) {
        \tvar ball chan int
        \tvar done chan bool
        b0:
        \t%1 = chan.make int, 0
        \tassign ball = %1
        \t%2 = chan.make bool, 2
        \tassign done = %2
        \tgo example.com/p.Exchange.func1()
        \tgo example.com/p.Exchange.func1()
        \t%3 = chan.recv done
        \t%4 = chan.recv done
        \treturn
        }

        func example.com/p.Exchange.func1() {
        \tparent example.com/p.Exchange
        \tcapture n int32
        \tcapture ball chan int
        \tcapture done chan bool
        \tvar i int32
        b0:
        \tjump b1
        b1: loop
        \t%1 = atomic.add n, -1
        \tassign i = %1
        \t%2 = cmp.lt i, 0
        \tif %2 then b4 else b2
        b2:
        \t%3 = cmp.eq i, 0
        \tif %3 then b5 else b6
        b5:
        \t%4 = chan.recv ball
        \tchan.send ball, 0
        \tjump b1
        b6:
        \tchan.send ball, 0
        \t%5 = chan.recv ball
        \tjump b1
        b4:
        \tchan.send done, true
        \treturn
        }
        """)
        #expect(r.actual == [])
    }

    /// Workers that count down `pending` and close `done` when their Add
    /// reaches zero. Counted from the number of workers, each Add is
    /// computed in the order the interleaving runs them, and only the last
    /// worker sees zero; from one more, nobody does, and the wait is
    /// reported. A count the explored code set to a value the model does
    /// not know (`int32(len(items))`, `?`) is tied to how many workers it
    /// started: even the first and only draw on it is no free choice.
    @Test(arguments: [("3", 3, false), ("4", 3, true), ("?", 1, false)])
    func lastWorkerCloses(start: String, workers: Int, leaks: Bool) throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.All() {
        \tvar pending int32
        \tvar done chan struct{}
        \tvar i int
        b0:
        \tassign pending = \(start)
        \t%1 = chan.make struct{}, 0
        \tassign done = %1
        \tassign i = 0
        \tjump b1
        b1: loop \(workers)
        \t%2 = cmp.lt i, \(workers)
        \tif %2 then b2 else b3
        b2:
        \tgo example.com/p.All.func1()
        \tassign i = ?
        \tjump b1
        b3:
        \t\(leaks ? "↓" : "")%3 = chan.recv done
        \treturn
        }

        func example.com/p.All.func1() {
        \tparent example.com/p.All
        \tcapture pending int32
        \tcapture done chan struct{}
        b0:
        \t%1 = atomic.add pending, -1
        \t%2 = cmp.eq %1, 0
        \tif %2 then b1 else b2
        b1:
        \tchan.close done
        \tjump b2
        b2:
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(leaks ? ["CH1002"] : []))
    }

    @Test func branchBlocksFollowCopiesAndTests() throws {
        let module = try DSL.parse("""
        package example.com/p

        func example.com/p.f(n *int32, v *sync/atomic.Value) {
        \tvar i int32
        \tvar j int32
        \tvar k int32
        b0:
        \t%1 = atomic.add n, 1
        \tassign i = %1
        \tassign j = i
        \t%2 = cmp.eq j, 3
        \tif %2 then b1 else b2
        b1:
        \t%3 = atomic.cas n, 0, 1
        \tif %3 then b2 else b3
        b2:
        \t%4 = atomic.value.swap v, nil
        \t%5 = isnil %4
        \tif %5 then b3 else b4
        b3:
        \t%6 = atomic.load n
        \tassign k = %6
        \t%7 = cmp.lt k, 0
        \tif %7 then b4 else b5
        b4:
        \tif ? then b5 else b5
        b5:
        \treturn
        }
        """, path: "t.cir")
        let f = try #require(module.functions.first)
        #expect(AtomicTickets.branchBlocks(of: f) == [0, 1, 2])
    }
}
