import ConcIR
import Findings
import Testing
@testable import Analyses

/// Fixes offered where one is clear, computed from positions and the
/// source text the driver hands over.
@Suite struct FixTests {
    static let poll = """
    package poller

    import "time"

    func Poll(ready func() bool, d time.Duration) bool {
    \tticker := time.NewTicker(d)
    \tfor i := 0; i < 3; i++ {
    \t\t<-ticker.C
    \t\tif ready() {
    \t\t\treturn true
    \t\t}
    \t}
    \tticker.Stop()
    \treturn false
    }
    """

    static let pollIR = """
    package poller
    file "poller.go"
    func poller.Poll(ready func() bool, d int64) bool @5:1 {
        var ticker *time.Ticker
    b0:
        ticker = ticker.new d @6:12
        jump b1 @7:2
    b1: loop 3
        if ? then b2 else b4 @7:14
    b2:
        chan.recv ticker.C @8:3
        %1 = call (ready)() @9:6
        if %1 then b3 else b1 @9:3
    b3:
        return true @10:4
    b4:
        ticker.stop ticker @13:2
        return false @14:2
    }
    """

    @Test func deferStopAfterTheTicker() throws {
        let findings = Harness.findings(Self.pollIR, only: ["TM1001"], sources: SourceText(files: ["poller.go": Self.poll]))
        let fix = try #require(findings.first?.fixes.first)
        #expect(fix.description == "insert `defer ticker.Stop()` after the ticker is created")
        #expect(fix.edits == [TextEdit(file: "poller.go", startLine: 7, startColumn: 1, endLine: 7, endColumn: 1,
                                       text: "\tdefer ticker.Stop()\n")])
    }

    @Test func noFixWithoutTheSourceText() {
        let findings = Harness.findings(Self.pollIR, only: ["TM1001"])
        #expect(findings.count == 1)
        #expect(findings.first?.fixes.isEmpty == true)
    }

    @Test func deferCancelAfterAStatementOnTwoLines() throws {
        let source = """
        package client

        import "context"

        func get(parent context.Context, check func() error) error {
        \tctx, cancel := context.WithTimeout(parent,
        \t\t5000)
        \tif err := check(); err != nil {
        \t\treturn err
        \t}
        \tdefer cancel()
        \t_ = ctx
        \treturn nil
        }
        """
        let ir = """
        package client
        file "client.go"
        func client.get(parent context.Context, check func() error) error @5:1 {
            var ctx context.Context
            var cancel context.CancelFunc
            var err error
        b0:
            ctx, cancel = ctx.withtimeout parent, 5000 @6:17
            err = call (check)() @8:12
            if ? then b1 else b2 @8:2
        b1:
            return err @9:3
        b2:
            defer ctx.cancel cancel @11:2
            return nil @13:2
        }
        """
        let findings = Harness.findings(ir, only: ["CX1001"], sources: SourceText(files: ["client.go": source]))
        #expect(Harness.summary(findings) == ["CX1001@6:17"])
        let fix = try #require(findings.first?.fixes.first)
        #expect(fix.edits == [TextEdit(file: "client.go", startLine: 8, startColumn: 1, endLine: 8, endColumn: 1,
                                       text: "\tdefer cancel()\n")])
    }

    @Test func noDeferFixForATickerMadeInALoop() {
        let ir = """
        package p
        file "p.go"
        func p.f(hosts []string, d int64) @1:1 {
            var t *time.Ticker
        b0:
            jump b1 @2:2
        b1: loop len(hosts)
            if ? then b2 else b3 @2:2
        b2:
            t = ticker.new d @3:8
            jump b1 @4:3
        b3:
            return @6:1
        }
        """
        let findings = Harness.findings(ir, only: ["TM1001"], sources: SourceText(files: ["p.go": "\n\n\t\tt := time.NewTicker(d)\n"]))
        #expect(findings.count == 1)
        #expect(findings.first?.fixes.isEmpty == true)
    }

    @Test func moveAddBeforeTheGoStatement() throws {
        let source = """
        package crawl

        import "sync"

        func FetchAll(urls []string, fetch func(string)) {
        \tvar wg sync.WaitGroup
        \tfor _, u := range urls {
        \t\tu := u
        \t\tgo func() {
        \t\t\twg.Add(1)
        \t\t\tdefer wg.Done()
        \t\t\tfetch(u)
        \t\t}()
        \t}
        \twg.Wait()
        }
        """
        let ir = """
        package crawl
        file "crawl.go"
        func crawl.FetchAll(urls []string, fetch func(string)) @5:1 {
            var wg sync.WaitGroup
        b0:
            jump b1 @7:2
        b1: loop len(urls)
            if ? then b2 else b3 @7:2
        b2:
            go crawl.FetchAll.func1() @9:3
            jump b1 @7:2
        b3:
            wg.wait wg @15:2
            return @16:1
        }
        func crawl.FetchAll.func1() @9:6 {
            parent crawl.FetchAll
            capture wg sync.WaitGroup
            capture fetch func(string)
        b0:
            wg.add wg, 1 @10:4
            defer wg.done wg @11:4
            call (fetch)(?) @12:4
            return @13:3
        }
        """
        let findings = Harness.findings(ir, only: ["WG1050"], sources: SourceText(files: ["crawl.go": source]))
        #expect(Harness.summary(findings) == ["WG1050@10:4"])
        let fix = try #require(findings.first?.fixes.first)
        #expect(fix.description == "move `wg.Add(1)` before the go statement")
        #expect(fix.edits == [
            TextEdit(file: "crawl.go", startLine: 9, startColumn: 1, endLine: 9, endColumn: 1, text: "\t\twg.Add(1)\n"),
            TextEdit(file: "crawl.go", startLine: 10, startColumn: 1, endLine: 11, endColumn: 1, text: ""),
        ])
    }

    @Test func deferredLockBecomesUnlock() throws {
        let source = "package c\n\nfunc (c *Counter) Inc() {\n\tc.mu.Lock()\n\tdefer c.mu.Lock()\n}\n"
        let ir = """
        package c
        file "c.go"
        type c.Counter struct{ mu sync.Mutex }
        func (c *c.Counter) Inc() @3:1 {
        b0:
            mutex.lock c.mu @4:2
            defer mutex.lock c.mu @5:2
            return @6:1
        }
        """
        let findings = Harness.findings(ir, only: ["MU1003"], sources: SourceText(files: ["c.go": source]))
        let fix = try #require(findings.first?.fixes.first)
        #expect(fix.edits == [TextEdit(file: "c.go", startLine: 5, startColumn: 13, endLine: 5, endColumn: 17, text: "Unlock")])
        #expect(findings.first?.message == "defer c.mu.Lock() locks the mutex when the function returns instead of unlocking it: did you mean defer c.mu.Unlock()?")
    }
}
