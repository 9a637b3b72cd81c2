import Testing
@testable import Analyses

/// Send on a closed channel, double close, close by a receiver, and nil channels.
@Suite struct ChannelPanicTests {
    /// The parent closes the channel while a worker may still send.
    @Test func sendAfterTheParentClosed() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.run() {
        \tvar out chan int
        b0:
        \tout = chan.make int, 1
        \tgo example.com/p.run.func1()
        \tchan.close out
        \treturn
        }

        func example.com/p.run.func1() {
        \tparent example.com/p.run
        \tcapture out chan int
        b0:
        \t↓chan.send out, 1
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1005"]))
        let f = try #require(r.finding("CH1005"))
        #expect(f.message == "send on closed channel out panics: it is closed at line 8")
        #expect(f.related.map(\.message) == ["out is closed here"])
        #expect(f.flows.first?.threads.flatMap(\.steps).map(\.message).sorted() == [
            "[1] spawned here by run", "[2] closes out", "[3] run returns here", "[4] panics here: send on closed channel",
        ])
    }

    /// Two workers each close the shared done channel when they finish.
    @Test func closeOfAClosedChannel() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.race() {
        \tvar done chan struct{}
        b0:
        \tdone = chan.make struct{}, 0
        \tgo example.com/p.worker(done)
        \tgo example.com/p.worker(done)
        \tchan.recv done
        \treturn
        }

        func example.com/p.worker(done chan struct{}) {
        b0:
        \t↓chan.close done
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1006"]))
        #expect(r.finding("CH1006")?.message == "close of closed channel done panics: another goroutine already closed it here")
    }

    /// The consumer closes the channel it receives from while producers send.
    @Test func receiverClosesWhileSendersRemain() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.collect() int {
        \tvar results chan int
        b0:
        \tresults = chan.make int, 0
        \tgo example.com/p.produce(results)
        \tgo example.com/p.produce(results)
        \t%1 = chan.recv results
        \t↓chan.close results
        \treturn %1
        }

        func example.com/p.produce(results chan int) {
        b0:
        \tchan.send results, 1
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1007"]))
        let f = try #require(r.finding("CH1007"))
        #expect(f.related.map(\.message) == ["this send panics"])
    }

    /// The single producer closes after its last send: receivers see the end.
    @Test func producerClosesAfterItsSendsIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.sum() int {
        \tvar c chan int
        \tvar v int
        \tvar ok bool
        b0:
        \tc = chan.make int, 0
        \tgo example.com/p.gen(c)
        \tjump b1
        b1: loop
        \tv, ok = range chan.recv c
        \tif ok then b1 else b2
        b2:
        \treturn v
        }

        func example.com/p.gen(c chan int) {
        b0:
        \tchan.send c, 1
        \tchan.send c, 2
        \tchan.close c
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A channel declared but never made: the send blocks forever.
    @Test func sendOnANilChannel() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.notify() {
        \tvar events chan string
        b0:
        \tgo example.com/p.notify.func1()
        \treturn
        }

        func example.com/p.notify.func1() {
        \tparent example.com/p.notify
        \tcapture events chan string
        b0:
        \t↓chan.send events, "started"
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1008"]))
        #expect(r.finding("CH1008")?.message == "send on nil channel events blocks forever")
    }

    /// close(nil) panics.
    @Test func closeOfANilChannel() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.shutdown() {
        \tvar quit chan bool
        b0:
        \tgo example.com/p.shutdown.func1()
        \t↓chan.close quit
        \treturn
        }

        func example.com/p.shutdown.func1() {
        \tparent example.com/p.shutdown
        \tcapture quit chan bool
        b0:
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1008"]))
    }

    /// A nil channel in a select disables that case (a common idiom): the
    /// other case still works.
    @Test func nilCaseInASelectIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.merge() int {
        \tvar a chan int
        \tvar b chan int
        b0:
        \ta = chan.make int, 0
        \tgo example.com/p.merge.func1()
        \tselect { case %1 = recv a -> b1; case %2 = recv b -> b2 }
        b1:
        \treturn %1
        b2:
        \treturn %2
        }

        func example.com/p.merge.func1() {
        \tparent example.com/p.merge
        \tcapture a chan int
        b0:
        \tchan.send a, 1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// sync.Once runs the close once, whichever worker gets there first.
    @Test func closeGuardedByOnceIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p
        type example.com/p.group struct{ once sync.Once; done chan struct{} }

        func example.com/p.race() {
        \tvar g *example.com/p.group
        b0:
        \tg = alloc.lit example.com/p.group
        \t%1 = chan.make struct{}, 0
        \tassign g.done = %1
        \tgo (*example.com/p.group).finish(g)
        \tgo (*example.com/p.group).finish(g)
        \tchan.recv g.done
        \treturn
        }

        func (g *example.com/p.group) finish() {
        b0:
        \tonce.do g.once, func (*example.com/p.group).finish.func1
        \treturn
        }

        func (*example.com/p.group).finish.func1() {
        \tparent (*example.com/p.group).finish
        \tcapture g *example.com/p.group
        b0:
        \tchan.close g.done
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A variable declared in a loop body is a new variable at every
    /// iteration: each goroutine closes its own channel.
    @Test func perIterationChannelsAreDistinct() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.watch(paths []string) {
        \tvar stop chan struct{}
        b0:
        \tjump b1
        b1: loop len(paths)
        \tif ? then b2 else b3
        b2:
        \tstop = chan.make struct{}, 0
        \tgo example.com/p.watch.func1()
        \tjump b1
        b3:
        \treturn
        }

        func example.com/p.watch.func1() {
        \tparent example.com/p.watch
        \tcapture stop chan struct{}
        b0:
        \tchan.close stop
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Draining two inputs and setting each to nil: without a loop exit the
    /// select ends up over nil channels only.
    static func nilOutMerge(guarded: Bool, marker: String) -> String {
        """
        package example.com/p

        func example.com/p.merge(a chan int, b chan int) {
        \tvar v int
        \tvar ok bool
        b0:
        \tjump b1
        b1: loop
        \t\(guarded ? "if ? then b2 else b5" : "jump b2")
        b2:
        \t\(marker)select { case v, ok = recv a -> b3; case v, ok = recv b -> b4 }
        b3:
        \tif ok then b1 else b6
        b4:
        \tif ok then b1 else b7
        b5:
        \treturn
        b6:
        \tassign a = nil
        \tjump b1
        b7:
        \tassign b = nil
        \tjump b1
        }

        func example.com/p.start(xs []int) {
        \tvar a chan int
        \tvar b chan int
        b0:
        \ta = chan.make int, 0
        \tb = chan.make int, 0
        \tgo example.com/p.merge(a, b)
        \tchan.close a
        \tchan.close b
        \treturn
        }
        """
    }

    @Test func nilOutLoopWithoutExitSelectsOverNilChannels() throws {
        let r = try LeakHarness.analyse(Self.nilOutMerge(guarded: false, marker: "↓"))
        #expect(r.actual == r.expectedWith(["CH1008"]))
        #expect(r.finding("CH1008")?.message == "select over nil channels blocks forever")
    }

    /// `for a != nil || b != nil` is an unknown condition in the IR: the
    /// idiom's select over nil channels is not judged.
    @Test func nilOutLoopWithAnUnknownExitIsSilent() throws {
        let r = try LeakHarness.analyse(Self.nilOutMerge(guarded: true, marker: ""))
        #expect(r.findings.isEmpty)
    }
}

