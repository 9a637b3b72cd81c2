import Findings
import Testing
@testable import Analyses

/// GR1050/MU1050/CX1050, GR1051 and CH1101-CH1103: which defers pile up,
/// which loops spin, which length tests stand for "closed".
@Suite struct DeferAndBusyCheckTests {
    static let header = """
        package example.com/d
        file "test.cir"
        type example.com/d.Inv struct{ mu sync.Mutex; stock map[string]int }

        """

    @Test func deferInALoopByResource() {
        let source = Self.header + """
            func example.com/d.importAll(paths []string, closers []io.Closer) {
                var p string
                var f *os.File
                var err error
                var c io.Closer
            b0:
                jump b1
            b1: loop len(paths)
                assign p = paths[]
                if ? then b2 else b3
            b2:
                f, err = call os.Open(p)
                ↓defer (*os.File).Close(f)
                jump b1
            b3:
                jump b4
            b4: loop len(closers)
                assign c = closers[]
                if ? then b5 else b6
            b5:
                defer (io.Closer).Close(c) targets []
                jump b4
            b6:
                return
            }

            func (inv *example.com/d.Inv) Reserve(items []string) {
                var ctx context.Context
                var cancel context.CancelFunc
            b0:
                jump b1
            b1: loop len(items)
                if ? then b2 else b3
            b2:
                mutex.lock inv.mu
                defer mutex.unlock inv.mu
                ctx, cancel = ctx.withcancel ?
                defer ctx.cancel cancel
                jump b1
            b3:
                return
            }
            """
        let files = SyncHarness.run(source, rule: "GR1050")
        #expect(files.actual == files.expected, "closing a list at the end is meant: only the opened file counts")
        let locks = SyncHarness.run(source, rule: "MU1050")
        #expect(locks.actual == ["39:5"])
        let cancels = SyncHarness.run(source, rule: "CX1050")
        #expect(cancels.actual == ["41:5"])
    }

