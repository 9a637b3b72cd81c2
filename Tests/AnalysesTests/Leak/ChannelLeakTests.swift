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
}
