import ConcIR
import Findings
import Testing
@testable import Analyses

/// TM1001 on hand-lowered versions of its rule file's examples: early
/// returns, defers, select cases, loops, fields, goroutines.
@Suite struct TickerPathTests {
    @Test func earlyReturnInPollingLoopLeaks() throws {
        let text = """
        package poller
        go 1.22
        file "poller.go"

        func poller.Poll(src poller.Source, interval time.Duration, attempts int) ([]byte, error) @18:1 {
        \tvar ticker *time.Ticker
        b0:
        \tticker = ticker.new interval @19:12
        \tjump b1 @20:2
        b1: loop
        \tif ? then b2 else b4 @20:2
        b2:
        \tchan.recv ticker.C @21:3
        \t%1 = call (poller.Source).Ready(src) targets [] @22:6
        \tif %1 then b3 else b1 @22:3
        b3:
        \t%2, %3 = call (poller.Source).Fetch(src) targets [] @23:11
        \treturn %2, %3 @23:4
        b4:
        \tticker.stop ticker @26:2
        \treturn nil, ? @27:2
        }
        """
        let findings = Harness.findings(text, only: ["TM1001"])
        #expect(Harness.summary(findings) == ["TM1001@19:12"])
        let finding = try #require(findings.first)
        #expect(finding.message == "time.NewTicker(...) is not stopped on the path through line 23")
        let steps = finding.flows.first?.threads.first?.steps.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(steps == [
            "19:12 ticker acquired by time.NewTicker",
            "20:2 the condition is true",
            "22:3 the condition is true",
            "23:4 returns here without releasing the ticker",
        ])
    }
}

extension TickerPathTests {
    /// Both timers leak on the early return before their defers.
    @Test func earlyReturnBeforeDefersLeaksBoth() {
        let text = """
        package rpc
        file "rpc.go"

        func rpc.call(ctx context.Context, c rpc.Conn, msg []byte, timeout time.Duration) ([]byte, error) @1:1 {
        \tvar deadline *time.Timer
        \tvar keepalive *time.Ticker
        \tvar err error
        \tvar reply []byte
        b0:
        \tdeadline = timer.new timeout @20:14
        \tkeepalive = ticker.new ? @21:15
        \terr = call (rpc.Conn).Send(c, msg) targets [] @22:12
        \tif ? then b1 else b2 @22:2
        b1:
        \treturn nil, err @23:3
        b2:
        \tdefer timer.stop deadline @25:2
        \tdefer ticker.stop keepalive @26:2
        \tjump b3 @27:2
        b3: loop
        \t%1 = call (rpc.Conn).Recv(c) targets [] @29:15
        \t%2 = ctx.done ctx @35:12
        \tselect { case reply = recv %1 @29:3 -> b4; case recv keepalive.C @31:3 -> b5; case recv deadline.C @35:3 -> b6; case recv %2 @37:3 -> b6 } @28:3
        b4:
        \treturn reply, nil @30:4
        b5:
        \terr = call (rpc.Conn).Send(c, nil) targets [] @32:14
        \tif ? then b6 else b3 @32:4
        b6:
        \treturn nil, ? @33:5
        }
        """
        #expect(Harness.summary(Harness.findings(text, only: ["TM1001"])) == ["TM1001@20:14", "TM1001@21:15"])
    }

    /// Handed to the struct on one path only.
    @Test func fieldStoreOnOnePathOnly() {
        let text = """
        package heartbeat
        file "hb.go"
        type heartbeat.Heartbeat struct{ mu sync.Mutex; ticker *time.Ticker; done chan struct{}; peer heartbeat.Pinger }

        func (h *heartbeat.Heartbeat) Start() error @1:1 {
        \tvar t *time.Ticker
        b0:
        \tt = ticker.new ? @25:7
        \tmutex.lock h.mu @26:2
        \tdefer mutex.unlock h.mu @27:2
        \tif ? then b1 else b2 @28:2
        b1:
        \treturn ? @29:3
        b2:
        \tassign h.ticker = t @31:2
        \t%1 = chan.make struct{}, 0 @32:11
        \tassign h.done = %1 @32:2
        \tgo (*heartbeat.Heartbeat).loop(h, t, h.done) @33:2
        \treturn nil @34:2
        }

        func (h *heartbeat.Heartbeat) loop(t *time.Ticker, done <-chan struct{}) @37:1 {
        b0:
        \tjump b1 @38:2
        b1: loop
        \tselect { case recv t.C @40:3 -> b2; case recv done @42:3 -> b3 } @39:3
        b2:
        \tjump b1 @41:4
        b3:
        \treturn @43:4
        }
        """
        #expect(Harness.summary(Harness.findings(text, only: ["TM1001", "MU1001"])) == ["TM1001@25:7"])
    }

