import Testing
@testable import Analyses

/// Goroutines blocked forever on a send or receive after their parent
/// returned or stopped listening, and the look-alikes that must stay silent.
@Suite struct ChannelLeakTests {
    /// The early return on ctx.Done leaves the worker blocked on its send.
    @Test func earlyReturnOnContextDoneLeaksTheSender() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p
        file "fetch.go"

        func example.com/p.fetch(ctx context.Context) (string, error) {
        \tvar ch chan string
        b0:
        \tch = chan.make string, 0
        \tgo example.com/p.fetch.func1()
        \t%1 = ctx.done ctx
        \tselect { case %2 = recv ch -> b1; case recv %1 -> b2 }
        b1:
        \treturn %2, nil
        b2:
        \treturn "", ?
        }

        func example.com/p.fetch.func1() {
        \tparent example.com/p.fetch
        \tcapture ch chan string
        b0:
        \t%1 = call example.com/p.slow()
        \t↓chan.send ch, %1
        \treturn
        }

        func example.com/p.slow() string
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
        let f = try #require(r.finding("CH1001"))
        #expect(f.message == "send on ch blocks forever: nothing receives from it after fetch returns")
        #expect(f.location.file == "fetch.go")
        let flow = try #require(f.flows.first)
        #expect(flow.threads.map(\.name) == ["goroutine 1 (started at line 8)", "fetch"])
        #expect(flow.threads.flatMap(\.steps).map(\.message).sorted() == [
            "[1] spawned here by fetch", "[2] takes case 2 of the select", "[3] fetch returns here", "[4] blocks here forever",
        ])
    }

    /// The same shape with a buffer of one: the send completes.
    @Test func bufferedResultChannelIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.fetch(ctx context.Context) (string, error) {
        \tvar ch chan string
        b0:
        \tch = chan.make string, 1
        \tgo example.com/p.fetch.func1()
        \t%1 = ctx.done ctx
        \tselect { case %2 = recv ch -> b1; case recv %1 -> b2 }
        b1:
        \treturn %2, nil
        b2:
        \treturn "", ?
        }

        func example.com/p.fetch.func1() {
        \tparent example.com/p.fetch
        \tcapture ch chan string
        b0:
        \tchan.send ch, "x"
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// "First response wins": the other workers block on their sends.
    @Test func resultsAbandonedAfterTheFirst() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.first(servers []string) string {
        \tvar ch chan string
        \tvar s string
        b0:
        \tch = chan.make string, 0
        \tjump b1
        b1: loop len(servers)
        \tif ? then b2 else b3
        b2:
        \tgo example.com/p.first.func1(s)
        \tjump b1
        b3:
        \t%1 = chan.recv ch
        \treturn %1
        }

        func example.com/p.first.func1(s string) {
        \tparent example.com/p.first
        \tcapture ch chan string
        b0:
        \t%1 = call example.com/p.query(s)
        \t↓chan.send ch, %1
        \treturn
        }

        func example.com/p.query(s string) string
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
    }

    /// A buffer as large as the number of workers (here: unknown capacity,
    /// `make(chan T, len(servers))`) never blocks a sender.
    @Test func bufferSizedToTheWorkersIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.first(servers []string) string {
        \tvar ch chan string
        b0:
        \tch = chan.make string, ?
        \tjump b1
        b1: loop len(servers)
        \tif ? then b2 else b3
        b2:
        \tgo example.com/p.first.func1()
        \tjump b1
        b3:
        \t%1 = chan.recv ch
        \treturn %1
        }

        func example.com/p.first.func1() {
        \tparent example.com/p.first
        \tcapture ch chan string
        b0:
        \tchan.send ch, "r"
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A timeout with time.After: the parent gives up, the worker blocks.
    @Test func timeoutLeaksTheWorker() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.lookup(key string) (string, bool) {
        \tvar ch chan string
        b0:
        \tch = chan.make string, 0
        \tgo example.com/p.lookup.func1(key)
        \t%1 = time.after 1000000000
        \tselect { case %2 = recv ch -> b1; case recv %1 -> b2 }
        b1:
        \treturn %2, true
        b2:
        \treturn "", false
        }

        func example.com/p.lookup.func1(key string) {
        \tparent example.com/p.lookup
        \tcapture ch chan string
        b0:
        \t↓chan.send ch, key
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
    }

    /// A goroutine waits for a value the parent never sends.
    @Test func receiveOnAChannelNobodyWrites() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.start() {
        \tvar quit chan struct{}
        b0:
        \tquit = chan.make struct{}, 0
        \tgo example.com/p.start.func1()
        \treturn
        }

        func example.com/p.start.func1() {
        \tparent example.com/p.start
        \tcapture quit chan struct{}
        b0:
        \t↓chan.recv quit
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1002"]))
        #expect(r.finding("CH1002")?.message == "receive from quit blocks forever: nothing sends on it or closes it after start returns")
    }

    /// The only sender skips its send on one path: the parent's receive
    /// blocks forever (a deadlock of the parent, not only a leak).
    @Test func parentBlocksWhenTheSenderSkipsItsSend() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.compute() int {
        \tvar done chan int
        b0:
        \tdone = chan.make int, 0
        \tgo example.com/p.compute.func1()
        \t↓%1 = chan.recv done
        \treturn %1
        }

        func example.com/p.compute.func1() {
        \tparent example.com/p.compute
        \tcapture done chan int
        b0:
        \tif ? then b1 else b2
        b1:
        \treturn
        b2:
        \tchan.send done, 1
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1002"]))
        #expect(r.finding("CH1002")?.message == "receive from done blocks forever: nothing sends on it or closes it while every other goroutine is blocked too")
    }

    /// A consumer ranges over a channel the producer never closes.
    @Test func rangeOverAChannelNobodyCloses() throws {
        let r = try LeakHarness.analyse(Self.producerConsumer(closes: false, marker: "↓"))
        #expect(r.actual == r.expectedWith(["CH1003"]))
        #expect(r.finding("CH1003")?.message == "range over items never ends: nothing closes it after stream returns")
    }

    /// The producer closes the channel after its last send: the range ends.
    @Test func rangeEndsWhenTheProducerCloses() throws {
        let r = try LeakHarness.analyse(Self.producerConsumer(closes: true, marker: ""))
        #expect(r.findings.isEmpty)
    }

    static func producerConsumer(closes: Bool, marker: String) -> String {
        """
        package example.com/p

        func example.com/p.stream(xs []int) {
        \tvar items chan int
        \tvar x int
        b0:
        \titems = chan.make int, 0
        \tgo example.com/p.consume(items)
        \tjump b1
        b1: loop len(xs)
        \tif ? then b2 else b3
        b2:
        \tchan.send items, x
        \tjump b1
        b3:
        \t\(closes ? "chan.close items" : "assign x = 0")
        \treturn
        }

        func example.com/p.consume(items chan int) {
        \tvar v int
        \tvar ok bool
        b0:
        \tjump b1
        b1: loop
        \t\(marker)v, ok = range chan.recv items
        \tif ok then b2 else b3
        b2:
        \tcall example.com/p.handle(v)
        \tjump b1
        b3:
        \treturn
        }

        func example.com/p.handle(v int)
        """
    }

    /// As many receives as workers, over the same slice: nobody is left.
    @Test func oneReceivePerWorkerIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.all(jobs []int) int {
        \tvar ch chan int
        \tvar sum int
        b0:
        \tch = chan.make int, 0
        \tjump b1
        b1: loop len(jobs)
        \tif ? then b2 else b3
        b2:
        \tgo example.com/p.all.func1()
        \tjump b1
        b3:
        \tjump b4
        b4: loop len(jobs)
        \tif ? then b5 else b6
        b5:
        \t%1 = chan.recv ch
        \tjump b4
        b6:
        \treturn sum
        }

        func example.com/p.all.func1() {
        \tparent example.com/p.all
        \tcapture ch chan int
        b0:
        \tchan.send ch, 1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
        #expect(r.statistics["leak.functions-over-bound"] == nil)
    }

    /// errgroup-like fan-out: returning at the first error abandons the
    /// workers still sending their errors.
    @Test func firstErrorReturnAbandonsTheOtherWorkers() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.runAll(tasks []int) error {
        \tvar errc chan error
        \tvar err error
        b0:
        \terrc = chan.make error, 0
        \tjump b1
        b1: loop len(tasks)
        \tif ? then b2 else b3
        b2:
        \tgo example.com/p.runAll.func1()
        \tjump b1
        b3:
        \tjump b4
        b4: loop len(tasks)
        \tif ? then b5 else b7
        b5:
        \terr = chan.recv errc
        \tif ? then b6 else b4
        b6:
        \treturn err
        b7:
        \treturn nil
        }

        func example.com/p.runAll.func1() {
        \tparent example.com/p.runAll
        \tcapture errc chan error
        b0:
        \t%1 = call example.com/p.work()
        \t↓chan.send errc, %1
        \treturn
        }

        func example.com/p.work() error
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
    }

    /// A select whose channels nobody else holds.
    @Test func selectThatNothingCanWake() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.watch() {
        \tvar updates chan int
        \tvar stop chan bool
        b0:
        \tupdates = chan.make int, 0
        \tstop = chan.make bool, 0
        \tgo example.com/p.watch.func1()
        \treturn
        }

        func example.com/p.watch.func1() {
        \tparent example.com/p.watch
        \tcapture updates chan int
        \tcapture stop chan bool
        b0:
        \t↓select { case recv updates -> b1; case recv stop -> b2 }
        b1:
        \treturn
        b2:
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1004"]))
        #expect(r.finding("CH1004")?.message == "select blocks forever: none of its cases (updates, stop) can proceed after watch returns")
    }

    /// The parent cancels the context on return: the worker's select wakes.
    @Test func selectOnContextTheParentCancelsIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.fetch(parent context.Context) int {
        \tvar ch chan int
        \tvar ctx context.Context
        \tvar cancel context.CancelFunc
        b0:
        \tctx, cancel = ctx.withcancel parent
        \tdefer ctx.cancel cancel
        \tch = chan.make int, 0
        \tgo example.com/p.fetch.func1()
        \t%1 = time.after 100
        \tselect { case %2 = recv ch -> b1; case recv %1 -> b2 }
        b1:
        \treturn %2
        b2:
        \treturn 0
        }

        func example.com/p.fetch.func1() {
        \tparent example.com/p.fetch
        \tcapture ch chan int
        \tcapture ctx context.Context
        b0:
        \t%1 = ctx.done ctx
        \tselect { case send ch, 1 -> b1; case recv %1 -> b1 }
        b1:
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Without the cancel, a context from Background never ends the select.
    @Test func selectOnAContextNobodyCancels() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.fetch() int {
        \tvar ch chan int
        \tvar ctx context.Context
        \tvar cancel context.CancelFunc
        b0:
        \t%0 = ctx.background
        \tctx, cancel = ctx.withcancel %0
        \tch = chan.make int, 0
        \tgo example.com/p.fetch.func1()
        \t%1 = time.after 100
        \tselect { case %2 = recv ch -> b1; case recv %1 -> b2 }
        b1:
        \treturn %2
        b2:
        \treturn 0
        }

        func example.com/p.fetch.func1() {
        \tparent example.com/p.fetch
        \tcapture ch chan int
        \tcapture ctx context.Context
        b0:
        \t%1 = ctx.done ctx
        \t↓select { case send ch, 1 -> b1; case recv %1 -> b1 }
        b1:
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1004"]))
    }
}