    @Test func deferInARecursionCarriesThePathToTheRecursiveCall() {
        let o = SyncHarness.run(Self.header + """
            func example.com/d.walk(dir string) {
                var d *os.File
                var err error
            b0:
                d, err = call os.Open(dir)
                ↓defer (*os.File).Close(d)
                if ? then b1 else b2
            b1:
                call example.com/d.walk(dir)
                jump b2
            b2:
                return
            }
            """, rule: "GR1050")
        #expect(o.actual == o.expected)
        #expect(SyncHarness.steps(o.findings.first) == [
            "9 d.Close() is deferred here", "10 the condition is true", "12 d.walk calls itself with the resource still held",
        ])
    }

    /// The fix wraps the body of a loop that has no return in a function
    /// literal, indented one level deeper than the `for`.
    @Test func wrappingFixForABodyWithoutReturns() throws {
        let go = "package d\n\nfunc each(paths []string) {\n\tfor _, p := range paths {\n"
            + "\t\tf, _ := os.Open(p)\n\t\tdefer f.Close()\n\t\tuse(f)\n\t}\n}\n"
        let o = SyncHarness.run(Self.header + """
            func example.com/d.each(paths []string) @3:1 {
                var p string
                var f *os.File
                var err error
            b0:
                jump b1 @4:2
            b1: loop len(paths)
                assign p = paths[] @4:2
                if ? then b2 else b3 @4:2
            b2:
                f, err = call os.Open(p) @5:11
                defer (*os.File).Close(f) @6:3
                use f @7:3
                jump b1 @8:2
            b3:
                return @9:1
            }
            """, rule: "GR1050", goSource: go)
        #expect(o.actual == ["6:3"])
        let edits = try #require(o.findings.first?.fixes.first?.edits)
        #expect(edits.map { "\($0.startLine):\($0.startColumn) \($0.text)" } == ["5:1 \t\tfunc() {\n", "8:1 \t\t}()\n"])
    }

    /// A receiver the IR cannot name (an element, `files[i]`) is spelled
    /// as the defer statement writes it, or `…` without the file's text,
    /// never as a made-up name.
    @Test func anElementReceiverIsSpelledFromTheSource() {
        let go = "package d\n\nfunc open(paths []string) {\n\tfiles := make([]*os.File, len(paths))\n"
            + "\tfor i := range paths {\n\t\tfiles[i], _ = os.Open(paths[i])\n\t\tdefer files[i].Close() // all at the end\n\t}\n}\n"
        let ir = Self.header + """
            func example.com/d.open(paths []string) @3:1 {
                var files []*os.File
                var err error
            b0:
                %1 = alloc.make []*os.File, ?
                assign files = %1 @4:2
                jump b1 @5:2
            b1: loop len(paths)
                if ? then b2 else b3 @5:2
            b2:
                files[], err = call os.Open(?) @6:17
                defer (*os.File).Close(files[]) @7:3
                jump b1 @8:2
            b3:
                return @9:1
            }
            """
        let withText = SyncHarness.run(ir, rule: "GR1050", goSource: go)
        #expect(withText.actual == ["7:3"])
        #expect(withText.findings.first?.message.hasPrefix("defer files[i].Close() in a loop runs only when") == true)
        let withoutText = SyncHarness.run(ir, rule: "GR1050")
        #expect(withoutText.findings.first?.message.hasPrefix("defer ….Close() in a loop runs only when") == true)
    }

    /// In a three-clause loop the body ends before the post statement
    /// (`i++`, a block on the `for` line); a `continue` there would not
    /// compile inside the literal, so that loop gets no fix.
    @Test func wrappingFixForAThreeClauseLoopButNotWithContinue() throws {
        let go = """
            package d

            func three(paths []string) {
            \tfor i := 0; i < len(paths); i++ {
            \t\tf, err := os.Open(paths[i])
            \t\tif err != nil {
            \t\t\tcontinue
            \t\t}
            \t\tdefer f.Close()
            \t\tuse(f)
            \t}
            }

            func plain(paths []string) {
            \tfor i := 0; i < len(paths); i++ {
            \t\tf, _ := os.Open(paths[i])
            \t\tdefer f.Close()
            \t\tuse(f)
            \t}
            }

            """
        let o = SyncHarness.run(Self.header + """
            func example.com/d.three(paths []string) @3:1 {
                var i int
                var f *os.File
                var err error
            b0:
                assign i = 0 @4:6
                jump b1 @4:2
            b1: loop len(paths)
                if ? then b2 else b4 @4:14
            b2:
                f, err = call os.Open(paths[]) @5:13
                if ? then b5 else b6 @6:6
            b3:
                jump b1 @4:30
            b4:
                return @12:1
            b5:
                jump b3 @7:4
            b6:
                jump b7 @6:3
            b7:
                defer (*os.File).Close(f) @9:3
                use f @10:3
                jump b3 @11:2
            }

            func example.com/d.plain(paths []string) @14:1 {
                var i int
                var f *os.File
                var err error
            b0:
                assign i = 0 @15:6
                jump b1 @15:2
            b1: loop len(paths)
                if ? then b2 else b4 @15:14
            b2:
                f, err = call os.Open(paths[]) @16:11
                defer (*os.File).Close(f) @17:3
                use f @18:3
                jump b3 @19:2
            b3:
                jump b1 @15:30
            b4:
                return @20:1
            }
            """, rule: "GR1050", goSource: go)
        #expect(o.actual == ["17:3", "9:3"])
        let edits = o.findings.map { f in f.fixes.flatMap(\.edits).map { "\($0.startLine):\($0.startColumn) \($0.text)" } }
        #expect(edits == [[], ["16:1 \t\tfunc() {\n", "19:1 \t\t}()\n"]])
    }

    @Test func aDeferredClosureHoldingABigBufferInALongLoop() {
        let o = SyncHarness.run(Self.header + """
            func example.com/d.serve(reqs chan string) {
                var buf []byte
                var r string
                var ok bool
            b0:
                %1 = alloc.make []byte, 33554432
                assign buf = %1
                ↓defer call example.com/d.serve.func1()
                jump b1
            b1: loop
                r, ok = range chan.recv reqs
                if ok then b1 else b2
            b2:
                return
            }

            func example.com/d.serve.func1() {
                parent example.com/d.serve
                capture buf []byte
            b0:
                use buf
                return
            }
            """, rule: "GR1051")
        #expect(o.actual == o.expected)
    }

    @Test func selectWithAnIdleDefaultSpins() {
        let o = SyncHarness.run(Self.header + """
            func example.com/d.poll(jobs chan string, quit chan int) {
            b0:
                jump b1
            b1: loop
                ↓select { case recv jobs -> b1; case recv quit -> b2; default -> b1 }
            b2:
                return
            }

            func example.com/d.backoff(jobs chan string) {
            b0:
                jump b1
            b1: loop
                select { case recv jobs -> b3; default -> b2 }
            b2:
                time.sleep 1000000
                jump b1
            b3:
                return
            }

            func example.com/d.try(jobs chan string) bool {
            b0:
                jump b1
            b1: loop
                select { case recv jobs -> b1; default -> b2 }
            b2:
                return false
            }
            """, rule: "CH1101")
        #expect(o.actual == o.expected)
    }

    @Test func pollingLoopsAndLoopsThatWaitOrWork() {
        let o = SyncHarness.run(Self.header + """
            func example.com/d.spin(ch chan int, n *int32) {
                var i int
            b0:
                jump b1
            b1: loop
                %1 = chan.len ch
                ↓if ? then b1 else b2
            b2:
                jump b3
            b3: loop
                %2 = atomic.load *n
                ↓if ? then b3 else b4
            b4:
                jump b5
            b5: loop
                %3 = chan.len ch
                chan.recv ch
                if ? then b5 else b6
            b6:
                jump b7
            b7: loop
                %4 = atomic.load *n
                assign i = ?
                if ? then b7 else b8
            b8:
                jump b9
            b9: loop
                %5 = atomic.load *n
                %6 = atomic.cas *n, %5, ?
                if ? then b9 else b10
            b10:
                return
            }
            """, rule: "CH1102")
        #expect(o.actual == o.expected)
    }

    @Test func lengthTestEndingAReceiveLoopWhileGoroutinesSend() {
        let o = SyncHarness.run(Self.header + """
            func example.com/d.collect(n int) {
                var results chan int
            b0:
                results = chan.make int, 8
                go example.com/d.produce(results)
                jump b1
            b1: loop
                ↓%1 = chan.len results
                if ? then b2 else b3
            b2:
                return
            b3:
                chan.recv results
                jump b1
            }

            func example.com/d.drain(ch chan int) {
            b0:
                jump b1
            b1: loop
                %1 = chan.len ch
                if ? then b2 else b3
            b2:
                return
            b3:
                chan.recv ch
                jump b1
            }

            func example.com/d.produce(out chan int) {
            b0:
                chan.send out, 1
                return
            }
            """, rule: "CH1103")
        #expect(o.actual == o.expected)
    }
}