    /// Inside a closure: the request's timer outlives a cancelled request.
    @Test func closureBodyIsAFunctionOfItsOwn() {
        let text = """
        package api
        file "api.go"

        func api.lookupHandler(store api.Store) net/http.HandlerFunc @1:1 {
        b0:
        \treturn func api.lookupHandler.func1 @17:9
        }

        func api.lookupHandler.func1(w net/http.ResponseWriter, r *net/http.Request) @17:9 {
        \tparent api.lookupHandler
        \tcapture store api.Store
        \tvar timeout *time.Timer
        b0:
        \ttimeout = timer.new 2000000000 @18:14
        \t%1, %2 = call (api.Store).Lookup(store, ?) targets [] @19:18
        \tif ? then b1 else b2 @20:3
        b1:
        \treturn @22:4
        b2:
        \t%3 = call (*net/http.Request).Context(r) @29:10
        \t%4 = ctx.done %3 @29:10
        \tselect { case recv %1 @25:3 -> b3; case recv timeout.C @27:3 -> b4; case recv %4 @29:3 -> b5 } @24:3
        b3:
        \t%5 = timer.stop timeout @26:4
        \treturn @27:3
        b4:
        \treturn @28:4
        b5:
        \treturn @30:4
        }
        """
        let findings = Harness.findings(text, only: ["TM1001"])
        #expect(Harness.summary(findings) == ["TM1001@18:14"])
        #expect(findings.first?.message.hasSuffix("line 22") == true)
    }

    /// `continue` skips the Stop: the ticker of one iteration is still
    /// running when the next iteration creates another.
    @Test func continueInLoopLeaksPerIteration() throws {
        let text = """
        package health
        file "health.go"

        func health.reachable(hosts []string, interval time.Duration, ping func(string) bool) []string @6:1 {
        \tvar up []string
        \tvar probe *time.Ticker
        \tvar ok bool
        b0:
        \tjump b1 @8:2
        b1: loop len(hosts)
        \tif ? then b2 else b6 @8:2
        b2:
        \tprobe = ticker.new interval @9:12
        \tassign ok = false @10:3
        \tjump b3 @11:3
        b3: loop 3
        \tif ? then b4 else b5 @11:3
        b4:
        \tchan.recv probe.C @12:4
        \tok = call (ping)(?) @13:9
        \tjump b3 @11:3
        b5:
        \tif ok then b7 else b1 @15:3
        b7:
        \tticker.stop probe @18:3
        \tjump b1 @20:2
        b6:
        \treturn up @21:2
        }
        """
        let findings = Harness.findings(text, only: ["TM1001"])
        #expect(Harness.summary(findings) == ["TM1001@9:12"])
        let last = try #require(findings.first?.flows.first?.threads.first?.steps.last)
        #expect(last.location.line == 15)
        #expect(last.message.contains("next iteration"))
    }

    /// Generic function, cancellation path.
    @Test func selectCaseOfCancellationLeaks() {
        let text = """
        package retry
        file "retry.go"

        func retry.Until(ctx context.Context, period time.Duration, fetch func() (T, bool)) (T, error) @9:1 {
        \tvar tick *time.Ticker
        b0:
        \ttick = ticker.new period @10:10
        \tjump b1 @11:2
        b1: loop
        \t%1, %2 = call (fetch)() @12:14
        \tif %2 then b2 else b3 @12:3
        b2:
        \tticker.stop tick @13:4
        \treturn %1, nil @14:4
        b3:
        \t%3 = ctx.done ctx @17:10
        \tselect { case recv %3 @17:3 -> b4; case recv tick.C @20:3 -> b1 } @16:3
        b4:
        \t%4 = ctx.err ctx @19:18
        \treturn ?, %4 @19:4
        }
        """
        #expect(Harness.summary(Harness.findings(text, only: ["TM1001"])) == ["TM1001@10:10"])
    }
}
